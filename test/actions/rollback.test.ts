import { describe, expect, it } from 'vitest';
import { PlanError } from '../../src/actions/plan.js';
import { rollback } from '../../src/actions/rollback.js';
import {
  annotationAdds,
  deploymentTarget,
  GOOD_IMAGE,
  livePayments,
  planContext,
  RESOURCE_VERSION_OP,
} from './fixtures.js';

describe('rollback params, risk and description', () => {
  it.each([[{ toRevision: 1 }], [{ toRevision: 42 }]])('accepts %j', (params) => {
    expect(rollback.params.safeParse(params).success).toBe(true);
  });

  it.each([
    ['revision 0', { toRevision: 0 }],
    ['a fractional revision', { toRevision: 1.5 }],
    ['a revision as a string', { toRevision: '1' }],
    ['no revision', {}],
    ['an unknown field', { toRevision: 1, image: 'x' }],
  ])('rejects %s', (_label, params) => {
    expect(rollback.params.safeParse(params).success).toBe(false);
  });

  it('is medium risk and reads like kubectl rollout undo', () => {
    expect(rollback.risk({ toRevision: 1 })).toBe('medium');
    expect(rollback.needsContainer).toBe(false);
    expect(rollback.describe(deploymentTarget(), { toRevision: 1 })).toBe(
      'roll back deployment/payments to revision 1',
    );
  });
});

describe('rollback plan', () => {
  it("replaces the pod template with the revision's, without its pod-template-hash label", () => {
    const { deployment, replicaSets } = livePayments();
    const revision1 = replicaSets.find(
      (rs) => rs.metadata?.annotations?.['deployment.kubernetes.io/revision'] === '1',
    )!;
    const recorded = structuredClone(revision1);
    const plan = rollback.plan(
      { toRevision: 1 },
      planContext(deploymentTarget(), { deployment, replicaSets }),
    );
    const expectedTemplate = structuredClone(revision1.spec!.template!);
    delete expectedTemplate.metadata!.labels!['pod-template-hash'];
    expect(expectedTemplate.metadata!.labels).toEqual({ app: 'payments' });
    expect(expectedTemplate.spec!.containers[0]!.image).toBe(GOOD_IMAGE);
    expect(plan.operation === 'patch' && plan.patch).toEqual([
      RESOURCE_VERSION_OP,
      { op: 'replace', path: '/spec/template', value: expectedTemplate },
      ...annotationAdds(plan.description),
    ]);
    expect(plan.restore).toEqual([{ path: '/spec/template', previous: deployment.spec!.template }]);
    // The ReplicaSet the template came from is left as it was.
    expect(revision1).toEqual(recorded);
  });

  it("ignores another Deployment's ReplicaSets with the same revision number", () => {
    const { deployment, replicaSets } = livePayments();
    const other = livePayments().replicaSets.map((rs) => {
      rs.metadata!.name = `payments-canary-${rs.metadata!.name}`;
      rs.metadata!.ownerReferences![0]!.uid = 'uid-deploy-payments-canary';
      rs.spec!.template!.spec!.containers[0]!.image = 'registry.example.com/payments/api:canary';
      return rs;
    });
    const plan = rollback.plan(
      { toRevision: 1 },
      planContext(deploymentTarget(), { deployment, replicaSets: [...other, ...replicaSets] }),
    );
    expect(plan.operation === 'patch' && plan.patch[1]).toMatchObject({
      value: { spec: { containers: [{ image: GOOD_IMAGE }, { name: 'metrics' }] } },
    });
  });

  it('refuses a revision that is not in the history, listing the ones that are', () => {
    const { deployment, replicaSets } = livePayments();
    expect(() =>
      rollback.plan({ toRevision: 5 }, planContext(deploymentTarget(), { deployment, replicaSets })),
    ).toThrow(new PlanError('revision 5 of deployment payments not found (revisions: 1, 2)'));
  });

  it('refuses when the history is gone', () => {
    const { deployment } = livePayments();
    expect(() => rollback.plan({ toRevision: 1 }, planContext(deploymentTarget(), { deployment }))).toThrow(
      new PlanError('revision 1 of deployment payments not found (revisions: none)'),
    );
    expect(() => rollback.plan({ toRevision: 1 }, planContext(deploymentTarget(), {}))).toThrow(
      new PlanError('deployment payments not found'),
    );
  });
});
