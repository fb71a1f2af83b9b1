/** chat.postEphemeral: a message only `user` sees, in a channel (or thread); it never enters channel history. */
import { z } from 'zod';
import { resolveChannel } from './channels.js';
import { checkContent, contentOf } from './content.js';
import { defineMethod, fail, ok } from './method.js';
import { contentFields, tsString } from './args.js';

const args = z.looseObject({
  channel: z.string().optional(),
  user: z.string().optional(),
  ...contentFields,
  thread_ts: tsString.optional(),
});

export const chatPostEphemeral = defineMethod(args, (input, context) => {
  const channel = resolveChannel(context, input.channel);
  if (!channel) return fail('channel_not_found');
  const user = input.user === undefined ? undefined : context.workspace.users.get(input.user);
  // Every configured human is a member of every channel here; anyone else is not in it.
  if (!user || user.isBot) return fail('user_not_in_channel');
  const checked = checkContent(
    context,
    'chat.postEphemeral',
    { channel: channel.id, ts: undefined },
    contentOf(input),
  );
  if (!checked.ok) return checked.reply;
  const ts = context.nextTs();
  context.state.addEphemeral({
    channel: channel.id,
    user: user.id,
    ts,
    threadTs: input.thread_ts,
    ...checked.content,
    via: 'chat.postEphemeral',
    from: 'bot',
    history: [],
  });
  return ok({ message_ts: ts });
});
