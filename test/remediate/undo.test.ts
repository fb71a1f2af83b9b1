/**
 * A fix that does not work, and undo. The variant of payments-missing-env whose ConfigMap holds the key with an
 * empty value: the proposal (wire the key in) is applied, the program still reports the variable missing, so
 * verification fails with that evidence; undo then puts the pod template back exactly, as a new revision whose
 * change-cause says undo. Undo never overwrites a later change by someone else.
 */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Proposal } from '../../src/domain/proposal.js';
import type { Deployment, PodTemplateSpec } from '../../src/kube/types.js';
import { applyProposal } from '../../src/remediate/apply-proposal.js';
import { remediate, type RemediationResult } from '../../src/remediate/remediate.js';
import { undoChange, type UndoOutcome } from '../../src/remediate/undo-change.js';
import { latestUndoRecord } from '../../src/remediate/undo-records.js';
import { acquireWorkloadLease } from '../../src/remediate/workload-lease.js';
import { HAVE_KUBECTL, Kubectl, table } from '../sim/conformance/kubectl.js';
import { fingerprint, scenarioVariant, startHarness, topProposal, type Harness } from './harness.js';

const NS = 'payments';
const INCIDENT = 'inc-20261121-0900-wrng';

function withoutHash(template: PodTemplateSpec | undefined): PodTemplateSpec {
  const copy = structuredClone(template ?? {});
  delete copy.metadata?.labels?.['pod-template-hash'];
  return copy;
}

describe('a fix that does not work (the key exists but holds an empty value), then undo', () => {
  let h: Harness;
  let proposal: Proposal;
  let before: Deployment;
  let originalReplicaSet: string;
  let result: RemediationResult;
  let undone: UndoOutcome;

  beforeAll(async () => {
    const variant = scenarioVariant('payments-missing-env', (object) => {
      if (object.kind !== 'ConfigMap' || object.metadata?.name !== 'payments-config') return undefined;
      return { ...object, data: { ...(object.data as Record<string, string>), REQUIRED_CONFIG: '' } };
    });
    h = await startHarness({ scenarioObjects: [variant] });
    const report = await h.diagnose(NS);
    expect(report.diagnosis.category).toBe('missing_env');
    proposal = topProposal(report);
    // The rules cannot see values: a key that exists is what they wire in.
    expect(proposal).toMatchObject({
      action: 'set_env',
      params: { name: 'REQUIRED_CONFIG', valueFrom: { configMapKeyRef: { name: 'payments-config' } } },
    });
    before = h.stored(NS, 'payments');
    originalReplicaSet = h.sim.cluster.store.list('apps/replicasets', NS)[0]!.metadata.name;
    result = await remediate(h.deps({ verify: { timeoutSeconds: 120, settleSeconds: 10, pollSeconds: 1 } }), {
      incidentId: INCIDENT,
      proposal,
      approvedBy: 'U024BE7LH',
      expectedCategory: 'missing_env',
    });
    undone = await undoChange(h.deps(), { namespace: NS, deployment: 'payments', actor: 'U0G9QF9C6' });
    h.advance(5);
  });

  afterAll(async () => {
    await h?.stop();
  });

  it('reports failed verification with the evidence of why', () => {
    expect(result.outcome.status).toBe('applied');
    expect(result.verification?.healthy).toBe(false);
    expect(result.verification?.reason).toMatch(/^timed out after 120s in the rollout phase, waiting for /);
    expect(result.verification?.seconds).toBe(120);
    expect(result.verification?.evidence).toContain('log: Error: REQUIRED_CONFIG is not set');
    expect(result.verification?.evidence.some((line) => /CrashLoopBackOff/.test(line))).toBe(true);
  });

  it('undo restores the pod template exactly, as a new revision that says undo', () => {
    expect(undone.status).toBe('undone');
    const after = h.stored(NS, 'payments');
    expect(after.spec?.template).toEqual(before.spec?.template);
    expect(after.spec?.template.spec?.containers[0]?.env?.map((variable) => variable.name)).toEqual([
      'LOG_LEVEL',
    ]);
    expect(after.metadata?.annotations?.['kubernetes.io/change-cause']).toBe(
      `sre-bot ${INCIDENT}: undo of "${proposal.summary}" (requested by U0G9QF9C6)`,
    );
    expect(after.metadata?.generation).toBe((before.metadata?.generation ?? 0) + 2);
    // The controller brought the original ReplicaSet back as revision 3.
    const replicaSets = h.sim.cluster.store.list('apps/replicasets', NS);
    const current = replicaSets.find(
      (rs) => rs.metadata.annotations?.['deployment.kubernetes.io/revision'] === '3',
    );
    expect(current?.metadata.name).toBe(originalReplicaSet);
    expect(withoutHash((current as { spec?: { template?: PodTemplateSpec } }).spec?.template)).toEqual(
      before.spec?.template,
    );
  });

  it('records the undo: a second undo is refused as already done', async () => {
    expect(undone.status === 'undone' && undone.record).toMatchObject({ undoneBy: 'U0G9QF9C6' });
    const again = await undoChange(h.deps(), { namespace: NS, deployment: 'payments', actor: 'U0G9QF9C6' });
    expect(again).toMatchObject({ status: 'refused', reason: 'already_undone' });
    expect(again.status === 'refused' && again.message).toMatch(/was already undone by U0G9QF9C6 at /);
  });

  it.skipIf(!HAVE_KUBECTL)('kubectl rollout history shows the fix and the undo revision', async () => {
    const kubectl = new Kubectl(h.sim);
    try {
      const history = table(
        await kubectl
          .ok(['-n', NS, 'rollout', 'history', 'deployment/payments'])
          .then((text) => text.split('\n').slice(1).join('\n')),
      );
      expect(history.map((row) => row.REVISION)).toEqual(['2', '3']);
      expect(history[0]!['CHANGE-CAUSE']).toBe(
        `sre-bot ${INCIDENT}: ${proposal.summary} (approved by U024BE7LH)`,
      );
      expect(history[1]!['CHANGE-CAUSE']).toBe(
        `sre-bot ${INCIDENT}: undo of "${proposal.summary}" (requested by U0G9QF9C6)`,
      );
      const revision3 = await kubectl.ok([
        '-n',
        NS,
        'rollout',
        'history',
        'deployment/payments',
        '--revision=3',
      ]);
      // Revision 3's template is the original one: LOG_LEVEL only.
      expect(revision3).toMatch(/Environment:\s+LOG_LEVEL:[^\n]*\n\s+Mounts:/);
      expect(revision3).not.toMatch(/REQUIRED_CONFIG:\s+<set to/);
      const revision2 = await kubectl.ok([
        '-n',
        NS,
        'rollout',
        'history',
        'deployment/payments',
        '--revision=2',
      ]);
      expect(revision2).toMatch(
        /REQUIRED_CONFIG:\s+<set to the key 'REQUIRED_CONFIG' of config map 'payments-config'>/,
      );
    } finally {
      kubectl.cleanup();
    }
  });
});

