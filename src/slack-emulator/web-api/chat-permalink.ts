/** chat.getPermalink: a link to the message in the emulator's console, shaped like Slack's archive links. */
import { z } from 'zod';
import { resolveChannel } from './channels.js';
import { defineMethod, fail, ok } from './method.js';
import { tsString } from './args.js';

const args = z.looseObject({ channel: z.string().optional(), message_ts: tsString.optional() });

export const chatGetPermalink = defineMethod(args, (input, context) => {
  const channel = resolveChannel(context, input.channel);
  if (!channel) return fail('channel_not_found');
  const message =
    input.message_ts === undefined ? undefined : context.state.findMessage(channel.id, input.message_ts);
  if (!message) return fail('message_not_found');
  const path = `${context.baseUrl}/archives/${channel.id}/p${message.ts.replace('.', '')}`;
  const query = message.threadTs !== undefined ? `?thread_ts=${message.threadTs}&cid=${channel.id}` : '';
  return ok({ channel: channel.id, permalink: `${path}${query}` });
});
