/**
 * The real @slack/web-api WebClient against the emulator: what a bot sees when it posts, updates, threads,
 * sends ephemerals and looks up users and groups, and what the emulator records about it.
 */
import { ErrorCode, type WebAPIPlatformError, type WebClient } from '@slack/web-api';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startSlackEmulator, type SlackEmulator } from '../../src/slack-emulator/index.js';
import { emulatorClient } from './support/clients.js';

let emulator: SlackEmulator;
let client: WebClient;

beforeAll(async () => {
  emulator = await startSlackEmulator({
    botToken: 'xoxb-test-token',
    users: { U0ALICE: { name: 'alice', title: 'approver' }, U0BOB: 'bob' },
    usergroups: {
      S0APPROVERS: ['U0ALICE'],
      S0ONCALL: { handle: 'sre-oncall', members: ['U0ALICE', 'U0BOB'] },
    },
    channels: { C0INCIDENTS: 'incidents', C0OTHER: 'other' },
    checkMessage: null,
  });
  client = emulatorClient(emulator);
});

afterAll(async () => {
  await emulator.stop();
});

afterEach(() => {
  emulator.reset();
});

async function platformError(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    const platform = error as WebAPIPlatformError;
    expect(platform.code).toBe(ErrorCode.PlatformError);
    return platform.data.error;
  }
  throw new Error('expected the call to fail');
}

