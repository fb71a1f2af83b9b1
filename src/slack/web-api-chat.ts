/**
 * ChatPort over @slack/web-api with Slack's rate limits respected in code: chat.postMessage at most one per
 * second per channel (Slack's "special" tier), chat.update through a workspace-wide limiter (Tier 3) with
 * successive updates of one message coalesced into the latest, and 429s retried after Retry-After by the
 * WebClient itself. Failures become coded SlackErrors.
 */
import type { WebClient } from '@slack/web-api';
import Bottleneck from 'bottleneck';
import type { SlackMessage } from '../../blocks/message.js';
import { SlackError } from '../errors.js';
import type { ChatPort, PostOptions } from './chat-port.js';

export type WebApiChatOptions = {
  /** Minimum ms between two chat.postMessage calls to one channel (Slack: ~1/s). */
  postIntervalMs?: number;
  /** Minimum ms between two chat.update calls in the workspace (Tier 3: 50+/min). */
  updateIntervalMs?: number;
  /** Called on every Slack API failure (metrics). */
  onError?: (method: string, error: unknown) => void;
};

export function createWebApiChat(client: WebClient, options: WebApiChatOptions = {}): ChatPort {
  const postLimiters = new Bottleneck.Group({ maxConcurrent: 1, minTime: options.postIntervalMs ?? 1000 });
  const updateLimiter = new Bottleneck({ maxConcurrent: 1, minTime: options.updateIntervalMs ?? 1200 });
  /** The newest content waiting to be sent per message: an update queued behind another replaces it. */
  const pendingUpdates = new Map<
    string,
    { message: SlackMessage; waiters: { resolve: () => void; reject: (error: unknown) => void }[] }
  >();

  const call = async <T>(method: string, work: () => Promise<T>): Promise<T> => {
    try {
      return await work();
    } catch (error) {
      options.onError?.(method, error);
      const code = (error as { data?: { error?: string } }).data?.error ?? (error as Error).message;
      throw new SlackError('slack_error', `Slack ${method} failed: ${code}`, { cause: error });
    }
  };

  return {
    async post(channel: string, message: SlackMessage, postOptions: PostOptions = {}) {
      const response = await postLimiters.key(channel).schedule(() =>
        call('chat.postMessage', () =>
          client.chat.postMessage(
            postOptions.threadTs
              ? {
                  channel,
                  text: message.text,
                  blocks: message.blocks,
                  thread_ts: postOptions.threadTs,
                  reply_broadcast: postOptions.broadcast ?? false,
                  unfurl_links: false,
                  unfurl_media: false,
                }
              : {
                  channel,
                  text: message.text,
                  blocks: message.blocks,
                  unfurl_links: false,
                  unfurl_media: false,
                },
          ),
        ),
      );
      if (!response.ts) throw new SlackError('slack_error', 'Slack chat.postMessage returned no ts');
      return { channel: response.channel ?? channel, ts: response.ts };
    },

    update(channel: string, ts: string, message: SlackMessage) {
      const key = `${channel}/${ts}`;
      return new Promise<void>((resolve, reject) => {
        const pending = pendingUpdates.get(key);
        if (pending) {
          pending.message = message;
          pending.waiters.push({ resolve, reject });
          return;
        }
        pendingUpdates.set(key, { message, waiters: [{ resolve, reject }] });
        updateLimiter
          .schedule(async () => {
            const entry = pendingUpdates.get(key)!;
            pendingUpdates.delete(key);
            try {
              await call('chat.update', () =>
                client.chat.update({ channel, ts, text: entry.message.text, blocks: entry.message.blocks }),
              );
              for (const waiter of entry.waiters) waiter.resolve();
            } catch (error) {
              for (const waiter of entry.waiters) waiter.reject(error);
            }
          })
          .catch(reject);
      });
    },

    async postEphemeral(
      channel: string,
      user: string,
      message: SlackMessage,
      ephemeralOptions: { threadTs?: string } = {},
    ) {
      await call('chat.postEphemeral', () =>
        client.chat.postEphemeral({
          channel,
          user,
          text: message.text,
          blocks: message.blocks,
          ...(ephemeralOptions.threadTs ? { thread_ts: ephemeralOptions.threadTs } : {}),
        }),
      );
    },

    async usergroupMembers(group: string) {
      const response = await call('usergroups.users.list', () =>
        client.usergroups.users.list({ usergroup: group }),
      );
      return response.users ?? [];
    },
  };
}
