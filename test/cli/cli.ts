/**
 * The real `sre-bot` CLI as a child process against a sim served from the test process in real time (the sim
 * answers from this process, so the child is spawned asynchronously). Each run gets its own HOME, store and
 * kubeconfig; the environment is built from scratch so nothing from the developer's shell leaks in.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Deployment, Pod } from '../../src/kube/types.js';
import { PACKAGE_ROOT } from '../../src/paths.js';
import type { Scenario } from '../../src/sim/scenario.js';
import { startSim, type SimHandle } from '../../src/sim/sim.js';
import { HAVE_KUBECTL, KUBECTL } from '../sim/conformance/kubectl.js';

export { HAVE_KUBECTL };

export type CliResult = { code: number | null; stdout: string; stderr: string; ms: number };

/** A real-time sim (speed 20) with one scenario, its kubeconfig on disk and a fresh SQLite store path. */
export type CliCluster = {
  sim: SimHandle;
  dir: string;
  kubeconfigPath: string;
  storeUrl: string;
  /** `sre-bot ARGS` with KUBECONFIG, STORE_URL and a 2 s settle period. */
  cli(args: string[], options?: { env?: Record<string, string>; timeoutMs?: number }): Promise<CliResult>;
  kubectl(args: string[]): Promise<CliResult>;
  /** `kubectl get -o json`, parsed. */
  kubectlJson<T>(args: string[]): Promise<T>;
  stop(): Promise<void>;
};

/**
 * `steady: true` fast-forwards past the Deployments' progress deadline (600 s), after which a broken workload's
 * status stops changing: tests that assert "resourceVersion unchanged" must not race that status write.
 */
export async function startCliCluster(
  scenario: string | Scenario,
  options: { seed?: number; steady?: boolean } = {},
): Promise<CliCluster> {
  const dir = mkdtempSync(join(tmpdir(), 'sre-bot-cli-'));
  const kubeconfigPath = join(dir, 'kubeconfig');
  // Fast-forwarded so the failure is established (crash loops, events) before the first diagnosis.
  const sim = await startSim({
    ...(typeof scenario === 'string' ? { scenarios: [scenario] } : { scenarioObjects: [scenario] }),
    speed: 20,
    advanceMs: options.steady ? 700_000 : 180_000,
    seed: options.seed ?? 11,
    kubeconfigPath,
  });
  const storeUrl = `sqlite://${join(dir, 'store.db')}`;
  const cluster: CliCluster = {
    sim,
    dir,
    kubeconfigPath,
    storeUrl,
    cli: (args, options = {}) =>
      run(process.execPath, ['--import', 'tsx', join(PACKAGE_ROOT, 'src/cli/main.ts'), ...args], {
        // From the package root, where `--import tsx` resolves.
        cwd: PACKAGE_ROOT,
        env: {
          PATH: process.env.PATH ?? '/usr/bin:/bin',
          HOME: dir,
          KUBECONFIG: kubeconfigPath,
          STORE_URL: storeUrl,
          SRE_VERIFY_SETTLE_SECONDS: '2',
          SRE_VERIFY_TIMEOUT_SECONDS: '60',
          LLM_PROVIDER: 'none',
          LOG_LEVEL: 'warn',
          ...options.env,
        },
        timeoutMs: options.timeoutMs ?? 60_000,
      }),
    kubectl: (args) => {
      const home = mkdtempSync(join(dir, 'kubectl-'));
      return run(KUBECTL, [...args, `--cache-dir=${join(home, 'cache')}`], {
        cwd: home,
        env: { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: home, KUBECONFIG: kubeconfigPath },
        timeoutMs: 20_000,
      });
    },
    kubectlJson: async <T>(args: string[]) => {
      const result = await cluster.kubectl([...args, '-o', 'json']);
      if (result.code !== 0)
        throw new Error(`kubectl ${args.join(' ')} exited ${result.code}: ${result.stderr}`);
      return JSON.parse(result.stdout) as T;
    },
    stop: async () => {
      await sim.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
  return cluster;
}

function run(
  command: string,
  args: string[],
  options: { cwd: string; env: Record<string, string>; timeoutMs: number },
): Promise<CliResult> {
  const started = Date.now();
  // stdin is a pipe, never a terminal: exactly how CI (and the "no TTY" refusal) sees it.
  const child = spawn(command, args, { cwd: options.cwd, env: options.env, stdio: ['pipe', 'pipe', 'pipe'] });
  child.stdin.end();
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  const killer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs);
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('close', (code) => {
      clearTimeout(killer);
      resolve({ code, stdout, stderr, ms: Date.now() - started });
    });
  });
}

/** A tiny semaphore: at most `size` of the scenarios run at once (two cores, each run a node process + kubectl). */
export function limiter(size: number): <T>(work: () => Promise<T>) => Promise<T> {
  let active = 0;
  const waiting: (() => void)[] = [];
  return async (work) => {
    if (active >= size) await new Promise<void>((resolve) => waiting.push(resolve));
    active += 1;
    try {
      return await work();
    } finally {
      active -= 1;
      waiting.shift()?.();
    }
  };
}

export type DeploymentList = { items: Deployment[] };
export type PodList = { items: Pod[] };

/** What kubectl says about a workload's health: available replicas, and each live pod's readiness and restarts. */
export async function kubectlHealth(cluster: CliCluster, namespace: string, name: string) {
  const deployment = await cluster.kubectlJson<Deployment>(['-n', namespace, 'get', 'deployment', name]);
  const selector = Object.entries(deployment.spec?.selector.matchLabels ?? {})
    .map(([key, value]) => `${key}=${value}`)
    .join(',');
  const pods = (
    await cluster.kubectlJson<PodList>(['-n', namespace, 'get', 'pods', '-l', selector])
  ).items.filter((pod) => !pod.metadata?.deletionTimestamp);
  return {
    replicas: deployment.spec?.replicas,
    available: deployment.status?.availableReplicas ?? 0,
    updated: deployment.status?.updatedReplicas ?? 0,
    pods: Object.fromEntries(
      pods.map((pod) => [
        pod.metadata?.name ?? '',
        {
          ready: pod.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True') ?? false,
          restarts: (pod.status?.containerStatuses ?? []).reduce((sum, s) => sum + (s.restartCount ?? 0), 0),
        },
      ]),
    ),
  };
}
