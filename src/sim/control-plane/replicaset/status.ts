/**
 * ReplicaSet status (`calculateStatus`, `updateReplicaSetStatus`): counts over the active pods it owns,
 * observedGeneration, and the ReplicaFailure condition — set (once, with the API error's message) when creating
 * or deleting pods failed, removed after a sync that succeeded.
 */
import { isDeepStrictEqual } from 'node:util';
import type { KubeObject, Pod, ReplicaSet } from '../../../kube/types.js';
import { replicaSets } from '../../resources/replicasets.js';
import { normalize } from '../../store.js';
import type { ControllerContext } from '../controller.js';
import { CONTROLLER_USERS } from '../shared/controller-users.js';
import { isPodAvailable, isPodReady } from '../shared/pod-state.js';

type ReplicaSetStatus = NonNullable<ReplicaSet['status']>;
const REPLICA_FAILURE = 'ReplicaFailure';

/** What the sync's pod management came to: nothing to report, a refused write, or not attempted (back-off). */
export type ManageOutcome =
  { kind: 'ok' } | { kind: 'failed'; message: string; difference: number } | { kind: 'skipped' };

/** Go's `omitempty`: only `replicas` is always written. */
const nonZero = (value: number): number | undefined => (value === 0 ? undefined : value);

function hasTemplateLabels(pod: Pod, templateLabels: Record<string, string>): boolean {
  return Object.entries(templateLabels).every(([key, value]) => pod.metadata?.labels?.[key] === value);
}

export function calculateStatus(
  replicaSet: ReplicaSet,
  activePods: readonly Pod[],
  outcome: ManageOutcome,
  now: number,
  nowTime: string,
): ReplicaSetStatus {
  const templateLabels = replicaSet.spec?.template?.metadata?.labels ?? {};
  const minReadySeconds = replicaSet.spec?.minReadySeconds ?? 0;
  let conditions = structuredClone(replicaSet.status?.conditions ?? []);
  const failure = conditions.find((condition) => condition.type === REPLICA_FAILURE);
  if (outcome.kind === 'failed' && !failure) {
    const reason = outcome.difference < 0 ? 'FailedCreate' : 'FailedDelete';
    conditions.push({
      type: REPLICA_FAILURE,
      status: 'True',
      lastTransitionTime: nowTime,
      reason,
      message: outcome.message,
    });
  } else if (outcome.kind === 'ok' && failure) {
    conditions = conditions.filter((condition) => condition.type !== REPLICA_FAILURE);
  }
  return {
    replicas: activePods.length,
    fullyLabeledReplicas: nonZero(activePods.filter((pod) => hasTemplateLabels(pod, templateLabels)).length),
    readyReplicas: nonZero(activePods.filter(isPodReady).length),
    availableReplicas: nonZero(activePods.filter((pod) => isPodAvailable(pod, minReadySeconds, now)).length),
    observedGeneration: nonZero(replicaSet.metadata?.generation ?? 0),
    conditions: conditions.length > 0 ? conditions : undefined,
  };
}

export function writeStatus(
  context: ControllerContext,
  replicaSet: ReplicaSet,
  status: ReplicaSetStatus,
): void {
  const next = normalize(status);
  if (isDeepStrictEqual(normalize(replicaSet.status ?? {}), next)) return;
  const body = { ...structuredClone(replicaSet), status: next } as KubeObject;
  context.api.replace(
    replicaSets,
    replicaSet.metadata?.namespace,
    replicaSet.metadata?.name ?? '',
    body,
    {
      user: CONTROLLER_USERS.replicaSet,
    },
    'status',
  );
}
