/**
 * A real Bolt 5 app driven by the emulator over signed HTTP: if the signing, the payload shapes or the
 * response_url handling were off, Bolt would refuse the request or the listeners would not see what Slack sends.
 */
import { verifySlackRequest } from '@slack/bolt';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startSlackEmulator, type SlackEmulator } from '../../src/slack-emulator/index.js';
import { startTinyBoltApp, type TinyBoltApp } from './support/tiny-bolt-app.js';

let emulator: SlackEmulator;
let bot: TinyBoltApp;

beforeAll(async () => {
  emulator = await startSlackEmulator({
    botToken: 'xoxb-bolt-test',
    signingSecret: 'bolt-test-secret',
    users: { U0ALICE: { name: 'alice', title: 'approver' }, U0BOB: 'bob' },
    channels: { C0INCIDENTS: 'incidents' },
    checkMessage: null,
  });
  bot = await startTinyBoltApp(emulator);
  emulator.setBotUrl(bot.eventsUrl);
});

afterAll(async () => {
  await bot.stop();
  await emulator.stop();
});

afterEach(() => {
  emulator.reset();
  bot.commands.length = 0;
  bot.actions.length = 0;
});

/** Posts an incident through the bot and returns its root message. */
async function incident() {
  await emulator.sendSlashCommand({ user: 'U0ALICE', channel: 'C0INCIDENTS', text: 'diagnose payments' });
  return emulator.waitForMessage('incidents', (m) => m.blocks.some((b) => b.type === 'actions'));
}

describe('slash commands', () => {
  it('sends the exact Slack form, shows the ack body to the invoker, and records say/respond/thread replies', async () => {
    const result = await emulator.sendSlashCommand({
      user: 'U0ALICE',
      channel: 'C0INCIDENTS',
      text: 'diagnose payments',
    });
    expect(result.status).toBe(200);
    expect(result.json).toEqual({ response_type: 'ephemeral', text: 'Diagnosing payments…' });
    expect(result.ackMs).toBeLessThan(3000);

    const [command] = bot.commands;
    expect(Object.keys(command!)).toEqual([
      'token',
      'team_id',
      'team_domain',
      'channel_id',
      'channel_name',
      'user_id',
      'user_name',
      'command',
      'text',
      'api_app_id',
      'is_enterprise_install',
      'response_url',
      'trigger_id',
    ]);
    expect(command).toMatchObject({
      channel_id: 'C0INCIDENTS',
      channel_name: 'incidents',
      user_id: 'U0ALICE',
      user_name: 'alice',
      command: '/sre',
      text: 'diagnose payments',
      is_enterprise_install: 'false',
      response_url: result.responseUrl,
      trigger_id: result.triggerId,
    });
    expect(result.responseUrl.startsWith(`${emulator.url}/commands/`)).toBe(true);

    const root = await emulator.waitForMessage('incidents', (m) => m.text.startsWith('payments: crash loop'));
    expect(root.blocks.map((b) => b.type)).toEqual(['header', 'section', 'context', 'divider', 'actions']);
    const reply = await emulator.waitForReply('incidents', root.ts);
    expect(reply.text).toBe('Evidence: exit code 1');
    const ephemerals = await emulator.waitFor(() => {
      const list = emulator.ephemerals('U0ALICE');
      return list.length === 2 ? list : undefined;
    });
    expect(ephemerals.map((e) => [e.via, e.text])).toEqual([
      ['ack', 'Diagnosing payments…'],
      ['response_url', 'Posted the diagnosis.'],
    ]);
    expect(emulator.ephemerals('U0BOB')).toEqual([]);
    expect(emulator.calls('response_url')[0]).toMatchObject({
      status: 200,
      args: { response_type: 'ephemeral' },
    });
  });

  it('posts in_channel responses to the channel', async () => {
    await emulator.sendSlashCommand({ user: 'U0BOB', channel: 'incidents', text: 'announce' });
    const message = await emulator.waitForMessage('incidents');
    expect(message).toMatchObject({
      text: '<@U0BOB> asked for a status check',
      via: 'response_url',
      botId: 'B0SREBOT',
    });
  });

  it('tells the user when the bot does not ack within the deadline', async () => {
    const impatient = await startSlackEmulator({
      botToken: 'xoxb-bolt-test',
      signingSecret: 'bolt-test-secret',
      users: { U0ALICE: 'alice' },
      channels: { C0INCIDENTS: 'incidents' },
      botUrl: bot.eventsUrl,
      ackTimeoutMs: 300,
    });
    try {
      const result = await impatient.sendSlashCommand({
        user: 'U0ALICE',
        channel: 'incidents',
        text: 'slow',
      });
      expect(result).toMatchObject({ status: 0, timedOut: true, error: 'operation_timeout' });
      expect(impatient.ephemerals('U0ALICE')).toMatchObject([
        { from: 'slackbot', text: '/sre failed with the error "operation_timeout"' },
      ]);
    } finally {
      await impatient.stop();
    }
  });

  it('limits a response_url to 5 uses', async () => {
    const result = await emulator.sendSlashCommand({ user: 'U0ALICE', channel: 'incidents', text: 'help' });
    await emulator.waitForCall('response_url');
    const statuses: number[] = [];
    for (let i = 0; i < 5; i += 1) {
      const response = await fetch(result.responseUrl, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ text: `again ${i}` }),
      });
      statuses.push(response.status);
    }
    expect(statuses).toEqual([200, 200, 200, 200, 404]);
    expect(emulator.calls('response_url').at(-1)?.error).toBe('used_url');
  });
});

