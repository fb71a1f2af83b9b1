/**
 * The replicaset controller (§7.3 of the reference): keeps `spec.replicas` pods per ReplicaSet — created from
 * the template with a controller reference, surplus deleted through the API (gracefully: the kubelet finishes
 * it) — and reports their counts in status. Pod creation refused by admission (quota) becomes a FailedCreate
 * event and the ReplicaFailure condition, retried with back-off or as soon as the ReplicaSet or its pods change.
 */
import type { Pod, ReplicaSet } from '../../../kube/types.js';
import { ApiError } from '../../errors.js';
import { isEmptySelector } from '../../kinds/label-selector.js';
import { pods as podsResource } from '../../resources/pods.js';
import { replicaSets } from '../../resources/replicasets.js';
import type { Controller, ControllerContext } from '../controller.js';
import { controllerRefOf } from '../shared/owner-references.js';
import { isPodActive, podAvailableAt } from '../shared/pod-state.js';
import { RetryBackoff } from '../shared/retry-backoff.js';
import { labelSelectorMatcher } from '../../selectors.js';
import { claimPods } from './claim-pods.js';
import { manageReplicas } from './manage-replicas.js';
import { calculateStatus, type ManageOutcome, writeStatus } from './status.js';

export function createReplicaSetController(context: ControllerContext): Controller {
  const { api, clock } = context;
  const backoff = new RetryBackoff();

  const podsOf = (replicaSet: ReplicaSet): Pod[] =>
    (api.list(podsResource, replicaSet.metadata?.namespace).items as Pod[]).filter(
      (pod) => isPodActive(pod) && controllerRefOf(pod)?.uid === replicaSet.metadata?.uid,
    );

  /** What a failed create/delete depended on: the spec generation and the ReplicaSet's pods. */
  const fingerprint = (replicaSet: ReplicaSet): string =>
    [
      replicaSet.metadata?.generation,
      ...podsOf(replicaSet).map((pod) => `${pod.metadata?.name}@${pod.metadata?.resourceVersion}`),
    ].join(',');

  /** Active pods of every ReplicaSet with the same owner (for the colocation rank of the deletion order). */
  const relatedPods = (replicaSet: ReplicaSet, namespacePods: readonly Pod[]): Pod[] => {
    const owner = controllerRefOf(replicaSet)?.uid;
    if (!owner) return namespacePods.filter((pod) => controllerRefOf(pod)?.uid === replicaSet.metadata?.uid);
    const siblings = new Set(
      (api.list(replicaSets, replicaSet.metadata?.namespace).items as ReplicaSet[])
        .filter((rs) => controllerRefOf(rs)?.uid === owner)
        .map((rs) => rs.metadata?.uid),
    );
    return namespacePods.filter((pod) => siblings.has(controllerRefOf(pod)?.uid));
  };

  const sync = (replicaSet: ReplicaSet): void => {
    const selector = replicaSet.spec?.selector;
    if (!selector || isEmptySelector(selector)) return;
    const key = replicaSet.metadata?.uid ?? '';
    const namespacePods = (api.list(podsResource, replicaSet.metadata?.namespace).items as Pod[]).filter(
      isPodActive,
    );
    const owned = claimPods(context, replicaSet, labelSelectorMatcher(selector), namespacePods);
    let outcome: ManageOutcome = { kind: 'skipped' };
    if (
      !replicaSet.metadata?.deletionTimestamp &&
      backoff.mayAttempt(key, () => fingerprint(replicaSet), clock.now())
    ) {
      const error = manageReplicas(context, replicaSet, owned, relatedPods(replicaSet, namespacePods));
      if (error) {
        const difference = owned.length - (replicaSet.spec?.replicas ?? 1);
        outcome = { kind: 'failed', message: error.message, difference };
        backoff.recordFailure(key, fingerprint(replicaSet), clock.now());
      } else {
        outcome = { kind: 'ok' };
        backoff.recordSuccess(key);
      }
    }
    // Status counts the pods as found at the start of the sync, like upstream; the next round sees the rest.
    writeStatus(
      context,
      replicaSet,
      calculateStatus(replicaSet, owned, outcome, clock.now(), clock.nowTime()),
    );
  };

  return {
    name: 'replicaset-controller',
    reconcile() {
      const live = new Set<string>();
      for (const replicaSet of api.list(replicaSets, undefined).items as ReplicaSet[]) {
        live.add(replicaSet.metadata?.uid ?? '');
        try {
          sync(replicaSet);
        } catch (error) {
          // An invalid selector (400) or a write refused by the API server: looked at again next round.
          if (!(error instanceof ApiError)) throw error;
        }
      }
      backoff.retain(live);
    },
    nextWakeup() {
      const now = clock.now();
      let earliest = backoff.nextRetry(now);
      for (const replicaSet of api.list(replicaSets, undefined).items as ReplicaSet[]) {
        const minReadySeconds = replicaSet.spec?.minReadySeconds ?? 0;
        if (minReadySeconds <= 0) continue;
        for (const pod of podsOf(replicaSet)) {
          const at = podAvailableAt(pod, minReadySeconds, now);
          if (at !== undefined && (earliest === undefined || at < earliest)) earliest = at;
        }
      }
      return earliest;
    },
  };
}
