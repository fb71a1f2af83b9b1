/**
 * Canary test: a Secret's value and a sensitive literal env value exist in the (simulated) cluster, the program
 * prints both in its logs and an event repeats one, and neither ever appears in any request sent to either LLM
 * server. The snapshot is taken the way the product takes it — the observer over the client-node KubePort
 * against the simulated API server — so this covers the adapter (Secret values dropped), the observer (masking
 * and scrubbing) and the serializer (annotations, which here repeat the values, are never sent).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { diagnoseWithLlm } from '../../src/diagnosis/llm-diagnosis.js';
import { diagnoseWithRules, type RulesDiagnosis } from '../../src/diagnosis/rules-diagnosis.js';
import { runAnalyzers } from '../../src/diagnosis/run-analyzers.js';
import type { Snapshot } from '../../src/domain/snapshot.js';
import { createClientNodeKube } from '../../src/kube/client-node-adapter.js';
import { createOllamaLlm } from '../../src/llm/ollama-adapter.js';
import { createOpenAiLlm } from '../../src/llm/openai-adapter.js';
import type { LlmPort } from '../../src/llm/port.js';
import { observe } from '../../src/observe/observer.js';
import { parseScenario } from '../../src/sim/scenario.js';
import { startSim, type SimHandle } from '../../src/sim/sim.js';
import { startScriptedOllamaServer } from '../support/scripted-ollama-server.js';
import { startScriptedOpenAiServer } from '../support/scripted-openai-server.js';
import { reply, type ScriptedServer } from '../support/scripted-server.js';
import { CANARY_FORMS, CANARY_SCENARIO, ENV_CANARY, SECRET_CANARY } from '../support/canary-scenario.js';

const FORMS = CANARY_FORMS;
const SCENARIO = CANARY_SCENARIO;

let sim: SimHandle;
let snapshot: Snapshot;
let rules: RulesDiagnosis;

beforeAll(async () => {
  sim = await startSim({
    scenarioObjects: [{ name: 'canary', path: 'inline', objects: parseScenario(SCENARIO) }],
  });
  sim.advance(90_000);
  snapshot = await observe(createClientNodeKube({ kubeconfigText: sim.kubeconfig }), {
    namespace: 'payments',
  });
  rules = diagnoseWithRules(snapshot, runAnalyzers(snapshot).findings);
}, 60_000);

afterAll(async () => {
  await sim?.stop();
});

function answer() {
  return {
    hasIssue: rules.diagnosis.hasIssue,
    category: rules.diagnosis.category,
    summary: 'payments crash-loops.',
    rootCause: 'See the evidence.',
    confidence: 0.8,
    evidence: rules.diagnosis.evidence.slice(0, 2),
    proposals: [],
  };
}

async function diagnoseThrough(server: ScriptedServer, llm: LlmPort): Promise<string[]> {
  const result = await diagnoseWithLlm({
    snapshot,
    rules,
    llm,
    allowedNamespaces: () => true,
    settings: { timeoutMs: 5_000, maxPromptTokens: 4_000 },
  });
  expect(result.llm.fallback).toBeUndefined();
  expect(result.diagnosis.source).toBe('llm');
  return server.requests.map((request) => request.raw);
}

describe('secrets never reach the LLM', () => {
  it('the cluster really carries the canaries, and the observer masks them (the test can fail)', async () => {
    // The pod template annotations and env repeat both values verbatim in the cluster itself …
    const live = await createClientNodeKube({ kubeconfigText: sim.kubeconfig }).list(
      'Deployment',
      'payments',
    );
    expect(JSON.stringify(live)).toContain(SECRET_CANARY);
    expect(JSON.stringify(live)).toContain(ENV_CANARY);
    // … but nothing of them is left in the snapshot: annotations, env values and logs are all masked.
    for (const form of FORMS) expect(JSON.stringify(snapshot)).not.toContain(form);
    // The program printed both; the observer masked them in the log lines it kept.
    const lines = snapshot.logs.flatMap((log) => log.lines);
    expect(lines).toContain('connecting to db with password [REDACTED]');
    expect(lines.some((line) => line.startsWith('config DB_PASSWORD='))).toBe(true);
    expect(rules.diagnosis.hasIssue).toBe(true);
  });

  it.each(['openai', 'ollama'] as const)('in no request body sent to the %s server', async (provider) => {
    const server =
      provider === 'openai'
        ? await startScriptedOpenAiServer([reply.json(answer())])
        : await startScriptedOllamaServer([reply.json(answer())]);
    try {
      const llm =
        provider === 'openai'
          ? createOpenAiLlm({ model: 'gpt-test', apiKey: 'k', baseUrl: `${server.url}/v1` })
          : createOllamaLlm({ model: 'llama-test', host: server.url });
      const bodies = await diagnoseThrough(server, llm);
      expect(bodies).toHaveLength(1);
      for (const body of bodies) {
        for (const form of FORMS) expect(body).not.toContain(form);
        // The data did travel: the failing pods, the masked env value, the scrubbed log line and event.
        expect(body).toContain('CrashLoopBackOff');
        expect(body).toContain('DB_PASSWORD=[REDACTED]');
        expect(body).toContain('connecting to db with password [REDACTED]');
        expect(body).toContain('db login failed for password=[REDACTED]');
      }
    } finally {
      await server.close();
    }
  });
});
