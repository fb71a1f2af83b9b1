/**
 * END-TO-END — NEEDS THE SCHEDULER AND KUBELET (skipped until both are registered): the Service's Endpoints
 * follow real pods as the kubelet starts them.
 */
import { describe, expect, it } from 'vitest';
import type { Endpoints } from '../../../../src/kube/types.js';
import { deployments } from '../../../../src/sim/resources/deployments.js';
import { endpoints } from '../../../../src/sim/resources/endpoints.js';
import { services } from '../../../../src/sim/resources/services.js';
import { deploymentBody, newCluster, NS } from '../helpers.js';

describe('endpoints end to end', () => {
  it('lists the running pods with their IPs and nodes', () => {
    const cluster = newCluster();
    cluster.api.create(services, NS, {
      metadata: { name: 'web' },
      spec: { selector: { app: 'web' }, ports: [{ port: 80, targetPort: 80 }] },
    });
    cluster.api.create(deployments, NS, deploymentBody('web', { replicas: 2, realKubelet: true }));
    cluster.advance(60_000);
    const [subset] = (cluster.api.get(endpoints, NS, 'web') as Endpoints).subsets!;
    expect(subset!.addresses).toHaveLength(2);
    for (const address of subset!.addresses!) {
      expect(address.ip).toMatch(/^\d+\.\d+\.\d+\.\d+$/);
      expect(address.nodeName).toMatch(/^node-\d$/);
      expect(address.targetRef!.name).toMatch(/^web-/);
    }
    expect(subset!.ports).toEqual([{ port: 80, protocol: 'TCP' }]);
  });
});
