/**
 * startSim(): a simulated cluster served on loopback, loaded with scenarios, with a kubeconfig for it.
 * `sre-bot sim` is a thin CLI over this, and tests use it directly (advance the clock, inject faults, stop).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { dirname } from 'node:path';
import { SimCluster } from './cluster.js';
import { simKubeconfig, SIM_TOKEN } from './kubeconfig.js';
import { applyScenario, loadScenario, type Scenario } from './scenario.js';
import { FaultInjector } from './server/faults.js';
import { createSimServer, type RequestRecord } from './server/server.js';

export type SimOptions = {
  /** Scenario names (from manifests/scenarios/) or file paths, applied in order. */
  scenarios?: string[];
  /** Already-parsed scenarios (tests build some inline). */
  scenarioObjects?: Scenario[];
  /** 0 (default) picks a free port. */
  port?: number;
  host?: string;
  /** Also write the kubeconfig to this file. */
  kubeconfigPath?: string;
  /** Virtual clock speed when running in real time; absent = the clock only moves when told (tests). */
  speed?: number;
  /** Fast-forward the virtual clock once, after loading the scenarios (ms). */
  advanceMs?: number;
  /** Seed for reproducible names. */
  seed?: number;
  /** Record every request (conformance tests). */
  recordRequests?: boolean;
};

export type SimHandle = {
  cluster: SimCluster;
  server: Server;
  url: string;
  kubeconfig: string;
  kubeconfigPath: string | undefined;
  faults: FaultInjector;
  requests: RequestRecord[];
  advance(ms: number): void;
  stop(): Promise<void>;
};

export async function startSim(options: SimOptions = {}): Promise<SimHandle> {
  const scenarios = [...(options.scenarios ?? []).map(loadScenario), ...(options.scenarioObjects ?? [])];
  const withoutDefaultNodes = scenarios.some((scenario) =>
    scenario.objects.some((object) => object.kind === 'Node'),
  );
  const advanceMs = options.advanceMs ?? 0;
  // In real time, start the virtual clock in the past by exactly the time loading and fast-forwarding will take,
  // so that it lands on the wall clock: kubectl computes some ages (describe) from its own clock. A sim whose
  // clock only moves when told (tests, benchmarks) skips that dry run of the scenarios.
  const loadMs =
    options.speed === undefined ? 0 : measureLoadTime(scenarios, withoutDefaultNodes, options.seed);
  const cluster = new SimCluster({
    startTime: Date.now() - loadMs - advanceMs,
    withoutDefaultNodes,
    ...(options.seed !== undefined ? { seed: options.seed } : {}),
  });
  for (const scenario of scenarios) applyScenario(cluster, scenario);
  if (advanceMs > 0) cluster.advance(advanceMs);

  const faults = new FaultInjector();
  const requests: RequestRecord[] = [];
  const server = createSimServer(cluster, {
    token: SIM_TOKEN,
    faults,
    ...(options.recordRequests ? { onRequest: (record: RequestRecord) => requests.push(record) } : {}),
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => resolve());
  });
  const address = server.address() as AddressInfo;
  const url = `http://${options.host ?? '127.0.0.1'}:${address.port}`;
  const kubeconfig = simKubeconfig(url);
  if (options.kubeconfigPath) {
    mkdirSync(dirname(options.kubeconfigPath), { recursive: true });
    writeFileSync(options.kubeconfigPath, kubeconfig, { mode: 0o600 });
  }
  if (options.speed !== undefined) cluster.controlPlane.startRealTime(options.speed);

  return {
    cluster,
    server,
    url,
    kubeconfig,
    kubeconfigPath: options.kubeconfigPath,
    faults,
    requests,
    advance: (ms) => cluster.advance(ms),
    stop: async () => {
      cluster.stop();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

function measureLoadTime(
  scenarios: Scenario[],
  withoutDefaultNodes: boolean,
  seed: number | undefined,
): number {
  if (scenarios.length === 0) return 0;
  const probe = new SimCluster({
    startTime: 0,
    withoutDefaultNodes,
    ...(seed !== undefined ? { seed } : {}),
  });
  for (const scenario of scenarios) applyScenario(probe, scenario);
  probe.stop();
  return probe.clock.now();
}
