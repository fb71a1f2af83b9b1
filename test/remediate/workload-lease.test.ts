/**
 * One remediation at a time per workload, across bot replicas: the coordination.k8s.io Lease on the real sim.
 * Concurrent approvals by different replicas apply exactly once; a lease left by a dead replica is taken over
 * once expired, never before; a long verification keeps renewing it.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Proposal } from '../../src/domain/proposal.js';
import { applyProposal } from '../../src/remediate/apply-proposal.js';
import { remediate } from '../../src/remediate/remediate.js';
import { undoChange } from '../../src/remediate/undo-change.js';
import { acquireWorkloadLease, leaseName, microTime } from '../../src/remediate/workload-lease.js';
import { fingerprint, recordingKube, startHarness, topProposal, type Harness } from './harness.js';

const NS = 'payments';
const LEASE = leaseName('payments');

let h: Harness;
let proposal: Proposal;

beforeEach(async () => {
  h = await startHarness({ scenarios: ['payments-missing-env'] });
  proposal = topProposal(await h.diagnose(NS));
});

afterEach(async () => {
  await h.stop();
});

function request(incidentId: string) {
  return { incidentId, proposal, approvedBy: 'U024BE7LH', expectedCategory: 'missing_env' };
}

/** A Lease as another replica would have left it, renewed `ageSeconds` ago. */
async function leaseLeftBy(holder: string, ageSeconds: number) {
  const renewed = new Date(h.clock.now().getTime() - ageSeconds * 1000);
  await h.kube.create(
    'Lease',
    NS,
    {
      metadata: { name: LEASE, labels: { 'app.kubernetes.io/managed-by': 'sre-bot' } },
      spec: {
        holderIdentity: holder,
        leaseDurationSeconds: 60,
        acquireTime: microTime(renewed),
        renewTime: microTime(renewed),
        leaseTransitions: 0,
      },
    },
    { fieldManager: 'sre-bot' },
  );
}

describe('concurrent approvals on one workload', () => {
  it('two replicas applying at once: exactly one applies, the other is told the lease is held', async () => {
    const outcomes = await Promise.all([
      applyProposal(h.deps({ holder: 'bot-a@pod-a' }), request('inc-a')),
      applyProposal(h.deps({ holder: 'bot-b@pod-b' }), request('inc-b')),
    ]);
    const applied = outcomes.filter((outcome) => outcome.status === 'applied');
    const refused = outcomes.flatMap((outcome) => (outcome.status === 'refused' ? [outcome] : []));
    expect(applied).toHaveLength(1);
    expect(refused).toHaveLength(1);
    // The holder is the replica and the incident it applies for.
    const winner = outcomes[0]?.status === 'applied' ? 'bot-a@pod-a/inc-a' : 'bot-b@pod-b/inc-b';
    expect(refused[0]!.reason).toBe('lease_held');
    expect(refused[0]!.message).toMatch(
      new RegExp(
        `^another remediation of payments/payments is in progress \\(held by ${winner} until \\d{4}-\\d\\d-\\d\\dT[\\d:.]+Z\\)$`,
      ),
    );
    expect((await h.kube.get('Lease', NS, LEASE))?.spec?.holderIdentity).toBe(winner);
    h.advance(5);
    // One new revision, one REQUIRED_CONFIG.
    expect(h.revisions(NS)).toEqual(['1', '2']);
    const env = h.stored(NS, 'payments').spec?.template.spec?.containers[0]?.env ?? [];
    expect(env.filter((variable) => variable.name === 'REQUIRED_CONFIG')).toHaveLength(1);
  });

  it('one replica, two incidents on the workload: the second is refused while the first holds the lease', async () => {
    const first = await applyProposal(h.deps({ holder: 'bot-a@pod-a' }), request('inc-a'));
    expect(first.status).toBe('applied');
    const second = await applyProposal(h.deps({ holder: 'bot-a@pod-a' }), request('inc-b'));
    expect(second).toMatchObject({ status: 'refused', reason: 'lease_held' });
    expect(second.status === 'refused' && second.message).toMatch(/held by bot-a@pod-a\/inc-a until/);
    // Nor may an Undo from the same replica slip in while the first fix is still being verified.
    const undo = await undoChange(h.deps({ holder: 'bot-a@pod-a' }), {
      namespace: NS,
      deployment: 'payments',
      actor: 'U0ALICE',
    });
    expect(undo).toMatchObject({ status: 'refused', reason: 'lease_held' });
    expect((await h.kube.get('Lease', NS, LEASE))?.spec?.holderIdentity).toBe('bot-a@pod-a/inc-a');
    if (first.status === 'applied') await first.lease.release();
  });

  it('five replicas at once: still exactly one', async () => {
    const outcomes = await Promise.all(
      ['a', 'b', 'c', 'd', 'e'].map((replica) =>
        applyProposal(h.deps({ holder: `bot-${replica}@pod` }), request(`inc-${replica}`)),
      ),
    );
    expect(
      outcomes.map((outcome) => (outcome.status === 'applied' ? 'applied' : outcome.reason)).sort(),
    ).toEqual(['applied', 'lease_held', 'lease_held', 'lease_held', 'lease_held']);
    h.advance(5);
    expect(h.revisions(NS)).toEqual(['1', '2']);
  });
});

