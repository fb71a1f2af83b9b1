/**
 * The acceptance flow of the reference scenario, payments-missing-env, with the real kubectl: see the crash loop
 * (get/describe/logs), fix it the way an SRE would (`set env --from=configmap/…`, `rollout status`), undo and
 * redo it, and exercise the rest of the everyday verbs on the same cluster — apply (client- and server-side,
 * with a field conflict against `scale`), scale, delete, server-side dry runs, watches, events, `get all`.
 * The virtual clock moves only when the test says so (sim.advance, or `drive` while kubectl waits).
 * The steps share one cluster and run in order.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Pod } from '../../../src/kube/types.js';
import { configMaps } from '../../../src/sim/resources/configmaps.js';
import { deployments } from '../../../src/sim/resources/deployments.js';
import { pods } from '../../../src/sim/resources/pods.js';
import { startSim, type SimHandle } from '../../../src/sim/sim.js';
import { HAVE_KUBECTL, Kubectl, NO_KUBECTL_REASON, table, type KubectlOptions } from './kubectl.js';

const NS = 'payments';

const WORKER_YAML = (env: string, replicas = 1) => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: payments-worker
  namespace: payments
spec:
  replicas: ${replicas}
  selector:
    matchLabels:
      app: payments-worker
  template:
    metadata:
      labels:
        app: payments-worker
    spec:
      containers:
      - name: worker
        image: registry.example.com/payments/worker:2.0.1
        env:
        - name: MODE
          value: "${env}"
`;

describe.skipIf(!HAVE_KUBECTL)(
  `kubectl on payments-missing-env ${HAVE_KUBECTL ? '' : NO_KUBECTL_REASON}`,
  () => {
    let sim: SimHandle;
    let kubectl: Kubectl;

    beforeAll(async () => {
      sim = await startSim({
        scenarios: ['payments-missing-env'],
        seed: 11,
        recordRequests: true,
        advanceMs: 60_000,
      });
      kubectl = new Kubectl(sim);
    });
    afterAll(async () => {
      kubectl.cleanup();
      await sim.stop();
    });

    const k = (args: string[], options: KubectlOptions = {}) => kubectl.ok(['-n', NS, ...args], options);
    const run = (args: string[], options: KubectlOptions = {}) => kubectl.run(['-n', NS, ...args], options);
    const livePods = (app = 'payments'): Pod[] =>
      sim.cluster.api
        .list(pods, NS)
        .items.filter((pod) => pod.metadata?.labels?.app === app && !pod.metadata.deletionTimestamp)
        .sort((a, b) => a.metadata!.name!.localeCompare(b.metadata!.name!));
    const version = (name: string) => sim.cluster.api.get(deployments, NS, name).metadata?.resourceVersion;
    const restarts = (cell: string | undefined) => Number(cell?.split(' ')[0]);
    /** Moves virtual time 1 s every 20 ms of wall time once kubectl has started watching. */
    const driveWhileWatching = (): KubectlOptions['drive'] => {
      const first = sim.requests.length;
      return {
        stepMs: 1_000,
        everyMs: 20,
        when: () => sim.requests.slice(first).some((request) => request.url.includes('watch=true')),
      };
    };

    it('get pods: READY 0/1, CrashLoopBackOff, RESTARTS rising as time passes', async () => {
      const before = table(await k(['get', 'pods']));
      expect(before).toHaveLength(2);
      for (const row of before) {
        expect(row).toMatchObject({ READY: '0/1', STATUS: 'CrashLoopBackOff' });
        expect(row.RESTARTS).toMatch(/^\d+ \(\d+s ago\)$/);
      }
      sim.advance(3 * 60_000);
      const after = table(await k(['get', 'pods']));
      expect(after.map((row) => row.NAME)).toEqual(before.map((row) => row.NAME));
      after.forEach((row, index) => {
        expect(row).toMatchObject({ READY: '0/1', STATUS: 'CrashLoopBackOff' });
        expect(restarts(row.RESTARTS)).toBeGreaterThan(restarts(before[index]?.RESTARTS));
      });
    });

    it('describe pod: waiting in CrashLoopBackOff after exit 1, with BackOff events', async () => {
      const pod = livePods()[0]!;
      const out = await k(['describe', 'pod', pod.metadata!.name!]);
      expect(out).toMatch(/State:\s+Waiting\n\s+Reason:\s+CrashLoopBackOff/);
      expect(out).toMatch(/Last State:\s+Terminated\n\s+Reason:\s+Error\n\s+Exit Code:\s+1/);
      expect(out).toMatch(/Ready:\s+False/);
      expect(out).toMatch(
        new RegExp(
          `Warning\\s+BackOff\\s+.+\\s+kubelet\\s+Back-off restarting failed container app in pod ${pod.metadata!.name!}_payments\\(${pod.metadata!.uid!}\\)`,
        ),
      );
    });

    it('logs --previous: the missing variable', async () => {
      const name = livePods()[0]!.metadata!.name!;
      const previous = await k(['logs', name, '--previous']);
      expect(previous.trim().split('\n')).toEqual([
        'payments-api 1.8.2 starting (node v20.11.1)',
        'loading configuration from environment',
        'Error: REQUIRED_CONFIG is not set',
      ]);
      // In back-off, plain logs are the last run's too (kubelet validateContainerLogStatus order).
      expect(await k(['logs', 'deploy/payments'])).toContain('Error: REQUIRED_CONFIG is not set');
    });

    it('set env --from=configmap, then rollout status completes and the pods turn Ready', async () => {
      expect(await k(['set', 'env', 'deploy/payments', '--from=configmap/payments-config'])).toBe(
        'deployment.apps/payments env updated\n',
      );
      await k([
        'annotate',
        'deploy/payments',
        'kubernetes.io/change-cause=wire REQUIRED_CONFIG from payments-config',
      ]);
      const status = await k(['rollout', 'status', 'deploy/payments', '--timeout=60s'], {
        drive: driveWhileWatching(),
        timeoutMs: 30_000,
      });
      const lines = status.trim().split('\n');
      expect(lines[0]).toMatch(/^Waiting for deployment "payments" rollout to finish: /);
      expect(lines.at(-1)).toBe('deployment "payments" successfully rolled out');

      // The rollout is complete once the old pods are terminating; give them their grace period to go.
      sim.advance(30_000);
      const rows = table(await k(['get', 'pods']));
      expect(rows).toHaveLength(2);
      for (const row of rows) expect(row).toMatchObject({ READY: '1/1', STATUS: 'Running', RESTARTS: '0' });
      const env = (livePods()[0]?.spec?.containers[0]?.env ?? []).map((entry) => entry.name);
      expect(env).toEqual(expect.arrayContaining(['LOG_LEVEL', 'REQUIRED_CONFIG']));
    });

    it('rollout history shows the change-cause; undo goes back to the crash loop, undo again fixes it', async () => {
      expect(await k(['rollout', 'history', 'deploy/payments'])).toMatch(
        /REVISION\s+CHANGE-CAUSE\n1\s+<none>\n2\s+wire REQUIRED_CONFIG from payments-config\n/,
      );

      expect(await k(['rollout', 'undo', 'deploy/payments'])).toBe('deployment.apps/payments rolled back\n');
      sim.advance(60_000);
      const broken = table(await k(['get', 'pods']));
      expect(broken.some((row) => row.STATUS === 'CrashLoopBackOff' || row.STATUS === 'Error')).toBe(true);
      // Revision 1 came back as revision 3.
      expect(await k(['rollout', 'history', 'deploy/payments'])).toMatch(
        /REVISION\s+CHANGE-CAUSE\n2\s+wire REQUIRED_CONFIG from payments-config\n3\s+\S/,
      );

      expect(await k(['rollout', 'undo', 'deploy/payments', '--to-revision=2'])).toBe(
        'deployment.apps/payments rolled back\n',
      );
      await k(['rollout', 'status', 'deploy/payments', '--timeout=60s'], { drive: driveWhileWatching() });
      sim.advance(30_000);
      expect(table(await k(['get', 'pods'])).map((row) => row.READY)).toEqual(['1/1', '1/1']);
    });

    it('apply -f: created, configured, unchanged', async () => {
      const files = { 'worker.yaml': WORKER_YAML('batch') };
      expect(await k(['apply', '-f', 'worker.yaml'], { files })).toBe(
        'deployment.apps/payments-worker created\n',
      );
      expect(
        await k(['apply', '-f', 'worker.yaml'], { files: { 'worker.yaml': WORKER_YAML('stream') } }),
      ).toBe('deployment.apps/payments-worker configured\n');
      expect(
        await k(['apply', '-f', 'worker.yaml'], { files: { 'worker.yaml': WORKER_YAML('stream') } }),
      ).toBe('deployment.apps/payments-worker unchanged\n');
      const worker = sim.cluster.api.get(deployments, NS, 'payments-worker');
      expect(JSON.stringify(worker.spec)).toContain('"value":"stream"');
    });

    it('apply --server-side migrates client-side ownership once, then conflicts with scale until forced', async () => {
      const files = { 'worker.yaml': WORKER_YAML('stream') };
      let first = sim.requests.length;
      expect(await k(['apply', '--server-side', '-f', 'worker.yaml'], { files })).toBe(
        'deployment.apps/payments-worker serverside-applied\n',
      );
      // First server-side apply after client-side ones: kubectl moves the ownership to its Apply manager.
      const patches = () =>
        sim.requests
          .slice(first)
          .filter((request) => request.method === 'PATCH')
          .map((request) => [
            new URL(request.url, sim.url).searchParams.get('fieldManager'),
            request.contentType,
          ]);
      expect(patches()).toEqual([
        ['kubectl', 'application/apply-patch+yaml'],
        ['kubectl-last-applied', 'application/apply-patch+yaml'],
        ['kubectl', 'application/json-patch+json'],
        ['kubectl', 'application/apply-patch+yaml'],
      ]);
      const managers = () =>
        (sim.cluster.api.get(deployments, NS, 'payments-worker').metadata?.managedFields ?? []).map((entry) =>
          [entry.manager, entry.operation, entry.subresource ?? ''].join('/'),
        );
      expect(managers()).not.toContain('kubectl-client-side-apply/Update/');
      expect(managers()).toContain('kubectl/Apply/');
      // …which a real server keeps, so the next apply is a single request.
      first = sim.requests.length;
      await k(['apply', '--server-side', '-f', 'worker.yaml'], { files });
      expect(patches()).toEqual([['kubectl', 'application/apply-patch+yaml']]);

      expect(await k(['scale', 'deploy/payments-worker', '--replicas=3'])).toBe(
        'deployment.apps/payments-worker scaled\n',
      );
      expect(managers()).toContain('kubectl/Update/scale');
      const conflict = await run(['apply', '--server-side', '-f', 'worker.yaml'], { files });
      expect(conflict.code).toBe(1);
      expect(conflict.stderr).toContain(
        'error: Apply failed with 1 conflict: conflict with "kubectl" with subresource "scale" using apps/v1: .spec.replicas',
      );
      expect(sim.cluster.api.get(deployments, NS, 'payments-worker').spec).toMatchObject({ replicas: 3 });

      expect(await k(['apply', '--server-side', '--force-conflicts', '-f', 'worker.yaml'], { files })).toBe(
        'deployment.apps/payments-worker serverside-applied\n',
      );
      expect(sim.cluster.api.get(deployments, NS, 'payments-worker').spec).toMatchObject({ replicas: 1 });
      expect(managers()).not.toContain('kubectl/Update/scale');
    });

    it('scale: the Deployment gets a third Ready pod', async () => {
      expect(await k(['scale', 'deploy/payments', '--replicas=3'])).toBe('deployment.apps/payments scaled\n');
      sim.advance(30_000);
      const rows = table(await k(['get', 'deploy', 'payments']));
      expect(rows).toEqual([
        expect.objectContaining({ NAME: 'payments', READY: '3/3', 'UP-TO-DATE': '3', AVAILABLE: '3' }),
      ]);
    });

    it('delete pod: kubectl waits for it to go and a replacement appears', async () => {
      const victim = livePods()[0]!.metadata!.name!;
      expect(await k(['delete', 'pod', victim], { drive: driveWhileWatching() })).toBe(
        `pod "${victim}" deleted\n`,
      );
      sim.advance(30_000);
      const rows = table(await k(['get', 'pods', '-l', 'app=payments']));
      expect(rows.map((row) => row.NAME)).not.toContain(victim);
      expect(rows).toHaveLength(3);
      expect(rows.every((row) => row.READY === '1/1')).toBe(true);
    });

    it('--dry-run=server for set env, patch, delete and apply changes nothing', async () => {
      const deployment = version('payments');
      const pod = livePods()[0]!;
      const podVersion = pod.metadata!.resourceVersion;
      const configVersion = sim.cluster.api.get(configMaps, NS, 'payments-config').metadata?.resourceVersion;

      expect(await k(['set', 'env', 'deploy/payments', 'FEATURE_X=on', '--dry-run=server'])).toBe(
        'deployment.apps/payments env updated (server dry run)\n',
      );
      expect(
        await k(['patch', 'deploy', 'payments', '-p', '{"spec":{"replicas":5}}', '--dry-run=server']),
      ).toBe('deployment.apps/payments patched\n');
      expect(await k(['delete', 'pod', pod.metadata!.name!, '--dry-run=server'])).toBe(
        `pod "${pod.metadata!.name!}" deleted (server dry run)\n`,
      );
      const configMap = `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: payments-config\n  namespace: payments\ndata:\n  REQUIRED_CONFIG: changed\n`;
      expect(
        await k(['apply', '-f', 'cm.yaml', '--dry-run=server'], { files: { 'cm.yaml': configMap } }),
      ).toBe('configmap/payments-config configured (server dry run)\n');

      expect(version('payments')).toBe(deployment);
      expect(sim.cluster.api.get(pods, NS, pod.metadata!.name!).metadata).toMatchObject({
        resourceVersion: podVersion,
      });
      expect(sim.cluster.api.get(configMaps, NS, 'payments-config').metadata?.resourceVersion).toBe(
        configVersion,
      );
      expect(
        sim.requests.filter(
          (request) => request.url.includes('dryRun=All') || request.body?.includes('"dryRun"'),
        ),
      ).toHaveLength(4);
    });

    it('get -w: the watch delivers Table rows as pods change', async () => {
      const first = sim.requests.length;
      const victim = livePods()[0]!.metadata!.name!;
      let deleted = false;
      const result = await run(['get', 'pods', '-l', 'app=payments', '-w'], {
        drive: {
          stepMs: 1_000,
          when: () => {
            const watching = sim.requests.slice(first).some((request) => request.url.includes('watch=true'));
            if (watching && !deleted) {
              deleted = true;
              sim.cluster.api.delete(pods, NS, victim);
            }
            return watching;
          },
        },
        // Header + 3 listed pods, then at least the victim terminating and its replacement being created.
        until: (stdout) => stdout.trim().split('\n').length >= 6,
      });
      const watch = sim.requests.slice(first).find((request) => request.url.includes('watch=true'));
      expect(watch?.accept).toBe(
        'application/json;as=Table;v=v1;g=meta.k8s.io,application/json;as=Table;v=v1beta1;g=meta.k8s.io,application/json',
      );
      const lines = result.stdout.trim().split('\n');
      expect(lines[0]?.split(/\s{2,}/)).toEqual(['NAME', 'READY', 'STATUS', 'RESTARTS', 'AGE']);
      // Rows from the watch are printed under the same header (one header only: columns only on the first event).
      expect(lines.filter((line) => line.startsWith('NAME'))).toHaveLength(1);
      const streamed = lines.slice(4);
      expect(
        streamed.some((line) => line.startsWith(victim) && /\s(Running|Terminating|Completed)\s/.test(line)),
      ).toBe(true);
      expect(
        streamed.some(
          (line) =>
            !line.startsWith(victim) && /^payments-\S+\s+0\/1\s+(Pending|ContainerCreating)/.test(line),
        ),
      ).toBe(true);
    });

    it('get events: the real columns, newest kinds of event included', async () => {
      const rows = table(await k(['get', 'events']));
      expect(Object.keys(rows[0] ?? {})).toEqual(['LAST SEEN', 'TYPE', 'REASON', 'OBJECT', 'MESSAGE']);
      expect(rows).toContainEqual(expect.objectContaining({ TYPE: 'Warning', REASON: 'BackOff' }));
      expect(rows).toContainEqual(
        expect.objectContaining({
          TYPE: 'Normal',
          REASON: 'ScalingReplicaSet',
          OBJECT: 'deployment/payments',
        }),
      );
      expect(rows).toContainEqual(
        expect.objectContaining({
          REASON: 'Killing',
          MESSAGE: expect.stringMatching(/^Stopping container app$/),
        }),
      );
    });

    it('get all: pods, service, deployments and replica sets', async () => {
      const out = await k(['get', 'all']);
      const sections = out
        .split('\n\n')
        .map(
          (section) =>
            section
              .trim()
              .split('\n')[0]
              ?.split(/\s{2,}/)[0],
        )
        .filter(Boolean);
      expect(sections).toEqual(['NAME', 'NAME', 'NAME', 'NAME']);
      expect(out).toMatch(/^pod\/payments-\S+\s+1\/1\s+Running/m);
      expect(out).toMatch(/^service\/payments\s+ClusterIP\s+10\.\d+\.\d+\.\d+\s+<none>\s+80\/TCP/m);
      expect(out).toMatch(/^deployment\.apps\/payments\s+3\/3\s+3\s+3/m);
      expect(out).toMatch(/^deployment\.apps\/payments-worker\s+/m);
      expect(out).toMatch(/^replicaset\.apps\/payments-\S+\s+3\s+3\s+3/m);
      expect(sim.cluster.controlPlane.lastError).toBeUndefined();
    });
  },
);
