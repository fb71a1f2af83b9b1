import { describe, expect, it } from 'vitest';
import { PlanError } from '../../src/actions/plan.js';
import { restart } from '../../src/actions/restart.js';
import {
  annotationAdds,
  deploymentTarget,
  livePayments,
  NOW,
  planContext,
  RESOURCE_VERSION_OP,
} from './fixtures.js';

// kubectl's format: RFC 3339 in seconds.
const RESTARTED_AT = '2025-01-10T10:05:42Z';

describe('restart params, risk and description', () => {
  it('takes no params', () => {
    expect(restart.params.safeParse({}).success).toBe(true);
    expect(restart.params.safeParse({ force: true }).success).toBe(false);
  });

  it('is low risk, needs no container, and reads like kubectl', () => {
    expect(restart.risk({})).toBe('low');
    expect(restart.needsContainer).toBe(false);
    expect(restart.describe(deploymentTarget(), {})).toBe('rollout restart deployment/payments');
  });
});

describe('restart plan', () => {
  it('adds the restartedAt annotation to a template that has annotations; cannot be undone', () => {
    const { deployment } = livePayments({
      templateAnnotations: { 'sim.sre-bot.dev/requires-env': 'REQUIRED_CONFIG' },
    });
    const plan = restart.plan({}, planContext(deploymentTarget(), { deployment }));
    expect(plan.operation === 'patch' && plan.patch).toEqual([
      RESOURCE_VERSION_OP,
      {
        op: 'add',
        path: '/spec/template/metadata/annotations/kubectl.kubernetes.io~1restartedAt',
        value: RESTARTED_AT,
      },
      ...annotationAdds(plan.description),
    ]);
    expect(plan.restore).toBeUndefined();
    expect(NOW.toISOString()).toBe('2025-01-10T10:05:42.318Z');
  });

  it('adds the whole annotations map to a template without any', () => {
    const { deployment } = livePayments();
    const plan = restart.plan({}, planContext(deploymentTarget(), { deployment }));
    expect(plan.operation === 'patch' && plan.patch[1]).toEqual({
      op: 'add',
      path: '/spec/template/metadata/annotations',
      value: { 'kubectl.kubernetes.io/restartedAt': RESTARTED_AT },
    });
  });

  it('refuses without the Deployment', () => {
    expect(() => restart.plan({}, planContext(deploymentTarget(), {}))).toThrow(PlanError);
  });
});
