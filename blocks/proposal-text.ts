/**
 * How a proposal reads in messages: the catalog's one-line description (the exact change), its risk, and
 * whether the bot can execute it at all.
 */
import { actionFor } from '../src/actions/index.js';
import { ManualParams } from '../src/actions/manual.js';
import type { Risk } from '../src/domain/categories.js';
import type { Proposal } from '../src/domain/proposal.js';
import { escapeAndClip, inlineCode } from './mrkdwn.js';

/** `manual` proposals are instructions for a human: no button may ever apply them. */
export function isExecutable(proposal: Pick<Proposal, 'action'>): boolean {
  return proposal.action !== 'manual';
}

/**
 * The catalog's description of the change (`set env REQUIRED_CONFIG from ConfigMap … on deployment/payments`).
 * Params are checked against the action's schema first: `describe` trusts its input and would print
 * `undefined` for a stored proposal of an older format; then the stored summary or a generic line stands in,
 * because a card must render whatever the store holds.
 */
export function describeProposal(proposal: Proposal): string {
  const action = actionFor(proposal.action);
  const params = action.params.safeParse(proposal.params);
  if (params.success) {
    try {
      return action.describe(proposal.target, params.data);
    } catch {
      // Fall through to the stored wording.
    }
  }
  return proposal.summary ?? `${proposal.action} on ${targetLabel(proposal.target)}`;
}

export function targetLabel(target: Proposal['target']): string {
  const name = `${target.kind.toLowerCase()}/${target.name}`;
  return target.container ? `${name} container ${target.container}` : name;
}

const RISK_EMOJI: Record<Risk, string> = { low: '🟢', medium: '🟡', high: '🔴' };

/** `🟢 low risk` */
export function riskLabel(risk: Risk): string {
  return `${RISK_EMOJI[risk]} ${risk} risk`;
}

/** The change as inline code, the way cards and thread messages name it. */
export function changeCode(proposal: Proposal, max = 500): string {
  return inlineCode(describeProposal(proposal), max);
}

/** The instruction and commands of a manual proposal, or undefined when its params are not a valid instruction. */
export function manualInstruction(
  proposal: Proposal,
): { instruction: string; commands: string[] } | undefined {
  const parsed = ManualParams.safeParse(proposal.params);
  if (!parsed.success) return undefined;
  return { instruction: parsed.data.instruction, commands: parsed.data.commands ?? [] };
}

/** A short escaped line for a proposal that failed validation: what was proposed (as far as it can be read). */
export function droppedDraftLabel(draft: unknown): string {
  const record = typeof draft === 'object' && draft !== null ? (draft as Record<string, unknown>) : {};
  const action = typeof record.action === 'string' ? record.action : 'unknown action';
  const target = typeof record.target === 'object' && record.target !== null ? record.target : {};
  const name = (target as Record<string, unknown>).name;
  return escapeAndClip(typeof name === 'string' ? `${action} on ${name}` : action, 120);
}
