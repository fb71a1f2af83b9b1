/** Storing a new bot message (chat.postMessage, or an in_channel response_url post), root or thread reply. */
import type { MessageContent } from '../state.js';
import type { ChannelInfo, EmulatedMessage } from '../types.js';
import type { MethodContext } from './method.js';

export type ThreadTarget = { ok: true; rootTs: string | undefined } | { ok: false; error: string };

/**
 * The thread a reply belongs to. Slack files a reply to a reply under the root; a thread_ts that matches no
 * message is refused here (Slack would post an orphan nobody sees — a bug the tests should see instead).
 */
export function threadRoot(
  context: Pick<MethodContext, 'state'>,
  channel: string,
  threadTs: string | undefined,
): ThreadTarget {
  if (threadTs === undefined || threadTs === '') return { ok: true, rootTs: undefined };
  const parent = context.state.findMessage(channel, threadTs);
  if (!parent) return { ok: false, error: 'thread_not_found' };
  return { ok: true, rootTs: parent.threadTs ?? parent.ts };
}

export function storeBotMessage(
  context: Pick<MethodContext, 'state' | 'workspace' | 'nextTs'>,
  channel: ChannelInfo,
  content: MessageContent,
  options: {
    rootTs: string | undefined;
    broadcast: boolean;
    unfurlLinks?: boolean | undefined;
    unfurlMedia?: boolean | undefined;
    via: string;
  },
): EmulatedMessage {
  const message: EmulatedMessage = {
    channel: channel.id,
    ts: context.nextTs(),
    threadTs: options.rootTs,
    // reply_broadcast means nothing without a thread; Slack ignores it there.
    broadcast: options.rootTs !== undefined && options.broadcast,
    user: context.workspace.bot.userId,
    botId: context.workspace.bot.botId,
    ...content,
    unfurlLinks: options.unfurlLinks,
    unfurlMedia: options.unfurlMedia,
    reactions: [],
    history: [],
    via: options.via,
  };
  context.state.addMessage(message);
  return message;
}
