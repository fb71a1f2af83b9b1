import { describe, expect, it } from 'vitest';
import type { ReplicaSet } from '../../../src/kube/types.js';
import { selectorMatches } from '../../../src/sim/kinds/label-selector.js';
import { replicaSets } from '../../../src/sim/resources/replicasets.js';
import { context, rendered } from './helpers.js';

const replicaSet = (): ReplicaSet => ({
  metadata: { name: 'web-5d8f7c9b6', namespace: 'demo' },
  spec: {
    selector: { matchLabels: { app: 'web', 'pod-template-hash': '5d8f7c9b6' } },
    template: {
      metadata: { labels: { app: 'web', 'pod-template-hash': '5d8f7c9b6' } },
      spec: { containers: [{ name: 'web', image: 'nginx:1.25' }] },
    },
  },
});

describe('replicaset defaults and validation', () => {
  it('defaults replicas and the template, and validates it with spec.template.spec paths', () => {
    const rs = replicaSet();
    replicaSets.defaults!(rs, context(), undefined);
    expect(rs.spec?.replicas).toBe(1);
    expect(rs.spec?.template?.spec?.containers[0]?.imagePullPolicy).toBe('IfNotPresent');
    expect(rendered(replicaSets.validate!(rs, undefined))).toEqual([]);
    rs.spec!.template!.spec!.containers = [];
    rs.spec!.replicas = -2;
    expect(rendered(replicaSets.validate!(rs, undefined))).toEqual([
      'spec.replicas: Invalid value: -2: must be greater than or equal to 0',
      'spec.template.spec.containers: Required value',
    ]);
  });

  it('reports selector expressions that cannot work, and skips the template then', () => {
    const rs = replicaSet();
    rs.spec!.selector = { matchExpressions: [{ key: 'app', operator: 'In' }] };
    expect(rendered(replicaSets.validate!(rs, undefined))).toEqual([
      "spec.selector.matchExpressions[0].values: Required value: must be specified when `operator` is 'In' or 'NotIn'",
      'spec.selector: Invalid value: v1.LabelSelector{MatchLabels:map[string]string(nil), MatchExpressions:[]v1.LabelSelectorRequirement{v1.LabelSelectorRequirement{Key:"app", Operator:"In", Values:[]string(nil)}}}: invalid label selector',
    ]);
  });

  it('exposes status.replicas as a field selector', () => {
    const rs = replicaSet();
    expect(replicaSets.fieldSelectors?.['status.replicas']?.(rs)).toBe('0');
    rs.status = { replicas: 3 };
    expect(replicaSets.fieldSelectors?.['status.replicas']?.(rs)).toBe('3');
  });
});

describe('label selector matching', () => {
  const labels = { app: 'web', env: 'prod' };
  it.each<[string, Parameters<typeof selectorMatches>[0], boolean | undefined]>([
    ['matchLabels subset', { matchLabels: { app: 'web' } }, true],
    ['matchLabels mismatch', { matchLabels: { app: 'api' } }, false],
    ['In', { matchExpressions: [{ key: 'env', operator: 'In', values: ['prod', 'canary'] }] }, true],
    [
      'NotIn matches objects lacking the key',
      { matchExpressions: [{ key: 'tier', operator: 'NotIn', values: ['db'] }] },
      true,
    ],
    ['NotIn', { matchExpressions: [{ key: 'env', operator: 'NotIn', values: ['prod'] }] }, false],
    ['Exists', { matchExpressions: [{ key: 'env', operator: 'Exists' }] }, true],
    ['DoesNotExist', { matchExpressions: [{ key: 'env', operator: 'DoesNotExist' }] }, false],
    [
      'invalid operator',
      { matchExpressions: [{ key: 'env', operator: 'Equals', values: ['prod'] }] },
      undefined,
    ],
  ])('%s', (_name, selector, expected) => {
    expect(selectorMatches(selector, labels)).toBe(expected);
  });
});
