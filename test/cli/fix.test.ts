/**
 * `sre-bot fix` end to end: the real CLI in a child process, against a sim running in real time at speed 20 in
 * this process, with the real kubectl as the independent judge. Scenarios come from
 * manifests/scenarios/expectations.yaml; the automated ones run a few at a time (two cores).
 */
import { writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Deployment } from '../../src/kube/types.js';
import { leaseName, microTime } from '../../src/remediate/workload-lease.js';
import { leases } from '../../src/sim/resources/leases.js';
import { loadExpectations } from '../eval/expectations.js';
import {
  HAVE_KUBECTL,
  kubectlHealth,
  limiter,
  startCliCluster,
  type CliCluster,
  type DeploymentList,
} from './cli.js';

const expectations = Object.entries(loadExpectations());
const automated = expectations.filter(([, expectation]) => !['manual', 'none'].includes(expectation.action));
const manual = expectations.filter(([, expectation]) => expectation.action === 'manual');
// Each CLI run costs ~2.5 s of CPU to start (tsx, client-node); verification mostly waits on the wall clock.
const slot = limiter(4);
// Generous: a test's clock starts before it waits for its slot, and the machine may be shared.
const TIMEOUT = 180_000;

/** One payments sim shared by the tests that must leave it unchanged (dry run, refusal, bad input). */
let payments: Promise<CliCluster> | undefined;
const paymentsCluster = () =>
  (payments ??= startCliCluster('payments-missing-env', { seed: 5, steady: true }));

afterAll(async () => {
  await (await payments)?.stop();
});

/** resourceVersion (and generation) of every Deployment in the namespace, as the API server reports them. */
async function versions(cluster: CliCluster, namespace: string): Promise<Record<string, string>> {
  const list = await cluster.kubectlJson<DeploymentList>(['-n', namespace, 'get', 'deployments']);
  return Object.fromEntries(
    list.items.map((deployment) => [
      deployment.metadata?.name ?? '',
      `${deployment.metadata?.resourceVersion}/${deployment.metadata?.generation}`,
    ]),
  );
}

function oneLine(stderr: string): string {
  expect(stderr.endsWith('\n')).toBe(true);
  expect(stderr.trimEnd().split('\n')).toHaveLength(1);
  return stderr.trimEnd();
}

