import { describe, expect, it } from 'vitest';
import type { Endpoints, PersistentVolumeClaim, ResourceQuota, Service } from '../../../src/kube/types.js';
import { endpointsTable } from '../../../src/sim/tables/endpoints.js';
import { persistentVolumeClaimTable } from '../../../src/sim/tables/persistentvolumeclaim.js';
import { resourceQuotaTable } from '../../../src/sim/tables/resourcequota.js';
import { serviceTable } from '../../../src/sim/tables/service.js';

const NOW = Date.parse('2025-01-10T10:10:00Z');
const metadata = { name: 'web', creationTimestamp: '2025-01-10T10:00:00Z' };

describe('service table', () => {
  it.each<[string, Service['spec'], Service['status'], unknown[]]>([
    [
      'ClusterIP',
      {
        type: 'ClusterIP',
        clusterIP: '10.96.12.34',
        clusterIPs: ['10.96.12.34'],
        ports: [{ port: 80, protocol: 'TCP', targetPort: 8080 }],
        selector: { app: 'web', tier: 'fe' },
      },
      undefined,
      ['web', 'ClusterIP', '10.96.12.34', '<none>', '80/TCP', '10m', 'app=web,tier=fe'],
    ],
    [
      'NodePort with two ports',
      {
        type: 'NodePort',
        clusterIPs: ['10.96.12.35'],
        ports: [
          { name: 'http', port: 80, protocol: 'TCP', nodePort: 30080 },
          { name: 'dns', port: 53, protocol: 'UDP', nodePort: 30053 },
        ],
      },
      undefined,
      ['web', 'NodePort', '10.96.12.35', '<none>', '80:30080/TCP,53:30053/UDP', '10m', '<none>'],
    ],
    [
      'LoadBalancer pending',
      {
        type: 'LoadBalancer',
        clusterIPs: ['10.96.1.1'],
        ports: [{ port: 443, protocol: 'TCP', nodePort: 31443 }],
      },
      { loadBalancer: {} },
      ['web', 'LoadBalancer', '10.96.1.1', '<pending>', '443:31443/TCP', '10m', '<none>'],
    ],
    [
      'LoadBalancer with ingress and external IPs',
      {
        type: 'LoadBalancer',
        clusterIPs: ['10.96.1.1'],
        externalIPs: ['1.2.3.4'],
        ports: [{ port: 443, protocol: 'TCP', nodePort: 31443 }],
      },
      { loadBalancer: { ingress: [{ ip: '35.1.2.3' }, { hostname: 'lb.example.com' }] } },
      [
        'web',
        'LoadBalancer',
        '10.96.1.1',
        '35.1.2.3,lb.example.com,1.2.3.4',
        '443:31443/TCP',
        '10m',
        '<none>',
      ],
    ],
    [
      'ExternalName without ports',
      { type: 'ExternalName', externalName: 'db.example.com' },
      undefined,
      ['web', 'ExternalName', '<none>', 'db.example.com', '<none>', '10m', '<none>'],
    ],
    [
      'headless',
      {
        type: 'ClusterIP',
        clusterIP: 'None',
        clusterIPs: ['None'],
        ports: [{ port: 5432, protocol: 'TCP' }],
      },
      undefined,
      ['web', 'ClusterIP', 'None', '<none>', '5432/TCP', '10m', '<none>'],
    ],
  ])('%s', (_name, spec, status, expected) => {
    expect(serviceTable.cells({ metadata, spec, ...(status ? { status } : {}) }, NOW)).toEqual(expected);
  });
});

