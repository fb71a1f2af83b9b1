/**
 * Events the kubelet records: core/v1 style (`source: {component: kubelet, host: <node>}`), on the pod, with
 * `fieldPath: spec.containers{name}` (or `spec.initContainers{name}`) for container events. Identical events
 * fold into one with a growing count (the EventRecorder does that), as `kubectl describe` shows `(x5 over 2m)`.
 */
import type { Pod } from '../../../kube/types.js';
import type { EventRecorder } from '../event-recorder.js';

export type ContainerRef = { name: string; init: boolean };

export class KubeletEvents {
  constructor(
    private readonly recorder: EventRecorder,
    private readonly pod: Pod,
    private readonly nodeName: string,
  ) {}

  #source() {
    return { component: 'kubelet', host: this.nodeName };
  }

  podEvent(type: 'Normal' | 'Warning', reason: string, message: string): void {
    this.recorder.record(this.pod, type, reason, message, this.#source());
  }

  containerEvent(container: ContainerRef, type: 'Normal' | 'Warning', reason: string, message: string): void {
    const fieldPath = `${container.init ? 'spec.initContainers' : 'spec.containers'}{${container.name}}`;
    this.recorder.record(this.pod, type, reason, message, this.#source(), { fieldPath });
  }
}
