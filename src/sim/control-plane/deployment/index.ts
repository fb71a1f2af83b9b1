/**
 * The deployment controller (kube-controller-manager's, §7.2 of the reference): ReplicaSets per template
 * revision, rolling updates and Recreate, scaling, pause, rollback by template equality, revision history
 * cleanup, and the status kubectl reads — conditions, counts and observedGeneration.
 *
 * Every Deployment is synced once per reconcile round (one rollout step); the control plane repeats rounds
 * until nothing changes. A sync refused by the API server (quota on ReplicaSets, hash collision) is retried
 * with back-off, as the real controller re-queues it.
 */
import type { Deployment, ReplicaSet } from '../../../kube/types.js';
import { ApiError } from '../../errors.js';
import { deployments } from '../../resources/deployments.js';
import { replicaSets } from '../../resources/replicasets.js';
import type { Controller, ControllerContext } from '../controller.js';
import { RetryBackoff } from '../shared/retry-backoff.js';
import { DeploymentSync } from './deployment-sync.js';
import { progressCheckAt } from './progress.js';
import { syncDeployment } from './sync-deployment.js';

export function createDeploymentController(context: ControllerContext): Controller {
  const backoff = new RetryBackoff();
  const { api, clock } = context;

  /** What a failed sync depends on: the Deployment and the ReplicaSets of its namespace. */
  const fingerprint = (deployment: Deployment): string => {
    const namespace = deployment.metadata?.namespace;
    const replicaSetVersions = (api.list(replicaSets, namespace).items as ReplicaSet[]).map(
      (rs) => `${rs.metadata?.name}@${rs.metadata?.resourceVersion}`,
    );
    const current = api.find(deployments, namespace, deployment.metadata?.name ?? '');
    return [current?.metadata?.resourceVersion, ...replicaSetVersions].join(',');
  };

  return {
    name: 'deployment-controller',
    reconcile() {
      const live = new Set<string>();
      for (const deployment of api.list(deployments, undefined).items as Deployment[]) {
        const key = deployment.metadata?.uid ?? '';
        live.add(key);
        if (!backoff.mayAttempt(key, () => fingerprint(deployment), clock.now())) continue;
        try {
          syncDeployment(new DeploymentSync(context, deployment));
          backoff.recordSuccess(key);
        } catch (error) {
          if (!(error instanceof ApiError)) throw error;
          backoff.recordFailure(key, fingerprint(deployment), clock.now());
        }
      }
      backoff.retain(live);
    },
    nextWakeup() {
      const now = clock.now();
      let earliest = backoff.nextRetry(now);
      for (const deployment of api.list(deployments, undefined).items as Deployment[]) {
        const at = progressCheckAt(deployment);
        if (at !== undefined && at > now && (earliest === undefined || at < earliest)) earliest = at;
      }
      return earliest;
    },
  };
}