describe('a lease left by another replica', () => {
  it('is respected while it is live: refused, nothing changed, the lease still theirs', async () => {
    await leaseLeftBy('bot-z@dead-pod', 20);
    const before = fingerprint(h.stored(NS, 'payments'));
    const outcome = await applyProposal(h.deps(), request('inc-a'));
    expect(outcome).toMatchObject({ status: 'refused', reason: 'lease_held' });
    expect(outcome.status === 'refused' && outcome.message).toMatch(/held by bot-z@dead-pod until/);
    expect(fingerprint(h.stored(NS, 'payments'))).toEqual(before);
    expect((await h.kube.get('Lease', NS, LEASE))?.spec?.holderIdentity).toBe('bot-z@dead-pod');
  });

  it('is taken over once expired (a replica died mid-fix), counting the transition', async () => {
    await leaseLeftBy('bot-z@dead-pod', 61);
    const outcome = await applyProposal(h.deps({ holder: 'bot-a@pod-a' }), request('inc-a'));
    expect(outcome.status).toBe('applied');
    const lease = await h.kube.get('Lease', NS, LEASE);
    expect(lease?.spec).toMatchObject({
      holderIdentity: 'bot-a@pod-a/inc-a',
      leaseTransitions: 1,
      leaseDurationSeconds: 60,
    });
    expect(lease?.spec?.renewTime).toBe(microTime(h.clock.now()));
    if (outcome.status === 'applied') await outcome.lease.release();
    expect(await h.kube.get('Lease', NS, LEASE)).toBeUndefined();
  });

  it('is not deleted by a replica whose lease was taken over', async () => {
    const first = await applyProposal(h.deps({ holder: 'bot-a@pod-a', leaseSeconds: 15 }), request('inc-a'));
    expect(first.status).toBe('applied');
    h.advance(20);
    const second = await acquireWorkloadLease(
      h.kube,
      h.clock,
      { namespace: NS, deployment: 'payments' },
      'bot-b@pod-b',
      60,
    );
    // bot-a comes back from a long pause and releases what it thinks is its lease: bot-b keeps it.
    if (first.status === 'applied') await first.lease.release();
    expect((await h.kube.get('Lease', NS, LEASE))?.spec).toMatchObject({
      holderIdentity: 'bot-b@pod-b',
      leaseTransitions: 1,
    });
    await second.release();
    expect(await h.kube.get('Lease', NS, LEASE)).toBeUndefined();
  });
});

describe('a verification longer than the lease', () => {
  it('renews the lease while verifying and frees it at the end', async () => {
    const { kube, leaseWrites } = recordingKube(h.kube);
    const result = await remediate(
      h.deps({ kube, leaseSeconds: 15, verify: { timeoutSeconds: 300, settleSeconds: 30, pollSeconds: 1 } }),
      request('inc-a'),
    );
    expect(result.verification?.healthy).toBe(true);
    expect(result.verification?.seconds).toBeGreaterThan(15);
    expect(leaseWrites[0]).toBe('create');
    expect(
      leaseWrites.filter((write) => write === 'replace by bot-a@test/inc-a').length,
    ).toBeGreaterThanOrEqual(2);
    expect(await h.kube.get('Lease', NS, LEASE)).toBeUndefined();
  });
});
