/**
 * A control-plane component (deployment controller, scheduler, kubelet …). Components are level-triggered:
 * `reconcile` looks at the whole cluster and moves it one step toward the desired state, writing through the
 * ClusterApi like any client. The control plane calls every component repeatedly until nothing changes, so a
 * component must write only when something actually differs (the store ignores identical writes).
 */
import type { ClusterApi } from '../api/cluster-api.js';
import type { VirtualClock } from '../clock.js';
import type { EventRecorder } from './event-recorder.js';

export type ControllerContext = {
  readonly api: ClusterApi;
  readonly clock: VirtualClock;
  readonly events: EventRecorder;
  readonly random: () => number;
};

export type Controller = {
  readonly name: string;
  reconcile(): void;
  /**
   * The next virtual time (ms since epoch) at which this component must run even if nothing else changes:
   * a back-off expiring, a probe period, a progress deadline. Undefined when it only reacts to changes.
   */
  nextWakeup?(): number | undefined;
};
