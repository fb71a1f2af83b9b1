import { afterEach, describe, expect, it } from 'vitest';
import { LlmError } from '../../src/errors.js';
import { LlmCallError } from '../../src/llm/llm-call-error.js';
import { createOpenAiLlm } from '../../src/llm/openai-adapter.js';
import { LLM_ANSWER_SCHEMA } from '../../src/llm/parse-llm-output.js';
import type { LlmRequest } from '../../src/llm/port.js';
import { reply, type ScriptedServer } from '../support/scripted-server.js';
import { startScriptedOpenAiServer } from '../support/scripted-openai-server.js';

const request: LlmRequest = {
  system: 'You are a test.',
  user: 'Say hi.',
  schema: LLM_ANSWER_SCHEMA,
  timeoutMs: 2_000,
};

let server: ScriptedServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function adapterFor(replies: Parameters<typeof startScriptedOpenAiServer>[0], suffix = '/v1') {
  server = await startScriptedOpenAiServer(replies);
  return createOpenAiLlm({ model: 'gpt-test', apiKey: 'sk-test', baseUrl: `${server.url}${suffix}` });
}

async function failure(promise: Promise<unknown>): Promise<LlmCallError> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(LlmCallError);
  return error as LlmCallError;
}

describe('openai adapter (real SDK against a scripted server)', () => {
  it('sends system + user with a strict json_schema and returns text and usage', async () => {
    const llm = await adapterFor([
      { kind: 'content', content: '{"ok":true}', promptTokens: 42, completionTokens: 7 },
    ]);
    const response = await llm.complete(request);
    expect(response).toEqual({
      text: '{"ok":true}',
      usage: { promptTokens: 42, completionTokens: 7 },
      truncated: false,
    });
    const body = server!.requests[0]!.body as Record<string, unknown>;
    expect(server!.requests[0]!.path).toBe('/v1/chat/completions');
    expect(body.model).toBe('gpt-test');
    expect(body.messages).toEqual([
      { role: 'system', content: 'You are a test.' },
      { role: 'user', content: 'Say hi.' },
    ]);
    expect(body.response_format).toEqual({
      type: 'json_schema',
      json_schema: { name: 'diagnosis', schema: LLM_ANSWER_SCHEMA.schema, strict: true },
    });
    expect(body.temperature).toBe(0);
    expect(body.max_completion_tokens).toBeGreaterThan(0);
    expect(server!.requests[0]!.headers.authorization).toBe('Bearer sk-test');
  });

  it('works with a base URL without /v1 (/chat/completions)', async () => {
    const llm = await adapterFor([reply.text('{}')], '');
    await llm.complete(request);
    expect(server!.requests[0]!.path).toBe('/chat/completions');
  });

  it('reports an answer cut off at the output limit', async () => {
    const llm = await adapterFor([{ kind: 'content', content: '{"summary": "cut', truncated: true }]);
    expect((await llm.complete(request)).truncated).toBe(true);
  });

  it('maps 429 to a retryable error carrying Retry-After, without retrying inside the SDK', async () => {
    const llm = await adapterFor([reply.status(429, { 'retry-after': '7' })]);
    const error = await failure(llm.complete(request));
    expect(error).toMatchObject({
      code: 'llm_unavailable',
      status: 429,
      retryable: true,
      retryAfterMs: 7_000,
    });
    expect(server!.requests).toHaveLength(1);
  });

  it('prefers retry-after-ms when the server sends it', async () => {
    const llm = await adapterFor([reply.status(429, { 'retry-after-ms': '250', 'retry-after': '9' })]);
    expect((await failure(llm.complete(request))).retryAfterMs).toBe(250);
  });

  it.each([
    [500, true],
    [503, true],
    [400, false],
    [401, false],
  ])('maps HTTP %i to retryable=%s', async (status, retryable) => {
    const llm = await adapterFor([reply.status(status)]);
    const error = await failure(llm.complete(request));
    expect(error).toMatchObject({ status, retryable });
    expect(server!.requests).toHaveLength(1);
  });

  it('times out a hanging server as a retryable error', async () => {
    const llm = await adapterFor([reply.hang()]);
    const started = Date.now();
    const error = await failure(llm.complete({ ...request, timeoutMs: 300 }));
    expect(error.retryable).toBe(true);
    expect(error.message).toMatch(/did not answer within 300 ms/);
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(server!.requests).toHaveLength(1);
  });

  it('maps a refused connection to a retryable error', async () => {
    const llm = await adapterFor([]);
    await server!.close();
    const error = await failure(llm.complete(request));
    expect(error.retryable).toBe(true);
    expect(error.message).toMatch(/cannot reach the LLM/);
    server = undefined;
  });

  it('sends a placeholder key to keyless local servers', async () => {
    server = await startScriptedOpenAiServer([reply.text('')]);
    const llm = createOpenAiLlm({ model: 'local', apiKey: undefined, baseUrl: `${server.url}/v1` });
    // An empty answer is returned as text: judging it is the parser's job.
    expect((await llm.complete(request)).text).toBe('');
    expect(server.requests[0]!.headers.authorization).toBe('Bearer unused');
  });

  it('turns a refusal into llm_invalid_output (not retryable)', async () => {
    const llm = await adapterFor([{ kind: 'content', content: '', refusal: 'I cannot help with that.' }]);
    const error = await llm.complete(request).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(LlmError);
    expect(error).toMatchObject({ code: 'llm_invalid_output', retryable: false });
    expect((error as Error).message).toMatch(/refused: I cannot help/);
  });
});
