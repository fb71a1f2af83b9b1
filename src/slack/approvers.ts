/**
 * Who may approve: SRE_APPROVERS user IDs, plus members of its user groups (usergroups.users.list is Tier 2,
 * so membership is cached for a few minutes). Unset SRE_APPROVERS refuses everyone, with a message saying how
 * to set it: a bot with write access must never default to "anyone may approve".
 */
import type { Clock } from '../clock.js';
import type { ChatPort } from './chat-port.js';

export type ApproverDecision = { allowed: true; via: string } | { allowed: false; reason: string };

export type ApproverCheck = (user: string) => Promise<ApproverDecision>;

const CACHE_MS = 5 * 60 * 1000;

export function createApproverCheck(
  approvers: { users: string[]; groups: string[] } | undefined,
  chat: Pick<ChatPort, 'usergroupMembers'>,
  clock: Clock,
): ApproverCheck {
  const cache = new Map<string, { members: Set<string>; until: number }>();
  const membersOf = async (group: string): Promise<Set<string>> => {
    const cached = cache.get(group);
    if (cached && cached.until > clock.now().getTime()) return cached.members;
    const members = new Set(await chat.usergroupMembers(group));
    cache.set(group, { members, until: clock.now().getTime() + CACHE_MS });
    return members;
  };

  return async (user) => {
    if (!approvers || (approvers.users.length === 0 && approvers.groups.length === 0)) {
      return {
        allowed: false,
        reason:
          'No approvers are configured, so sre-bot refuses every approval. Set SRE_APPROVERS to a comma list of Slack user IDs (U…) and user-group IDs (S…) and restart the bot.',
      };
    }
    if (approvers.users.includes(user)) return { allowed: true, via: 'SRE_APPROVERS' };
    for (const group of approvers.groups) {
      try {
        if ((await membersOf(group)).has(user)) return { allowed: true, via: `user group ${group}` };
      } catch {
        // A group we cannot read grants nothing; the others may still.
      }
    }
    const listed = [
      ...approvers.users.map((id) => `<@${id}>`),
      ...approvers.groups.map((id) => `<!subteam^${id}>`),
    ];
    return {
      allowed: false,
      reason: `Only approvers may do this (${listed.join(', ')}). Ask one of them, or have SRE_APPROVERS changed.`,
    };
  };
}
