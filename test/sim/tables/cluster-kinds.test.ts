import { describe, expect, it } from 'vitest';
import type { KubeObject, Node } from '../../../src/kube/types.js';
import { configMapTable } from '../../../src/sim/tables/configmap.js';
import { defaultTable } from '../../../src/sim/tables/default.js';
import { leaseTable } from '../../../src/sim/tables/lease.js';
import { namespaceTable } from '../../../src/sim/tables/namespace.js';
import { nodeTable } from '../../../src/sim/tables/node.js';
import { clusterRoleBindingTable, roleBindingTable } from '../../../src/sim/tables/rolebinding.js';
import { secretTable } from '../../../src/sim/tables/secret.js';
import { serviceAccountTable } from '../../../src/sim/tables/serviceaccount.js';
import { storageClassTable } from '../../../src/sim/tables/storageclass.js';

const NOW = Date.parse('2025-01-10T10:10:00Z');
const meta = (name: string, extra: Record<string, unknown> = {}) => ({
  name,
  creationTimestamp: '2025-01-08T10:10:00Z',
  ...extra,
});

describe('node table', () => {
  const node = (labels: Record<string, string>, ready: string | undefined, unschedulable = false): Node => ({
    metadata: meta('node-1', { labels }),
    spec: { unschedulable },
    status: {
      conditions: ready ? [{ type: 'Ready', status: ready }] : [],
      addresses: [
        { type: 'InternalIP', address: '172.18.0.2' },
        { type: 'Hostname', address: 'node-1' },
      ],
      nodeInfo: {
        kubeletVersion: 'v1.32.4',
        osImage: 'Debian GNU/Linux 12 (bookworm)',
        kernelVersion: '6.8.0',
        containerRuntimeVersion: 'containerd://1.7.24',
        architecture: 'amd64',
        bootID: '',
        kubeProxyVersion: '',
        machineID: '',
        operatingSystem: 'linux',
        systemUUID: '',
      },
    },
  });

  it('renders the wide row', () => {
    expect(nodeTable.cells(node({ 'node-role.kubernetes.io/control-plane': '' }, 'True'), NOW)).toEqual([
      'node-1',
      'Ready',
      'control-plane',
      '2d',
      'v1.32.4',
      '172.18.0.2',
      '<none>',
      'Debian GNU/Linux 12 (bookworm)',
      '6.8.0',
      'containerd://1.7.24',
    ]);
  });

  it.each<[Record<string, string>, string | undefined, boolean, string, string]>([
    [{}, 'True', false, 'Ready', '<none>'],
    [{}, 'False', false, 'NotReady', '<none>'],
    [{}, 'Unknown', true, 'NotReady,SchedulingDisabled', '<none>'],
    [{}, undefined, false, 'Unknown', '<none>'],
    [
      {
        'node-role.kubernetes.io/worker': '',
        'node-role.kubernetes.io/infra': 'x',
        'kubernetes.io/role': 'edge',
      },
      'True',
      true,
      'Ready,SchedulingDisabled',
      'edge,infra,worker',
    ],
    [{ 'node-role.kubernetes.io/': '', 'kubernetes.io/role': '' }, 'True', false, 'Ready', '<none>'],
  ])('labels %j, Ready=%s, unschedulable=%s ⇒ %s / %s', (labels, ready, unschedulable, status, roles) => {
    const row = nodeTable.cells(node(labels, ready, unschedulable), NOW);
    expect([row[1], row[2]]).toEqual([status, roles]);
  });
});

describe('simple printers', () => {
  it.each<[string, { cells: (o: KubeObject, now: number) => unknown[] }, KubeObject, unknown[]]>([
    [
      'namespace',
      namespaceTable,
      { metadata: meta('demo'), status: { phase: 'Active' } },
      ['demo', 'Active', '2d'],
    ],
    [
      'configmap counts data and binaryData',
      configMapTable,
      { metadata: meta('cfg'), data: { a: '1', b: '2' }, binaryData: { c: 'AA==' } },
      ['cfg', 3, '2d'],
    ],
    [
      'secret',
      secretTable,
      { metadata: meta('creds'), type: 'Opaque', data: { user: 'dQ==', pass: 'cA==' } },
      ['creds', 'Opaque', 2, '2d'],
    ],
    [
      'lease',
      leaseTable,
      { metadata: meta('agent-lock'), spec: { holderIdentity: 'bot-1' } },
      ['agent-lock', 'bot-1', '2d'],
    ],
    ['lease without holder', leaseTable, { metadata: meta('free'), spec: {} }, ['free', '', '2d']],
    [
      'serviceaccount',
      serviceAccountTable,
      { metadata: meta('default'), secrets: [{ name: 'default-token' }] },
      ['default', 1, '2d'],
    ],
    [
      'default convertor: RFC 3339 Created At',
      defaultTable,
      { metadata: meta('view') },
      ['view', '2025-01-08T10:10:00Z'],
    ],
    [
      'default convertor without a timestamp',
      defaultTable,
      { metadata: { name: 'x' } },
      ['x', '0001-01-01T00:00:00Z'],
    ],
  ])('%s', (_name, table, object, expected) => {
    expect(table.cells(object, NOW)).toEqual(expected);
  });

  it('uses the date type for Created At', () => {
    expect(defaultTable.columns.map((c) => [c.name, c.type, c.format])).toEqual([
      ['Name', 'string', 'name'],
      ['Created At', 'date', ''],
    ]);
  });
});

describe('storage class table', () => {
  it.each<[Record<string, string>, Record<string, unknown>, unknown[]]>([
    [
      { 'storageclass.kubernetes.io/is-default-class': 'true' },
      {},
      ['standard (default)', 'rancher.io/local-path', 'Delete', 'Immediate', false, '2d'],
    ],
    [
      { 'storageclass.beta.kubernetes.io/is-default-class': 'true' },
      { reclaimPolicy: 'Retain', volumeBindingMode: 'WaitForFirstConsumer', allowVolumeExpansion: true },
      ['standard (default)', 'rancher.io/local-path', 'Retain', 'WaitForFirstConsumer', true, '2d'],
    ],
    [
      { 'storageclass.kubernetes.io/is-default-class': 'false' },
      {},
      ['standard', 'rancher.io/local-path', 'Delete', 'Immediate', false, '2d'],
    ],
  ])('annotations %j', (annotations, fields, expected) => {
    const object = {
      metadata: meta('standard', { annotations }),
      provisioner: 'rancher.io/local-path',
      ...fields,
    };
    expect(storageClassTable.cells(object, NOW)).toEqual(expected);
  });
});

describe('role binding tables', () => {
  const binding = {
    metadata: meta('read-pods'),
    roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: 'pod-reader' },
    subjects: [
      { kind: 'User', name: 'jane' },
      { kind: 'User', name: 'joe' },
      { kind: 'Group', name: 'devs' },
      { kind: 'ServiceAccount', namespace: 'demo', name: 'agent' },
    ],
  };

  it('renders Role/x and the subjects by kind', () => {
    expect(roleBindingTable.cells(binding, NOW)).toEqual([
      'read-pods',
      'Role/pod-reader',
      '2d',
      'jane, joe',
      'devs',
      'demo/agent',
    ]);
  });

  it('describes cluster role bindings as such', () => {
    const row = clusterRoleBindingTable.cells(
      { ...binding, roleRef: { ...binding.roleRef, kind: 'ClusterRole' } },
      NOW,
    );
    expect(row[1]).toBe('ClusterRole/pod-reader');
    expect(clusterRoleBindingTable.columns[3]?.description).toBe('Users in the clusterRoleBinding');
  });
});
