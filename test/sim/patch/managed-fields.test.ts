import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../../../src/kube/types.js';
import { describeManager, readManagedFields, recordUpdate } from '../../../src/sim/patch/managed-fields.js';
import { at, deepFreeze } from './helpers.js';

const T0 = '2025-01-01T00:00:00Z';
const T1 = '2025-01-01T00:01:00Z';
const T2 = '2025-01-01T00:02:00Z';

function deployment(replicas = 1, image = 'nginx:1.25'): KubeObject {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'web', namespace: 'demo', uid: 'u-1', resourceVersion: '10', labels: { app: 'web' } },
    spec: {
      replicas,
      selector: { matchLabels: { app: 'web' } },
      template: {
        metadata: { labels: { app: 'web' } },
        spec: { containers: [{ name: 'web', image, ports: [{ containerPort: 80 }] }] },
      },
    },
  };
}

function withSpec(object: KubeObject, spec: (s: Record<string, unknown>) => void): KubeObject {
  const copy = structuredClone(object);
  spec(copy.spec as Record<string, unknown>);
  return copy;
}

describe('recordUpdate', () => {
  it('a create gives the creator every field, in the real fieldsV1 spelling', () => {
    const created = recordUpdate(undefined, deployment(), 'kubectl-create', 'apps/v1', T0);
    expect(created.metadata?.managedFields).toEqual([
      {
        manager: 'kubectl-create',
        operation: 'Update',
        apiVersion: 'apps/v1',
        time: T0,
        fieldsType: 'FieldsV1',
        fieldsV1: {
          'f:metadata': { 'f:labels': { 'f:app': {} } },
          'f:spec': {
            'f:replicas': {},
            'f:selector': {},
            'f:template': {
              'f:metadata': { 'f:labels': { 'f:app': {} } },
              'f:spec': {
                'f:containers': {
                  'k:{"name":"web"}': {
                    '.': {},
                    'f:image': {},
                    'f:name': {},
                    'f:ports': {
                      'k:{"containerPort":80,"protocol":"TCP"}': { '.': {}, 'f:containerPort': {} },
                    },
                  },
                },
              },
            },
          },
        },
      },
    ]);
    // Everything except managedFields is `next` unchanged.
    expect({ ...created, metadata: { ...created.metadata, managedFields: undefined } }).toEqual({
      ...deployment(),
      metadata: { ...deployment().metadata, managedFields: undefined },
    });
  });

  it('a later writer takes the fields it changes from their previous owner', () => {
    const created = recordUpdate(undefined, deployment(1), 'kubectl-create', 'apps/v1', T0);
    const scaled = recordUpdate(
      created,
      withSpec(created, (s) => (s.replicas = 3)),
      'kubectl',
      'apps/v1',
      T1,
      'scale',
    );
    const managers = readManagedFields(scaled);
    expect(managers.map((m) => [m.manager, m.subresource, m.time])).toEqual([
      ['kubectl-create', undefined, T0],
      ['kubectl', 'scale', T1],
    ]);
    expect(managers[0]!.fields.has(['f:spec', 'f:replicas'])).toBe(false);
    expect(managers[1]!.fields.paths()).toEqual([['f:spec', 'f:replicas']]);
    expect(at(scaled, 'metadata.managedFields.1')).toEqual({
      manager: 'kubectl',
      operation: 'Update',
      apiVersion: 'apps/v1',
      time: T1,
      fieldsType: 'FieldsV1',
      fieldsV1: { 'f:spec': { 'f:replicas': {} } },
      subresource: 'scale',
    });
  });

  it('a no-op write leaves managedFields byte-identical (no new timestamp)', () => {
    const created = recordUpdate(undefined, deployment(), 'kubectl-create', 'apps/v1', T0);
    const again = recordUpdate(created, structuredClone(created), 'kubectl-create', 'apps/v1', T2);
    expect(again).toEqual(created);
    const other = recordUpdate(created, structuredClone(created), 'someone-else', 'apps/v1', T2);
    expect(other.metadata?.managedFields).toEqual(created.metadata?.managedFields);
  });

  it('a removed field leaves every manager, and empty entries disappear', () => {
    const created = recordUpdate(undefined, deployment(), 'kubectl-create', 'apps/v1', T0);
    const scaled = recordUpdate(
      created,
      withSpec(created, (s) => (s.replicas = 3)),
      'scaler',
      'apps/v1',
      T1,
    );
    const cleared = recordUpdate(
      scaled,
      withSpec(scaled, (s) => delete s.replicas),
      'kubectl-edit',
      'apps/v1',
      T2,
    );
    expect(readManagedFields(cleared).map((m) => m.manager)).toEqual(['kubectl-create']);
    expect(readManagedFields(cleared)[0]!.fields.has(['f:spec', 'f:replicas'])).toBe(false);
  });

  it('Update identities include the apiVersion; entries sort by operation, time, manager', () => {
    const created = recordUpdate(undefined, deployment(), 'b-manager', 'apps/v1', T1);
    const other = recordUpdate(
      created,
      withSpec(created, (s) => (s.paused = true)),
      'a-manager',
      'apps/v1',
      T1,
    );
    const beta = recordUpdate(
      other,
      withSpec(other, (s) => (s.minReadySeconds = 5)),
      'b-manager',
      'apps/v1beta2',
      T1,
    );
    expect(readManagedFields(beta).map((m) => `${m.manager}@${m.apiVersion}`)).toEqual([
      'a-manager@apps/v1',
      'b-manager@apps/v1',
      'b-manager@apps/v1beta2',
    ]);
  });

  it('starts from the managedFields `next` carries when a client resets them', () => {
    const created = recordUpdate(undefined, deployment(), 'kubectl-create', 'apps/v1', T0);
    const reset = structuredClone(created);
    reset.metadata!.managedFields = [];
    reset.spec = { ...(reset.spec as object), replicas: 4 };
    expect(
      readManagedFields(recordUpdate(created, reset, 'me', 'apps/v1', T1)).map((m) => m.manager),
    ).toEqual(['me']);
  });

  it('does not mutate its inputs', () => {
    const old = deepFreeze(recordUpdate(undefined, deployment(1), 'a', 'apps/v1', T0));
    const next = deepFreeze(withSpec(old, (s) => (s.replicas = 2)));
    expect(() => recordUpdate(old, next, 'b', 'apps/v1', T1)).not.toThrow();
  });
});

describe('describeManager', () => {
  it.each([
    [{ manager: 'kubectl', operation: 'Apply' as const, apiVersion: 'apps/v1' }, '"kubectl"'],
    [
      { manager: 'kubectl-client-side-apply', operation: 'Update' as const, apiVersion: 'apps/v1' },
      '"kubectl-client-side-apply" using apps/v1',
    ],
    [
      { manager: 'kubectl', operation: 'Update' as const, apiVersion: 'apps/v1', subresource: 'scale' },
      '"kubectl" with subresource "scale" using apps/v1',
    ],
  ])('%j ⇒ %s', (entry, text) => {
    expect(describeManager(entry)).toBe(text);
  });
});
