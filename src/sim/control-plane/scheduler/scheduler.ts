/**
 * The default scheduler: binds every pending pod (`schedulerName: default-scheduler`, no `nodeName`, not being
 * deleted) to the node that fits it best, or records why none does — the `PodScheduled=False Unschedulable`
 * condition and a `FailedScheduling` event (events.k8s.io style, folded into a `series` on repeats).
 */
import type { Node, PersistentVolumeClaim, Pod, StorageClass } from '../../../kube/types.js';
import { ApiError } from '../../errors.js';
import { nodes } from '../../resources/nodes.js';
import { persistentVolumeClaims } from '../../resources/persistentvolumeclaims.js';
import { pods } from '../../resources/pods.js';
import { storageClasses } from '../../resources/storageclasses.js';
import type { Controller, ControllerContext } from '../controller.js';
import type { EventSource } from '../event-recorder.js';
import { filterNode, type NodeRejection } from './filters.js';
import { fitErrorMessage, NO_NODES_MESSAGE } from './fit-error.js';
import { addPod, buildSnapshots, isTerminal, type NodeSnapshot } from './node-snapshot.js';
import { withPodScheduled } from './pod-scheduled-condition.js';
import { SchedulingQueue } from './scheduling-queue.js';
import { pickNode } from './scoring.js';
import { volumeBindingRejection } from './volume-binding.js';

export const SCHEDULER_NAME = 'default-scheduler';
const SCHEDULER_USER = 'system:kube-scheduler';
const SOURCE: EventSource = { component: SCHEDULER_NAME };

type Outcome = { node: NodeSnapshot } | { failure: string };

function isPending(pod: Pod): boolean {
  return (
    (pod.spec?.schedulerName ?? SCHEDULER_NAME) === SCHEDULER_NAME &&
    !pod.spec?.nodeName &&
    !pod.metadata?.deletionTimestamp &&
    !isTerminal(pod)
  );
}

/** kube-scheduler's queue order: higher priority first, then older pods. */
function queueOrder(a: Pod, b: Pod): number {
  const priority = (b.spec?.priority ?? 0) - (a.spec?.priority ?? 0);
  if (priority !== 0) return priority;
  const created = (a.metadata?.creationTimestamp ?? '').localeCompare(b.metadata?.creationTimestamp ?? '');
  if (created !== 0) return created;
  const key = (pod: Pod) => `${pod.metadata?.namespace ?? ''}/${pod.metadata?.name ?? ''}`;
  return key(a).localeCompare(key(b));
}