describe('button clicks', () => {
  it('sends a block_actions payload shaped like Slack’s, and respond(replace_original) updates the message in place', async () => {
    const root = await incident();
    const result = await emulator.clickButton({
      user: 'U0ALICE',
      channel: 'incidents',
      messageTs: root.ts,
      actionId: 'proposal_approve',
    });
    expect(result.status).toBe(200);

    const [body] = bot.actions;
    expect(body).toMatchObject({
      type: 'block_actions',
      user: { id: 'U0ALICE', username: 'alice', name: 'alice', team_id: 'T0EMULATOR' },
      api_app_id: 'A0SREBOT',
      container: { type: 'message', message_ts: root.ts, channel_id: 'C0INCIDENTS', is_ephemeral: false },
      team: { id: 'T0EMULATOR', domain: 'sre-bot-demo' },
      channel: { id: 'C0INCIDENTS', name: 'incidents' },
      message: { type: 'message', ts: root.ts, bot_id: 'B0SREBOT', text: root.text },
      state: { values: {} },
      response_url: result.responseUrl,
      actions: [
        {
          type: 'button',
          action_id: 'proposal_approve',
          block_id: 'proposal-1-v1',
          value: 'proposal-1',
          style: 'primary',
          text: { type: 'plain_text', text: 'Approve: set REQUIRED_CONFIG' },
        },
      ],
    });
    expect(body!.message!['blocks']).toEqual(root.blocks);
    expect(body!.actions[0]!.action_ts).toMatch(/^\d{10}\.\d{6}$/);
    expect(body!.trigger_id).toMatch(/^\d+\.\d+\.[0-9a-f]{32}$/);
    expect(result.responseUrl.startsWith(`${emulator.url}/actions/`)).toBe(true);

    const updated = await emulator.waitForMessage(
      'incidents',
      (m) => m.ts === root.ts && m.history.length === 1,
    );
    expect(updated.text).toBe('Approved by <@U0ALICE>');
    expect(updated.blocks.some((b) => b.type === 'actions')).toBe(false);
    expect(updated.history[0]).toMatchObject({ text: root.text, replacedBy: 'response_url' });
    const broadcast = await emulator.waitForReply('incidents', root.ts, (m) => m.broadcast);
    expect(broadcast.text).toBe('Applied and verified');
    expect(emulator.messages('incidents').map((m) => m.ts)).toEqual([root.ts, broadcast.ts]);
  });

  it('answers a non-approver ephemerally without touching the message', async () => {
    const root = await incident();
    await emulator.clickButton({
      user: 'U0BOB',
      channel: 'incidents',
      messageTs: root.ts,
      actionId: 'proposal_approve',
    });
    const notice = await emulator.waitForEphemeral('U0BOB', (e) => e.via === 'response_url');
    expect(notice.text).toBe('Only approvers can approve.');
    expect(emulator.message('incidents', root.ts)?.history).toEqual([]);
  });

  it('lets chat.update edit the clicked message by the ts from the payload', async () => {
    const root = await incident();
    await emulator.clickButton({
      user: 'U0BOB',
      channel: 'incidents',
      messageTs: root.ts,
      actionId: 'proposal_dryrun',
    });
    const updated = await emulator.waitForMessage('incidents', (m) => m.text === 'dry run ok');
    expect(updated.ts).toBe(root.ts);
    expect(updated.history[0]?.replacedBy).toBe('chat.update');
  });

  it('deletes the original on delete_original', async () => {
    const root = await incident();
    await emulator.clickButton({
      user: 'U0ALICE',
      channel: 'incidents',
      messageTs: root.ts,
      actionId: 'proposal_reject',
    });
    await emulator.waitFor(
      () => emulator.message('incidents', root.ts) === undefined,
      5000,
      'the message to go',
    );
    expect(emulator.calls('response_url').at(-1)).toMatchObject({
      status: 200,
      args: { delete_original: true },
    });
  });

  it('clicks buttons on ephemerals: no message in the payload, and replace_original replaces the ephemeral', async () => {
    await emulator.sendSlashCommand({ user: 'U0BOB', channel: 'incidents', text: 'help' });
    const help = await emulator.waitForEphemeral('U0BOB', (e) => e.text === 'sre-bot help');
    await emulator.clickButton({
      user: 'U0BOB',
      channel: 'incidents',
      messageTs: help.ts,
      actionId: 'help_post_incident',
    });
    await emulator.waitForMessage('incidents', (m) => m.text.startsWith('payments'));
    const replaced = await emulator.waitForEphemeral(
      'U0BOB',
      (e) => e.ts === help.ts && e.history.length === 1,
    );
    expect(replaced.text).toBe('Posted a test incident.');
    expect(bot.actions[0]).toMatchObject({ container: { is_ephemeral: true, message_ts: help.ts } });
    expect(bot.actions[0]).not.toHaveProperty('message');
  });

  it('refuses to click a button the message does not have', async () => {
    const root = await incident();
    await expect(
      emulator.clickButton({ user: 'U0ALICE', channel: 'incidents', messageTs: root.ts, actionId: 'nope' }),
    ).rejects.toThrow(/no button "nope"/);
  });
});

