/** Stored messages as Slack's Web API returns them (conversations.replies, chat.postMessage's `message`). */
import type { EmulatorState } from '../state.js';
import type { EmulatedMessage } from '../types.js';
import type { Workspace } from '../workspace.js';

export function threadReplies(state: EmulatorState, channel: string, rootTs: string): EmulatedMessage[] {
  return state.channelMessages(channel).filter((message) => message.threadTs === rootTs);
}

export function toSlackMessage(
  message: EmulatedMessage,
  state: EmulatorState,
  workspace: Workspace,
): Record<string, unknown> {
  const replies = message.threadTs === undefined ? threadReplies(state, message.channel, message.ts) : [];
  const last = replies.at(-1);
  return {
    type: 'message',
    ...(message.broadcast ? { subtype: 'thread_broadcast' } : {}),
    text: message.text,
    user: message.user,
    ...(message.botId ? { bot_id: message.botId, app_id: workspace.bot.appId } : {}),
    team: workspace.team.id,
    ts: message.ts,
    ...(message.blocks.length > 0 ? { blocks: message.blocks } : {}),
    ...(message.attachments.length > 0 ? { attachments: message.attachments } : {}),
    // Slack gives roots with replies and every reply a thread_ts (the root's ts).
    ...(message.threadTs !== undefined
      ? {
          thread_ts: message.threadTs,
          parent_user_id: state.findMessage(message.channel, message.threadTs)?.user ?? workspace.bot.userId,
        }
      : {}),
    ...(last
      ? {
          thread_ts: message.ts,
          reply_count: replies.length,
          reply_users: [...new Set(replies.map((reply) => reply.user))],
          latest_reply: last.ts,
        }
      : {}),
    ...(message.history.length > 0
      ? {
          edited: {
            user: message.user,
            ts: String(Math.floor((message.history.at(-1)?.replacedAt ?? 0) / 1000)),
          },
        }
      : {}),
    ...(message.reactions.length > 0
      ? {
          reactions: message.reactions.map((reaction) => ({
            name: reaction.name,
            users: reaction.users,
            count: reaction.users.length,
          })),
        }
      : {}),
  };
}
