import { describe, expect, it } from 'vitest';
import { rootSchema, schemaAt } from '../../../src/sim/patch/merge-keys.js';

describe('merge-key table (§6.8.1) located per kind', () => {
  it.each([
    ['Pod', 'spec.containers', { kind: 'map', key: 'name' }],
    ['Pod', 'spec.initContainers', { kind: 'map', key: 'name' }],
    ['Pod', 'spec.ephemeralContainers', { kind: 'map', key: 'name' }],
    ['Pod', 'spec.volumes', { kind: 'map', key: 'name' }],
    ['Pod', 'spec.imagePullSecrets', { kind: 'map', key: 'name' }],
    ['Pod', 'spec.hostAliases', { kind: 'map', key: 'ip' }],
    ['Pod', 'spec.schedulingGates', { kind: 'map', key: 'name' }],
    ['Pod', 'spec.resourceClaims', { kind: 'map', key: 'name' }],
    ['Pod', 'spec.topologySpreadConstraints', { kind: 'map', key: 'topologyKey' }],
    ['Pod', 'spec.containers.env', { kind: 'map', key: 'name' }],
    ['Pod', 'spec.containers.ports', { kind: 'map', key: 'containerPort' }],
    ['Pod', 'spec.containers.volumeMounts', { kind: 'map', key: 'mountPath' }],
    ['Pod', 'spec.containers.volumeDevices', { kind: 'map', key: 'devicePath' }],
    ['Pod', 'spec.initContainers.env', { kind: 'map', key: 'name' }],
    ['Pod', 'status.conditions', { kind: 'map', key: 'type' }],
    ['Pod', 'status.podIPs', { kind: 'map', key: 'ip' }],
    ['Pod', 'status.hostIPs', { kind: 'map', key: 'ip' }],
    ['Pod', 'metadata.ownerReferences', { kind: 'map', key: 'uid' }],
    ['Pod', 'metadata.finalizers', { kind: 'set' }],
    ['Deployment', 'spec.template.spec.containers.env', { kind: 'map', key: 'name' }],
    ['Deployment', 'spec.template.metadata.finalizers', { kind: 'set' }],
    ['Deployment', 'status.conditions', { kind: 'map', key: 'type' }],
    ['ReplicaSet', 'spec.template.spec.volumes', { kind: 'map', key: 'name' }],
    ['StatefulSet', 'spec.template.spec.containers', { kind: 'map', key: 'name' }],
    ['DaemonSet', 'spec.template.spec.containers', { kind: 'map', key: 'name' }],
    ['Job', 'spec.template.spec.containers', { kind: 'map', key: 'name' }],
    ['CronJob', 'spec.jobTemplate.spec.template.spec.containers', { kind: 'map', key: 'name' }],
    ['PodTemplate', 'template.spec.containers', { kind: 'map', key: 'name' }],
    ['Service', 'spec.ports', { kind: 'map', key: 'port' }],
    ['Node', 'status.conditions', { kind: 'map', key: 'type' }],
    ['Node', 'status.addresses', { kind: 'map', key: 'type' }],
    ['Namespace', 'status.conditions', { kind: 'map', key: 'type' }],
    ['PersistentVolumeClaim', 'status.conditions', { kind: 'map', key: 'type' }],
    ['ServiceAccount', 'secrets', { kind: 'map', key: 'name' }],
    ['ConfigMap', 'metadata.ownerReferences', { kind: 'map', key: 'uid' }],
  ])('%s %s', (kind, path, strategy) => {
    expect(schemaAt(kind, path)?.list).toMatchObject(strategy);
  });

  it.each([
    ['Pod', 'spec.tolerations'],
    ['Pod', 'spec.containers.command'],
    ['Pod', 'spec.containers.args'],
    ['Pod', 'spec.containers.envFrom'],
    ['Pod', 'spec.readinessGates'],
    ['Deployment', 'spec.containers'], // a Pod path on a Deployment
    ['Pod', 'spec.template.spec.containers'], // a Deployment path on a Pod
    ['ConfigMap', 'spec.containers'],
  ])('%s %s is atomic', (kind, path) => {
    expect(schemaAt(kind, path)?.list).toBeUndefined();
  });

  it('retainKeys and atomic markers', () => {
    expect(schemaAt('Deployment', 'spec.strategy')?.retainKeys).toBe(true);
    expect(schemaAt('Pod', 'spec.volumes')?.retainKeys).toBe(true);
    expect(schemaAt('Deployment', 'spec.selector')?.atomic).toBe(true);
    expect(schemaAt('Service', 'spec.selector')?.atomic).toBe(true);
    expect(schemaAt('Pod', 'spec.containers.ports')?.list).toMatchObject({
      applyKeys: ['containerPort', 'protocol'],
    });
  });

  it('unknown kinds fall back to ObjectMeta only', () => {
    expect(Object.keys(rootSchema('Widget'))).toEqual(['metadata']);
  });
});
