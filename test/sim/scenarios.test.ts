/**
 * Every public scenario (manifests/scenarios/), loaded with startSim and run a few virtual minutes, shows its
 * failure through the real kubectl the way a real cluster would: the STATUS column, `describe` states and
 * events, logs, endpoints — with the exact strings from the reference (§6–§7), since the analyzers read them.
 * Each failure must be visible within a few seconds of wall time (load + fast-forward + the first kubectl).
 * Also: the `sre-bot sim` command line (ready line, kubeconfig, serving kubectl, SIGTERM, argument errors).
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { afterAll, describe, expect, it } from 'vitest';
import { PACKAGE_ROOT, SCENARIOS_DIR } from '../../src/paths.js';
import type { Endpoints, Pod } from '../../src/kube/types.js';
import { pods } from '../../src/sim/resources/pods.js';
import { startSim, type SimHandle } from '../../src/sim/sim.js';
import {
  HAVE_KUBECTL,
  KUBECTL,
  Kubectl,
  NO_KUBECTL_REASON,
  table,
  type KubectlResult,
} from './conformance/kubectl.js';

/** How far each scenario is fast-forwarded: past the first back-offs, probe failures and progress deadlines. */
const ADVANCE_MS = 3 * 60_000;
/** "Within a few seconds of wall time": loading, fast-forwarding and the first kubectl answer. */
const WALL_BUDGET_MS = 5_000;

type Check = (context: {
  /** kubectl in the scenario's namespace; fails unless it exits 0. */
  kubectl: (args: string[]) => Promise<string>;
  /** The same, for commands expected to fail. */
  kubectlRun: (args: string[]) => Promise<KubectlResult>;
  sim: SimHandle;
  ns: string;
}) => Promise<void>;

const expectations = parse(readFileSync(join(SCENARIOS_DIR, 'expectations.yaml'), 'utf8')) as Record<
  string,
  { namespace: string }
>;

function podNames(sim: SimHandle, ns: string, prefix: string): string[] {
  return sim.cluster.api
    .list(pods, ns)
    .items.map((pod) => pod.metadata!.name!)
    .filter((name) => name.startsWith(prefix))
    .sort();
}

