/** Resolving the `channel` argument the way Slack does: an id, a name (with or without `#`), or a user id (DM). */
import type { ChannelInfo } from '../types.js';
import type { MethodContext } from './method.js';

export function resolveChannel(
  context: Pick<MethodContext, 'state' | 'workspace'>,
  raw: string | undefined,
): ChannelInfo | undefined {
  if (!raw) return undefined;
  const found = context.state.channel(raw);
  if (found) return found;
  // chat.postMessage to a user id posts in the bot's DM with that user.
  const user = context.workspace.users.get(raw);
  if (user && !user.isBot) return context.state.openDm(user.id, user.name);
  return undefined;
}
