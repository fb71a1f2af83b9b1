/**
 * Ephemeral errors and refusals: each says what happened and what to do next. Never the only record of
 * anything (ephemeral messages vanish, §A4): refusals of approvals are also in the incident's audit trail.
 */
import { message, section, type SlackMessage } from './message.js';
import { escapeAndClip, inlineCode, mention } from './mrkdwn.js';

export type ErrorNotice =
  | { kind: 'unknown-namespace'; namespace: string; suggestions: readonly string[] }
  | { kind: 'namespace-not-allowed'; namespace: string; allowed: readonly string[] }
  /** `approvers` undefined: SRE_APPROVERS is not set at all. */
  | { kind: 'not-an-approver'; user: string; approvers: readonly string[] | undefined }
  | { kind: 'stale-proposal'; reason: string }
  | { kind: 'already-handled'; by: string | undefined; what: string }
  | { kind: 'api-refused'; message: string; operation: string }
  | { kind: 'invalid-command'; problem: string };

export function buildErrorNotice(notice: ErrorNotice): SlackMessage {
  const text = noticeText(notice);
  return message(text, [section(text)]);
}

function noticeText(notice: ErrorNotice): string {
  switch (notice.kind) {
    case 'unknown-namespace': {
      const suggestions = notice.suggestions.slice(0, 5).map((name) => inlineCode(name, 100));
      const hint = suggestions.length > 0 ? ` Did you mean ${suggestions.join(', ')}?` : '';
      return `⚠️ Namespace ${inlineCode(notice.namespace, 100)} does not exist.${hint}`;
    }
    case 'namespace-not-allowed': {
      const allowed = notice.allowed.slice(0, 10).map((name) => inlineCode(name, 100));
      return `🚫 The bot may not act in ${inlineCode(notice.namespace, 100)}. Allowed: ${allowed.join(', ') || 'none'} (set by \`SRE_NAMESPACES\`).`;
    }
    case 'not-an-approver':
      return notApprover(notice.user, notice.approvers);
    case 'stale-proposal':
      return `🔄 Not applied, the proposal is stale: ${escapeAndClip(notice.reason, 600)}. Run \`/sre diagnose\` again for a fresh proposal.`;
    case 'already-handled':
      return `ℹ️ Already ${escapeAndClip(notice.what, 100)}${notice.by ? ` by ${mention(notice.by)}` : ''}; nothing more to do.`;
    case 'api-refused':
      return `❌ The Kubernetes API refused the ${escapeAndClip(notice.operation, 100)}: ${escapeAndClip(notice.message, 1500)}`;
    case 'invalid-command':
      return `⚠️ ${escapeAndClip(notice.problem, 500)}\nUsage: \`/sre diagnose NAMESPACE[/DEPLOYMENT] [--dry-run]\`, \`/sre status\`, \`/sre help\``;
  }
}

function notApprover(user: string, approvers: readonly string[] | undefined): string {
  const how =
    'An admin adds user IDs (`U…`) or user-group IDs (`S…`) to `SRE_APPROVERS` (comma list) and restarts the bot.';
  if (!approvers || approvers.length === 0)
    return `🔒 ${mention(user)}, approvals are refused: no approvers are configured. ${how}`;
  const listed = approvers
    .slice(0, 8)
    .map((id) => mention(id))
    .join(', ');
  return `🔒 ${mention(user)}, only approvers can do this (${listed}). ${how} Your user ID: ${inlineCode(user, 100)}.`;
}
