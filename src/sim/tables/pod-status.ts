/**
 * The READY / STATUS / RESTARTS summary of a pod: a line-by-line port of `printPod` (kubernetes
 * `pkg/printers/internalversion/printers.go`, 1.32). Branch order matters and is kept exactly; e.g. container
 * statuses are walked from last to first, so the first container's reason wins.
 */
import type { Container, ContainerStatus, Pod } from '../../kube/types.js';
import { timestampOf } from './human-duration.js';

export type PodSummary = {
  readyContainers: number;
  totalContainers: number;
  /** The STATUS column: `Running`, `CrashLoopBackOff`, `Init:0/1`, `Terminating`, … */
  reason: string;
  restarts: number;
  /** Latest `lastState.terminated.finishedAt` of the containers counted in `restarts` (ms), if any. */
  lastRestartAt: number | undefined;
};

/** Sidecars: init containers with `restartPolicy: Always` keep running and count towards READY's total. */
function isRestartable(container: Container | undefined): boolean {
  return container?.restartPolicy === 'Always';
}

function lastTerminationOf(status: ContainerStatus): number | undefined {
  const terminated = status.lastState?.terminated;
  return terminated ? timestampOf(terminated.finishedAt) : undefined;
}

function later(current: number | undefined, candidate: number | undefined): number | undefined {
  if (candidate === undefined) return current;
  return current === undefined || current < candidate ? candidate : current;
}

function hasConditionTrue(pod: Pod, type: string): boolean {
  return (pod.status?.conditions ?? []).some((c) => c.type === type && c.status === 'True');
}

export function summarizePod(pod: Pod): PodSummary {
  const spec = pod.spec;
  const status = pod.status ?? {};
  const initContainers = spec?.initContainers ?? [];
  const phase = status.phase ?? '';
  let reason = status.reason || phase;
  let totalContainers = spec?.containers?.length ?? 0;
  let readyContainers = 0;
  let restarts = 0;
  let restartableInitRestarts = 0;
  let lastRestartAt: number | undefined;
  let lastRestartableInitRestartAt: number | undefined;

  for (const condition of status.conditions ?? []) {
    if (condition.type === 'PodScheduled' && condition.reason === 'SchedulingGated')
      reason = 'SchedulingGated';
  }

  const initSpecs = new Map(initContainers.map((c) => [c.name, c]));
  totalContainers += initContainers.filter(isRestartable).length;

  let initializing = false;
  const initStatuses = status.initContainerStatuses ?? [];
  for (const [index, container] of initStatuses.entries()) {
    const restartable = isRestartable(initSpecs.get(container.name));
    restarts += container.restartCount ?? 0;
    lastRestartAt = later(lastRestartAt, lastTerminationOf(container));
    if (restartable) {
      restartableInitRestarts += container.restartCount ?? 0;
      lastRestartableInitRestartAt = later(lastRestartableInitRestartAt, lastTerminationOf(container));
    }
    const terminated = container.state?.terminated;
    const waiting = container.state?.waiting;
    if (terminated && (terminated.exitCode ?? 0) === 0) continue;
    if (restartable && container.started === true) {
      if (container.ready) readyContainers++;
      continue;
    }
    if (terminated) {
      // Initialization failed.
      if (terminated.reason) reason = `Init:${terminated.reason}`;
      else if (terminated.signal) reason = `Init:Signal:${terminated.signal}`;
      else reason = `Init:ExitCode:${terminated.exitCode ?? 0}`;
    } else if (waiting?.reason && waiting.reason !== 'PodInitializing') {
      reason = `Init:${waiting.reason}`;
    } else {
      reason = `Init:${index}/${initContainers.length}`;
    }
    initializing = true;
    break;
  }

  if (!initializing || hasConditionTrue(pod, 'Initialized')) {
    // Regular init containers' restarts stop counting once the pod has initialized; sidecars' keep counting.
    restarts = restartableInitRestarts;
    lastRestartAt = lastRestartableInitRestartAt;
    let hasRunning = false;
    const statuses = status.containerStatuses ?? [];
    for (let i = statuses.length - 1; i >= 0; i--) {
      const container = statuses[i]!;
      restarts += container.restartCount ?? 0;
      lastRestartAt = later(lastRestartAt, lastTerminationOf(container));
      const { waiting, terminated, running } = container.state ?? {};
      if (waiting?.reason) {
        reason = waiting.reason;
      } else if (terminated?.reason) {
        reason = terminated.reason;
      } else if (terminated) {
        reason = terminated.signal ? `Signal:${terminated.signal}` : `ExitCode:${terminated.exitCode ?? 0}`;
      } else if (container.ready && running) {
        hasRunning = true;
        readyContainers++;
      }
    }
    // One container finished but another still runs: the pod as a whole is not "Completed".
    if (reason === 'Completed' && hasRunning)
      reason = hasConditionTrue(pod, 'Ready') ? 'Running' : 'NotReady';
  }

  const deleting = pod.metadata?.deletionTimestamp !== undefined && pod.metadata.deletionTimestamp !== null;
  if (deleting && status.reason === 'NodeLost') reason = 'Unknown';
  else if (deleting && phase !== 'Succeeded' && phase !== 'Failed') reason = 'Terminating';

  return { readyContainers, totalContainers, reason, restarts, lastRestartAt };
}
