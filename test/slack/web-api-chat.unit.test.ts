/**
 * The Web API ChatPort against the Slack emulator: posts to one channel are spaced by the configured interval
 * (read from the emulator's recorded per-channel rate, not from a stopwatch) while other channels are not held
 * up; successive updates of one message are coalesced so only the latest content is sent; a 429 with
 * Retry-After is waited out and retried by the WebClient; failures become SlackErrors and reach onError.
 */
import { WebClient, WebClientEvent, type RetryOptions } from '@slack/web-api';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { SlackMessage } from '../../blocks/message.js';
import { SlackError } from '../../src/errors.js';
import { startSlackEmulator, type SlackEmulator } from '../../src/slack-emulator/index.js';
import { createWebApiChat, type WebApiChatOptions } from '../../src/slack/web-api-chat.js';

const INCIDENTS = 'C0INCIDENTS';
const OTHER = 'C0OTHER';

let slack: SlackEmulator;

beforeAll(async () => {
  slack = await startSlackEmulator({ channels: { [INCIDENTS]: 'incidents', [OTHER]: 'other' } });
});

afterAll(async () => {
  await slack?.stop();
});

beforeEach(() => {
  slack.reset();
});

function chatWith(options: WebApiChatOptions = {}, retryConfig: RetryOptions = { retries: 0 }) {
  const client = new WebClient(slack.botToken, { slackApiUrl: slack.apiUrl, retryConfig });
  return createWebApiChat(client, { postIntervalMs: 0, updateIntervalMs: 0, ...options });
}

function message(text: string): SlackMessage {
  return { text, blocks: [{ type: 'section', text: { type: 'mrkdwn', text } }] };
}

describe('post', () => {
  it('posts to the channel (no unfurls) and returns where the message is', async () => {
    const chat = chatWith();
    const root = await chat.post(INCIDENTS, message('payments is crash-looping'));
    expect(root.channel).toBe(INCIDENTS);
    expect(slack.message(INCIDENTS, root.ts)).toMatchObject({
      text: 'payments is crash-looping',
      unfurlLinks: false,
      unfurlMedia: false,
      threadTs: undefined,
    });
    const reply = await chat.post(INCIDENTS, message('dry run'), { threadTs: root.ts });
    const broadcast = await chat.post(INCIDENTS, message('resolved'), { threadTs: root.ts, broadcast: true });
    expect(slack.replies(INCIDENTS, root.ts).map((m) => [m.ts, m.broadcast])).toEqual([
      [reply.ts, false],
      [broadcast.ts, true],
    ]);
    expect(slack.messages(INCIDENTS).map((m) => m.text)).toEqual(['payments is crash-looping', 'resolved']);
  });

  it('spaces posts to one channel by the interval, without holding up another channel', async () => {
    // 900 ms apart: three posts never fit in one rolling second of the emulator's record (the first and third
    // are 1.8 s apart; only a request stalled for 0.8 s on its way could bring them within one second).
    const spaced = chatWith({ postIntervalMs: 900 });
    await Promise.all([
      ...['a1', 'a2', 'a3'].map((text) => spaced.post(INCIDENTS, message(text))),
      spaced.post(OTHER, message('b1')),
    ]);
    expect(slack.maxPostRate(INCIDENTS)).toBeLessThanOrEqual(2);
    expect(slack.messages(INCIDENTS).map((m) => m.text)).toEqual(['a1', 'a2', 'a3']);
    // The other channel's post went out before the first channel's second one: limits are per channel.
    const order = slack.calls('chat.postMessage').map((call) => call.args.text);
    expect(order.indexOf('b1')).toBeLessThan(order.indexOf('a2'));

    // The same burst without spacing is what the emulator would have seen otherwise (the check can fail).
    slack.reset();
    const unspaced = chatWith({ postIntervalMs: 0 });
    await Promise.all(['a1', 'a2', 'a3'].map((text) => unspaced.post(INCIDENTS, message(text))));
    expect(slack.maxPostRate(INCIDENTS)).toBe(3);
  });

  it('a 429 with Retry-After is waited out and retried by the WebClient', async () => {
    const retried: number[] = [];
    const client = new WebClient(slack.botToken, {
      slackApiUrl: slack.apiUrl,
      retryConfig: { retries: 2, minTimeout: 0, maxTimeout: 0 },
    });
    client.on(WebClientEvent.RATE_LIMITED, (seconds: number) => retried.push(seconds));
    const errors: string[] = [];
    const chat = createWebApiChat(client, { postIntervalMs: 0, onError: (method) => errors.push(method) });
    slack.failNext({ method: 'chat.postMessage', status: 429, retryAfter: 1 });
    const posted = await chat.post(INCIDENTS, message('after the limit'));
    expect(slack.message(INCIDENTS, posted.ts)?.text).toBe('after the limit');
    expect(slack.calls('chat.postMessage').map((call) => call.status)).toEqual([429, 200]);
    expect(retried).toEqual([1]);
    expect(errors).toEqual([]);
  });
});