describe('Web API over HTTP', () => {
  it('answers auth.test with the bot identity and serves apiUrl with the trailing slash the WebClient needs', async () => {
    expect(emulator.apiUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/api\/$/);
    const auth = await client.auth.test();
    expect(auth).toMatchObject({ ok: true, user_id: 'U0SREBOT', bot_id: 'B0SREBOT', team_id: 'T0EMULATOR' });
  });

  it('posts a message with blocks, returning a Slack-shaped, unique, increasing ts and the channel id', async () => {
    const blocks = [
      { type: 'header', text: { type: 'plain_text', text: 'payments is crash-looping' } },
      { type: 'section', text: { type: 'mrkdwn', text: '*Root cause:* missing env' }, block_id: 'cause' },
    ];
    const first = await client.chat.postMessage({
      channel: 'C0INCIDENTS',
      text: 'payments incident',
      blocks,
    });
    const second = await client.chat.postMessage({
      channel: '#incidents',
      text: 'second',
      unfurl_links: false,
    });
    expect(first.ts).toMatch(/^\d{10}\.\d{6}$/);
    expect(first.channel).toBe('C0INCIDENTS');
    expect(second.channel).toBe('C0INCIDENTS');
    expect(Number(second.ts)).toBeGreaterThan(Number(first.ts));

    const [stored, plain] = emulator.messages('incidents');
    expect(stored?.text).toBe('payments incident');
    // Blocks arrive JSON-encoded inside the form; the emulator stores them parsed, with Slack's block_ids.
    expect(stored?.blocks[0]).toMatchObject({ type: 'header', text: { text: 'payments is crash-looping' } });
    expect(stored?.blocks[0]?.block_id).toMatch(/^\S+$/);
    expect(stored?.blocks[1]?.block_id).toBe('cause');
    expect(plain?.unfurlLinks).toBe(false);

    const [call] = emulator.calls('chat.postMessage');
    expect(call?.args['blocks']).toEqual(blocks);
    expect(call?.args).not.toHaveProperty('token');
    expect(call?.status).toBe(200);
  });

  it('updates a bot message in place, keeping its history, and refuses unknown ts', async () => {
    const posted = await client.chat.postMessage({ channel: 'C0INCIDENTS', text: 'v1', blocks: [] });
    const updated = await client.chat.update({
      channel: 'C0INCIDENTS',
      ts: posted.ts!,
      text: 'v2',
      blocks: [{ type: 'section', text: { type: 'plain_text', text: 'Approved by alice' } }],
    });
    expect(updated).toMatchObject({ ok: true, channel: 'C0INCIDENTS', ts: posted.ts, text: 'v2' });
    const message = emulator.message('C0INCIDENTS', posted.ts!);
    expect(message?.text).toBe('v2');
    expect(message?.history.map((version) => version.text)).toEqual(['v1']);
    expect(emulator.messages('C0INCIDENTS')).toHaveLength(1);

    expect(
      await platformError(client.chat.update({ channel: 'C0INCIDENTS', ts: '1.000001', text: 'x' })),
    ).toBe('message_not_found');
  });

  it('keeps thread replies in order under their root and shows broadcasts in the channel too', async () => {
    const root = await client.chat.postMessage({ channel: 'C0INCIDENTS', text: 'root' });
    await client.chat.postMessage({ channel: 'C0INCIDENTS', thread_ts: root.ts!, text: 'first' });
    const second = await client.chat.postMessage({
      channel: 'C0INCIDENTS',
      thread_ts: root.ts!,
      text: 'fixed',
      reply_broadcast: true,
    });
    // A reply to a reply lands in the root's thread, as on Slack.
    await client.chat.postMessage({ channel: 'C0INCIDENTS', thread_ts: second.ts!, text: 'third' });

    expect(emulator.replies('C0INCIDENTS', root.ts!).map((m) => m.text)).toEqual(['first', 'fixed', 'third']);
    expect(emulator.messages('C0INCIDENTS').map((m) => [m.text, m.broadcast])).toEqual([
      ['root', false],
      ['fixed', true],
    ]);
    const replies = await client.conversations.replies({ channel: 'C0INCIDENTS', ts: root.ts! });
    expect(replies.messages?.map((m) => m.text)).toEqual(['root', 'first', 'fixed', 'third']);
    expect(replies.messages?.[0]).toMatchObject({ reply_count: 3, thread_ts: root.ts });
    expect(replies.messages?.[2]).toMatchObject({ subtype: 'thread_broadcast', thread_ts: root.ts });

    expect(
      await platformError(
        client.chat.postMessage({ channel: 'C0INCIDENTS', thread_ts: '1.000001', text: 'x' }),
      ),
    ).toBe('thread_not_found');
  });

  it('shows an ephemeral only to its user', async () => {
    const result = await client.chat.postEphemeral({
      channel: 'C0INCIDENTS',
      user: 'U0BOB',
      text: 'only bob',
    });
    expect(result.message_ts).toMatch(/^\d{10}\.\d{6}$/);
    expect(emulator.ephemerals('U0BOB').map((e) => e.text)).toEqual(['only bob']);
    expect(emulator.ephemerals('U0ALICE')).toEqual([]);
    expect(emulator.messages('C0INCIDENTS')).toEqual([]);
    expect(
      await platformError(client.chat.postEphemeral({ channel: 'C0INCIDENTS', user: 'U0NOBODY', text: 'x' })),
    ).toBe('user_not_in_channel');
  });

  it('lists user-group members and refuses an unknown group', async () => {
    expect((await client.usergroups.users.list({ usergroup: 'S0APPROVERS' })).users).toEqual(['U0ALICE']);
    expect((await client.usergroups.users.list({ usergroup: 'S0ONCALL' })).users).toEqual([
      'U0ALICE',
      'U0BOB',
    ]);
    expect(await platformError(client.usergroups.users.list({ usergroup: 'S0NOPE' }))).toBe(
      'no_such_subteam',
    );
  });

  it('answers users.info, conversations.info, chat.getPermalink and reactions.add', async () => {
    expect((await client.users.info({ user: 'U0ALICE' })).user).toMatchObject({
      id: 'U0ALICE',
      name: 'alice',
    });
    expect(await platformError(client.users.info({ user: 'U0NOPE' }))).toBe('user_not_found');
    expect((await client.conversations.info({ channel: 'C0OTHER' })).channel).toMatchObject({
      name: 'other',
    });
    expect(await platformError(client.conversations.info({ channel: 'C0NOPE' }))).toBe('channel_not_found');

    const posted = await client.chat.postMessage({ channel: 'C0OTHER', text: 'hello' });
    const link = await client.chat.getPermalink({ channel: 'C0OTHER', message_ts: posted.ts! });
    expect(link.permalink).toBe(`${emulator.url}/archives/C0OTHER/p${posted.ts!.replace('.', '')}`);

    await client.reactions.add({ channel: 'C0OTHER', timestamp: posted.ts!, name: 'eyes' });
    expect(emulator.message('other', posted.ts!)?.reactions).toEqual([{ name: 'eyes', users: ['U0SREBOT'] }]);
    expect(
      await platformError(client.reactions.add({ channel: 'C0OTHER', timestamp: posted.ts!, name: 'eyes' })),
    ).toBe('already_reacted');
  });

  it('posts to a user id in the DM channel with that user', async () => {
    const posted = await client.chat.postMessage({ channel: 'U0BOB', text: 'psst' });
    expect(posted.channel).toMatch(/^D/);
    expect(emulator.channels().find((c) => c.id === posted.channel)?.dmUser).toBe('U0BOB');
  });

  it('refuses a wrong or missing token and unknown methods like Slack', async () => {
    const wrong = emulatorClient({ apiUrl: emulator.apiUrl, botToken: 'xoxb-wrong' });
    expect(await platformError(wrong.chat.postMessage({ channel: 'C0INCIDENTS', text: 'x' }))).toBe(
      'invalid_auth',
    );
    expect(await platformError(client.apiCall('chat.teleport', { channel: 'C0INCIDENTS' }))).toBe(
      'unknown_method',
    );
    const anonymous = await fetch(`${emulator.apiUrl}auth.test`, { method: 'POST' });
    expect(await anonymous.json()).toEqual({ ok: false, error: 'not_authed' });
    expect(emulator.messages('C0INCIDENTS')).toEqual([]);
    expect(emulator.calls().map((call) => call.error)).toEqual([
      'invalid_auth',
      'unknown_method',
      'not_authed',
    ]);
  });

  it('accepts JSON bodies with a bearer token', async () => {
    const response = await fetch(`${emulator.apiUrl}chat.postMessage`, {
      method: 'POST',
      headers: { Authorization: 'Bearer xoxb-test-token', 'Content-Type': 'application/json; charset=utf-8' },
      body: JSON.stringify({ channel: 'C0INCIDENTS', text: 'json', blocks: [{ type: 'divider' }] }),
    });
    expect(await response.json()).toMatchObject({ ok: true, channel: 'C0INCIDENTS' });
    expect(emulator.messages('incidents')[0]?.blocks[0]?.type).toBe('divider');
  });

  it('answers invalid_blocks_format for blocks that are not a JSON array', async () => {
    expect(
      await platformError(client.apiCall('chat.postMessage', { channel: 'C0INCIDENTS', blocks: '{nope' })),
    ).toBe('invalid_blocks_format');
    expect(await platformError(client.chat.postMessage({ channel: 'C0INCIDENTS', text: '' }))).toBe(
      'no_text',
    );
  });
});

