/**
 * Injected faults and chat.postMessage rates, seen through the real WebClient: 429 + Retry-After and the
 * client's retry, 5xx with and without retries, platform errors, the per-channel rate record and enforcement.
 */
import {
  ErrorCode,
  type WebAPIHTTPError,
  type WebAPIRateLimitedError,
  type WebAPIPlatformError,
} from '@slack/web-api';
import { afterEach, describe, expect, it } from 'vitest';
import {
  startSlackEmulator,
  type SlackEmulator,
  type SlackEmulatorOptions,
} from '../../src/slack-emulator/index.js';
import { emulatorClient } from './support/clients.js';

const started: SlackEmulator[] = [];

async function start(options: SlackEmulatorOptions = {}): Promise<SlackEmulator> {
  const emulator = await startSlackEmulator({
    channels: { C1: 'alerts', C2: 'other' },
    checkMessage: null,
    ...options,
  });
  started.push(emulator);
  return emulator;
}

afterEach(async () => {
  await Promise.all(started.splice(0).map((emulator) => emulator.stop()));
});

async function rejection<T extends Error>(promise: Promise<unknown>): Promise<T> {
  try {
    await promise;
  } catch (error) {
    return error as T;
  }
  throw new Error('expected the call to fail');
}

describe('fault injection', () => {
  it('answers 429 with Retry-After; the WebClient waits that long and retries once', async () => {
    const emulator = await start();
    emulator.failNext({ method: 'chat.postMessage', status: 429, retryAfter: 1 });
    const client = emulatorClient(emulator, { retryConfig: { retries: 1, minTimeout: 0, maxTimeout: 0 } });
    const started = Date.now();
    const posted = await client.chat.postMessage({ channel: 'C1', text: 'after the storm' });
    expect(Date.now() - started).toBeGreaterThanOrEqual(950);
    expect(posted.ok).toBe(true);
    expect(emulator.calls('chat.postMessage').map((c) => [c.status, c.error])).toEqual([
      [429, 'ratelimited'],
      [200, undefined],
    ]);
    expect(emulator.messages('C1').map((m) => m.text)).toEqual(['after the storm']);
  });

  it('surfaces Retry-After to a client that rejects rate-limited calls', async () => {
    const emulator = await start();
    emulator.failNext({ method: 'chat.update', status: 429, retryAfter: 7 });
    const client = emulatorClient(emulator, { rejectRateLimitedCalls: true });
    const error = await rejection<WebAPIRateLimitedError>(
      client.chat.update({ channel: 'C1', ts: '1.1', text: 'x' }),
    );
    expect(error.code).toBe(ErrorCode.RateLimitedError);
    expect(error.retryAfter).toBe(7);
  });

  it('answers 500: one call without retries, and the next one succeeds once the fault is used up', async () => {
    const emulator = await start();
    emulator.failNext({ method: 'chat.postMessage', status: 500 });
    const client = emulatorClient(emulator);
    const error = await rejection<WebAPIHTTPError>(client.chat.postMessage({ channel: 'C1', text: 'x' }));
    expect(error.code).toBe(ErrorCode.HTTPError);
    expect(error.statusCode).toBe(500);
    expect(emulator.calls('chat.postMessage')).toHaveLength(1);
    await client.chat.postMessage({ channel: 'C1', text: 'y' });
    expect(emulator.messages('C1').map((m) => m.text)).toEqual(['y']);
  });

  it('fails `count` calls with a platform error, leaving other methods alone', async () => {
    const emulator = await start();
    emulator.failNext({ method: 'chat.postMessage', error: 'channel_not_found', count: 2 });
    const client = emulatorClient(emulator);
    for (let i = 0; i < 2; i += 1) {
      const error = await rejection<WebAPIPlatformError>(
        client.chat.postMessage({ channel: 'C1', text: 'x' }),
      );
      expect(error.data.error).toBe('channel_not_found');
    }
    await client.auth.test();
    await client.chat.postMessage({ channel: 'C1', text: 'third time' });
    expect(emulator.calls().map((c) => c.status)).toEqual([200, 200, 200, 200]);
    expect(emulator.calls().map((c) => c.ok)).toEqual([false, false, true, true]);
  });
});

describe('chat.postMessage rates', () => {
  it('records the highest per-channel rate in any rolling second', async () => {
    let now = 1_700_000_000_000;
    const emulator = await start({ now: () => now });
    const client = emulatorClient(emulator);
    for (let i = 0; i < 3; i += 1) await client.chat.postMessage({ channel: 'C1', text: `burst ${i}` });
    now += 1500;
    await client.chat.postMessage({ channel: 'C1', text: 'later' });
    // One a second exactly: the window is (t-1s, t], so the previous post has just left it.
    for (let i = 0; i < 3; i += 1) {
      await client.chat.postMessage({ channel: 'C2', text: `steady ${i}` });
      now += 1000;
    }
    expect(emulator.rates()).toEqual({
      C1: { posts: 4, maxPerSecond: 3, rejected: 0 },
      C2: { posts: 3, maxPerSecond: 1, rejected: 0 },
    });
    expect(emulator.maxPostRate('alerts')).toBe(3);
    expect(emulator.maxPostRate()).toBe(3);
    // The fake clock also drives ts: still unique and increasing within one millisecond.
    const stamps = emulator.messages('C1').map((m) => m.ts);
    expect(new Set(stamps).size).toBe(4);
    expect([...stamps].sort()).toEqual(stamps);
  });

  it('when enforced, answers 429 once a channel spends its burst, and lets it post again a second later', async () => {
    let now = 1_700_000_000_000;
    const emulator = await start({ now: () => now, rateLimit: { burst: 2, perSecond: 1 } });
    const client = emulatorClient(emulator, { rejectRateLimitedCalls: true });
    await client.chat.postMessage({ channel: 'C1', text: 'one' });
    await client.chat.postMessage({ channel: 'C1', text: 'two' });
    const error = await rejection<WebAPIRateLimitedError>(
      client.chat.postMessage({ channel: 'C1', text: 'three' }),
    );
    expect(error.retryAfter).toBe(1);
    // Other channels have their own budget.
    await client.chat.postMessage({ channel: 'C2', text: 'elsewhere' });
    now += 1000;
    await client.chat.postMessage({ channel: 'C1', text: 'three again' });
    expect(emulator.messages('C1').map((m) => m.text)).toEqual(['one', 'two', 'three again']);
    expect(emulator.rates()['C1']).toEqual({ posts: 4, maxPerSecond: 3, rejected: 1 });
    const refused = emulator.calls('chat.postMessage').find((c) => c.status === 429);
    expect(refused?.response).toEqual({ ok: false, error: 'ratelimited' });
  });

  it('does not enforce unless asked', async () => {
    const emulator = await start();
    const client = emulatorClient(emulator, { rejectRateLimitedCalls: true });
    await Promise.all([1, 2, 3, 4, 5].map((i) => client.chat.postMessage({ channel: 'C1', text: `${i}` })));
    expect(emulator.messages('C1')).toHaveLength(5);
    expect(emulator.maxPostRate('C1')).toBe(5);
  });
});
