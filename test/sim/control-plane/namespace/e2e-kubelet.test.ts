/**
 * END-TO-END — NEEDS THE SCHEDULER AND KUBELET (skipped until both are registered): a namespace with running
 * pods stays Terminating until the kubelet has stopped them, then disappears.
 */
import { describe, expect, it } from 'vitest';
import type { Namespace } from '../../../../src/kube/types.js';
import { deployments } from '../../../../src/sim/resources/deployments.js';
import { namespaces } from '../../../../src/sim/resources/namespaces.js';
import { deploymentBody, newCluster, NS } from '../helpers.js';

describe('namespace deletion end to end', () => {
  it('finishes after the pods have terminated', () => {
    const cluster = newCluster();
    cluster.api.create(deployments, NS, deploymentBody('web', { replicas: 2, realKubelet: true }));
    cluster.advance(60_000);
    cluster.api.delete(namespaces, undefined, NS);
    cluster.settle();
    expect((cluster.api.get(namespaces, undefined, NS) as Namespace).status!.phase).toBe('Terminating');
    cluster.advance(60_000);
    expect(cluster.api.find(namespaces, undefined, NS)).toBeUndefined();
    expect(cluster.controlPlane.lastError).toBeUndefined();
  });
});