const CHECKS: Record<string, Check> = {
  'payments-missing-env': async ({ kubectl, sim, ns }) => {
    const rows = table(await kubectl(['get', 'pods']));
    expect(rows).toHaveLength(2);
    for (const row of rows) {
      expect(row).toMatchObject({ READY: '0/1', STATUS: 'CrashLoopBackOff' });
      expect(Number(row.RESTARTS?.split(' ')[0])).toBeGreaterThanOrEqual(3);
    }
    const [pod] = podNames(sim, ns, 'payments-');
    expect(await kubectl(['logs', pod!, '--previous'])).toContain('Error: REQUIRED_CONFIG is not set\n');
    expect(await kubectl(['describe', 'pod', pod!])).toMatch(
      /Warning\s+BackOff\s+.+kubelet\s+Back-off restarting failed container app in pod payments-/,
    );
  },

  'frontend-bad-image': async ({ kubectl, kubectlRun }) => {
    const rows = table(await kubectl(['get', 'pods']));
    const bad = rows.filter((row) => row.STATUS === 'ErrImagePull' || row.STATUS === 'ImagePullBackOff');
    expect(bad).toHaveLength(1);
    expect(bad[0]).toMatchObject({ READY: '0/1', RESTARTS: '0' });
    // The old revision keeps serving.
    expect(rows.filter((row) => row.READY === '1/1' && row.STATUS === 'Running')).toHaveLength(3);
    const deploy = await kubectl(['describe', 'deploy', 'frontend']);
    expect(deploy).toMatch(/Progressing\s+False\s+ProgressDeadlineExceeded/);
    expect(deploy).toMatch(/Available\s+True\s+MinimumReplicasAvailable/);
    expect(deploy).toMatch(/NewReplicaSet:\s+frontend-\w+ \(1\/1 replicas created\)/);
    const describePod = await kubectl(['describe', 'pod', bad[0]!.NAME!]);
    expect(describePod).toContain('Failed to pull image "registry.example.com/web/frontend:2.4.0-rc1"');
    expect(describePod).toMatch(/Back-off pulling image "registry.example.com\/web\/frontend:2.4.0-rc1"/);
    const logs = await kubectlRun(['logs', bad[0]!.NAME!]);
    expect(logs.stderr).toMatch(
      /^Error from server \(BadRequest\): container "web" in pod "frontend-\S+" is waiting to start: (trying and failing to pull image|image can't be pulled)\n$/,
    );
  },

  'checkout-oom': async ({ kubectl, sim, ns }) => {
    for (const row of table(await kubectl(['get', 'pods']))) expect(row.READY).toBe('0/1');
    const out = await kubectl(['describe', 'pod', podNames(sim, ns, 'checkout-')[0]!]);
    expect(out).toMatch(/Last State:\s+Terminated\n\s+Reason:\s+OOMKilled\n\s+Exit Code:\s+137/);
    expect(out).toMatch(/Limits:\n\s+memory:\s+128Mi/);
  },

  'search-unschedulable': async ({ kubectl, sim, ns }) => {
    for (const row of table(await kubectl(['get', 'pods'])))
      expect(row).toMatchObject({ READY: '0/1', STATUS: 'Pending' });
    const out = await kubectl(['describe', 'pod', podNames(sim, ns, 'search-')[0]!]);
    expect(out).toMatch(/Node:\s+<none>/);
    expect(out).toContain(
      'default-scheduler  0/3 nodes are available: 3 Insufficient cpu. preemption: 0/3 nodes are available: 3 No preemption victims found for incoming pod..',
    );
  },

  'api-readiness-port': async ({ kubectl, sim, ns }) => {
    for (const row of table(await kubectl(['get', 'pods']))) {
      expect(row).toMatchObject({ READY: '0/1', STATUS: 'Running', RESTARTS: '0' });
    }
    const out = await kubectl(['describe', 'pod', podNames(sim, ns, 'api-')[0]!]);
    expect(out).toMatch(
      /Warning\s+Unhealthy\s+.+kubelet\s+Readiness probe failed: Get "http:\/\/10\.244\.\d+\.\d+:8081\/\S*": dial tcp 10\.244\.\d+\.\d+:8081: connect: connection refused/,
    );
    // Endpoints exist but hold only not-ready addresses: kubectl prints an empty ENDPOINTS cell, not <none>.
    expect(table(await kubectl(['get', 'endpoints', 'api']))).toEqual([
      expect.objectContaining({ NAME: 'api', ENDPOINTS: '' }),
    ]);
    const endpoints = JSON.parse(await kubectl(['get', 'endpoints', 'api', '-o', 'json'])) as Endpoints;
    expect(endpoints.subsets?.[0]?.addresses).toBeUndefined();
    expect(endpoints.subsets?.[0]?.notReadyAddresses).toHaveLength(2);
  },

  'worker-liveness-early': async ({ kubectl, sim, ns }) => {
    const [row] = table(await kubectl(['get', 'pods']));
    expect(row?.READY).toBe('0/1');
    expect(Number(row?.RESTARTS?.split(' ')[0])).toBeGreaterThanOrEqual(2);
    const out = await kubectl(['describe', 'pod', podNames(sim, ns, 'worker-')[0]!]);
    expect(out).toMatch(
      /Normal\s+Killing\s+.+kubelet\s+Container worker failed liveness probe, will be restarted/,
    );
    expect(out).toMatch(/Warning\s+Unhealthy\s+.+kubelet\s+Liveness probe failed: /);
    expect(out).toMatch(/Last State:\s+Terminated\n\s+Reason:\s+Error\n\s+Exit Code:\s+137/);
  },

  'orders-bad-command': async ({ kubectl }) => {
    const rows = table(await kubectl(['get', 'pods']));
    const bad = rows.filter((row) => row.STATUS === 'RunContainerError' || row.STATUS === 'CrashLoopBackOff');
    expect(bad).toHaveLength(1);
    expect(rows.filter((row) => row.STATUS === 'Running' && row.READY === '1/1')).toHaveLength(2);
    const out = await kubectl(['describe', 'pod', bad[0]!.NAME!]);
    const execMessage =
      'failed to create containerd task: failed to create shim task: OCI runtime create failed: runc create failed: unable to start container process: exec: "/app/order-server"';
    expect(out).toMatch(/Last State:\s+Terminated\n\s+Reason:\s+StartError\n\s+Message:\s+failed to create/);
    expect(out).toMatch(/Exit Code:\s+128/);
    expect(out).toContain(`Error: ${execMessage}`);
  },

  'cart-scaled-to-zero': async ({ kubectl, sim, ns }) => {
    expect(table(await kubectl(['get', 'deploy', 'cart']))).toEqual([
      expect.objectContaining({ READY: '0/0', 'UP-TO-DATE': '0', AVAILABLE: '0' }),
    ]);
    expect(podNames(sim, ns, 'cart-')).toEqual([]);
    expect(await kubectl(['get', 'endpoints', 'cart'])).toMatch(/^cart\s+<none>\s/m);
    const endpoints = JSON.parse(await kubectl(['get', 'endpoints', 'cart', '-o', 'json'])) as Endpoints;
    expect(endpoints.subsets ?? []).toEqual([]);
    expect(await kubectl(['get', 'events'])).toMatch(
      /Normal\s+ScalingReplicaSet\s+deployment\/cart\s+Scaled down replica set cart-\w+ to 0 from 2/,
    );
  },

  'inventory-missing-secret-key': async ({ kubectl, sim, ns }) => {
    for (const row of table(await kubectl(['get', 'pods']))) {
      expect(row).toMatchObject({ READY: '0/1', STATUS: 'CreateContainerConfigError' });
    }
    expect(await kubectl(['describe', 'pod', podNames(sim, ns, 'inventory-')[0]!])).toMatch(
      /Warning\s+Failed\s+.+kubelet\s+Error: couldn't find key password in Secret inventory\/inventory-db/,
    );
  },

  'ledger-missing-configmap': async ({ kubectl, sim, ns }) => {
    for (const row of table(await kubectl(['get', 'pods']))) {
      expect(row).toMatchObject({ READY: '0/1', STATUS: 'CreateContainerConfigError' });
    }
    const pod = sim.cluster.api.get(pods, ns, podNames(sim, ns, 'ledger-')[0]!) as Pod;
    expect(pod.status?.containerStatuses?.[0]?.state?.waiting).toEqual({
      reason: 'CreateContainerConfigError',
      message: 'configmap "ledger-settings" not found',
    });
    expect(await kubectl(['describe', 'pod', pod.metadata!.name!])).toMatch(
      /Warning\s+Failed\s+.+kubelet\s+Error: configmap "ledger-settings" not found/,
    );
  },

  'web-selector-mismatch': async ({ kubectl }) => {
    const rows = table(await kubectl(['get', 'pods']));
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows) expect(row).toMatchObject({ READY: '1/1', STATUS: 'Running' });
    expect(await kubectl(['get', 'endpoints', 'web'])).toMatch(/^web\s+<none>\s/m);
    const service = await kubectl(['describe', 'service', 'web']);
    expect(service).toMatch(/Selector:\s+app=web-frontend/);
    expect(service).toMatch(/Endpoints:\s+<none>/);
  },

  'reports-quota-exceeded': async ({ kubectl }) => {
    expect(table(await kubectl(['get', 'pods'])).map((row) => row.STATUS)).toEqual(['Running', 'Running']);
    expect(await kubectl(['describe', 'rs'])).toMatch(
      /Warning\s+FailedCreate\s+.+replicaset-controller\s+Error creating: pods "reports-\w+-" is forbidden: exceeded quota: compute-quota, requested: limits.memory=512Mi, used: limits.memory=1Gi, limited: limits.memory=1Gi/,
    );
    const deploy = await kubectl(['describe', 'deploy', 'reports']);
    expect(deploy).toMatch(/ReplicaFailure\s+True\s+FailedCreate/);
    expect(deploy).toMatch(/Replicas:\s+3 desired \| 2 updated \| 2 total \| 2 available \| 1 unavailable/);
  },

  'uploads-pvc-pending': async ({ kubectl }) => {
    expect(table(await kubectl(['get', 'pvc']))).toEqual([
      expect.objectContaining({ NAME: 'uploads-data', STATUS: 'Pending', STORAGECLASS: 'fast-ssd' }),
    ]);
    expect(await kubectl(['describe', 'pvc', 'uploads-data'])).toMatch(
      /Warning\s+ProvisioningFailed\s+.+persistentvolume-controller\s+storageclass\.storage\.k8s\.io "fast-ssd" not found/,
    );
    for (const row of table(await kubectl(['get', 'pods'])))
      expect(row).toMatchObject({ READY: '0/1', STATUS: 'Pending' });
    expect(await kubectl(['get', 'events', '--field-selector', 'reason=FailedScheduling'])).toContain(
      '0/3 nodes are available: pod has unbound immediate PersistentVolumeClaims. preemption: 0/3 nodes are available: 3 Preemption is not helpful for scheduling..',
    );
  },

  healthy: async ({ kubectl, sim, ns }) => {
    const rows = table(await kubectl(['get', 'pods']));
    expect(rows.length).toBeGreaterThanOrEqual(3);
    for (const row of rows) expect(row).toMatchObject({ STATUS: 'Running', RESTARTS: '0' });
    for (const row of rows) expect(row.READY).toMatch(/^(\d+)\/\1$/);
    for (const row of table(await kubectl(['get', 'deploy']))) {
      const [ready, desired] = row.READY!.split('/');
      expect(ready).toBe(desired);
      expect(row.AVAILABLE).toBe(desired);
    }
    for (const row of table(await kubectl(['get', 'pvc']))) expect(row.STATUS).toBe('Bound');
    // Nothing is failing now: a Warning on a current pod (a readiness probe before the app listens) must predate
    // the pod becoming Ready, and nothing is failing on the workloads themselves.
    const warnings = JSON.parse(
      await kubectl(['get', 'events', '--field-selector', 'type=Warning', '-o', 'json']),
    ) as {
      items: { involvedObject: { kind?: string; name?: string }; reason?: string; lastTimestamp?: string }[];
    };
    for (const event of warnings.items) {
      expect(event.involvedObject.kind, `${event.reason} on ${event.involvedObject.name}`).toBe('Pod');
      const pod = sim.cluster.api.find(pods, ns, event.involvedObject.name!) as Pod | undefined;
      if (!pod) continue; // a pod of an old revision, gone
      const ready = pod.status?.conditions?.find((condition) => condition.type === 'Ready');
      expect(ready?.status).toBe('True');
      expect(Date.parse(event.lastTimestamp!)).toBeLessThanOrEqual(
        Date.parse(String(ready?.lastTransitionTime)),
      );
    }
  },
};

