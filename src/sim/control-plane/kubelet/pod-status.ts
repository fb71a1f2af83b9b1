/**
 * The pod status the kubelet reports (`generateAPIPodStatus`): phase, conditions, host and pod IPs, start time,
 * QoS class and the init/app container statuses, rendered from the kubelet's memory and merged over what the
 * store holds (fields the kubelet does not own, such as nominatedNodeName, are kept).
 */
import type { ContainerStatus, Pod } from '../../../kube/types.js';
import { formatTime } from '../../clock.js';
import { podQosClass } from '../../kinds/qos.js';
import { renderContainerStatus } from './container-status.js';
import { initContainerDone } from './init-containers.js';
import { podConditions } from './pod-conditions.js';
import { podPhase, type Phase } from './pod-phase.js';
import type { ContainerRuntime, PodRuntime } from './runtime-state.js';

type PodStatus = NonNullable<Pod['status']>;

export function renderPodStatus(
  pod: Pod,
  runtime: PodRuntime,
  now: number,
): { status: PodStatus; phase: Phase } {
  const spec = pod.spec;
  const existing = pod.status ?? {};
  const initializing = !runtime.initialized;
  const render = (container: ContainerRuntime | undefined, image: string) =>
    container ? renderContainerStatus(container, image, runtime, initializing) : undefined;
  const present = (s: ContainerStatus | undefined): s is ContainerStatus => s !== undefined;

  const inits = (spec?.initContainers ?? []).flatMap((c) => {
    const container = runtime.containers.get(c.name);
    return container ? [{ container, status: render(container, c.image ?? '') }] : [];
  });
  const initStatuses = inits.map((i) => i.status).filter(present);
  const incompleteInit = initializing
    ? inits.filter((i) => !initContainerDone(i.container)).map((i) => i.container.name)
    : [];
  // Sidecars count towards readiness like app containers; only regular init containers decide "initialized".
  const sidecarStatuses = inits
    .filter((i) => i.container.sidecar)
    .map((i) => i.status)
    .filter(present);
  const regularInitStatuses = inits
    .filter((i) => !i.container.sidecar)
    .map((i) => i.status)
    .filter(present);
  const statuses = (spec?.containers ?? [])
    .map((c) => render(runtime.containers.get(c.name), c.image ?? ''))
    .filter(present);

  const phase =
    runtime.terminalPhase ??
    podPhase(statuses, regularInitStatuses, spec?.restartPolicy, runtime.deletion !== undefined);
  const conditions = podConditions({
    sandboxReady: runtime.sandbox.ready,
    incompleteInit,
    statuses: [...sidecarStatuses, ...statuses],
    phase,
    existing: existing.conditions ?? [],
    now: formatTime(now),
  });

  const status: PodStatus = {
    ...existing,
    phase,
    conditions: conditions as unknown as PodStatus['conditions'],
    ...(runtime.hostIp ? { hostIP: runtime.hostIp, hostIPs: [{ ip: runtime.hostIp }] } : {}),
    ...(runtime.podIp ? { podIP: runtime.podIp, podIPs: [{ ip: runtime.podIp }] } : {}),
    startTime: existing.startTime ?? formatTime(runtime.startTime),
    qosClass: existing.qosClass ?? (spec ? podQosClass(spec) : 'BestEffort'),
    ...(initStatuses.length > 0 ? { initContainerStatuses: initStatuses } : {}),
    containerStatuses: statuses,
  };
  return { status, phase };
}
