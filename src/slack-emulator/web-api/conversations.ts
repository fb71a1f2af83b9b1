/** conversations.info, conversations.replies, conversations.open. */
import { z } from 'zod';
import { resolveChannel } from './channels.js';
import { defineMethod, fail, ok } from './method.js';
import { tsString } from './args.js';
import { threadReplies, toSlackMessage } from './serialize.js';
import type { ChannelInfo } from '../types.js';

function channelObject(channel: ChannelInfo): Record<string, unknown> {
  const isDm = channel.dmUser !== undefined;
  return {
    id: channel.id,
    name: isDm ? undefined : channel.name,
    is_channel: !isDm,
    is_group: false,
    is_im: isDm,
    is_private: isDm,
    is_archived: false,
    is_member: true,
    ...(isDm ? { user: channel.dmUser } : { name_normalized: channel.name }),
  };
}

export const conversationsInfo = defineMethod(
  z.looseObject({ channel: z.string().optional() }),
  (input, context) => {
    const channel = input.channel === undefined ? undefined : context.state.channel(input.channel);
    if (!channel) return fail('channel_not_found');
    return ok({ channel: channelObject(channel) });
  },
);

const repliesArgs = z.looseObject({
  channel: z.string().optional(),
  ts: tsString.optional(),
  limit: z.coerce.number().int().positive().optional(),
});

export const conversationsReplies = defineMethod(repliesArgs, (input, context) => {
  const channel = input.channel === undefined ? undefined : context.state.channel(input.channel);
  if (!channel) return fail('channel_not_found');
  const message = input.ts === undefined ? undefined : context.state.findMessage(channel.id, input.ts);
  if (!message) return fail('thread_not_found');
  const rootTs = message.threadTs ?? message.ts;
  const root = context.state.findMessage(channel.id, rootTs);
  const thread = [...(root ? [root] : []), ...threadReplies(context.state, channel.id, rootTs)];
  const page = input.limit === undefined ? thread : thread.slice(0, input.limit);
  return ok({
    messages: page.map((entry) => toSlackMessage(entry, context.state, context.workspace)),
    has_more: page.length < thread.length,
    response_metadata: { next_cursor: '' },
  });
});

export const conversationsOpen = defineMethod(
  z.looseObject({ users: z.string().optional(), channel: z.string().optional() }),
  (input, context) => {
    if (input.channel !== undefined) {
      const channel = context.state.channel(input.channel);
      return channel ? ok({ channel: { id: channel.id } }) : fail('channel_not_found');
    }
    const ids = (input.users ?? '').split(',').filter(Boolean);
    const [first] = ids;
    // Group DMs (several users) are not emulated: the bot only ever DMs one person.
    if (ids.length !== 1 || first === undefined)
      return fail(ids.length === 0 ? 'users_list_not_supplied' : 'not_supported');
    const channel = resolveChannel(context, first);
    if (!channel) return fail('user_not_found');
    return ok({ channel: { id: channel.id } });
  },
);
