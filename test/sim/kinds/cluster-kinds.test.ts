import { describe, expect, it } from 'vitest';
import type { KubeObject, Namespace, Node, PersistentVolumeClaim, Secret } from '../../../src/kube/types.js';
import { configMaps } from '../../../src/sim/resources/configmaps.js';
import { leases } from '../../../src/sim/resources/leases.js';
import { namespaces } from '../../../src/sim/resources/namespaces.js';
import { nodes } from '../../../src/sim/resources/nodes.js';
import { persistentVolumeClaims } from '../../../src/sim/resources/persistentvolumeclaims.js';
import { roles } from '../../../src/sim/resources/roles.js';
import { secrets } from '../../../src/sim/resources/secrets.js';
import { ObjectStore } from '../../../src/sim/store.js';
import { nodeTable } from '../../../src/sim/tables/node.js';
import { context, NOW, rendered } from './helpers.js';

describe('namespaces', () => {
  it('get the name label, the kubernetes finalizer and phase Active', () => {
    const namespace: Namespace = { metadata: { name: 'demo', labels: { team: 'a' } } };
    namespaces.defaults!(namespace, context(), undefined);
    expect(namespace).toEqual({
      metadata: { name: 'demo', labels: { team: 'a', 'kubernetes.io/metadata.name': 'demo' } },
      spec: { finalizers: ['kubernetes'] },
      status: { phase: 'Active' },
    });
    expect(namespaces.fieldSelectors?.['status.phase']?.(namespace)).toBe('Active');
  });

  it('restore the name label on update', () => {
    const namespace: Namespace = { metadata: { name: 'demo', labels: {} } };
    namespaces.defaults!(namespace, context(), { metadata: { name: 'demo' } });
    expect(namespace.metadata?.labels).toEqual({ 'kubernetes.io/metadata.name': 'demo' });
    expect(namespace.status).toBeUndefined();
  });

  it.each([
    ['demo', []],
    [
      'my.ns',
      [
        `metadata.name: Invalid value: "my.ns": a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')`,
      ],
    ],
    [
      'x'.repeat(64),
      [`metadata.name: Invalid value: "${'x'.repeat(64)}": must be no more than 63 characters`],
    ],
  ])('name %s', (name, expected) => {
    expect(rendered(namespaces.validate!({ metadata: { name } }, undefined))).toEqual(expected);
  });

  it('require a name or generateName', () => {
    expect(rendered(namespaces.validate!({ metadata: {} }, undefined))).toEqual([
      'metadata.name: Required value: name or generateName is required',
    ]);
  });
});

describe('secrets and configmaps', () => {
  it('merge stringData into base64 data and default the type', () => {
    const secret: Secret = {
      metadata: { name: 'db' },
      data: { user: 'b2xk', keep: 'a2VlcA==' },
      stringData: { user: 'admin', pass: 'pä55' },
    };
    secrets.defaults!(secret, context(), undefined);
    expect(secret).toEqual({
      metadata: { name: 'db' },
      type: 'Opaque',
      data: { user: 'YWRtaW4=', keep: 'a2VlcA==', pass: 'cMOkNTU=' },
    });
    expect(secrets.fieldSelectors?.['type']?.(secret)).toBe('Opaque');
  });

  it.each<[string, KubeObject, KubeObject | undefined, string[]]>([
    [
      'bad key',
      { metadata: { name: 'cfg' }, data: { 'a/b': 'x' } },
      undefined,
      [
        `data[a/b]: Invalid value: "a/b": a valid config key must consist of alphanumeric characters, '-', '_' or '.' (e.g. 'key.name',  or 'KEY_NAME',  or 'key-name', regex used for validation is '[-._a-zA-Z0-9]+')`,
      ],
    ],
    [
      'key climbing out of the mount',
      { metadata: { name: 'cfg' }, data: { '..data': 'x' } },
      undefined,
      ['data[..data]: Invalid value: "..data": must not start with \'..\''],
    ],
    [
      'immutable data changed',
      { metadata: { name: 'cfg' }, immutable: true, data: { a: '2' } },
      { metadata: { name: 'cfg' }, immutable: true, data: { a: '1' } },
      ['data: Forbidden: field is immutable when `immutable` is set'],
    ],
  ])('configmap: %s', (_name, object, old, expected) => {
    expect(rendered(configMaps.validate!(object, old))).toEqual(expected);
  });

  it('keep the secret type on update', () => {
    const old: Secret = { metadata: { name: 'tls' }, type: 'Opaque' };
    const update: Secret = { metadata: { name: 'tls' }, type: 'kubernetes.io/tls' };
    expect(rendered(secrets.validate!(update, old))).toEqual([
      'type: Invalid value: "kubernetes.io/tls": field is immutable',
    ]);
  });
});

