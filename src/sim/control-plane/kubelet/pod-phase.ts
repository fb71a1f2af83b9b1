/**
 * The pod phase from its container statuses (kubelet `getPhase`, 1.32): Pending while an init container has not
 * completed or a container has never started, Running while any runs or will restart (a crash-looping pod under
 * `restartPolicy: Always` stays Running), Succeeded/Failed once everything has stopped for good.
 */
import type { ContainerStatus } from '../../../kube/types.js';

export type Phase = 'Pending' | 'Running' | 'Succeeded' | 'Failed';

function initPhase(
  initStatuses: readonly ContainerStatus[],
  restartPolicy: string | undefined,
): Phase | undefined {
  let pending = 0;
  let failed = 0;
  for (const status of initStatuses) {
    const { running, terminated, waiting } = status.state ?? {};
    if (running) pending += 1;
    else if (terminated) {
      if (terminated.exitCode !== 0) failed += 1;
    } else if (waiting && status.lastState?.terminated) {
      if (status.lastState.terminated.exitCode !== 0) failed += 1;
    } else pending += 1;
  }
  if (failed > 0 && restartPolicy === 'Never') return 'Failed';
  return pending > 0 ? 'Pending' : undefined;
}

/** `podIsTerminal`: the pod is being deleted (its containers will not be restarted). */
export function podPhase(
  statuses: readonly ContainerStatus[],
  initStatuses: readonly ContainerStatus[],
  restartPolicy: string | undefined,
  podIsTerminal: boolean,
): Phase {
  const fromInit = initPhase(initStatuses, restartPolicy);
  if (fromInit) return fromInit;
  let running = 0;
  let waiting = 0;
  let stopped = 0;
  let succeeded = 0;
  for (const status of statuses) {
    const state = status.state ?? {};
    if (state.running) running += 1;
    else if (state.terminated) {
      stopped += 1;
      if (state.terminated.exitCode === 0) succeeded += 1;
    } else if (state.waiting && status.lastState?.terminated) stopped += 1;
    else waiting += 1;
  }
  if (waiting > 0) return 'Pending';
  if (running > 0) return 'Running';
  if (stopped === 0) return 'Pending';
  if (podIsTerminal) return stopped === succeeded ? 'Succeeded' : 'Failed';
  if (restartPolicy === 'Never') return stopped === succeeded ? 'Succeeded' : 'Failed';
  if (restartPolicy === 'OnFailure') return stopped === succeeded ? 'Succeeded' : 'Running';
  return 'Running';
}
