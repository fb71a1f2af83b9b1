/** chat.update and chat.delete: only on messages the bot posted, as Slack allows with a bot token. */
import { z } from 'zod';
import { resolveChannel } from './channels.js';
import { checkContent } from './content.js';
import { defineMethod, fail, ok } from './method.js';
import { boolish, contentFields, tsString } from './args.js';
import { toSlackMessage } from './serialize.js';

const updateArgs = z.looseObject({
  channel: z.string().optional(),
  ts: tsString.optional(),
  ...contentFields,
  reply_broadcast: boolish.optional(),
});

export const chatUpdate = defineMethod(updateArgs, (input, context) => {
  const channel = resolveChannel(context, input.channel);
  if (!channel) return fail('channel_not_found');
  const message = input.ts === undefined ? undefined : context.state.findMessage(channel.id, input.ts);
  if (!message) return fail('message_not_found');
  if (!message.botId) return fail('cant_update_message');
  // Slack keeps what an update leaves out (blocks, attachments) and clears it when given an empty array.
  const content = {
    text: input.text ?? message.text,
    blocks: input.blocks ?? message.blocks,
    attachments: input.attachments ?? message.attachments,
  };
  if (input.text === undefined && input.blocks === undefined && input.attachments === undefined)
    return fail('no_text');
  const checked = checkContent(context, 'chat.update', { channel: channel.id, ts: message.ts }, content);
  if (!checked.ok) return checked.reply;
  context.state.replaceMessage(message, checked.content, 'chat.update');
  if (input.reply_broadcast === true && message.threadTs !== undefined && !message.broadcast) {
    message.broadcast = true;
    context.state.touch();
  }
  const serialized = toSlackMessage(message, context.state, context.workspace);
  return ok({ channel: channel.id, ts: message.ts, text: message.text, message: serialized });
});

const deleteArgs = z.looseObject({ channel: z.string().optional(), ts: tsString.optional() });

export const chatDelete = defineMethod(deleteArgs, (input, context) => {
  const channel = resolveChannel(context, input.channel);
  if (!channel) return fail('channel_not_found');
  const message = input.ts === undefined ? undefined : context.state.findMessage(channel.id, input.ts);
  if (!message) return fail('message_not_found');
  if (!message.botId) return fail('cant_delete_message');
  context.state.removeMessage(message);
  return ok({ channel: channel.id, ts: message.ts });
});