describe('persistent volume claims', () => {
  it('get volumeMode, phase Pending and the default storage class', () => {
    const store = new ObjectStore();
    store.put('storage.k8s.io/storageclasses', {
      metadata: { name: 'standard', annotations: { 'storageclass.kubernetes.io/is-default-class': 'true' } },
      provisioner: 'rancher.io/local-path',
    });
    const claim: PersistentVolumeClaim = {
      metadata: { name: 'data', namespace: 'demo' },
      spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } },
    };
    persistentVolumeClaims.defaults!(claim, context(store), undefined);
    expect(claim.spec).toMatchObject({ volumeMode: 'Filesystem', storageClassName: 'standard' });
    expect(claim.status).toEqual({ phase: 'Pending' });
    expect(rendered(persistentVolumeClaims.validate!(claim, undefined))).toEqual([]);
  });

  it('require access modes and a storage request', () => {
    expect(
      rendered(persistentVolumeClaims.validate!({ metadata: { name: 'data' }, spec: {} }, undefined)),
    ).toEqual([
      'spec.accessModes: Required value: at least 1 access mode is required',
      'spec.resources[storage]: Required value',
    ]);
  });
});

describe('nodes', () => {
  it('get a registered kubelet status when created without one', () => {
    const node: Node = { metadata: { name: 'node-1', creationTimestamp: '2025-01-10T09:00:00Z' } };
    nodes.defaults!(node, context(), undefined);
    expect(nodeTable.cells(node, NOW)).toEqual([
      'node-1',
      'Ready',
      '<none>',
      '60m',
      'v1.32.4',
      '172.18.0.2',
      '<none>',
      'Debian GNU/Linux 12 (bookworm)',
      '6.8.0-1019-gcp',
      'containerd://1.7.24',
    ]);
    expect(node.status?.capacity).toMatchObject({ cpu: '4', memory: '16777216Ki', pods: '110' });
    expect(node.spec?.podCIDR).toBe('10.244.0.0/24');
  });

  it('keep a status they were given', () => {
    const node: Node = {
      metadata: { name: 'node-2' },
      status: { conditions: [{ type: 'Ready', status: 'False' }] },
    };
    nodes.defaults!(node, context(), undefined);
    expect(node.status).toEqual({ conditions: [{ type: 'Ready', status: 'False' }] });
    expect(nodes.fieldSelectors?.['spec.unschedulable']?.(node)).toBe('false');
  });
});

describe('leases and RBAC names', () => {
  it.each([
    [30, []],
    [0, ['spec.leaseDurationSeconds: Invalid value: 0: must be greater than 0']],
    [undefined, []],
  ])('leaseDurationSeconds %s', (leaseDurationSeconds, expected) => {
    const lease = {
      metadata: { name: 'agent-lock' },
      spec: leaseDurationSeconds === undefined ? {} : { leaseDurationSeconds },
    };
    expect(rendered(leases.validate!(lease, undefined))).toEqual(expected);
  });

  it.each([
    ['system:controller:bootstrap-signer', []],
    ['..', ['metadata.name: Invalid value: "..": may not be \'..\'']],
    [
      'a/b%c',
      [
        'metadata.name: Invalid value: "a/b%c": may not contain \'/\'',
        'metadata.name: Invalid value: "a/b%c": may not contain \'%\'',
      ],
    ],
  ])('role name %s', (name, expected) => {
    expect(rendered(roles.validate!({ metadata: { name } }, undefined))).toEqual(expected);
  });
});
