/**
 * What the simulated kubelet remembers about each pod it runs (the container runtime's view), keyed by pod uid.
 * The API status is rendered from this state (pod-status.ts); nothing here is persisted in the store.
 *
 * A container moves through stages:
 *   blocked (sandbox / init containers pending) → pulling → running → exited → (restart | crashLoop | done)
 * with `startFailure` for every reason a start attempt stops early (image pull errors, config errors), retried
 * on a timer. Each stage that waits carries the instant it must be looked at again.
 */
import type { BackOff } from './back-off.js';
import type { ImageRef } from './image-names.js';
import type { ProbeWorker } from './probe-workers.js';

export type TerminationReason = 'Completed' | 'Error' | 'OOMKilled' | 'StartError';

export type Termination = { at: number; exitCode: number; reason: TerminationReason; message?: string };

/** What the program will do, fixed when it starts. */
export type ProgramPlan = {
  /** From this instant the program answers on its ports (after `startup-seconds`). */
  listensFrom: number;
  listenPorts: readonly number[];
  httpOkPaths: readonly string[] | undefined;
  /** How the program ends by itself, if it does. */
  end: { at: number; exitCode: number; reason: 'Completed' | 'Error' | 'OOMKilled' } | undefined;
};

/** One container instance (one containerID). */
export type ContainerRun = {
  id: string;
  /** The pod spec's image this instance was started from. */
  specImage: string;
  /** The runtime's name for it (`docker.io/library/nginx:1.25`): status.image. */
  image: string;
  imageId: string;
  /** Undefined when the runtime failed to start it (StartError). */
  startedAt: number | undefined;
  termination: Termination | undefined;
  program: ProgramPlan | undefined;
};

export type Stage =
  | { kind: 'blocked' }
  | { kind: 'pulling'; image: string; ref: ImageRef; doneAt: number; durationMs: number; fails: boolean }
  | { kind: 'startFailure'; reason: string; message: string; retryAt: number }
  | { kind: 'running' }
  /** Just terminated (status shows it, or RunContainerError for a start failure); the next sync decides. */
  | { kind: 'exited'; syncAt: number }
  | { kind: 'crashLoop'; restartAt: number; nextEventAt: number }
  | { kind: 'done' };

export type ContainerRuntime = {
  readonly name: string;
  readonly init: boolean;
  /** An init container with `restartPolicy: Always`: it keeps running beside the app containers. */
  readonly sidecar: boolean;
  stage: Stage;
  /** Instances, oldest first; only the last few are kept (the kubelet keeps the current and previous one). */
  runs: ContainerRun[];
  /** Instances ever created: restartCount is this minus one. */
  instances: number;
  /** The spec image the current start attempt is for (a changed image restarts the container). */
  image: string;
  started: boolean;
  ready: boolean;
  probes: ProbeWorker[];
};

export type Sandbox = { ready: true } | { ready: false; retryAt: number; delayMs: number };

export type PodRuntime = {
  readonly uid: string;
  readonly namespace: string;
  readonly name: string;
  readonly nodeName: string;
  readonly startTime: number;
  sandbox: Sandbox;
  /** Every init container has completed (sidecars: started) once; stays true, as the Initialized condition does. */
  initialized: boolean;
  hostIp: string | undefined;
  podIp: string | undefined;
  /** Init containers first, then app containers, in spec order. */
  readonly containers: Map<string, ContainerRuntime>;
  /** Container restart back-off, keyed by container name. */
  readonly crashBackOff: BackOff;
  /** Image pull back-off, keyed by image (the kubelet keys it by `<pod uid>_<image>`). */
  readonly imageBackOff: BackOff;
  /** The last pull error per image, appended to the ImagePullBackOff message. */
  readonly lastPullError: Map<string, string>;
  /** Set once the pod reached Succeeded/Failed: the kubelet leaves it alone from then on. */
  terminalPhase: 'Succeeded' | 'Failed' | undefined;
  /** Set when the kubelet noticed the pod's deletionTimestamp. */
  deletion: { removeAt: number } | undefined;
  /** True while the pod's node is not Ready: its kubelet is down, nothing moves. */
  suspended: boolean;
  /**
   * The pod's resourceVersion after the last sync. While it is unchanged and no timer is due, a sync would do
   * nothing (everything else the kubelet reads is only looked at when a timer fires), so it is skipped.
   */
  syncedVersion: string | undefined;
};

export const MAX_KEPT_RUNS = 3;

export function lastRun(container: ContainerRuntime): ContainerRun | undefined {
  return container.runs[container.runs.length - 1];
}

export function previousRun(container: ContainerRuntime): ContainerRun | undefined {
  return container.runs[container.runs.length - 2];
}

export function restartCount(container: ContainerRuntime): number {
  return Math.max(0, container.instances - 1);
}