describe('update', () => {
  it('coalesces updates of one message: only the latest content is sent, every caller resolves', async () => {
    const chat = chatWith({ updateIntervalMs: 0 });
    const { ts } = await chat.post(INCIDENTS, message('diagnosing'));
    await Promise.all(
      ['proposed', 'approved', 'applying', 'verifying'].map((text) =>
        chat.update(INCIDENTS, ts, message(text)),
      ),
    );
    expect(slack.calls('chat.update').map((call) => call.args.text)).toEqual(['verifying']);
    expect(slack.message(INCIDENTS, ts)?.text).toBe('verifying');
  });

  it('an update queued behind one in flight is replaced by the newer content', async () => {
    const chat = chatWith({ updateIntervalMs: 300 });
    const { ts } = await chat.post(INCIDENTS, message('diagnosing'));
    const first = chat.update(INCIDENTS, ts, message('proposed'));
    await slack.waitForCall('chat.update', (call) => call.args.text === 'proposed');
    const rest = ['approved', 'applying', 'verifying'].map((text) =>
      chat.update(INCIDENTS, ts, message(text)),
    );
    await Promise.all([first, ...rest]);
    expect(slack.calls('chat.update').map((call) => call.args.text)).toEqual(['proposed', 'verifying']);
    expect(slack.message(INCIDENTS, ts)?.history.map((version) => version.text)).toEqual([
      'diagnosing',
      'proposed',
    ]);
  });

  it('updates of different messages are not merged', async () => {
    const chat = chatWith();
    const a = await chat.post(INCIDENTS, message('a'));
    const b = await chat.post(INCIDENTS, message('b'));
    await Promise.all([
      chat.update(INCIDENTS, a.ts, message('a2')),
      chat.update(INCIDENTS, b.ts, message('b2')),
    ]);
    expect(slack.message(INCIDENTS, a.ts)?.text).toBe('a2');
    expect(slack.message(INCIDENTS, b.ts)?.text).toBe('b2');
  });
});

describe('failures become SlackErrors and reach onError', () => {
  it.each<[string, string, (chat: ReturnType<typeof chatWith>) => Promise<unknown>]>([
    ['chat.postMessage', 'channel_not_found', (chat) => chat.post(INCIDENTS, message('x'))],
    [
      'chat.postEphemeral',
      'user_not_in_channel',
      (chat) => chat.postEphemeral(INCIDENTS, 'U0BOB', message('x')),
    ],
    ['usergroups.users.list', 'missing_scope', (chat) => chat.usergroupMembers('S0SREONCALL')],
  ])('%s failing with %s', async (method, error, call) => {
    const seen: [string, unknown][] = [];
    const chat = chatWith({ onError: (failed, cause) => seen.push([failed, cause]) });
    slack.failNext({ method, error });
    const failure = await call(chat).catch((caught: unknown) => caught);
    expect(failure).toBeInstanceOf(SlackError);
    expect((failure as SlackError).code).toBe('slack_error');
    expect((failure as SlackError).message).toBe(`Slack ${method} failed: ${error}`);
    expect(seen.map(([failed]) => failed)).toEqual([method]);
    expect((failure as SlackError).cause).toBe(seen[0]![1]);
  });

  it('a failed coalesced update rejects every caller that was merged into it', async () => {
    const seen: string[] = [];
    const chat = chatWith({ onError: (method) => seen.push(method) });
    const { ts } = await chat.post(INCIDENTS, message('diagnosing'));
    slack.failNext({ method: 'chat.update', error: 'message_not_found' });
    const results = await Promise.allSettled(
      ['proposed', 'approved'].map((text) => chat.update(INCIDENTS, ts, message(text))),
    );
    expect(results.map((result) => result.status)).toEqual(['rejected', 'rejected']);
    for (const result of results)
      if (result.status === 'rejected')
        expect(result.reason).toEqual(
          new SlackError('slack_error', 'Slack chat.update failed: message_not_found'),
        );
    expect(seen).toEqual(['chat.update']);
  });

  it('usergroupMembers reads the group', async () => {
    expect(await chatWith().usergroupMembers('S0SREONCALL')).toEqual(['U0ALICE']);
  });
});
