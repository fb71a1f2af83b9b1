/**
 * A container's API status (`containerStatuses[]`, reference §7.5.2) rendered from the kubelet's memory:
 * `state` from the stage, `lastState` from the instance before the one shown, `restartCount`, `ready`,
 * `started`, and image/container IDs once an instance exists.
 */
import type { ContainerStatus } from '../../../kube/types.js';
import { formatTime } from '../../clock.js';
import { formatGoDuration } from './go-duration.js';
import {
  lastRun,
  previousRun,
  restartCount,
  type ContainerRun,
  type ContainerRuntime,
  type PodRuntime,
} from './runtime-state.js';

type State = NonNullable<ContainerStatus['state']>;

function terminatedState(run: ContainerRun): State {
  const termination = run.termination;
  if (!termination) return {};
  return {
    terminated: {
      exitCode: termination.exitCode,
      reason: termination.reason,
      ...(termination.message ? { message: termination.message } : {}),
      // A container that never started (StartError) reports the zero time, as containerd does.
      startedAt: formatTime(run.startedAt ?? 0),
      finishedAt: formatTime(termination.at),
      containerID: run.id,
    },
  };
}

/** The state shown, and which instance (if any) `lastState` describes. */
function stateOf(
  container: ContainerRuntime,
  pod: PodRuntime,
  initializing: boolean,
): { state: State; last: ContainerRun | undefined } {
  const current = lastRun(container);
  const before = previousRun(container);
  const stage = container.stage;
  const waiting = (reason: string, message?: string) => ({
    state: { waiting: { reason, ...(message ? { message } : {}) } },
    last: current?.termination ? current : undefined,
  });
  switch (stage.kind) {
    case 'blocked':
    case 'pulling':
      return waiting(initializing && !container.init ? 'PodInitializing' : 'ContainerCreating');
    case 'startFailure':
      return waiting(stage.reason, stage.message);
    case 'crashLoop': {
      const delay = formatGoDuration(pod.crashBackOff.get(container.name));
      return waiting(
        'CrashLoopBackOff',
        `back-off ${delay} restarting failed container=${container.name} pod=${pod.name}_${pod.namespace}(${pod.uid})`,
      );
    }
    case 'running':
      return {
        state: { running: { startedAt: formatTime(current?.startedAt ?? pod.startTime) } },
        last: before,
      };
    case 'exited':
    case 'done':
      if (current?.termination?.reason === 'StartError') {
        return waiting('RunContainerError', current.termination.message);
      }
      return current ? { state: terminatedState(current), last: before } : waiting('ContainerCreating');
  }
}

export function renderContainerStatus(
  container: ContainerRuntime,
  specImage: string,
  pod: PodRuntime,
  initializing: boolean,
): ContainerStatus {
  const { state, last } = stateOf(container, pod, initializing);
  const current = lastRun(container);
  // Until an instance of the current spec image exists, the status names the spec's image.
  const shown = current && current.specImage === specImage ? current : undefined;
  return {
    name: container.name,
    state,
    lastState: last ? terminatedState(last) : {},
    ready: container.ready,
    restartCount: restartCount(container),
    image: shown?.image ?? specImage,
    imageID: shown?.imageId ?? '',
    ...(current ? { containerID: current.id } : {}),
    started: container.started,
  };
}
