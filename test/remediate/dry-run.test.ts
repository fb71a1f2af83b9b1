/**
 * Dry run (the Dry run button, `sre-bot fix --dry-run`): the planned call sent with dryRun=All. The API server
 * validates and answers with what it would store; nothing is persisted, and the diff shows the change.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { Proposal } from '../../src/domain/proposal.js';
import { dryRunProposal } from '../../src/remediate/dry-run-proposal.js';
import { latestUndoRecord } from '../../src/remediate/undo-records.js';
import { leaseName } from '../../src/remediate/workload-lease.js';
import { fingerprint, recordingKube, startHarness, topProposal, type Harness } from './harness.js';

const CONTEXT = {
  incidentId: 'inc-20261121-1000-dryr',
  approvedBy: 'U024BE7LH',
  now: new Date('2026-11-21T10:00:00Z'),
};

let h: Harness | undefined;

afterEach(async () => {
  await h?.stop();
  h = undefined;
});

async function open(scenario: string, namespace: string): Promise<{ h: Harness; proposal: Proposal }> {
  h = await startHarness({ scenarios: [scenario] });
  return { h, proposal: topProposal(await h.diagnose(namespace)) };
}

describe('dry run of a Deployment change', () => {
  it('set_env: shows the new variable and annotations, persists nothing', async () => {
    const { h, proposal } = await open('payments-missing-env', 'payments');
    const before = fingerprint(h.stored('payments', 'payments'));
    const revisions = h.revisions('payments');
    const { kube, patches } = recordingKube(h.kube);

    const outcome = await dryRunProposal(kube, proposal, CONTEXT);

    expect(outcome.status).toBe('ok');
    if (outcome.status !== 'ok') return;
    expect(patches).toEqual([{ kind: 'Deployment', name: 'payments', dryRun: true, outcome: 'ok' }]);
    expect(outcome.result.changes).toBe(true);
    const diff = outcome.result.diff;
    expect(diff.split('\n').slice(0, 2)).toEqual([
      '--- deployment/payments (live)\t',
      '+++ deployment/payments (after fix, server dry run)\t',
    ]);
    const added = diff.split('\n').filter((line) => line.startsWith('+') && !line.startsWith('+++'));
    const removed = diff.split('\n').filter((line) => line.startsWith('-') && !line.startsWith('---'));
    expect(added).toEqual([
      `+    kubernetes.io/change-cause: "sre-bot ${CONTEXT.incidentId}: ${proposal.summary} (approved by U024BE7LH)"`,
      `+    sre-bot.dev/incident: ${CONTEXT.incidentId}`,
      '+            - name: REQUIRED_CONFIG',
      '+              valueFrom:',
      '+                configMapKeyRef:',
      '+                  key: REQUIRED_CONFIG',
      '+                  name: payments-config',
    ]);
    expect(removed).toEqual([]);
    // Noise is left out: no resourceVersion, generation, status or managedFields in the diff.
    expect(diff).not.toMatch(/resourceVersion|generation|managedFields|status:/);

    h.advance(5);
    expect(fingerprint(h.stored('payments', 'payments'))).toEqual(before);
    expect(h.revisions('payments')).toEqual(revisions);
    expect(await latestUndoRecord(h.store, 'payments', 'payments')).toBeUndefined();
    expect(await h.kube.get('Lease', 'payments', leaseName('payments'))).toBeUndefined();
  });

  it('rollback: shows the image going back to the last good revision, persists nothing', async () => {
    const { h, proposal } = await open('frontend-bad-image', 'frontend');
    expect(proposal).toMatchObject({ action: 'rollback', params: { toRevision: 1 } });
    const before = fingerprint(h.stored('frontend', 'frontend'));
    const outcome = await dryRunProposal(h.kube, proposal, CONTEXT);
    expect(outcome.status).toBe('ok');
    if (outcome.status !== 'ok') return;
    expect(outcome.result.diff).toMatch(/^-\s+- image: registry\.example\.com\/web\/frontend:2\.4\.0-rc1$/m);
    expect(outcome.result.diff).toMatch(/^\+\s+- image: registry\.example\.com\/web\/frontend:2\.3\.0$/m);
    expect(outcome.result.diff).toMatch(/^-\s+kubernetes\.io\/change-cause: "ci: release 2\.4\.0-rc1"$/m);
    expect(fingerprint(h.stored('frontend', 'frontend'))).toEqual(before);
  });

  it('delete_pod: the server accepts it, the pod stays', async () => {
    const { h } = await open('payments-missing-env', 'payments');
    const pod = h.sim.cluster.store.list('core/pods', 'payments')[0]!;
    const proposal: Proposal = {
      id: 'p-delete',
      action: 'delete_pod',
      target: { kind: 'Pod', namespace: 'payments', name: pod.metadata.name },
      params: {},
      rationale: 'replace the stuck pod',
      risk: 'low',
      basis: { uid: pod.metadata.uid! },
    };
    const outcome = await dryRunProposal(h.kube, proposal, CONTEXT);
    expect(outcome).toMatchObject({ status: 'ok', result: { changes: true } });
    expect(outcome.status === 'ok' && outcome.result.diff).toBe(
      `pod/${pod.metadata.name} would be deleted (server dry run accepted); its ReplicaSet creates a replacement`,
    );
    h.advance(5);
    expect(h.sim.cluster.store.get('core/pods', 'payments', pod.metadata.name)?.metadata.uid).toBe(
      pod.metadata.uid,
    );
  });
});

describe('dry run refusals', () => {
  it('a manual proposal has nothing to dry-run', async () => {
    const { h, proposal } = await open('ledger-missing-configmap', 'ledger');
    expect(proposal.action).toBe('manual');
    expect(await dryRunProposal(h.kube, proposal, CONTEXT)).toEqual({
      status: 'refused',
      message: 'a manual instruction has nothing to dry-run',
    });
  });

  it('a stale proposal is refused before anything is sent', async () => {
    const { h, proposal } = await open('payments-missing-env', 'payments');
    await h.kube.patch(
      'Deployment',
      'payments',
      'payments',
      { type: 'merge', body: { spec: { template: { metadata: { annotations: { team: 'core' } } } } } },
      { fieldManager: 'kubectl-edit' },
    );
    const { kube, patches } = recordingKube(h.kube);
    expect(await dryRunProposal(kube, proposal, CONTEXT)).toEqual({
      status: 'refused',
      message: 'proposal is stale: its pod template changed since the proposal; diagnose again',
    });
    expect(patches).toEqual([]);
  });

  it('an API server refusal of the dry run is reported, not thrown', async () => {
    const { h, proposal } = await open('payments-missing-env', 'payments');
    h.sim.faults.add({
      method: 'PATCH',
      path: '/apis/apps/v1/namespaces/payments/deployments/payments',
      status: 403,
    });
    const outcome = await dryRunProposal(h.kube, proposal, CONTEXT);
    expect(outcome.status).toBe('refused');
    expect(outcome.status === 'refused' && outcome.message).toMatch(
      /^the API server refused the dry run: patch Deployment payments: deployments\.apps "payments" is forbidden: /,
    );
  });
});

describe('dry run while the Deployment keeps changing (a crash loop rewrites its status)', () => {
  const path = '/apis/apps/v1/namespaces/payments/deployments/payments';

  it('a 409 on the dry-run PATCH is re-read and re-planned, then succeeds', async () => {
    const { h, proposal } = await open('payments-missing-env', 'payments');
    h.sim.faults.add({ method: 'PATCH', path, status: 409, count: 1 });
    const { kube, patches } = recordingKube(h.kube);
    const outcome = await dryRunProposal(kube, proposal, CONTEXT);
    h.sim.faults.clear();
    expect(outcome.status).toBe('ok');
    expect(patches.map((patch) => patch.outcome)).toEqual(['kube_conflict', 'ok']);
  });

  it('a persistent 409 is refused after a few attempts, saying why', async () => {
    const { h, proposal } = await open('payments-missing-env', 'payments');
    h.sim.faults.add({ method: 'PATCH', path, status: 409, count: Infinity });
    const outcome = await dryRunProposal(h.kube, proposal, CONTEXT);
    h.sim.faults.clear();
    expect(outcome).toEqual({
      status: 'refused',
      message:
        'payments/payments kept changing during the dry run (409 Conflict on 4 attempts, each re-read and re-planned); try again',
    });
  });
});