describe('request signing', () => {
  const body = new URLSearchParams({
    command: '/sre',
    text: 'help',
    user_id: 'U0ALICE',
    user_name: 'alice',
    channel_id: 'C0INCIDENTS',
    team_id: 'T0EMULATOR',
    api_app_id: 'A0SREBOT',
    response_url: 'http://127.0.0.1:9/commands/x',
    trigger_id: '1.2.3',
  }).toString();

  it('produces signatures Bolt’s own verifier accepts', () => {
    const timestamp = Math.floor(Date.now() / 1000);
    const headers = emulator.signedHeaders(body, timestamp);
    expect(headers['Content-Type']).toBe('application/x-www-form-urlencoded');
    expect(() =>
      verifySlackRequest({
        signingSecret: 'bolt-test-secret',
        body,
        headers: {
          'x-slack-signature': headers['X-Slack-Signature']!,
          'x-slack-request-timestamp': Number(headers['X-Slack-Request-Timestamp']),
        },
      }),
    ).not.toThrow();
    expect(() =>
      verifySlackRequest({
        signingSecret: 'another-secret',
        body,
        headers: {
          'x-slack-signature': headers['X-Slack-Signature']!,
          'x-slack-request-timestamp': timestamp,
        },
      }),
    ).toThrow();
  });

  it('gets 401 from Bolt for unsigned, stale (6 min) and wrongly signed requests, 200 for a fresh signed one', async () => {
    const now = Math.floor(Date.now() / 1000);
    const unsigned = await emulator.postToBot({ body, sign: false });
    const stale = await emulator.postToBot({ body, timestamp: now - 6 * 60 });
    const forged = await emulator.postToBot({ body, signature: `v0=${'0'.repeat(64)}` });
    const fresh = await emulator.postToBot({ body, timestamp: now });
    expect([unsigned.status, stale.status, forged.status, fresh.status]).toEqual([401, 401, 401, 200]);
  });
});
