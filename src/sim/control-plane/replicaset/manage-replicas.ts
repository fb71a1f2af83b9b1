/**
 * `manageReplicas`: create the missing pods in slow-start batches (1, 2, 4, … — a batch with a failure ends the
 * sync, so a quota refusal costs one request, not hundreds) or delete the surplus, most-deletable first. Every
 * create and delete is recorded on the ReplicaSet (`SuccessfulCreate`, `FailedCreate`, `SuccessfulDelete`).
 */
import type { Pod, ReplicaSet } from '../../../kube/types.js';
import { ApiError } from '../../errors.js';
import { pods as podsResource } from '../../resources/pods.js';
import type { ControllerContext } from '../controller.js';
import { CONTROLLER_USERS } from '../shared/controller-users.js';
import { newControllerRef } from '../shared/owner-references.js';
import { rankForDeletion } from './deletion-order.js';

const SOURCE = { component: 'replicaset-controller' };
const WRITE = { user: CONTROLLER_USERS.replicaSet };
/** kube-controller-manager's burstReplicas: the most pods created or deleted in one sync. */
const BURST_REPLICAS = 500;

/** The ApiError that stopped the sync, if any (it becomes the ReplicaFailure condition's message). */
export function manageReplicas(
  context: ControllerContext,
  replicaSet: ReplicaSet,
  activePods: readonly Pod[],
  relatedPods: readonly Pod[],
): ApiError | undefined {
  const difference = activePods.length - (replicaSet.spec?.replicas ?? 1);
  if (difference < 0) return createPods(context, replicaSet, Math.min(-difference, BURST_REPLICAS));
  if (difference > 0) {
    const victims = rankForDeletion(activePods, relatedPods, context.clock.now()).slice(
      0,
      Math.min(difference, BURST_REPLICAS),
    );
    return deletePods(context, replicaSet, victims);
  }
  return undefined;
}

/** `GetPodFromTemplate`: labels, annotations, finalizers and spec from the template; `<rs>-` as generateName. */
function podFromTemplate(replicaSet: ReplicaSet): Pod {
  const template = replicaSet.spec?.template ?? {};
  const templateMetadata = template.metadata ?? {};
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      generateName: `${replicaSet.metadata?.name}-`,
      namespace: replicaSet.metadata?.namespace,
      labels: structuredClone(templateMetadata.labels),
      annotations: structuredClone(templateMetadata.annotations),
      finalizers: structuredClone(templateMetadata.finalizers),
      ownerReferences: [newControllerRef(replicaSet)],
    },
    spec: structuredClone(template.spec),
  };
}

const isNamespaceTerminating = (error: ApiError): boolean =>
  error.message.includes('because it is being terminated');

function createPods(context: ControllerContext, replicaSet: ReplicaSet, count: number): ApiError | undefined {
  const namespace = replicaSet.metadata?.namespace;
  const createOne = (): ApiError | undefined => {
    try {
      const created = context.api.create(podsResource, namespace, podFromTemplate(replicaSet), WRITE);
      context.events.normal(replicaSet, 'SuccessfulCreate', `Created pod: ${created.metadata?.name}`, SOURCE);
      return undefined;
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      // Creates in a terminating namespace all fail; nothing to report, the namespace is going away.
      if (isNamespaceTerminating(error)) return undefined;
      context.events.warning(replicaSet, 'FailedCreate', `Error creating: ${error.message}`, SOURCE);
      return error;
    }
  };
  let remaining = count;
  for (let batch = Math.min(remaining, 1); batch > 0; batch = Math.min(2 * batch, remaining)) {
    // Upstream runs a batch concurrently: every create in it is attempted, then the first error ends the sync.
    const failures = Array.from({ length: batch }, createOne).filter((error) => error !== undefined);
    if (failures[0]) return failures[0];
    remaining -= batch;
  }
  return undefined;
}

function deletePods(
  context: ControllerContext,
  replicaSet: ReplicaSet,
  victims: readonly Pod[],
): ApiError | undefined {
  let firstError: ApiError | undefined;
  for (const pod of victims) {
    const name = pod.metadata?.name ?? '';
    try {
      context.api.delete(podsResource, replicaSet.metadata?.namespace, name, {}, WRITE);
      context.events.normal(replicaSet, 'SuccessfulDelete', `Deleted pod: ${name}`, SOURCE);
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      if (error.code === 404) continue;
      context.events.warning(replicaSet, 'FailedDelete', `Error deleting: ${error.message}`, SOURCE);
      firstError ??= error;
    }
  }
  return firstError;
}
