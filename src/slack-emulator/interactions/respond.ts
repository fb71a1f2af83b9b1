/**
 * What Slack does with a message sent back for an interaction — a POST to its response_url, or the body of a
 * slash command's ack: show it to the invoker only (ephemeral, the default), post it in the channel
 * (`response_type: in_channel`), replace the original (`replace_original`) or delete it (`delete_original`).
 */
import { z } from 'zod';
import { boolish, contentFields, tsString } from '../web-api/args.js';
import { checkContent, contentOf } from '../web-api/content.js';
import type { ApiReply, MethodContext } from '../web-api/method.js';
import { storeBotMessage, threadRoot } from '../web-api/post.js';
import type { MessageRef, ResponseTarget } from './response-urls.js';

export const responseBody = z.looseObject({
  ...contentFields,
  response_type: z.enum(['ephemeral', 'in_channel']).optional(),
  replace_original: boolish.optional(),
  delete_original: boolish.optional(),
  thread_ts: tsString.optional(),
});

export type ResponseBody = z.infer<typeof responseBody>;

function reply(status: number, body: { ok: boolean; error?: string }, violations: string[] = []): ApiReply {
  return { status, headers: {}, body, violations };
}

function findOriginal(context: MethodContext, target: ResponseTarget, ref: MessageRef | undefined) {
  if (!ref) return undefined;
  if (ref.ephemeral) {
    const ephemeral = context.state.findEphemeral(target.user, ref.ts);
    return ephemeral ? ({ kind: 'ephemeral', ephemeral } as const) : undefined;
  }
  const message = context.state.findMessage(target.channel, ref.ts);
  return message ? ({ kind: 'message', message } as const) : undefined;
}

/**
 * Applies one response for `target` (its use count is the caller's business). `via` says where it came from
 * (`response_url` or `ack`) for the stored message and the call log.
 */
export function applyResponse(
  context: MethodContext,
  target: ResponseTarget,
  body: ResponseBody,
  via: 'response_url' | 'ack',
): ApiReply {
  const original = findOriginal(context, target, target.original);
  if (body.delete_original === true) {
    if (!original) return reply(404, { ok: false, error: 'message_not_found' });
    if (original.kind === 'ephemeral') context.state.removeEphemeral(original.ephemeral);
    else context.state.removeMessage(original.message);
    return reply(200, { ok: true });
  }
  const where = {
    channel: target.channel,
    ts: original?.kind === 'message' ? original.message.ts : undefined,
  };
  const checked = checkContent(context, via, where, contentOf(body));
  if (!checked.ok) return { ...checked.reply, status: 400 };
  if (body.replace_original === true && original) {
    if (original.kind === 'ephemeral')
      context.state.replaceEphemeral(original.ephemeral, checked.content, via);
    else context.state.replaceMessage(original.message, checked.content, via);
    return reply(200, { ok: true });
  }
  if (body.response_type === 'in_channel') {
    const channel = context.state.channel(target.channel);
    const thread = threadRoot(context, target.channel, body.thread_ts);
    if (!channel) return reply(404, { ok: false, error: 'channel_not_found' });
    if (!thread.ok) return reply(404, { ok: false, error: thread.error });
    const message = storeBotMessage(context, channel, checked.content, {
      rootTs: thread.rootTs,
      broadcast: false,
      via,
    });
    // For commands, a later replace_original/delete_original on this URL means this message.
    if (target.kind === 'command') target.original = { ts: message.ts, ephemeral: false };
    return reply(200, { ok: true });
  }
  const ts = context.nextTs();
  context.state.addEphemeral({
    channel: target.channel,
    user: target.user,
    ts,
    threadTs: body.thread_ts,
    ...checked.content,
    via,
    from: 'bot',
    history: [],
  });
  if (target.kind === 'command') target.original = { ts, ephemeral: true };
  return reply(200, { ok: true });
}