describe('message checks', () => {
  it('applies blocks/limits.ts checkMessage by default, and nothing with checkMessage: null', async () => {
    const strict = await startSlackEmulator({ botToken: 'xoxb-check', channels: { C1: 'general' } });
    const lax = await startSlackEmulator({
      botToken: 'xoxb-check',
      channels: { C1: 'general' },
      checkMessage: null,
    });
    try {
      const tooMany = Array.from({ length: 51 }, () => ({ type: 'divider' }));
      const error = await platformError(
        emulatorClient(strict).chat.postMessage({ channel: 'C1', text: 'x', blocks: tooMany }),
      );
      expect(error).toBe('invalid_blocks');
      expect(strict.violations()[0]?.violations.join('\n')).toMatch(/51 blocks/);
      expect(strict.messages('C1')).toEqual([]);
      await emulatorClient(lax).chat.postMessage({ channel: 'C1', text: 'x', blocks: tooMany });
      expect(lax.messages('C1')[0]?.blocks).toHaveLength(51);
    } finally {
      await strict.stop();
      await lax.stop();
    }
  });

  it('runs the checker on every posted and updated message, records violations and answers invalid_blocks', async () => {
    const checking = await startSlackEmulator({
      botToken: 'xoxb-check',
      channels: { C1: 'general' },
      // Stand-in for blocks/limits.ts checkMessage: headers over 150 chars break Slack's limit.
      checkMessage: (message) =>
        (message.blocks ?? [])
          .filter((b) => b.type === 'header' && JSON.stringify(b).length > 150)
          .map(() => ({ path: 'blocks[0].text', message: 'header text longer than 150 characters' })),
    });
    try {
      const bot = emulatorClient(checking);
      const tooLong = [{ type: 'header', text: { type: 'plain_text', text: 'x'.repeat(151) } }];
      const error = await platformError(
        bot.chat.postMessage({ channel: 'C1', text: 'long', blocks: tooLong }),
      );
      expect(error).toBe('invalid_blocks');
      const ok = await bot.chat.postMessage({ channel: 'C1', text: 'short', blocks: [{ type: 'divider' }] });
      expect(
        await platformError(bot.chat.update({ channel: 'C1', ts: ok.ts!, text: 'long', blocks: tooLong })),
      ).toBe('invalid_blocks');
      expect(checking.messages('C1').map((m) => m.text)).toEqual(['short']);
      expect(checking.violations().map((v) => [v.method, v.violations])).toEqual([
        ['chat.postMessage', ['blocks[0].text: header text longer than 150 characters']],
        ['chat.update', ['blocks[0].text: header text longer than 150 characters']],
      ]);
      expect(checking.calls('chat.update')[0]?.violations).toHaveLength(1);
    } finally {
      await checking.stop();
    }
  });
});
