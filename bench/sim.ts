/**
 * The simulated cluster's figures: list latency for 500 pods over HTTP (JSON and server-side Table), a watch
 * fan-out (50 watchers × 1,000 changes: delivery time, events lost), the load time of every public scenario,
 * and memory. It prints figures and gates nothing.
 */
import { readdirSync } from 'node:fs';
import { SCENARIOS_DIR } from '../src/paths.js';
import { defaultNode } from '../src/sim/bootstrap.js';
import { configMaps } from '../src/sim/resources/configmaps.js';
import { namespaces } from '../src/sim/resources/namespaces.js';
import { startSim, type SimHandle } from '../src/sim/sim.js';
import { bigNamespace } from './big-namespace.js';
import { figure, mib, ms, percentile } from './stats.js';

const TABLE_ACCEPT =
  'application/json;as=Table;v=v1;g=meta.k8s.io,application/json;as=Table;v=v1beta1;g=meta.k8s.io,application/json';
const LIST_ROUNDS = 200;
const WATCHERS = 50;
const CHANGES = 1_000;

export async function run(): Promise<void> {
  await scenarioLoadTimes();
  await listsAndMemory();
  await watchFanOut();
}

async function scenarioLoadTimes(): Promise<void> {
  const names = readdirSync(SCENARIOS_DIR)
    .filter((file) => file.endsWith('.yaml') && file !== 'expectations.yaml')
    .map((file) => file.replace(/\.yaml$/, ''));
  const times: { name: string; ms: number }[] = [];
  for (const name of names) {
    const started = performance.now();
    const sim = await startSim({ scenarios: [name], seed: 1, advanceMs: 3 * 60_000 });
    times.push({ name, ms: performance.now() - started });
    await sim.stop();
  }
  times.sort((a, b) => a.ms - b.ms);
  const values = times.map((time) => time.ms);
  const slowest = times.at(-1)!;
  figure(`public scenario load + 3 min fast-forward (${names.length}), median`, ms(percentile(values, 50)));
  figure(`  slowest: ${slowest.name}`, ms(slowest.ms), '< 5 s');
}

async function listsAndMemory(): Promise<void> {
  const heapBefore = process.memoryUsage().heapUsed;
  const rssBefore = process.memoryUsage().rss;
  const started = performance.now();
  // 500 pods need more than the default three nodes (110 pods each): five of the same shape.
  const scenario = bigNamespace('bench', 50, 10);
  const now = new Date().toISOString();
  scenario.objects.unshift(
    ...Array.from({ length: 5 }, (_, index) => ({
      apiVersion: 'v1',
      kind: 'Node',
      ...defaultNode(`node-${index + 1}`, index + 1, now),
    })),
  );
  const sim = await startSim({ scenarioObjects: [scenario], seed: 2, advanceMs: 60_000 });
  const loadMs = performance.now() - started;
  try {
    const pods = sim.cluster.store.list('core/pods', 'bench').length;
    figure(`load a ${pods}-pod namespace (50 Deployments, 5 nodes) + 1 min`, ms(loadMs));
    const memory = process.memoryUsage();
    figure('heap used by the loaded sim (delta)', mib(memory.heapUsed - heapBefore));
    figure('process RSS after loading (delta)', mib(memory.rss - rssBefore));
    figure('store: objects / watch history kept', `${countObjects(sim)} / ${historyLength(sim)}`);

    for (const [label, accept] of [
      ['JSON', 'application/json'],
      ['Table', TABLE_ACCEPT],
    ] as const) {
      const url = `${sim.url}/api/v1/namespaces/bench/pods?limit=500`;
      const first = await fetch(url, { headers: { accept } });
      const bytes = (await first.arrayBuffer()).byteLength;
      const latencies: number[] = [];
      for (let round = 0; round < LIST_ROUNDS; round += 1) {
        const before = performance.now();
        const response = await fetch(url, { headers: { accept } });
        await response.arrayBuffer();
        latencies.push(performance.now() - before);
      }
      figure(
        `list ${pods} pods as ${label} (${mib(bytes)}), p50 / p99`,
        `${ms(percentile(latencies, 50))} / ${ms(percentile(latencies, 99))}`,
      );
    }
  } finally {
    await sim.stop();
  }
}

async function watchFanOut(): Promise<void> {
  const sim = await startSim({ seed: 3 });
  try {
    sim.cluster.api.create(namespaces, undefined, { metadata: { name: 'fan' } });
    const names = Array.from({ length: 100 }, (_, index) => `cm-${String(index).padStart(3, '0')}`);
    for (const name of names)
      sim.cluster.api.create(configMaps, 'fan', { metadata: { name }, data: { v: '0' } });
    // The namespace's own objects (kube-root-ca.crt) come from the controllers: let them write before watching.
    sim.cluster.settle();
    const from = sim.cluster.store.resourceVersion;

    const controller = new AbortController();
    const counts = new Array<number>(WATCHERS).fill(0);
    let lastDelivery = 0;
    // Headers first (every watcher registered), then read the streams in the background.
    const url = `${sim.url}/api/v1/namespaces/fan/configmaps?watch=true&resourceVersion=${from}`;
    const responses = await Promise.all(counts.map(() => fetch(url, { signal: controller.signal })));
    const reading = responses.map((response, watcher) =>
      consume(response, () => {
        counts[watcher]! += 1;
        lastDelivery = performance.now();
      }).catch(() => undefined),
    );

    const started = performance.now();
    for (let change = 0; change < CHANGES; change += 1) {
      const name = names[change % names.length]!;
      const current = sim.cluster.api.get(configMaps, 'fan', name);
      sim.cluster.api.replace(configMaps, 'fan', name, {
        ...current,
        data: { v: String(change + 1) },
      });
      // Yield now and then, as requests arriving over HTTP would, so streams drain while writes go on.
      if (change % 50 === 49) await new Promise((resolve) => setImmediate(resolve));
    }
    const written = performance.now();
    const deadline = Date.now() + 30_000;
    while (counts.some((count) => count < CHANGES) && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    controller.abort();
    await Promise.all(reading);
    const lost = counts.reduce((sum, count) => sum + Math.max(0, CHANGES - count), 0);
    figure(`watch fan-out: ${WATCHERS} watchers × ${CHANGES} changes, writes`, ms(written - started));
    figure('  until the last watcher received the last event', ms(lastDelivery - started));
    figure('  events delivered / lost', `${counts.reduce((a, b) => a + b, 0)} / ${lost}`, 'lost = 0');
  } finally {
    await sim.stop();
  }
}

/** Counts the events (lines) of a watch stream until it ends or is aborted. */
async function consume(response: Response, onEvent: () => void): Promise<void> {
  if (!response.body) return;
  const decoder = new TextDecoder();
  let buffered = '';
  for await (const chunk of response.body) {
    buffered += decoder.decode(chunk as Uint8Array, { stream: true });
    let newline = buffered.indexOf('\n');
    while (newline >= 0) {
      if (newline > 0) onEvent();
      buffered = buffered.slice(newline + 1);
      newline = buffered.indexOf('\n');
    }
  }
}

function countObjects(sim: SimHandle): number {
  const kinds = [
    'core/pods',
    'core/events',
    'apps/replicasets',
    'apps/deployments',
    'core/services',
    'core/endpoints',
  ];
  return kinds.reduce((sum, kind) => sum + sim.cluster.store.count(kind), 0);
}

function historyLength(sim: SimHandle): number {
  return sim.cluster.store.resourceVersion - sim.cluster.store.oldestResumableVersion;
}
