/**
 * Issue 3's figures: prompt tokens for a 300-pod / 2,000-event namespace (with the failing workload's evidence
 * kept), API requests per diagnosis, rules-only diagnosis time for 500 pods in a warm process, and a cold CLI.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { diagnose } from '../src/diagnosis/diagnose.js';
import { createClientNodeKube } from '../src/kube/client-node-adapter.js';
import { createOpenAiLlm } from '../src/llm/openai-adapter.js';
import { countTokens } from '../src/llm/token-count.js';
import { events as eventsResource } from '../src/sim/resources/events.js';
import { startSim } from '../src/sim/sim.js';
import { reply } from '../test/support/scripted-server.js';
import { startScriptedOpenAiServer } from '../test/support/scripted-openai-server.js';
import { bigNamespace, noiseEvents } from './big-namespace.js';
import { figure, ms, percentile } from './stats.js';

const allowAll = () => true;

export async function run(): Promise<void> {
  await promptBudget();
  await largeNamespace();
}

async function promptBudget(): Promise<void> {
  const sim = await startSim({
    scenarioObjects: [bigNamespace('bench', 30, 10)],
    advanceMs: 120_000,
    seed: 1,
  });
  try {
    for (const event of noiseEvents('bench', 2000, sim.cluster.clock.nowTime()))
      sim.cluster.api.create(eventsResource, 'bench', event);
    const pods = sim.cluster.store.list('core/pods', 'bench').length;
    const events = sim.cluster.store.list('core/events', 'bench').length;
    const kube = createClientNodeKube({ kubeconfigText: sim.kubeconfig });
    const server = await startScriptedOpenAiServer([
      reply.json({
        hasIssue: true,
        category: 'missing_env',
        summary: 's',
        rootCause: 'r',
        confidence: 0.9,
        evidence: [],
        proposals: [],
      }),
    ]);
    try {
      const llm = createOpenAiLlm({ model: 'bench-model', apiKey: 'bench', baseUrl: `${server.url}/v1` });
      const { report } = await diagnose(
        { kube, allowedNamespaces: allowAll, llm: { port: llm, timeoutMs: 30_000, maxPromptTokens: 4000 } },
        { namespace: 'bench' },
      );
      const request = server.requests[0]?.body as
        { messages?: { content: string }[]; response_format?: unknown } | undefined;
      const text = (request?.messages ?? []).map((message) => message.content).join('\n');
      const tokens = countTokens(text) + countTokens(JSON.stringify(request?.response_format ?? {}));
      figure(`namespace size`, `${pods} pods, ${events} events`);
      figure('prompt tokens sent to the LLM (o200k, incl. schema)', String(tokens), '≤ 4,000');
      figure(
        "failing workload's evidence kept in the prompt",
        text.includes('REQUIRED_CONFIG is not set') ? 'yes' : 'NO',
      );
      figure('API requests per diagnosis', String(report.apiRequests), 'bounded');
      figure('diagnosis category', report.diagnosis.category);
    } finally {
      await server.close();
    }
  } finally {
    await sim.stop();
  }
}

async function largeNamespace(): Promise<void> {
  const sim = await startSim({
    scenarioObjects: [bigNamespace('large', 50, 10)],
    advanceMs: 60_000,
    seed: 2,
  });
  try {
    const kube = createClientNodeKube({ kubeconfigText: sim.kubeconfig });
    const deps = { kube, allowedNamespaces: allowAll };
    await diagnose(deps, { namespace: 'large' }); // warm-up: JIT, connection pool
    const times: number[] = [];
    let requests = 0;
    for (let run = 0; run < 15; run += 1) {
      const started = performance.now();
      const { report } = await diagnose(deps, { namespace: 'large' });
      times.push(performance.now() - started);
      requests = report.apiRequests ?? 0;
    }
    figure(
      `rules-only diagnosis, ${sim.cluster.store.list('core/pods', 'large').length} pods, warm process — p50`,
      ms(percentile(times, 50)),
      '≤ 300 ms',
    );
    figure('rules-only diagnosis, 500 pods, warm process — p99', ms(percentile(times, 99)));
    figure('API requests per diagnosis (500 pods)', String(requests));
    await coldCli(sim.kubeconfig);
  } finally {
    await sim.stop();
  }
}

/**
 * The CLI as a user runs it: a fresh Node process on the built output (`npm run build` first if needed). Spawned
 * asynchronously: this process also serves the simulated cluster the CLI talks to.
 */
async function coldCli(kubeconfigText: string): Promise<void> {
  if (!existsSync('dist/src/cli/main.js'))
    spawnSync('npx', ['tsc', '-p', 'tsconfig.build.json'], { stdio: 'inherit' });
  const directory = mkdtempSync(join(tmpdir(), 'sre-bot-bench-'));
  const kubeconfig = join(directory, 'kubeconfig');
  writeFileSync(kubeconfig, kubeconfigText);
  const times: number[] = [];
  let status: number | null = 0;
  for (let run = 0; run < 5; run += 1) {
    const started = performance.now();
    status = await new Promise<number | null>((resolve) => {
      const child = spawn(
        process.execPath,
        ['dist/src/cli/main.js', 'diagnose', 'large', '--kubeconfig', kubeconfig, '--json'],
        {
          stdio: 'ignore',
        },
      );
      child.on('exit', (code) => resolve(code));
    });
    times.push(performance.now() - started);
  }
  figure('cold CLI `sre-bot diagnose large --json` (500 pods) — median', ms(percentile(times, 50)), '≤ 2 s');
  figure('cold CLI exit status', String(status));
}