const scenarioFiles = readdirSync(SCENARIOS_DIR)
  .filter((file) => file.endsWith('.yaml') && file !== 'expectations.yaml')
  .map((file) => file.replace(/\.yaml$/, ''))
  .sort();

describe.skipIf(!HAVE_KUBECTL)(
  `public scenarios through kubectl ${HAVE_KUBECTL ? '' : NO_KUBECTL_REASON}`,
  () => {
    it('covers every public scenario', () => {
      expect(Object.keys(CHECKS).sort()).toEqual(scenarioFiles);
      expect(Object.keys(expectations).sort()).toEqual(scenarioFiles);
    });

    for (const name of scenarioFiles) {
      it(`${name} shows its failure`, async () => {
        const check = CHECKS[name];
        if (!check) throw new Error(`no check for scenario ${name}`);
        const ns = expectations[name]!.namespace;
        const started = performance.now();
        const sim = await startSim({ scenarios: [name], seed: 5, advanceMs: ADVANCE_MS });
        const kubectl = new Kubectl(sim);
        try {
          const firstLook = await kubectl.ok(['-n', ns, 'get', 'all']);
          const elapsed = performance.now() - started;
          expect(elapsed, `${name}: loaded and first shown in ${Math.round(elapsed)} ms`).toBeLessThan(
            WALL_BUDGET_MS,
          );
          expect(firstLook).not.toBe('');
          await check({
            kubectl: (args) => kubectl.ok(['-n', ns, ...args]),
            kubectlRun: (args) => kubectl.run(['-n', ns, ...args]),
            sim,
            ns,
          });
          expect(sim.cluster.controlPlane.lastError).toBeUndefined();
        } finally {
          kubectl.cleanup();
          await sim.stop();
        }
      });
    }
  },
);

