/**
 * Slack payloads as the listeners parse them: a button press (shape, the button's value, the block revision)
 * and a slash command. Malformed input is a typed failure with a message, never an exception.
 */
import { describe, expect, it } from 'vitest';
import { encodeButtonValue } from '../../blocks/button-value.js';
import { blockId } from '../../blocks/ids.js';
import { parseButtonPress, SlashCommandPayload } from '../../src/slack/payloads.js';

const VALUE = encodeButtonValue({ incidentId: 'inc-20250110-1000-k3x9', proposalId: 'p-1a2b' });

function press(action: Record<string, unknown>, extra: Record<string, unknown> = {}) {
  return {
    type: 'block_actions',
    user: { id: 'U0ALICE', username: 'alice' },
    channel: { id: 'C0INCIDENTS', name: 'incidents' },
    container: { type: 'message', channel_id: 'C0INCIDENTS', message_ts: '1736503200.000100' },
    actions: [{ action_id: 'proposal-approve', type: 'button', ...action }],
    ...extra,
  };
}

describe('parseButtonPress', () => {
  it('reads the user, channel, value and the revision of the clicked block', () => {
    expect(parseButtonPress(press({ value: VALUE, block_id: blockId('proposal-actions', 7) }))).toEqual({
      ok: true,
      press: {
        user: 'U0ALICE',
        channel: 'C0INCIDENTS',
        value: { v: 1, incidentId: 'inc-20250110-1000-k3x9', proposalId: 'p-1a2b' },
        revision: 7,
      },
    });
  });

  it.each<
    [
      string,
      Record<string, unknown>,
      Record<string, unknown>,
      Partial<{ channel: string | undefined; revision: number | null }>,
    ]
  >([
    [
      'the channel from the container when the payload has none',
      { value: VALUE },
      { channel: undefined },
      { channel: 'C0INCIDENTS' },
    ],
    [
      'no channel at all (a DM-less view)',
      { value: VALUE },
      { channel: undefined, container: undefined },
      { channel: undefined },
    ],
    [
      'no revision (null) for a block_id that is not ours',
      { value: VALUE, block_id: 'Xyz12' },
      {},
      { revision: null },
    ],
    ['no revision (null) without a block_id', { value: VALUE }, {}, { revision: null }],
  ])('%s', (_name, action, extra, expected) => {
    const parsed = parseButtonPress(press(action, extra));
    expect(parsed.ok).toBe(true);
    if (parsed.ok) expect(parsed.press).toMatchObject(expected);
  });

  it.each<[string, unknown]>([
    ['null', null],
    ['a string', 'payload=…'],
    ['an empty object', {}],
    ['no user', { actions: [{ action_id: 'a', value: VALUE }] }],
    ['an empty user id', press({ value: VALUE }, { user: { id: '' } })],
    ['no actions', press({ value: VALUE }, { actions: [] })],
    ['actions not a list', press({ value: VALUE }, { actions: { action_id: 'a' } })],
    ['an action without action_id', press({ value: VALUE }, { actions: [{ value: VALUE }] })],
  ])('a body that is %s has an unexpected shape', (_name, body) => {
    expect(parseButtonPress(body)).toEqual({
      ok: false,
      message: 'the button payload had an unexpected shape',
    });
  });

  it.each<[string, unknown, RegExp]>([
    ['absent', undefined, /carried no value/],
    ['empty', '', /carried no value/],
    ['not JSON', 'approve inc-1', /not JSON/],
    [
      'JSON of the wrong version',
      JSON.stringify({ v: 2, incidentId: 'inc-1', proposalId: 'p-1' }),
      /invalid \(v: /,
    ],
    ['missing the proposal', JSON.stringify({ v: 1, incidentId: 'inc-1' }), /invalid \(proposalId: /],
    [
      'with an extra field',
      JSON.stringify({ v: 1, incidentId: 'inc-1', proposalId: 'p', admin: true }),
      /invalid/,
    ],
    [
      'with a space in an id',
      JSON.stringify({ v: 1, incidentId: 'inc 1', proposalId: 'p' }),
      /invalid \(incidentId: /,
    ],
    ['an array', '[1,2]', /invalid \(value: /],
    ['too long', JSON.stringify({ v: 1, incidentId: 'i'.repeat(2100), proposalId: 'p' }), /too long/],
  ])('a button value %s is refused with a message, naming the user', (_name, value, message) => {
    const parsed = parseButtonPress(press({ value }));
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) {
      expect(parsed.message).toMatch(message);
      expect(parsed.user).toBe('U0ALICE');
    }
  });
});

describe('SlashCommandPayload', () => {
  it('reads the fields the bot uses and defaults the text', () => {
    expect(
      SlashCommandPayload.parse({
        user_id: 'U0ALICE',
        channel_id: 'C0INCIDENTS',
        command: '/sre',
        team_id: 'T1',
      }),
    ).toEqual({
      user_id: 'U0ALICE',
      channel_id: 'C0INCIDENTS',
      text: '',
    });
  });

  it.each<[string, Record<string, unknown>]>([
    ['no user', { channel_id: 'C0INCIDENTS', text: 'help' }],
    ['an empty channel', { user_id: 'U0ALICE', channel_id: '', text: 'help' }],
    ['an overlong text', { user_id: 'U0ALICE', channel_id: 'C0INCIDENTS', text: 'x'.repeat(4001) }],
    ['a non-string text', { user_id: 'U0ALICE', channel_id: 'C0INCIDENTS', text: ['diagnose'] }],
  ])('refuses %s', (_name, body) => {
    expect(SlashCommandPayload.safeParse(body).success).toBe(false);
  });
});
