import { describe, expect, it } from 'vitest';
import { PlanError } from '../../src/actions/plan.js';
import { scale } from '../../src/actions/scale.js';
import {
  annotationAdds,
  deploymentTarget,
  livePayments,
  planContext,
  RESOURCE_VERSION_OP,
} from './fixtures.js';

describe('scale params', () => {
  it.each([0, 1, 2, 1000])('accepts %i replicas', (replicas) => {
    expect(scale.params.safeParse({ replicas }).success).toBe(true);
  });

  it.each([
    ['negative', { replicas: -1 }],
    ['over 1000', { replicas: 1001 }],
    ['fractional', { replicas: 1.5 }],
    ['a string', { replicas: '2' }],
    ['missing', {}],
    ['with an unknown field', { replicas: 2, namespace: 'payments' }],
  ])('rejects %s', (_label, params) => {
    expect(scale.params.safeParse(params).success).toBe(false);
  });
});

describe('scale risk and description', () => {
  it.each([
    [0, 'high'],
    [1, 'medium'],
    [5, 'medium'],
  ] as const)('scaling to %i is %s risk', (replicas, risk) => {
    expect(scale.risk({ replicas })).toBe(risk);
  });

  it('describes the target count and needs no container', () => {
    expect(scale.describe(deploymentTarget(), { replicas: 2 })).toBe(
      'scale deployment/payments to 2 replicas',
    );
    expect(scale.needsContainer).toBe(false);
  });
});

describe('scale plan', () => {
  it('replaces spec.replicas, remembering the live count; no container test', () => {
    const { deployment } = livePayments({ replicas: 0 });
    const plan = scale.plan({ replicas: 2 }, planContext(deploymentTarget(), { deployment }));
    expect(plan.operation === 'patch' && plan.patch).toEqual([
      RESOURCE_VERSION_OP,
      { op: 'replace', path: '/spec/replicas', value: 2 },
      ...annotationAdds(plan.description),
    ]);
    expect(plan.restore).toEqual([{ path: '/spec/replicas', previous: 0 }]);
  });

  it('adds spec.replicas when the live object leaves it to the default; undo removes it', () => {
    const { deployment } = livePayments();
    delete deployment.spec!.replicas;
    const plan = scale.plan({ replicas: 3 }, planContext(deploymentTarget(), { deployment }));
    expect(plan.operation === 'patch' && plan.patch[1]).toEqual({
      op: 'add',
      path: '/spec/replicas',
      value: 3,
    });
    expect(plan.restore).toEqual([{ path: '/spec/replicas', previous: undefined }]);
  });

  it('refuses without the Deployment', () => {
    expect(() => scale.plan({ replicas: 2 }, planContext(deploymentTarget(), {}))).toThrow(PlanError);
  });
});
