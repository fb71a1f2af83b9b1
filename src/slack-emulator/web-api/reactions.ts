/** reactions.add: the bot's emoji reactions (Botkube-style :eyes: → :white_check_mark: progress marks). */
import { z } from 'zod';
import { resolveChannel } from './channels.js';
import { defineMethod, fail, ok } from './method.js';
import { tsString } from './args.js';

const args = z.looseObject({
  channel: z.string().optional(),
  timestamp: tsString.optional(),
  name: z.string().optional(),
});

export const reactionsAdd = defineMethod(args, (input, context) => {
  const channel = resolveChannel(context, input.channel);
  if (!channel) return fail('channel_not_found');
  const name = (input.name ?? '').replace(/^:|:$/g, '');
  if (!/^[a-z0-9_+'-]+$/.test(name)) return fail('invalid_name');
  const message =
    input.timestamp === undefined ? undefined : context.state.findMessage(channel.id, input.timestamp);
  if (!message) return fail('message_not_found');
  const by = context.workspace.bot.userId;
  const reaction = message.reactions.find((entry) => entry.name === name);
  if (reaction?.users.includes(by)) return fail('already_reacted');
  if (reaction) reaction.users.push(by);
  else message.reactions.push({ name, users: [by] });
  context.state.touch();
  return ok();
});
