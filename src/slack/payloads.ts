/**
 * The fields the bot reads from Slack's payloads, parsed with zod (Slack sends much more; unknown fields are
 * ignored). Bolt has already verified the signature; this checks the shape before anything trusts it.
 */
import { z } from 'zod';
import { parseBlockId } from '../../blocks/ids.js';
import { parseButtonValue, type ButtonValue } from '../../blocks/button-value.js';

const Id = z.string().min(1).max(64);

export const SlashCommandPayload = z.object({
  user_id: Id,
  channel_id: Id,
  text: z.string().max(4000).default(''),
});
export type SlashCommandPayload = z.infer<typeof SlashCommandPayload>;

const BlockActionsPayload = z.object({
  user: z.object({ id: Id }),
  channel: z.object({ id: Id }).optional(),
  container: z.object({ channel_id: Id.optional(), message_ts: z.string().optional() }).optional(),
  actions: z
    .array(z.object({ action_id: z.string(), block_id: z.string().optional(), value: z.string().optional() }))
    .min(1),
});

export type ButtonPress = {
  user: string;
  channel: string | undefined;
  value: ButtonValue;
  /**
   * The message revision the button was rendered for; null when the block_id is missing or not one sre-bot made
   * (every card's button block carries one, so such a click did not come from a card as rendered).
   */
  revision: number | null;
};

export type ParsedPress = { ok: true; press: ButtonPress } | { ok: false; message: string; user?: string };

export function parseButtonPress(body: unknown): ParsedPress {
  const parsed = BlockActionsPayload.safeParse(body);
  if (!parsed.success) return { ok: false, message: 'the button payload had an unexpected shape' };
  const { user, channel, container, actions } = parsed.data;
  const action = actions[0]!;
  const value = parseButtonValue(action.value);
  if (!value.ok) return { ok: false, message: value.message, user: user.id };
  return {
    ok: true,
    press: {
      user: user.id,
      channel: channel?.id ?? container?.channel_id,
      value: value.value,
      revision: (action.block_id ? parseBlockId(action.block_id)?.revision : undefined) ?? null,
    },
  };
}
