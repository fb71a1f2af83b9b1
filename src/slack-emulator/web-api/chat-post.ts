/** chat.postMessage: per-channel rate tracking (and optional 429s), content checks, threads and broadcasts. */
import { z } from 'zod';
import { resolveChannel } from './channels.js';
import { checkContent, contentOf } from './content.js';
import { defineMethod, fail, ok, type ApiReply } from './method.js';
import { storeBotMessage, threadRoot } from './post.js';
import { boolish, contentFields, jsonObjectField, tsString } from './args.js';
import { toSlackMessage } from './serialize.js';

const args = z.looseObject({
  channel: z.string().optional(),
  ...contentFields,
  thread_ts: tsString.optional(),
  reply_broadcast: boolish.optional(),
  unfurl_links: boolish.optional(),
  unfurl_media: boolish.optional(),
  mrkdwn: boolish.optional(),
  metadata: jsonObjectField.optional(),
});

function rateLimited(retryAfterSeconds: number): ApiReply {
  return {
    status: 429,
    headers: { 'Retry-After': String(retryAfterSeconds) },
    body: { ok: false, error: 'ratelimited' },
    violations: [],
  };
}

export const chatPostMessage = defineMethod(args, (input, context) => {
  const channel = resolveChannel(context, input.channel);
  if (!channel) return fail('channel_not_found');
  const decision = context.rate.attempt(channel.id, context.now());
  if (!decision.allowed) return rateLimited(decision.retryAfterSeconds);
  const thread = threadRoot(context, channel.id, input.thread_ts);
  if (!thread.ok) return fail(thread.error);
  const checked = checkContent(
    context,
    'chat.postMessage',
    { channel: channel.id, ts: undefined },
    contentOf(input),
  );
  if (!checked.ok) return checked.reply;
  const message = storeBotMessage(context, channel, checked.content, {
    rootTs: thread.rootTs,
    broadcast: input.reply_broadcast ?? false,
    unfurlLinks: input.unfurl_links,
    unfurlMedia: input.unfurl_media,
    via: 'chat.postMessage',
  });
  return ok({
    channel: channel.id,
    ts: message.ts,
    message: toSlackMessage(message, context.state, context.workspace),
  });
});
