/**
 * The whole prompt — system message, user message with the cluster data, and the structured-output schema —
 * fits LLM_MAX_PROMPT_TOKENS, measured on what actually reached the (scripted) server.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { diagnoseWithLlm } from '../../src/diagnosis/llm-diagnosis.js';
import type { Snapshot } from '../../src/domain/snapshot.js';
import { createOpenAiLlm } from '../../src/llm/openai-adapter.js';
import { countTokens, TOKENS_PER_MESSAGE } from '../../src/llm/token-count.js';
import { startScriptedOpenAiServer } from '../support/scripted-openai-server.js';
import { reply, type ChatMessage, type ScriptedServer } from '../support/scripted-server.js';
import { MISSING_ENV_LINE, paymentsSnapshot } from './fixtures/snapshots.js';
import { rulesFor } from './fixtures/rules.js';

let server: ScriptedServer | undefined;
afterEach(async () => {
  await server?.close();
});

/** Sends one diagnosis and returns the prompt as the server received it, with its token count. */
async function promptFor(snapshot: Snapshot, maxPromptTokens: number) {
  server = await startScriptedOpenAiServer([reply.text('not json'), reply.text('still not json')]);
  await diagnoseWithLlm({
    snapshot,
    rules: rulesFor(snapshot),
    llm: createOpenAiLlm({ model: 'gpt-4o-mini', apiKey: 'k', baseUrl: `${server.url}/v1` }),
    allowedNamespaces: () => true,
    settings: { timeoutMs: 5_000, maxPromptTokens },
  });
  const body = server.requests[0]!.body as {
    messages: ChatMessage[];
    response_format: { json_schema: { schema: unknown } };
  };
  const tokens =
    body.messages.reduce((total, message) => total + countTokens(message.content) + TOKENS_PER_MESSAGE, 0) +
    countTokens(JSON.stringify(body.response_format.json_schema.schema));
  return { tokens, user: body.messages[1]!.content };
}

describe('prompt budget', () => {
  it('keeps a 300-pod, 2,000-event namespace within 4,000 prompt tokens, failing evidence included', async () => {
    const snapshot = paymentsSnapshot({ neighbours: 149, podsPerNeighbour: 2, noiseEvents: 1_998 });
    expect([snapshot.pods.length, snapshot.events.length]).toEqual([300, 2_000]);
    const { tokens, user } = await promptFor(snapshot, 4_000);
    expect(tokens).toBeLessThanOrEqual(4_000);
    expect(user).toContain(MISSING_ENV_LINE);
    expect(user).toContain('payments-7c9d8b6f5-x2x9q');
    expect(user).toContain('CrashLoopBackOff');
  });

  it('still fits when the failing workload itself is huge (100 crashing replicas, long logs)', async () => {
    const logLines = [
      ...Array.from({ length: 40 }, (_, index) => `trace ${index} ${'y'.repeat(250)}`),
      MISSING_ENV_LINE,
    ];
    const snapshot = paymentsSnapshot({
      neighbours: 100,
      failingReplicas: 100,
      noiseEvents: 1_900,
      logLines,
    });
    expect([snapshot.pods.length, snapshot.events.length]).toEqual([300, 2_000]);
    const { tokens, user } = await promptFor(snapshot, 4_000);
    expect(tokens).toBeLessThanOrEqual(4_000);
    expect(user).toContain(MISSING_ENV_LINE);
  });

  it('honours a smaller budget', async () => {
    const snapshot = paymentsSnapshot({ neighbours: 149, podsPerNeighbour: 2, noiseEvents: 1_998 });
    const { tokens, user } = await promptFor(snapshot, 2_500);
    expect(tokens).toBeLessThanOrEqual(2_500);
    expect(user).toContain(MISSING_ENV_LINE);
  });
});