describe('sre-bot sim (command line)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'sre-bot-sim-cli-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  type Child = ReturnType<typeof spawn>;
  /**
   * `npx tsx src/cli/main.ts sim …` in a process group of its own: npm does not forward SIGTERM to what it runs,
   * so the signal goes to the group, as a terminal, a container runtime or systemd deliver it.
   */
  const start = (
    args: string[],
    command = ['npx', 'tsx'],
  ): { child: Child; output: () => { stdout: string; stderr: string } } => {
    const child = spawn(command[0]!, [...command.slice(1), 'src/cli/main.ts', 'sim', ...args], {
      cwd: PACKAGE_ROOT,
      env: { ...process.env, HOME: dir },
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
    });
    let stdout = '';
    let stderr = '';
    child.stdout?.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr?.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    return { child, output: () => ({ stdout, stderr }) };
  };
  const exited = (child: Child) =>
    new Promise<number | null>((resolve) => {
      if (child.exitCode !== null) resolve(child.exitCode);
      else child.once('exit', (code) => resolve(code));
    });
  /** stderr without the npm client's own configuration warnings, which depend on the machine. */
  const ownLines = (stderr: string) =>
    stderr.split('\n').filter((line) => line.trim() !== '' && !line.startsWith('npm warn'));

  const waitForReady = async (child: Child, output: () => { stdout: string }): Promise<string> => {
    const deadline = Date.now() + 30_000;
    for (;;) {
      const ready = output()
        .stdout.split('\n')
        .find((line) => line.startsWith('sim ready'));
      if (ready) return ready;
      if (child.exitCode !== null || Date.now() > deadline)
        throw new Error(`no "sim ready" line: ${JSON.stringify(output())}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  };
  /** True once no process of the group is left. */
  const groupGone = (pid: number) => {
    try {
      process.kill(-pid, 0);
      return false;
    } catch {
      return true;
    }
  };

  it.skipIf(!HAVE_KUBECTL)(
    'prints "sim ready", writes the kubeconfig, serves kubectl, stops on SIGTERM',
    async () => {
      const kubeconfig = join(dir, 'kubeconfig');
      const { child, output } = start([
        '--scenario',
        'payments-missing-env',
        '--port',
        '0',
        '--kubeconfig',
        kubeconfig,
        '--advance',
        '2m',
      ]);
      let url = '';
      try {
        const ready = await waitForReady(child, output);
        expect(ready).toMatch(
          /^sim ready: http:\/\/127\.0\.0\.1:\d+ kubeconfig=\S+ scenarios=payments-missing-env$/,
        );
        url = ready.split(' ')[2]!;
        expect(existsSync(kubeconfig)).toBe(true);
        expect(readFileSync(kubeconfig, 'utf8')).toContain('insecure-skip-tls-verify: true');

        const result = await new Promise<{ code: number | null; stdout: string }>((resolve, reject) => {
          const kubectl = spawn(
            KUBECTL,
            ['-n', 'payments', 'get', 'pods', `--cache-dir=${join(dir, 'cache')}`],
            {
              env: { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: dir, KUBECONFIG: kubeconfig },
            },
          );
          let stdout = '';
          kubectl.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
          kubectl.once('error', reject);
          kubectl.once('close', (code) => resolve({ code, stdout }));
        });
        expect(result.code).toBe(0);
        const rows = table(result.stdout);
        expect(rows).toHaveLength(2);
        for (const row of rows) expect(row).toMatchObject({ READY: '0/1', STATUS: 'CrashLoopBackOff' });
      } finally {
        process.kill(-child.pid!, 'SIGTERM');
      }
      await exited(child);
      const deadline = Date.now() + 10_000;
      while (!groupGone(child.pid!) && Date.now() < deadline)
        await new Promise((resolve) => setTimeout(resolve, 50));
      expect(groupGone(child.pid!)).toBe(true);
      await expect(fetch(`${url}/healthz`)).rejects.toThrow();
      expect(ownLines(output().stderr)).toEqual([]);
    },
  );

  it('exits 0 on SIGTERM (the sre-bot process itself, without npm in between)', async () => {
    const { child, output } = start(
      ['--port', '0', '--kubeconfig', join(dir, 'kubeconfig-2')],
      [join(PACKAGE_ROOT, 'node_modules', '.bin', 'tsx')],
    );
    try {
      await waitForReady(child, output);
    } finally {
      child.kill('SIGTERM');
    }
    expect(await exited(child)).toBe(0);
    expect(ownLines(output().stderr)).toEqual([]);
  });

  it('refuses an unknown scenario with one clear line and a non-zero exit', async () => {
    const { child, output } = start([
      '--scenario',
      'no-such-scenario',
      '--port',
      '0',
      '--kubeconfig',
      join(dir, 'x'),
    ]);
    expect(await exited(child)).not.toBe(0);
    const lines = ownLines(output().stderr);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^sre-bot: scenario "no-such-scenario" not found/);
    expect(output().stdout).not.toContain('sim ready');
  });

  it('refuses a bad --advance with one clear line and a non-zero exit', async () => {
    const { child, output } = start(['--scenario', 'healthy', '--port', '0', '--advance', 'soon']);
    expect(await exited(child)).not.toBe(0);
    expect(ownLines(output().stderr)).toEqual([
      'sre-bot: --advance must be a duration like 30s, 5m or 1h, got "soon"',
    ]);
  });
});