export function createScheduler(context: ControllerContext): Controller {
  const { api, clock, events } = context;
  const queue = new SchedulingQueue();
  /** Fingerprints as of the last reconcile, for nextWakeup (the store has not changed since: settle ended). */
  let lastFingerprints = new Map<string, string>();

  /** Pods holding node capacity as of the last reconcile, to notice when one lets go of it. */
  let assignedPods = new Set<string>();
  let capacityReleases = 0;

  /**
   * What a retry could depend on: nodes, claims and storage classes, and how often capacity was released (an
   * assigned pod deleted or finished). A pod being bound elsewhere never helps, so it does not count — as with
   * kube-scheduler's queueing hints.
   */
  function clusterFingerprint(allNodes: readonly Node[], allPods: readonly Pod[]): string {
    const assigned = new Set<string>();
    for (const pod of allPods) {
      if (pod.spec?.nodeName && !isTerminal(pod)) assigned.add(pod.metadata?.uid ?? '');
    }
    for (const uid of assignedPods) if (!assigned.has(uid)) capacityReleases += 1;
    assignedPods = assigned;
    // Only what the filters read: a node's heartbeat or a claim's annotations must not cause retries.
    const parts = [`released:${capacityReleases}`];
    for (const node of allNodes) {
      const ready = node.status?.conditions?.find((c) => c.type === 'Ready')?.status;
      const { labels } = node.metadata ?? {};
      const { taints, unschedulable } = node.spec ?? {};
      parts.push(
        JSON.stringify([node.metadata?.name, labels, taints, unschedulable, node.status?.allocatable, ready]),
      );
    }
    for (const claim of api.list(persistentVolumeClaims, undefined).items as PersistentVolumeClaim[]) {
      const { namespace, name, deletionTimestamp } = claim.metadata ?? {};
      parts.push(JSON.stringify([namespace, name, claim.status?.phase, deletionTimestamp]));
    }
    for (const storageClass of api.list(storageClasses, undefined).items as StorageClass[]) {
      parts.push(JSON.stringify([storageClass.metadata?.name, storageClass.volumeBindingMode]));
    }
    return parts.join('|');
  }

  function schedule(pod: Pod, snapshots: Map<string, NodeSnapshot>): Outcome {
    if (snapshots.size === 0) return { failure: NO_NODES_MESSAGE };
    const preemptionPolicy = pod.spec?.preemptionPolicy;
    const preFilterMessage = volumeBindingRejection(api, pod);
    if (preFilterMessage) {
      return {
        failure: fitErrorMessage({
          nodeCount: snapshots.size,
          preFilterMessage,
          rejections: [],
          preemptionPolicy,
        }),
      };
    }
    const feasible: NodeSnapshot[] = [];
    const rejections: NodeRejection[] = [];
    for (const snapshot of snapshots.values()) {
      const rejection = filterNode(pod, snapshot);
      if (rejection) rejections.push(rejection);
      else feasible.push(snapshot);
    }
    const chosen = pickNode(pod, feasible);
    if (chosen) return { node: chosen };
    return { failure: fitErrorMessage({ nodeCount: snapshots.size, rejections, preemptionPolicy }) };
  }

  function bind(pod: Pod, snapshot: NodeSnapshot): void {
    const namespace = pod.metadata?.namespace ?? 'default';
    const name = pod.metadata?.name ?? '';
    // The sim has no pods/binding subresource: setting spec.nodeName through an update is the binding.
    const bound = structuredClone(pod);
    bound.spec = { ...bound.spec, containers: bound.spec?.containers ?? [], nodeName: snapshot.name };
    const updated = api.replace(pods, namespace, name, bound, { user: SCHEDULER_USER }) as Pod;
    const scheduled = withPodScheduled(updated, 'True', clock.nowTime());
    api.replace(pods, namespace, name, scheduled, { user: SCHEDULER_USER }, 'status');
    addPod(snapshot, bound);
    const message = `Successfully assigned ${namespace}/${name} to ${snapshot.name}`;
    events.normal(updated, 'Scheduled', message, SOURCE, { action: 'Binding' });
  }

  function recordFailure(pod: Pod, message: string): void {
    const namespace = pod.metadata?.namespace ?? 'default';
    const name = pod.metadata?.name ?? '';
    const unschedulable = withPodScheduled(pod, 'False', clock.nowTime(), 'Unschedulable', message);
    const written = api.replace(pods, namespace, name, unschedulable, { user: SCHEDULER_USER }, 'status');
    events.warning(written, 'FailedScheduling', message, SOURCE, { action: 'Scheduling' });
  }

  function reconcile(): void {
    const allNodes = api.list(nodes, undefined).items as Node[];
    const allPods = api.list(pods, undefined).items as Pod[];
    const pending = allPods.filter(isPending).sort(queueOrder);
    queue.retain(new Set(pending.map((pod) => pod.metadata?.uid ?? '')));
    const snapshots = buildSnapshots(allNodes, allPods);
    const globalFingerprint = clusterFingerprint(allNodes, allPods);
    const fingerprints = new Map<string, string>();
    const now = clock.now();
    for (const pod of pending) {
      const uid = pod.metadata?.uid ?? '';
      const fingerprint = `${globalFingerprint}|spec:${JSON.stringify(pod.spec)}`;
      fingerprints.set(uid, fingerprint);
      if (!queue.shouldAttempt(uid, fingerprint, now)) continue;
      const outcome = schedule(pod, snapshots);
      try {
        if ('node' in outcome) {
          bind(pod, outcome.node);
          queue.forget(uid);
          fingerprints.delete(uid);
        } else {
          queue.recordFailure(uid, fingerprint, now);
          recordFailure(pod, outcome.failure);
        }
      } catch (error) {
        // The pod changed or vanished under us (a client wrote it meanwhile): the next round sees the new state.
        if (!(error instanceof ApiError)) throw error;
      }
    }
    lastFingerprints = fingerprints;
  }

  function nextWakeup(): number | undefined {
    let earliest: number | undefined;
    for (const [uid, fingerprint] of lastFingerprints) {
      const next = queue.nextAttemptAt(uid, fingerprint);
      if (next !== undefined && next > clock.now() && (earliest === undefined || next < earliest))
        earliest = next;
    }
    return earliest;
  }

  return { name: 'scheduler', reconcile, nextWakeup };
}
