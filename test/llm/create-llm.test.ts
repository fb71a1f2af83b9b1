import { afterEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { createLlm } from '../../src/llm/create-llm.js';
import { LLM_ANSWER_SCHEMA } from '../../src/llm/parse-llm-output.js';
import { startScriptedOllamaServer } from '../support/scripted-ollama-server.js';
import { startScriptedOpenAiServer } from '../support/scripted-openai-server.js';
import { reply, type ScriptedServer } from '../support/scripted-server.js';

const request = { system: 's', user: 'u', schema: LLM_ANSWER_SCHEMA, timeoutMs: 2_000 };

let server: ScriptedServer | undefined;
afterEach(async () => {
  await server?.close();
});

describe('createLlm', () => {
  it('returns nothing for LLM_PROVIDER=none', () => {
    expect(createLlm(loadConfig({}).llm)).toBeUndefined();
  });

  it('builds a rate-limited OpenAI-compatible port from OPENAI_BASE_URL', async () => {
    server = await startScriptedOpenAiServer([reply.status(503), reply.text('{}')]);
    const config = loadConfig({
      LLM_PROVIDER: 'openai',
      OPENAI_BASE_URL: `${server.url}/v1`,
      LLM_MODEL: 'qwen2.5',
    });
    const llm = createLlm(config.llm, { baseDelayMs: 5 })!;
    expect(llm).toMatchObject({ provider: 'openai', model: 'qwen2.5' });
    expect((await llm.complete(request)).text).toBe('{}');
    expect(server.requests).toHaveLength(2);
  });

  it('builds an Ollama port from OLLAMA_HOST with a context sized for the prompt budget', async () => {
    server = await startScriptedOllamaServer([reply.text('{}')]);
    const config = loadConfig({
      LLM_PROVIDER: 'ollama',
      OLLAMA_HOST: server.url,
      LLM_MAX_PROMPT_TOKENS: '4000',
    });
    const llm = createLlm(config.llm)!;
    expect(llm).toMatchObject({ provider: 'ollama', model: 'llama3.1:8b' });
    await llm.complete(request);
    const options = (server.requests[0]!.body as { options: { num_ctx: number } }).options;
    // Room for the prompt in a tokenizer that counts ~30% more than ours, plus the answer.
    expect(options.num_ctx).toBeGreaterThanOrEqual(4_000 * 1.3 + 1_500);
    expect(options.num_ctx % 1024).toBe(0);
  });
});
