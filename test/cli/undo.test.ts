/**
 * `sre-bot undo NAMESPACE/DEPLOYMENT` after a `sre-bot fix`, both as child processes sharing one SQLite store,
 * against a real-time sim; kubectl judges the result.
 */
import { describe, expect, it } from 'vitest';
import type { Deployment } from '../../src/kube/types.js';
import { scenarioVariant } from '../remediate/harness.js';
import { HAVE_KUBECTL, startCliCluster, type CliCluster } from './cli.js';

const TIMEOUT = 180_000;

async function deployment(cluster: CliCluster): Promise<Deployment> {
  return cluster.kubectlJson<Deployment>(['-n', 'payments', 'get', 'deployment', 'payments']);
}

async function fix(cluster: CliCluster): Promise<void> {
  const result = await cluster.cli(['fix', 'payments', '--yes', '--json']);
  expect(result.code, result.stderr).toBe(0);
  expect(JSON.parse(result.stdout).undo).toBe('sre-bot undo payments/payments');
}

/** kubectl rollout history rows (revision, change-cause), waiting for the controller to record `revision`. */
async function history(cluster: CliCluster, revision: string): Promise<string[][]> {
  for (let attempt = 0; ; attempt += 1) {
    const result = await cluster.kubectl(['-n', 'payments', 'rollout', 'history', 'deployment/payments']);
    const rows = result.stdout
      .split('\n')
      .slice(2)
      .filter((line) => line.trim() !== '')
      .map((line) => {
        const match = /^(\d+)\s+(.*)$/.exec(line);
        return match ? [match[1]!, match[2]!.trim()] : [line];
      });
    if (rows.some(([number]) => number === revision) || attempt >= 20) return rows;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

describe.skipIf(!HAVE_KUBECTL)('sre-bot undo', { concurrent: true }, () => {
  it(
    'restores exactly what the fix changed, as a revision that says undo; a second undo is refused',
    async () => {
      const cluster = await startCliCluster('payments-missing-env', { seed: 21 });
      try {
        const before = await deployment(cluster);
        await fix(cluster);
        expect((await deployment(cluster)).spec?.template).not.toEqual(before.spec?.template);

        const undo = await cluster.cli(['undo', 'payments/payments']);
        expect(undo.code, undo.stderr).toBe(0);
        expect(undo.stdout).toMatch(
          /^Undone: set env REQUIRED_CONFIG from ConfigMap payments-config key REQUIRED_CONFIG on deployment\/payments container app \(applied \d{4}-\d\d-\d\dT[\d:.]+Z by cli:.+\)\n$/,
        );
        const after = await deployment(cluster);
        expect(after.spec?.template).toEqual(before.spec?.template);
        expect(after.metadata?.annotations?.['kubernetes.io/change-cause']).toMatch(
          /^sre-bot inc-\S+: undo of "set env REQUIRED_CONFIG .+" \(requested by cli:.+\)$/,
        );
        const rows = await history(cluster, '3');
        expect(rows.map(([revision]) => revision)).toEqual(['2', '3']);
        expect(rows[0]![1]).toMatch(/^sre-bot inc-\S+: set env REQUIRED_CONFIG .+ \(approved by cli:.+\)$/);
        expect(rows[1]![1]).toMatch(/^sre-bot inc-\S+: undo of "set env REQUIRED_CONFIG/);

        const again = await cluster.cli(['undo', 'payments/payments', '--json']);
        expect(again.code).toBe(1);
        expect(JSON.parse(again.stdout)).toMatchObject({ status: 'refused', reason: 'already_undone' });
        // Nothing was written: same generation, same template.
        const final = await deployment(cluster);
        expect(final.metadata?.generation).toBe(after.metadata?.generation);
        expect(final.spec?.template).toEqual(before.spec?.template);
      } finally {
        await cluster.stop();
      }
    },
    TIMEOUT,
  );

  it(
    'a fix that does not work (the key holds an empty value): exit 1 with the evidence, then undo restores it',
    async () => {
      const variant = scenarioVariant('payments-missing-env', (object) =>
        object.kind === 'ConfigMap' && object.metadata?.name === 'payments-config'
          ? { ...object, data: { ...(object.data as Record<string, string>), REQUIRED_CONFIG: '' } }
          : undefined,
      );
      const cluster = await startCliCluster(variant, { seed: 24 });
      try {
        const before = await deployment(cluster);
        const result = await cluster.cli(['fix', 'payments', '--yes', '--json'], {
          env: { SRE_VERIFY_TIMEOUT_SECONDS: '6' },
        });
        expect(result.code, result.stderr).toBe(1);
        const output = JSON.parse(result.stdout);
        expect(output.applied.proposal.action).toBe('set_env');
        expect(output.verification).toMatchObject({ healthy: false });
        expect(output.verification.reason).toMatch(
          /^timed out after 6s in the (rollout|settle) phase, waiting for /,
        );
        expect(output.verification.evidence).toContain('log: Error: REQUIRED_CONFIG is not set');
        expect(output.undo).toBe('sre-bot undo payments/payments');

        const undo = await cluster.cli(['undo', 'payments/payments']);
        expect(undo.code, undo.stderr).toBe(0);
        expect((await deployment(cluster)).spec?.template).toEqual(before.spec?.template);
        const rows = await history(cluster, '3');
        expect(rows.map(([revision]) => revision)).toEqual(['2', '3']);
        expect(rows[1]![1]).toMatch(/^sre-bot inc-\S+: undo of "set env REQUIRED_CONFIG/);
      } finally {
        await cluster.stop();
      }
    },
    TIMEOUT,
  );

  it(
    'refuses, changing nothing, when someone changed the same field after the fix',
    async () => {
      const cluster = await startCliCluster('payments-missing-env', { seed: 22 });
      try {
        await fix(cluster);
        const edit = await cluster.kubectl([
          '-n',
          'payments',
          'set',
          'env',
          'deployment/payments',
          'REQUIRED_CONFIG=https://config.internal.example.com/payments/v4',
        ]);
        expect(edit.code, edit.stderr).toBe(0);
        const edited = await deployment(cluster);

        const undo = await cluster.cli(['undo', 'payments/payments']);
        expect(undo.code).toBe(1);
        expect(undo.stdout).toBe(
          'Not undone: payments/payments changed since the fix was applied; undoing now would overwrite that change, so nothing was done\n',
        );
        const after = await deployment(cluster);
        expect(after.metadata?.generation).toBe(edited.metadata?.generation);
        expect(after.spec?.template).toEqual(edited.spec?.template);
      } finally {
        await cluster.stop();
      }
    },
    TIMEOUT,
  );

  it(
    'bad input and nothing recorded: one clear line, non-zero exit',
    async () => {
      const cluster = await startCliCluster('payments-missing-env', { seed: 23, steady: true });
      try {
        const [noDeployment, malformed, nothing] = await Promise.all([
          cluster.cli(['undo', 'payments']),
          cluster.cli(['undo', 'payments/Payments']),
          cluster.cli(['undo', 'payments/payments']),
        ]);
        expect([noDeployment.code, noDeployment.stderr]).toEqual([
          2,
          'sre-bot: undo needs NAMESPACE/DEPLOYMENT\n',
        ]);
        expect([malformed.code, malformed.stderr]).toEqual([
          2,
          'sre-bot: "payments/Payments" is not NAMESPACE or NAMESPACE/DEPLOYMENT (lower-case Kubernetes names)\n',
        ]);
        // It says where it looked: undo reads the store the fix wrote (a relative SQLite path by default).
        expect(nothing.code).toBe(1);
        expect(nothing.stdout).toMatch(
          /^Not undone: no change by sre-bot on payments\/payments is recorded \(looked in \/\S+\/store\.db, from STORE_URL=sqlite:\/\/\S+\)\n$/,
        );
      } finally {
        await cluster.stop();
      }
    },
    TIMEOUT,
  );
});
