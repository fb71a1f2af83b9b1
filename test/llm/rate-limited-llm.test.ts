import { afterEach, describe, expect, it } from 'vitest';
import { LlmError } from '../../src/errors.js';
import { LlmCallError } from '../../src/llm/llm-call-error.js';
import { createOpenAiLlm } from '../../src/llm/openai-adapter.js';
import { LLM_ANSWER_SCHEMA } from '../../src/llm/parse-llm-output.js';
import type { LlmPort, LlmRequest, LlmResponse } from '../../src/llm/port.js';
import { retryDelay, withRateLimit } from '../../src/llm/rate-limited-llm.js';
import { reply, type ScriptedServer } from '../support/scripted-server.js';
import { startScriptedOpenAiServer } from '../support/scripted-openai-server.js';

const request: LlmRequest = { system: 's', user: 'u', schema: LLM_ANSWER_SCHEMA, timeoutMs: 1_000 };
const ok: LlmResponse = { text: '{}', usage: { promptTokens: 1, completionTokens: 1 }, truncated: false };
const settings = { retries: 2, baseDelayMs: 100, maxDelayMs: 1_000, random: () => 0.5 };

const retryable = (retryAfterMs?: number) =>
  new LlmCallError('busy', {
    status: 429,
    retryable: true,
    ...(retryAfterMs !== undefined ? { retryAfterMs } : {}),
  });

/** A hand-written fake port: answers from a script of results, counting calls and concurrency. */
function scriptedPort(results: (LlmResponse | Error)[], delayMs = 0) {
  const stats = { calls: 0, inFlight: 0, maxInFlight: 0 };
  const port: LlmPort = {
    provider: 'openai',
    model: 'fake',
    async complete() {
      stats.calls += 1;
      stats.inFlight += 1;
      stats.maxInFlight = Math.max(stats.maxInFlight, stats.inFlight);
      await new Promise((resolve) => setTimeout(resolve, delayMs));
      stats.inFlight -= 1;
      const next = results.shift() ?? ok;
      if (next instanceof Error) throw next;
      return next;
    },
  };
  return { port, stats };
}

describe('retryDelay', () => {
  it.each([
    [
      'a non-retryable error',
      new LlmCallError('bad request', { status: 400, retryable: false }),
      0,
      undefined,
    ],
    ['a plain Error', new Error('boom'), 0, undefined],
    ['the budget spent', retryable(), 2, undefined],
    ['a first retry (jittered 50..100)', retryable(), 0, 75],
    ['a second retry (doubled, 100..200)', retryable(), 1, 150],
    ['Retry-After longer than the back-off', retryable(600), 0, 600],
    ['Retry-After shorter than the back-off', retryable(10), 1, 150],
    ['Retry-After beyond the longest wait', retryable(5_000), 0, undefined],
  ])('%s', (_name, error, retryCount, expected) => {
    expect(retryDelay(error, retryCount, settings)).toBe(expected);
  });

  it('jitters within [half, full] of the exponential delay', () => {
    expect(retryDelay(retryable(), 2, { ...settings, retries: 5, random: () => 0 })).toBe(200);
    expect(retryDelay(retryable(), 2, { ...settings, retries: 5, random: () => 0.999999 })).toBe(400);
  });

  it('never waits longer than maxDelayMs', () => {
    expect(retryDelay(retryable(), 9, { ...settings, retries: 20, random: () => 1 })).toBe(1_000);
  });
});

describe('withRateLimit', () => {
  it('retries retryable failures and returns the eventual answer', async () => {
    const { port, stats } = scriptedPort([retryable(), retryable()]);
    const retries: number[] = [];
    const limited = withRateLimit(port, {
      retries: 2,
      baseDelayMs: 5,
      onRetry: ({ attempt }) => retries.push(attempt),
    });
    await expect(limited.complete(request)).resolves.toEqual(ok);
    expect(stats.calls).toBe(3);
    expect(retries).toEqual([1, 2]);
  });

  it('surfaces the error once the retry budget is spent, saying how many attempts it took', async () => {
    const { port, stats } = scriptedPort([retryable(), retryable(), retryable(), retryable()]);
    const limited = withRateLimit(port, { retries: 2, baseDelayMs: 5 });
    const error = await limited.complete(request).catch((caught: unknown) => caught);
    expect(stats.calls).toBe(3);
    expect(error).toBeInstanceOf(LlmError);
    expect((error as Error).message).toMatch(/gave up after 3 attempts/);
  });

  it('does not retry what cannot succeed', async () => {
    const { port, stats } = scriptedPort([
      new LlmCallError('unauthorized', { status: 401, retryable: false }),
    ]);
    await expect(withRateLimit(port, { baseDelayMs: 5 }).complete(request)).rejects.toThrow('unauthorized');
    expect(stats.calls).toBe(1);
  });

  it('bounds concurrency', async () => {
    const { port, stats } = scriptedPort([], 20);
    const limited = withRateLimit(port, { maxConcurrent: 2 });
    await Promise.all(Array.from({ length: 6 }, () => limited.complete(request)));
    expect(stats.calls).toBe(6);
    expect(stats.maxInFlight).toBe(2);
  });

  it('keeps provider and model', () => {
    const { port } = scriptedPort([]);
    expect(withRateLimit(port)).toMatchObject({ provider: 'openai', model: 'fake' });
  });
});

describe('withRateLimit over the real SDK', () => {
  let server: ScriptedServer | undefined;
  afterEach(async () => {
    await server?.close();
  });

  it('honours Retry-After from a 429 before the next attempt', async () => {
    server = await startScriptedOpenAiServer([
      reply.status(429, { 'retry-after': '1' }),
      reply.text('{"fine":true}'),
    ]);
    const llm = withRateLimit(createOpenAiLlm({ model: 'm', apiKey: 'k', baseUrl: `${server.url}/v1` }), {
      baseDelayMs: 10,
    });
    const started = Date.now();
    const response = await llm.complete(request);
    expect(response.text).toBe('{"fine":true}');
    expect(server.requests).toHaveLength(2);
    expect(Date.now() - started).toBeGreaterThanOrEqual(1_000);
  });
});
