/** `/sre help`: the commands, who may approve, and how to configure approvers (ephemeral reply). */
import type { KnownBlock } from '@slack/types';
import { context, header, message, section, type SlackMessage } from './message.js';
import { bullets, escapeMrkdwn, mention } from './mrkdwn.js';

export type HelpInput = {
  /** SRE_APPROVERS split into users and user groups; undefined when it is not set. */
  approvers: { users: readonly string[]; groups: readonly string[] } | undefined;
  /** SRE_NAMESPACES (`*` = all but the system namespaces). */
  namespaces: readonly string[];
  /** LLM_PROVIDER. */
  llmProvider?: 'none' | 'openai' | 'ollama';
};

export function buildHelp(input: HelpInput): SlackMessage {
  const blocks: KnownBlock[] = [
    header('sre-bot: Kubernetes incident help'),
    section(
      [
        '*Commands*',
        bullets([
          '`/sre diagnose NAMESPACE[/DEPLOYMENT] [--dry-run]`: diagnose a namespace or one deployment and post an incident card with the proposed fix; `--dry-run` also shows the API server’s dry-run diff of that fix.',
          '`/sre status`: list the open incidents.',
          '`/sre help`: this message.',
        ]),
        'Nothing changes in the cluster until an approver presses *Approve* on the card. *Dry run* shows the change without making it; *Reject* closes the incident; *Undo* reverts an applied fix.',
      ].join('\n'),
    ),
    section(`*Who may approve*\n${approversText(input.approvers)}`),
    context([
      `Namespaces the bot may act in: ${namespacesText(input.namespaces)}  ·  LLM: ${escapeMrkdwn(input.llmProvider ?? 'none')}`,
    ]),
  ];
  return message(
    'sre-bot help: /sre diagnose NAMESPACE[/DEPLOYMENT] [--dry-run], /sre status, /sre help',
    blocks,
  );
}

function approversText(approvers: HelpInput['approvers']): string {
  const how =
    'Set `SRE_APPROVERS` to a comma list of Slack user IDs (`U…`) and user-group IDs (`S…`), e.g. `SRE_APPROVERS=U024BE7LH,S0614TZR7`, and restart the bot. A user ID is under *Profile → ⋮ → Copy member ID*.';
  if (!approvers || approvers.users.length + approvers.groups.length === 0)
    return `No approvers are configured, so every approval is refused.\n${how}`;
  const people = [...approvers.users, ...approvers.groups].slice(0, 20).map((id) => mention(id));
  return `${people.join(', ')} (members of a group count as approvers).\n${how}`;
}

function namespacesText(namespaces: readonly string[]): string {
  if (namespaces.includes('*')) return 'all except `kube-system`, `kube-public`, `kube-node-lease`';
  return namespaces.map((namespace) => `\`${escapeMrkdwn(namespace)}\``).join(', ') || 'none';
}
