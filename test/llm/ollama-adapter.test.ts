import { afterEach, describe, expect, it } from 'vitest';
import { LlmCallError } from '../../src/llm/llm-call-error.js';
import { createOllamaLlm } from '../../src/llm/ollama-adapter.js';
import { LLM_ANSWER_SCHEMA } from '../../src/llm/parse-llm-output.js';
import type { LlmRequest } from '../../src/llm/port.js';
import { reply, type ScriptedReply, type ScriptedServer } from '../support/scripted-server.js';
import { startScriptedOllamaServer } from '../support/scripted-ollama-server.js';

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

async function adapterFor(replies: ScriptedReply[]) {
  server = await startScriptedOllamaServer(replies);
  return createOllamaLlm({
    model: 'llama3.1:8b',
    host: server.url,
    contextTokens: 8192,
    maxOutputTokens: 900,
  });
}

async function failure(promise: Promise<unknown>): Promise<LlmCallError> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(LlmCallError);
  return error as LlmCallError;
}

describe('ollama adapter (real SDK against a scripted server)', () => {
  it('posts /api/chat with the JSON schema as format, no streaming, and a sized context', async () => {
    const llm = await adapterFor([
      { kind: 'content', content: '{"ok":true}', promptTokens: 30, completionTokens: 5 },
    ]);
    const response = await llm.complete(request);
    expect(response).toEqual({
      text: '{"ok":true}',
      usage: { promptTokens: 30, completionTokens: 5 },
      truncated: false,
    });
    const recorded = server!.requests[0]!;
    expect(recorded.path).toBe('/api/chat');
    expect(recorded.body).toMatchObject({
      model: 'llama3.1:8b',
      stream: false,
      format: LLM_ANSWER_SCHEMA.schema,
      messages: [
        { role: 'system', content: 'You are a test.' },
        { role: 'user', content: 'Say hi.' },
      ],
      options: { temperature: 0, num_ctx: 8192, num_predict: 900 },
    });
  });

  it('reports an answer cut off at the output limit', async () => {
    const llm = await adapterFor([{ kind: 'content', content: '{"a', truncated: true }]);
    expect((await llm.complete(request)).truncated).toBe(true);
  });

  it('maps 429 to a retryable error carrying Retry-After', async () => {
    const llm = await adapterFor([reply.status(429, { 'retry-after': '3' }, 'too many requests')]);
    const error = await failure(llm.complete(request));
    expect(error).toMatchObject({
      code: 'llm_unavailable',
      status: 429,
      retryable: true,
      retryAfterMs: 3_000,
    });
    expect(error.message).toMatch(/HTTP 429: too many requests/);
  });

  it.each([
    [500, true],
    [502, true],
    [404, false],
  ])('maps HTTP %i to retryable=%s', async (status, retryable) => {
    const llm = await adapterFor([reply.status(status)]);
    expect(await failure(llm.complete(request))).toMatchObject({ status, retryable });
  });

  it('times out a hanging server as a retryable error', async () => {
    const llm = await adapterFor([reply.hang()]);
    const started = Date.now();
    const error = await failure(llm.complete({ ...request, timeoutMs: 300 }));
    expect(error.retryable).toBe(true);
    expect(error.message).toMatch(/did not answer within 300 ms/);
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it('maps a refused connection to a retryable error', async () => {
    const llm = await adapterFor([]);
    await server!.close();
    server = undefined;
    const error = await failure(llm.complete(request));
    expect(error.retryable).toBe(true);
    expect(error.message).toMatch(/cannot reach the LLM/);
  });
});
