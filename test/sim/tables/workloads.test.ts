import { describe, expect, it } from 'vitest';
import type { Deployment, ReplicaSet } from '../../../src/kube/types.js';
import { deploymentTable } from '../../../src/sim/tables/deployment.js';
import { replicaSetTable } from '../../../src/sim/tables/replicaset.js';

const NOW = Date.parse('2025-01-10T10:10:00Z');
const template = {
  metadata: { labels: { app: 'web' } },
  spec: {
    containers: [
      { name: 'web', image: 'nginx:1.25' },
      { name: 'proxy', image: 'envoy:1.30' },
    ],
  },
};

describe('deployment table', () => {
  const deployment = (overrides: Partial<Deployment> = {}): Deployment => ({
    metadata: { name: 'web', creationTimestamp: '2025-01-10T09:00:00Z' },
    spec: { replicas: 3, selector: { matchLabels: { app: 'web' } }, template },
    status: { replicas: 3, readyReplicas: 2, updatedReplicas: 3, availableReplicas: 2 },
    ...overrides,
  });

  it('renders NAME READY UP-TO-DATE AVAILABLE AGE and the wide columns', () => {
    expect(deploymentTable.cells(deployment(), NOW)).toEqual([
      'web',
      '2/3',
      3,
      2,
      '70m',
      'web,proxy',
      'nginx:1.25,envoy:1.30',
      'app=web',
    ]);
  });

  it('prints 0/N for a deployment without status yet', () => {
    const row = deploymentTable.cells(deployment({ status: {} }), NOW);
    expect(row.slice(1, 4)).toEqual(['0/3', 0, 0]);
  });

  it.each([
    [{ matchLabels: { tier: 'fe', app: 'web' } }, 'app=web,tier=fe'],
    [
      {
        matchLabels: { app: 'web' },
        matchExpressions: [
          { key: 'env', operator: 'In', values: ['prod', 'canary'] },
          { key: 'zone', operator: 'Exists' },
          { key: 'debug', operator: 'DoesNotExist' },
        ],
      },
      'app=web,!debug,env in (canary,prod),zone',
    ],
    [{ matchExpressions: [{ key: 'env', operator: 'In', values: [] }] }, '<invalid>'],
    [{}, ''],
  ])('selector %j ⇒ %s', (selector, expected) => {
    const row = deploymentTable.cells(deployment({ spec: { selector, template } }), NOW);
    expect(row[7]).toBe(expected);
  });

  it('has the kubectl columns with the wide ones at priority 1', () => {
    expect(deploymentTable.columns.map((c) => `${c.name}:${c.priority}`)).toEqual([
      'Name:0',
      'Ready:0',
      'Up-to-date:0',
      'Available:0',
      'Age:0',
      'Containers:1',
      'Images:1',
      'Selector:1',
    ]);
  });
});

describe('replicaset table', () => {
  const replicaSet: ReplicaSet = {
    metadata: { name: 'web-5d8f7c9b6', creationTimestamp: '2025-01-10T10:08:00Z' },
    spec: {
      replicas: 2,
      selector: { matchLabels: { app: 'web', 'pod-template-hash': '5d8f7c9b6' } },
      template,
    },
    status: { replicas: 2, readyReplicas: 1 },
  };

  it('renders integers as numbers and the selector with FormatLabelSelector', () => {
    expect(replicaSetTable.cells(replicaSet, NOW)).toEqual([
      'web-5d8f7c9b6',
      2,
      2,
      1,
      '2m',
      'web,proxy',
      'nginx:1.25,envoy:1.30',
      'app=web,pod-template-hash=5d8f7c9b6',
    ]);
    expect(replicaSetTable.columns.filter((c) => c.type === 'integer').map((c) => c.name)).toEqual([
      'Desired',
      'Current',
      'Ready',
    ]);
  });

  it('prints <none> for an empty selector and zeros without status', () => {
    const row = replicaSetTable.cells(
      { ...replicaSet, spec: { ...replicaSet.spec!, selector: {} }, status: {} },
      NOW,
    );
    expect([row[2], row[3], row[7]]).toEqual([0, 0, '<none>']);
  });
});