describe('endpoints table', () => {
  const address = (ip: string) => ({ ip });
  it.each<[string, Endpoints['subsets'], string]>([
    ['no subsets', undefined, '<none>'],
    [
      'two addresses',
      [{ addresses: [address('10.244.1.5'), address('10.244.2.7')], ports: [{ port: 8080 }] }],
      '10.244.1.5:8080,10.244.2.7:8080',
    ],
    [
      'three shown, the rest counted',
      [
        {
          addresses: ['10.244.1.5', '10.244.2.7', '10.244.3.9', '10.244.4.2'].map(address),
          ports: [{ port: 8080 }],
        },
      ],
      '10.244.1.5:8080,10.244.2.7:8080,10.244.3.9:8080 + 1 more...',
    ],
    [
      'every port of every subset',
      [
        { addresses: [address('10.244.1.5'), address('10.244.2.7')], ports: [{ port: 80 }, { port: 443 }] },
        { addresses: [address('10.244.3.9')], ports: [{ port: 80 }] },
      ],
      '10.244.1.5:80,10.244.2.7:80,10.244.1.5:443 + 2 more...',
    ],
    ['headless without ports', [{ addresses: [address('10.244.1.5')] }], '10.244.1.5'],
    ['IPv6', [{ addresses: [address('fd00::5')], ports: [{ port: 80 }] }], '[fd00::5]:80'],
  ])('%s', (_name, subsets, expected) => {
    expect(endpointsTable.cells({ metadata, ...(subsets ? { subsets } : {}) }, NOW)).toEqual([
      'web',
      expected,
      '10m',
    ]);
  });
});

describe('persistent volume claim table', () => {
  it.each<[string, PersistentVolumeClaim, unknown[]]>([
    [
      'pending claim',
      {
        metadata: { ...metadata, name: 'data' },
        spec: { accessModes: ['ReadWriteOnce'], storageClassName: 'standard', volumeMode: 'Filesystem' },
        status: { phase: 'Pending' },
      },
      ['data', 'Pending', '', '', '', 'standard', '<unset>', '10m', 'Filesystem'],
    ],
    [
      'bound claim',
      {
        metadata: { ...metadata, name: 'data' },
        spec: { volumeName: 'pvc-1234', storageClassName: 'standard', volumeAttributesClassName: 'fast' },
        status: {
          phase: 'Bound',
          capacity: { storage: '1Gi' },
          accessModes: ['ReadWriteMany', 'ReadWriteOnce'],
        },
      },
      ['data', 'Bound', 'pvc-1234', '1Gi', 'RWO,RWX', 'standard', 'fast', '10m', '<unset>'],
    ],
    [
      'terminating, beta storage class annotation',
      {
        metadata: {
          ...metadata,
          name: 'data',
          deletionTimestamp: '2025-01-10T10:09:00Z',
          annotations: { 'volume.beta.kubernetes.io/storage-class': 'legacy' },
        },
        spec: { storageClassName: 'standard' },
        status: { phase: 'Bound' },
      },
      ['data', 'Terminating', '', '', '', 'legacy', '<unset>', '10m', '<unset>'],
    ],
  ])('%s', (_name, claim, expected) => {
    expect(persistentVolumeClaimTable.cells(claim, NOW)).toEqual(expected);
  });
});

describe('resource quota table', () => {
  it('splits requests and limits, sorted by resource name', () => {
    const quota: ResourceQuota = {
      metadata: { ...metadata, name: 'team-quota' },
      status: {
        hard: {
          'limits.cpu': '4',
          'requests.memory': '4Gi',
          'requests.cpu': '2',
          pods: '10',
          'limits.memory': '8Gi',
        },
        used: { 'requests.cpu': '500m', 'limits.cpu': '1', pods: '3' },
      },
    };
    expect(resourceQuotaTable.cells(quota, NOW)).toEqual([
      'team-quota',
      '10m',
      'pods: 3/10, requests.cpu: 500m/2, requests.memory: 0/4Gi',
      'limits.cpu: 1/4, limits.memory: 0/8Gi',
    ]);
    expect(resourceQuotaTable.columns.map((c) => c.name)).toEqual(['Name', 'Age', 'Request', 'Limit']);
  });
});
