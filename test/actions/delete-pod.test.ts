import { describe, expect, it } from 'vitest';
import { deletePod } from '../../src/actions/delete-pod.js';
import { PlanError } from '../../src/actions/plan.js';
import type { ProposalTarget } from '../../src/domain/proposal.js';
import { livePayments, planContext } from './fixtures.js';

function podTarget(name: string): ProposalTarget {
  return { kind: 'Pod', namespace: 'payments', name };
}

describe('delete_pod params, risk and description', () => {
  it('takes no params', () => {
    expect(deletePod.params.safeParse({}).success).toBe(true);
    expect(deletePod.params.safeParse({ gracePeriodSeconds: 0 }).success).toBe(false);
  });

  it('is low risk, targets Pods only, and says the controller replaces it', () => {
    expect(deletePod.risk({})).toBe('low');
    expect(deletePod.targets).toEqual(['Pod']);
    expect(deletePod.describe(podTarget('payments-5d8f7c9b6-x2x9q'), {})).toBe(
      'delete pod/payments-5d8f7c9b6-x2x9q (its controller replaces it)',
    );
  });
});

describe('delete_pod plan', () => {
  it('deletes exactly the pod that was observed (uid precondition); nothing to restore', () => {
    const pod = livePayments().pods.at(-1)!;
    const name = pod.metadata!.name!;
    const plan = deletePod.plan({}, planContext(podTarget(name), { pod }));
    expect(plan).toEqual({
      operation: 'delete',
      kind: 'Pod',
      namespace: 'payments',
      name,
      uid: pod.metadata!.uid,
      description: `delete pod/${name} (its controller replaces it)`,
      restore: undefined,
    });
  });

  it('refuses when the pod is gone', () => {
    expect(() => deletePod.plan({}, planContext(podTarget('payments-5d8f7c9b6-x2x9q'), {}))).toThrow(
      new PlanError('pod payments-5d8f7c9b6-x2x9q not found'),
    );
  });
});
