/** The shared planning pieces every Deployment action goes through. */
import { describe, expect, it } from 'vitest';
import { deploymentPatch, locateContainer, PlanError, pointer, setField } from '../../src/actions/plan.js';
import { deploymentTarget, INCIDENT, livePayments, planContext, RESOURCE_VERSION_OP } from './fixtures.js';

describe('pointer (RFC 6901)', () => {
  it.each([
    [
      ['metadata', 'annotations', 'kubernetes.io/change-cause'],
      '/metadata/annotations/kubernetes.io~1change-cause',
    ],
    [['metadata', 'labels', 'a~b/c'], '/metadata/labels/a~0b~1c'],
    [['spec', 'template', 'spec', 'containers', 2, 'env'], '/spec/template/spec/containers/2/env'],
  ])('%j ⇒ %s', (segments, expected) => {
    expect(pointer(...segments)).toBe(expected);
  });
});

describe('setField', () => {
  it('replaces a field that exists and adds one that does not, remembering the previous value', () => {
    expect(setField('/spec/replicas', 2, 3)).toEqual({
      forward: [{ op: 'replace', path: '/spec/replicas', value: 3 }],
      restore: [{ path: '/spec/replicas', previous: 2 }],
    });
    expect(setField('/spec/replicas', undefined, 3)).toEqual({
      forward: [{ op: 'add', path: '/spec/replicas', value: 3 }],
      restore: [{ path: '/spec/replicas', previous: undefined }],
    });
    // A field that exists with a falsy value is still replaced.
    expect(setField('/spec/replicas', 0, 2).forward[0]?.op).toBe('replace');
  });
});

describe('locateContainer', () => {
  it('finds a container and its index, or refuses naming the ones there are', () => {
    const { deployment } = livePayments();
    expect(locateContainer(deployment, 'metrics').index).toBe(1);
    expect(() => locateContainer(deployment, 'web')).toThrow(
      new PlanError('container web not found in deployment payments (containers: app, metrics)'),
    );
  });
});

describe('deploymentPatch', () => {
  it('puts the resourceVersion precondition first, then the container test, the edits, the annotations', () => {
    const { deployment } = livePayments();
    const plan = deploymentPatch(
      planContext(deploymentTarget('metrics'), { deployment }),
      {
        forward: [{ op: 'replace', path: '/x', value: 1 }],
        restore: [{ path: '/x', previous: 0 }],
        containerIndex: 1,
      },
      'do x',
    );
    expect(plan).toMatchObject({
      operation: 'patch',
      kind: 'Deployment',
      namespace: 'payments',
      name: 'payments',
    });
    expect(
      plan.operation === 'patch' && plan.patch.map((operation) => `${operation.op} ${operation.path}`),
    ).toEqual([
      'replace /metadata/resourceVersion',
      'test /spec/template/spec/containers/1/name',
      'replace /x',
      'add /metadata/annotations/kubernetes.io~1change-cause',
      'add /metadata/annotations/sre-bot.dev~1incident',
    ]);
    expect(plan.operation === 'patch' && plan.patch[0]).toEqual(RESOURCE_VERSION_OP);
    expect(plan.operation === 'patch' && plan.patch.at(-1)).toEqual({
      op: 'add',
      path: '/metadata/annotations/sre-bot.dev~1incident',
      value: INCIDENT,
    });
  });

  it('an empty annotations map gets both annotations added one by one', () => {
    const { deployment } = livePayments({ annotations: {} });
    const plan = deploymentPatch(
      planContext(deploymentTarget(), { deployment }),
      { forward: [], restore: undefined },
      'x',
    );
    expect(plan.operation === 'patch' && plan.patch.slice(1).map((operation) => operation.op)).toEqual([
      'add',
      'add',
    ]);
    expect(plan.restore).toBeUndefined();
  });
});
