/**
 * A one-word reading of what is wrong with a pod, for analyzers that look at a workload as a whole (a stuck
 * rollout): the category its own analyzer would give. Pods still starting normally have no problem.
 */
import type { Category } from '../../domain/categories.js';
import type { Snapshot } from '../../domain/snapshot.js';
import type { Pod } from '../../kube/types.js';
import { eventsFor } from './events.js';
import { isPodReady, podName } from './workloads.js';

const WAITING_CATEGORIES: Readonly<Record<string, Category>> = {
  ErrImagePull: 'image_pull',
  ImagePullBackOff: 'image_pull',
  InvalidImageName: 'image_pull',
  ErrImageNeverPull: 'image_pull',
  CreateContainerConfigError: 'missing_config',
  RunContainerError: 'crash',
  CreateContainerError: 'crash',
};

export type PodProblem = { category: Category; reason: string };

export function podProblem(snapshot: Snapshot, pod: Pod): PodProblem | undefined {
  const scheduling = pod.status?.conditions?.find((c) => c.type === 'PodScheduled' && c.status === 'False');
  if (pod.status?.phase === 'Pending' && scheduling) {
    const pvc = /PersistentVolumeClaim/i.test(scheduling.message ?? '');
    return { category: pvc ? 'pvc_pending' : 'unschedulable', reason: 'Unschedulable' };
  }
  for (const status of pod.status?.containerStatuses ?? []) {
    const waiting = status.state?.waiting?.reason ?? '';
    const mapped = WAITING_CATEGORIES[waiting];
    if (mapped) return { category: mapped, reason: waiting };
    const oom = [status.state?.terminated, status.lastState?.terminated].some(
      (t) => t?.reason === 'OOMKilled',
    );
    if (oom) return { category: 'oom', reason: 'OOMKilled' };
    if (waiting === 'CrashLoopBackOff' || (status.state?.terminated?.exitCode ?? 0) !== 0) {
      return { category: 'crash', reason: 'CrashLoopBackOff' };
    }
  }
  const running = pod.status?.phase === 'Running';
  const unhealthy = eventsFor(snapshot, 'Pod', podName(pod)).some((e) => e.reason === 'Unhealthy');
  if (running && !isPodReady(pod) && unhealthy) return { category: 'probe_failure', reason: 'Unhealthy' };
  return undefined;
}