describe.skipIf(!HAVE_KUBECTL)('sre-bot fix', { concurrent: true }, () => {
  it('has scenarios to run', () => {
    expect(automated.length).toBeGreaterThanOrEqual(5);
    expect(manual.length).toBeGreaterThanOrEqual(1);
  });

  it.each(automated)(
    '%s: fix NS --yes --json is applied, verified healthy, and kubectl agrees',
    (scenario, expectation) =>
      slot(async () => {
        const cluster = await startCliCluster(scenario);
        try {
          const result = await cluster.cli(['fix', expectation.namespace, '--yes', '--json']);
          // On failure, say why: the JSON's refusal or verification evidence, not just the exit code.
          expect(result.code, result.stderr || result.stdout.slice(-3000)).toBe(0);
          const output = JSON.parse(result.stdout);
          expect(output.diagnosis.category).toBe(expectation.category);
          expect(output.applied).toMatchObject({
            proposal: { action: expectation.action },
            target: { kind: 'Deployment', namespace: expectation.namespace },
          });
          expect(output.applied.change).toBe(output.applied.proposal.summary);
          expect(output.verification).toMatchObject({ healthy: true });
          expect(output.verification.reason).toMatch(/^rollout complete: /);
          const name: string = output.applied.target.name;
          expect(output.undo).toBe(`sre-bot undo ${expectation.namespace}/${name}`);
          expect(output.dryRun.diff).toMatch(/^\+\+\+ deployment\//m);

          // kubectl, independently: every replica updated and available, every pod Ready and staying so.
          const first = await kubectlHealth(cluster, expectation.namespace, name);
          expect(first.replicas).toBeGreaterThan(0);
          expect(first.available).toBe(first.replicas);
          expect(first.updated).toBe(first.replicas);
          expect(Object.values(first.pods)).toHaveLength(first.replicas!);
          expect(Object.values(first.pods).every((pod) => pod.ready)).toBe(true);
          // 1.5 s of wall time is 30 s in the cluster: long enough for a crash loop or a probe kill to show.
          await new Promise((resolve) => setTimeout(resolve, 1500));
          const later = await kubectlHealth(cluster, expectation.namespace, name);
          expect(later.pods).toEqual(first.pods);

          const deployment = await cluster.kubectlJson<Deployment>([
            '-n',
            expectation.namespace,
            'get',
            'deployment',
            name,
          ]);
          expect(deployment.metadata?.annotations?.['kubernetes.io/change-cause']).toMatch(
            /^sre-bot inc-[0-9]{8}-[0-9]{4}-[a-z0-9]+: .+ \(approved by cli:.+\)$/,
          );
        } finally {
          await cluster.stop();
        }
      }),
    TIMEOUT,
  );

  it.each(manual.slice(0, 1))(
    '%s (manual): exit 1 (not fixed), nothing applied, resourceVersion unchanged',
    (scenario, expectation) =>
      slot(async () => {
        const cluster = await startCliCluster(scenario, { steady: true });
        try {
          const before = await versions(cluster, expectation.namespace);
          const result = await cluster.cli(['fix', expectation.namespace, '--yes', '--json']);
          expect(result.code, result.stderr).toBe(1);
          const output = JSON.parse(result.stdout);
          expect(output.proposals[0].action).toBe('manual');
          expect(output).not.toHaveProperty('applied');
          expect(output).not.toHaveProperty('verification');
          expect(await versions(cluster, expectation.namespace)).toEqual(before);
        } finally {
          await cluster.stop();
        }
      }),
    TIMEOUT,
  );

  it(
    '--dry-run prints the server-side diff and changes nothing',
    () =>
      slot(async () => {
        const cluster = await paymentsCluster();
        const before = await versions(cluster, 'payments');
        const result = await cluster.cli(['fix', 'payments', '--dry-run']);
        expect(result.code, result.stderr).toBe(0);
        expect(result.stdout).toContain(
          'Server-side dry run of: set env REQUIRED_CONFIG from ConfigMap payments-config key REQUIRED_CONFIG on deployment/payments container app',
        );
        expect(result.stdout).toContain('+++ deployment/payments (after fix, server dry run)');
        expect(result.stdout).toMatch(/^\+ +- name: REQUIRED_CONFIG$/m);
        expect(result.stdout.trimEnd().split('\n').at(-1)).toBe('Dry run only: nothing was changed.');
        expect(await versions(cluster, 'payments')).toEqual(before);
      }),
    TIMEOUT,
  );

  it(
    'without a terminal and without --yes it refuses, exit 1, nothing applied',
    () =>
      slot(async () => {
        const cluster = await paymentsCluster();
        const before = await versions(cluster, 'payments');
        const result = await cluster.cli(['fix', 'payments', '--json']);
        expect(result.code).toBe(1);
        expect(oneLine(result.stderr)).toBe(
          'sre-bot: refusing to apply without a terminal to confirm on; pass --yes to apply',
        );
        expect(result.stdout).toBe('');
        expect(await versions(cluster, 'payments')).toEqual(before);
      }),
    TIMEOUT,
  );

  it(
    'another remediation in progress (a live Lease): not applied, exit 1, the reason in the JSON',
    () =>
      slot(async () => {
        const cluster = await paymentsCluster();
        const before = await versions(cluster, 'payments');
        const now = microTime(new Date());
        cluster.sim.cluster.api.create(leases, 'payments', {
          apiVersion: 'coordination.k8s.io/v1',
          kind: 'Lease',
          metadata: { name: leaseName('payments') },
          spec: {
            holderIdentity: 'slack-bot@sre-bot-7d9f8-abcde',
            leaseDurationSeconds: 3600,
            acquireTime: now,
            renewTime: now,
            leaseTransitions: 0,
          },
        });
        try {
          const result = await cluster.cli(['fix', 'payments', '--yes', '--json']);
          expect(result.code, result.stderr).toBe(1);
          const output = JSON.parse(result.stdout);
          expect(output.refused).toEqual({
            reason: 'lease_held',
            message: expect.stringMatching(
              /^another remediation of payments\/payments is in progress \(held by slack-bot@sre-bot-7d9f8-abcde until .+\)$/,
            ),
          });
          expect(output).not.toHaveProperty('applied');
          expect(await versions(cluster, 'payments')).toEqual(before);
        } finally {
          cluster.sim.cluster.api.delete(leases, 'payments', leaseName('payments'));
        }
      }),
    TIMEOUT,
  );

  it.each([
    {
      args: ['fix', 'paymnts', '--yes', '--json'],
      code: 1,
      line: /^sre-bot: could not diagnose: namespace "paymnts" not found — did you mean "payments"\?$/,
    },
    {
      args: ['fix', 'Payments/api/v2', '--yes'],
      code: 2,
      line: /^sre-bot: "Payments\/api\/v2" is not NAMESPACE or NAMESPACE\/DEPLOYMENT \(lower-case Kubernetes names\)$/,
    },
    {
      args: ['fix', 'payments', '--yes', '--kubeconfig', '/nonexistent/kubeconfig'],
      code: 1,
      line: /^sre-bot: cannot load kubeconfig: ENOENT: no such file or directory, open '\/nonexistent\/kubeconfig'$/,
    },
  ])(
    'bad input $args.1 $args.2: one clear line, exit $code, nothing changed',
    ({ args, code, line }) =>
      slot(async () => {
        const cluster = await paymentsCluster();
        const before = await versions(cluster, 'payments');
        const result = await cluster.cli(args);
        expect(result.code).toBe(code);
        expect(oneLine(result.stderr)).toMatch(line);
        expect(result.stdout).toBe('');
        expect(await versions(cluster, 'payments')).toEqual(before);
      }),
    TIMEOUT,
  );

  it(
    'an unreachable API server: one line naming it, exit 1',
    () =>
      slot(async () => {
        const cluster = await paymentsCluster();
        const port = await closedPort();
        const kubeconfig = join(cluster.dir, 'unreachable-kubeconfig');
        writeFileSync(
          kubeconfig,
          cluster.sim.kubeconfig.replace(cluster.sim.url, `http://127.0.0.1:${port}`),
        );
        const result = await cluster.cli(['fix', 'payments', '--yes', '--kubeconfig', kubeconfig]);
        expect(result.code).toBe(1);
        expect(oneLine(result.stderr)).toMatch(
          new RegExp(
            `^sre-bot: could not diagnose: .*cannot reach the Kubernetes API at http://127\\.0\\.0\\.1:${port} \\(ECONNREFUSED\\)$`,
          ),
        );
      }),
    TIMEOUT,
  );
});

/** A port nothing listens on (bound, then closed). */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (address === null || typeof address === 'string') throw new Error('no port');
  return address.port;
}