describe('undo refusals', () => {
  let h: Harness;
  let proposal: Proposal;

  beforeEach(async () => {
    h = await startHarness({ scenarios: ['payments-missing-env'] });
    proposal = topProposal(await h.diagnose(NS));
  });

  afterEach(async () => {
    await h.stop();
  });

  async function applyFix() {
    const outcome = await applyProposal(h.deps(), {
      incidentId: INCIDENT,
      proposal,
      approvedBy: 'U024BE7LH',
      expectedCategory: 'missing_env',
    });
    if (outcome.status !== 'applied') throw new Error(`not applied: ${outcome.message}`);
    await outcome.lease.release();
    h.advance(30);
  }

  it('refuses when someone changed the field after the fix, and changes nothing', async () => {
    await applyFix();
    await h.kube.patch(
      'Deployment',
      NS,
      'payments',
      {
        type: 'strategic',
        body: {
          spec: {
            template: {
              spec: {
                containers: [{ name: 'app', env: [{ name: 'REQUIRED_CONFIG', value: 'https://cfg' }] }],
              },
            },
          },
        },
      },
      { fieldManager: 'kubectl-set' },
    );
    h.advance(1);
    const edited = fingerprint(h.stored(NS, 'payments'));
    const outcome = await undoChange(h.deps(), { namespace: NS, deployment: 'payments', actor: 'U0G9QF9C6' });
    expect(outcome).toEqual({
      status: 'refused',
      reason: 'changed_since',
      message:
        'payments/payments changed since the fix was applied; undoing now would overwrite that change, so nothing was done',
    });
    expect(fingerprint(h.stored(NS, 'payments'))).toEqual(edited);
    expect((await latestUndoRecord(h.store, NS, 'payments'))?.undoneAt).toBeUndefined();
  });

  it('still undoes when only other fields changed, and keeps those changes', async () => {
    const original = h.stored(NS, 'payments');
    await applyFix();
    await h.kube.patch(
      'Deployment',
      NS,
      'payments',
      {
        type: 'strategic',
        body: { spec: { template: { metadata: { annotations: { team: 'payments-core' } } } } },
      },
      { fieldManager: 'kubectl-edit' },
    );
    const outcome = await undoChange(h.deps(), { namespace: NS, deployment: 'payments', actor: 'U0G9QF9C6' });
    expect(outcome.status).toBe('undone');
    const template = h.stored(NS, 'payments').spec?.template;
    expect(template?.spec?.containers).toEqual(original.spec?.template.spec?.containers);
    expect(template?.metadata?.annotations?.team).toBe('payments-core');
  });

  it('refuses when there is nothing recorded to undo', async () => {
    const outcome = await undoChange(h.deps(), { namespace: NS, deployment: 'payments', actor: 'U0G9QF9C6' });
    expect(outcome).toEqual({
      status: 'refused',
      reason: 'nothing_to_undo',
      message: 'no change by sre-bot on payments/payments is recorded',
    });
  });

  it('refuses while another remediation holds the workload', async () => {
    await applyFix();
    const lease = await acquireWorkloadLease(
      h.kube,
      h.clock,
      { namespace: NS, deployment: 'payments' },
      'bot-b@pod-b',
      60,
    );
    const before = fingerprint(h.stored(NS, 'payments'));
    const outcome = await undoChange(h.deps(), { namespace: NS, deployment: 'payments', actor: 'U0G9QF9C6' });
    expect(outcome).toMatchObject({ status: 'refused', reason: 'lease_held' });
    expect(fingerprint(h.stored(NS, 'payments'))).toEqual(before);
    await lease.release();
  });
});
