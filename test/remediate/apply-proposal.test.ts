/**
 * Applying an approved proposal on a real simulated cluster: the happy path through verification, and every
 * reason to refuse — manual, stale, finding gone, target gone, plan impossible, API server refusals — each
 * leaving the Deployment exactly as it was. A conflict caused by a status-only write is re-planned, not refused.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { KubeApiError } from '../../src/errors.js';
import type { AppliedChange } from '../../src/domain/incident.js';
import type { Proposal } from '../../src/domain/proposal.js';
import { applyProposal, type ApplyOutcome } from '../../src/remediate/apply-proposal.js';
import { remediate } from '../../src/remediate/remediate.js';
import { latestUndoRecord, undoRecordById } from '../../src/remediate/undo-records.js';
import { leaseName } from '../../src/remediate/workload-lease.js';
import { deployments } from '../../src/sim/resources/deployments.js';
import type { StorePort } from '../../src/store/port.js';
import { fingerprint, recordingKube, startHarness, topProposal, type Harness } from './harness.js';

const NS = 'payments';
const DEPLOY_PATH = '/apis/apps/v1/namespaces/payments/deployments/payments';
const REQUIRED_CONFIG = {
  name: 'REQUIRED_CONFIG',
  valueFrom: { configMapKeyRef: { name: 'payments-config', key: 'REQUIRED_CONFIG' } },
};

let h: Harness;
let proposal: Proposal;

beforeEach(async () => {
  h = await startHarness({ scenarios: ['payments-missing-env'] });
  const report = await h.diagnose(NS);
  expect(report.diagnosis.category).toBe('missing_env');
  proposal = topProposal(report);
  expect(proposal.action).toBe('set_env');
});

afterEach(async () => {
  await h.stop();
});

function request(overrides: { proposal?: Proposal; incidentId?: string } = {}) {
  return {
    incidentId: overrides.incidentId ?? 'inc-20261121-0708-test',
    proposal: overrides.proposal ?? proposal,
    approvedBy: 'U024BE7LH',
    expectedCategory: 'missing_env',
  };
}

function env(deployment: ReturnType<Harness['stored']>) {
  return deployment.spec?.template.spec?.containers[0]?.env;
}

async function leaseLeft() {
  return h.kube.get('Lease', NS, leaseName('payments'));
}

function refusal(outcome: ApplyOutcome) {
  return outcome.status === 'refused' ? { reason: outcome.reason, message: outcome.message } : outcome;
}

describe('apply and verify', () => {
  it('applies the set_env fix once, verifies it healthy, records the undo and frees the lease', async () => {
    const before = h.stored(NS, 'payments');
    const announced: AppliedChange[] = [];
    const result = await remediate(h.deps(), request(), {
      onApplied: (change) => {
        announced.push(change);
        // Reported before verification starts: the rollout has not finished yet.
        expect(h.stored(NS, 'payments').status?.updatedReplicas ?? 0).toBeLessThan(2);
        return Promise.resolve();
      },
    });

    expect(result.outcome.status).toBe('applied');
    expect(result.verification).toMatchObject({ healthy: true, evidence: [] });
    expect(result.verification?.reason).toMatch(
      /^rollout complete: 2\/2 pods Ready for 10s with no restarts, and the missing_env finding is gone$/,
    );
    expect(result.verification?.revision).toBe('2');
    expect(announced).toHaveLength(1);

    const after = h.stored(NS, 'payments');
    expect(env(after)).toEqual([...env(before)!, REQUIRED_CONFIG]);
    expect(after.metadata?.generation).toBe((before.metadata?.generation ?? 0) + 1);
    expect(after.metadata?.annotations).toMatchObject({
      'kubernetes.io/change-cause': `sre-bot inc-20261121-0708-test: ${proposal.summary} (approved by U024BE7LH)`,
      'sre-bot.dev/incident': 'inc-20261121-0708-test',
    });
    // Everything else in the template is as it was.
    expect({ ...after.spec?.template, spec: { ...after.spec?.template.spec, containers: [] } }).toEqual({
      ...before.spec?.template,
      spec: { ...before.spec?.template.spec, containers: [] },
    });
    expect(h.revisions(NS)).toEqual(['1', '2']);
    expect((await h.diagnose(NS)).diagnosis.hasIssue).toBe(false);

    const change = announced[0]!;
    expect(change.revisionBefore).toBe('1');
    expect(change.undoId).toBeDefined();
    const record = await latestUndoRecord(h.store, NS, 'payments');
    expect(record).toEqual(await undoRecordById(h.store, change.undoId!));
    expect(record?.patch.slice(0, 2)).toEqual([
      { op: 'test', path: '/spec/template/spec/containers/0/env', value: env(after) },
      { op: 'replace', path: '/spec/template/spec/containers/0/env', value: env(before) },
    ]);
    expect(await leaseLeft()).toBeUndefined();
  });

  it('keeps the lease after applying (for verification) until the caller releases it', async () => {
    const outcome = await applyProposal(h.deps(), request());
    expect(outcome.status).toBe('applied');
    if (outcome.status !== 'applied') return;
    expect((await leaseLeft())?.spec?.holderIdentity).toBe('bot-a@test/inc-20261121-0708-test');
    await outcome.lease.release();
    expect(await leaseLeft()).toBeUndefined();
  });
});

describe('a Pod target (delete_pod)', () => {
  function deletePodProposal(pod: { name: string; uid: string }): Proposal {
    return {
      id: 'p-delete-pod',
      action: 'delete_pod',
      target: { kind: 'Pod', namespace: NS, name: pod.name },
      params: {},
      rationale: 'replace a stuck pod',
      risk: 'low',
      basis: { uid: pod.uid },
    };
  }

  function firstPod() {
    const pod = h.sim.cluster.store.list('core/pods', NS)[0]!;
    return { name: pod.metadata.name, uid: pod.metadata.uid! };
  }

  it("deletes exactly the observed pod under its Deployment's lease; nothing to undo", async () => {
    const pod = firstPod();
    const outcome = await applyProposal(h.deps(), request({ proposal: deletePodProposal(pod) }));
    expect(outcome.status).toBe('applied');
    if (outcome.status !== 'applied') return;
    expect(outcome.deployment).toBe('payments');
    expect(outcome.change.patch).toEqual({ delete: `pod/${pod.name}`, uid: pod.uid });
    expect(outcome.change.undoId).toBeUndefined();
    expect((await leaseLeft())?.spec?.holderIdentity).toBe('bot-a@test/inc-20261121-0708-test');
    await outcome.lease.release();
    h.advance(60);
    expect(h.sim.cluster.store.list('core/pods', NS).map((live) => live.metadata.uid)).not.toContain(pod.uid);
    expect(await latestUndoRecord(h.store, NS, 'payments')).toBeUndefined();
  });

  it('refuses when the pod was replaced since the proposal', async () => {
    const pod = firstPod();
    const stale = deletePodProposal({ ...pod, uid: 'uid-of-an-older-pod' });
    const outcome = await applyProposal(h.deps(), request({ proposal: stale }));
    expect(refusal(outcome)).toEqual({
      reason: 'stale',
      message: 'proposal is stale: the pod was replaced since the proposal; nothing applied — diagnose again',
    });
    expect(h.sim.cluster.store.get('core/pods', NS, pod.name)?.metadata.uid).toBe(pod.uid);
  });
});

describe('refusals leave the Deployment unchanged', () => {
  it('never applies a manual proposal', async () => {
    const before = fingerprint(h.stored(NS, 'payments'));
    const manual: Proposal = {
      ...proposal,
      action: 'manual',
      params: { instruction: 'Wire REQUIRED_CONFIG from ConfigMap payments-config.' },
    };
    const outcome = await applyProposal(h.deps(), request({ proposal: manual }));
    expect(refusal(outcome)).toEqual({
      reason: 'manual',
      message: 'a manual instruction is never executed by the bot',
    });
    expect(fingerprint(h.stored(NS, 'payments'))).toEqual(before);
    expect(await leaseLeft()).toBeUndefined();
  });

  it('refuses a stale proposal when the pod template changed after the diagnosis', async () => {
    // Someone edits the template between the proposal and the approval (a new rollout starts).
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
    h.advance(1);
    const edited = fingerprint(h.stored(NS, 'payments'));
    const outcome = await applyProposal(h.deps(), request());
    expect(refusal(outcome)).toEqual({
      reason: 'stale',
      message:
        'proposal is stale: its pod template changed since the proposal; nothing applied — diagnose again',
    });
    expect(fingerprint(h.stored(NS, 'payments'))).toEqual(edited);
    expect(env(h.stored(NS, 'payments'))?.map((variable) => variable.name)).toEqual(['LOG_LEVEL']);
    expect(await leaseLeft()).toBeUndefined();
  });

  it('refuses when a fresh diagnosis no longer reports the finding (someone fixed it meanwhile)', async () => {
    await h.kube.patch(
      'Deployment',
      NS,
      'payments',
      {
        type: 'strategic',
        body: {
          spec: {
            template: {
              spec: { containers: [{ name: 'app', env: [{ name: 'REQUIRED_CONFIG', value: 'x' }] }] },
            },
          },
        },
      },
      { fieldManager: 'kubectl-set' },
    );
    h.advance(120, 2);
    const fixed = fingerprint(h.stored(NS, 'payments'));
    const outcome = await applyProposal(h.deps(), request());
    expect(refusal(outcome)).toEqual({
      reason: 'finding_gone',
      message: 'the missing_env finding is gone (it now reports no issue); nothing applied — diagnose again',
    });
    expect(fingerprint(h.stored(NS, 'payments'))).toEqual(fixed);
    expect(await leaseLeft()).toBeUndefined();
  });

  it('refuses when the cluster now reports another root cause than the one approved', async () => {
    const before = fingerprint(h.stored(NS, 'payments'));
    const outcome = await applyProposal(h.deps(), { ...request(), expectedCategory: 'oom' });
    expect(refusal(outcome)).toEqual({
      reason: 'finding_gone',
      message: 'the oom finding is gone (it now reports missing_env); nothing applied — diagnose again',
    });
    expect(fingerprint(h.stored(NS, 'payments'))).toEqual(before);
  });

  it('applies when the approved category is a secondary finding the rules still show (an LLM chose it)', async () => {
    // The rules rank missing_env first; the crash-loop finding (category crash) is there too.
    const report = await h.diagnose(NS);
    expect(report.diagnosis.category).toBe('missing_env');
    expect(report.findings.map((finding) => finding.category)).toContain('crash');
    const result = await remediate(h.deps(), { ...request(), expectedCategory: 'crash' });
    expect(result.outcome.status).toBe('applied');
    expect(result.verification).toMatchObject({ healthy: true });
  });

  it('refuses when the target was deleted', async () => {
    await h.kube.delete('Deployment', NS, 'payments');
    const outcome = await applyProposal(h.deps(), request());
    expect(refusal(outcome)).toEqual({
      reason: 'target_missing',
      message: 'deployment/payments no longer exists in payments',
    });
    expect(await leaseLeft()).toBeUndefined();
  });

  it('refuses a plan the live object does not allow (container gone) and releases the lease', async () => {
    const before = fingerprint(h.stored(NS, 'payments'));
    const elsewhere: Proposal = { ...proposal, target: { ...proposal.target, container: 'sidecar' } };
    const outcome = await applyProposal(h.deps(), request({ proposal: elsewhere }));
    expect(refusal(outcome)).toEqual({
      reason: 'plan_failed',
      message: 'container sidecar not found in deployment payments (containers: app)',
    });
    expect(fingerprint(h.stored(NS, 'payments'))).toEqual(before);
    expect(await leaseLeft()).toBeUndefined();
  });
});

describe('conflicts and API server refusals', () => {
  it('re-reads and re-plans after a 409 caused by a status-only write, and applies exactly once', async () => {
    const versions: string[] = [];
    const { kube, patches } = recordingKube(h.kube, (call) => {
      if (call !== 1) return;
      // The deployment controller updates status between our read and our patch: new resourceVersion, same
      // generation and template — not stale, but our precondition no longer holds.
      const live = h.stored(NS, 'payments');
      versions.push(live.metadata!.resourceVersion!);
      const touched = structuredClone(live);
      for (const condition of touched.status?.conditions ?? [])
        condition.lastUpdateTime = new Date(h.sim.cluster.clock.now() + 1000)
          .toISOString()
          .replace(/\.\d+Z$/, 'Z');
      h.sim.cluster.api.replace(
        deployments,
        NS,
        'payments',
        touched,
        { fieldManager: 'kube-controller-manager' },
        'status',
      );
      versions.push(h.stored(NS, 'payments').metadata!.resourceVersion!);
    });
    const before = h.stored(NS, 'payments');
    const outcome = await applyProposal(h.deps({ kube }), request());

    expect(versions[0]).not.toBe(versions[1]);
    expect(h.stored(NS, 'payments').metadata?.generation).toBe((before.metadata?.generation ?? 0) + 1);
    expect(patches.filter((call) => call.kind === 'Deployment')).toEqual([
      { kind: 'Deployment', name: 'payments', dryRun: false, outcome: 'kube_conflict' },
      { kind: 'Deployment', name: 'payments', dryRun: false, outcome: 'ok' },
    ]);
    expect(outcome.status).toBe('applied');
    // The applied patch carried the re-read resourceVersion, not the first one.
    if (outcome.status === 'applied')
      expect(outcome.plan.operation === 'patch' && outcome.plan.patch[0]).toEqual({
        op: 'replace',
        path: '/metadata/resourceVersion',
        value: versions[1],
      });
    expect(
      env(h.stored(NS, 'payments'))?.filter((variable) => variable.name === 'REQUIRED_CONFIG'),
    ).toHaveLength(1);
    h.advance(5);
    expect(h.revisions(NS)).toEqual(['1', '2']);
  });

  it('a concurrent template change between read and patch: 409, re-read, refused as stale, theirs kept', async () => {
    let theirs: ReturnType<typeof fingerprint> | undefined;
    const { kube, patches } = recordingKube(h.kube, async (call) => {
      if (call !== 1) return;
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
      h.advance(1);
      theirs = fingerprint(h.stored(NS, 'payments'));
    });
    const outcome = await applyProposal(h.deps({ kube }), request());
    expect(patches.filter((call) => call.kind === 'Deployment').map((call) => call.outcome)).toEqual([
      'kube_conflict',
    ]);
    expect(refusal(outcome)).toEqual({
      reason: 'stale',
      message:
        'proposal is stale: its pod template changed since the proposal; nothing applied — diagnose again',
    });
    expect(theirs?.template?.metadata?.annotations?.team).toBe('payments-core');
    expect(fingerprint(h.stored(NS, 'payments'))).toEqual(theirs);
    expect(await leaseLeft()).toBeUndefined();
  });

  it.each([
    {
      status: 403,
      message:
        /^the bot is not allowed to make this change: patch Deployment payments: deployments\.apps "payments" is forbidden: User "system:serviceaccount:sre-bot:sre-bot" cannot patch resource "deployments" in API group "apps" in the namespace "payments"; nothing applied$/,
      attempts: 1,
    },
    {
      status: 422,
      message:
        /^the API server refused the change: patch Deployment payments: Deployment\.apps "payments" is invalid: injected validation failure; nothing applied$/,
      attempts: 1,
    },
    {
      status: 422,
      text: 'the server rejected our request due to an error in our request',
      message:
        /^the API server refused the change because the live object no longer matches the plan .*; nothing applied$/,
      attempts: 1,
    },
    {
      status: 409,
      message:
        /^payments\/payments kept changing while the fix was being applied \(409 Conflict on 4 attempts, each re-read and re-planned\); nothing applied — diagnose again$/,
      attempts: 4,
    },
  ])(
    'a persistent $status on the PATCH is refused clearly ($attempts attempt(s)) and changes nothing',
    async (fault) => {
      const before = fingerprint(h.stored(NS, 'payments'));
      h.sim.faults.add({
        method: 'PATCH',
        path: DEPLOY_PATH,
        status: fault.status,
        ...(fault.text ? { message: fault.text } : {}),
        count: Infinity,
      });
      const { kube, patches } = recordingKube(h.kube);
      const outcome = await applyProposal(h.deps({ kube }), request());
      h.sim.faults.clear();

      expect(outcome.status).toBe('refused');
      if (outcome.status !== 'refused') return;
      expect(outcome.reason).toBe('api_rejected');
      expect(outcome.message).toMatch(fault.message);
      expect(patches.filter((call) => call.kind === 'Deployment')).toHaveLength(fault.attempts);
      expect(fingerprint(h.stored(NS, 'payments'))).toEqual(before);
      expect(await latestUndoRecord(h.store, NS, 'payments')).toBeUndefined();
      expect(await leaseLeft()).toBeUndefined();
    },
  );
});

describe('after the PATCH: never "not applied" when it may be', () => {
  it('a 500 on the PATCH is "outcome unknown", with how to check, and the lease is freed', async () => {
    h.sim.faults.add({ method: 'PATCH', path: DEPLOY_PATH, status: 500, count: 1 });
    const failure = await applyProposal(h.deps(), request()).catch((error: unknown) => error);
    h.sim.faults.clear();
    expect(failure).toBeInstanceOf(KubeApiError);
    expect((failure as KubeApiError).code).toBe('kube_outcome_unknown');
    expect((failure as Error).message).toMatch(
      /^the API server did not confirm the change \(.+\); it may or may not be applied — check: kubectl -n payments rollout history deployment\/payments$/,
    );
    expect(await leaseLeft()).toBeUndefined();
  });

  it('a store that fails after the PATCH: applied all the same, without Undo, saying how to put it back', async () => {
    const failing: StorePort = {
      ...h.store,
      set: async (key, value, ttl) => {
        if (key.startsWith('undo')) throw new Error('redis: connection lost');
        return h.store.set(key, value, ttl);
      },
    };
    const outcome = await applyProposal(h.deps({ store: failing }), request());
    expect(outcome.status).toBe('applied');
    if (outcome.status !== 'applied') return;
    await outcome.lease.release();
    expect(outcome.change.undoId).toBeUndefined();
    expect(outcome.change.undoProblem).toBe(
      'the undo record could not be saved (redis: connection lost); to put it back: kubectl -n payments rollout undo deployment/payments --to-revision=1',
    );
    expect(env(h.stored(NS, 'payments'))?.map((variable) => variable.name)).toContain('REQUIRED_CONFIG');
  });
});
