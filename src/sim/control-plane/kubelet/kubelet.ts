/**
 * The simulated kubelet of every node: for each pod bound to a Ready node it keeps a model of the pod's
 * containers in memory (runtime-state.ts) and syncs it on every reconcile — pulls, starts, program exits,
 * probes, restarts with back-off, graceful deletion — reporting status through the `status` subresource as
 * `system:node:<node>` and events as `kubelet`. It also serves the pods' logs to the API server.
 */
import type { Container, Node, Pod } from '../../../kube/types.js';
import { nodes } from '../../resources/nodes.js';
import { pods } from '../../resources/pods.js';
import type { Controller, ControllerContext } from '../controller.js';
import type { PodLogSource } from '../pod-logs.js';
import { BackOff } from './back-off.js';
import { containerWakeup } from './container-lifecycle.js';
import { KubeletEvents } from './kubelet-events.js';
import { LogBook } from './log-book.js';
import { createPodLogSource } from './log-source.js';
import { NodeImages } from './node-images.js';
import { hostIpOf, PodNetwork } from './pod-network.js';
import { syncPod } from './pod-sync.js';
import type { ContainerRuntime, PodRuntime } from './runtime-state.js';
import { MOUNT_RETRY_INITIAL_MS } from './volumes.js';

export type Kubelet = { controller: Controller; podLogs: PodLogSource };

/** A node whose Ready condition is False or Unknown has no working kubelet: its pods freeze. */
function nodeReady(node: Node): boolean {
  const ready = node.status?.conditions?.find((condition) => condition.type === 'Ready');
  return ready === undefined || ready.status === 'True';
}

function isTerminal(pod: Pod): boolean {
  return pod.status?.phase === 'Succeeded' || pod.status?.phase === 'Failed';
}

function newContainer(spec: Container, init: boolean): ContainerRuntime {
  return {
    name: spec.name,
    init,
    sidecar: init && spec.restartPolicy === 'Always',
    stage: { kind: 'blocked' },
    runs: [],
    instances: 0,
    image: spec.image ?? '',
    started: false,
    ready: false,
    probes: [],
  };
}

function newPodRuntime(pod: Pod, node: Node, now: number): PodRuntime {
  const containers = new Map<string, ContainerRuntime>();
  for (const c of pod.spec?.initContainers ?? []) containers.set(c.name, newContainer(c, true));
  for (const c of pod.spec?.containers ?? []) containers.set(c.name, newContainer(c, false));
  return {
    uid: pod.metadata?.uid ?? '',
    namespace: pod.metadata?.namespace ?? 'default',
    name: pod.metadata?.name ?? '',
    nodeName: pod.spec?.nodeName ?? '',
    startTime: now,
    sandbox: { ready: false, retryAt: now, delayMs: MOUNT_RETRY_INITIAL_MS },
    initialized: (pod.spec?.initContainers ?? []).length === 0,
    hostIp: hostIpOf(node),
    podIp: undefined,
    containers,
    crashBackOff: new BackOff(),
    imageBackOff: new BackOff(),
    lastPullError: new Map(),
    terminalPhase: undefined,
    deletion: undefined,
    suspended: false,
    syncedVersion: undefined,
  };
}

function podWakeup(runtime: PodRuntime): number | undefined {
  const candidates: (number | undefined)[] = [];
  if (runtime.deletion) candidates.push(runtime.deletion.removeAt);
  else if (!runtime.terminalPhase) {
    if (!runtime.sandbox.ready) candidates.push(runtime.sandbox.retryAt);
    for (const container of runtime.containers.values()) candidates.push(containerWakeup(container));
  }
  const times = candidates.filter((time): time is number => time !== undefined);
  return times.length > 0 ? Math.min(...times) : undefined;
}

export function createKubelet(context: ControllerContext): Kubelet {
  const { api, clock, events } = context;
  const runtimes = new Map<string, PodRuntime>();
  const network = new PodNetwork();
  const images = new NodeImages();
  const logs = new LogBook();

  function forget(runtime: PodRuntime): void {
    if (runtime.podIp !== runtime.hostIp) network.release(runtime.nodeName, runtime.podIp);
    for (const container of runtime.containers.values())
      for (const run of container.runs) logs.forget(run.id);
    runtimes.delete(runtime.uid);
  }

  function reconcile(): void {
    const nodesByName = new Map(
      (api.list(nodes, undefined).items as Node[]).map((node) => [node.metadata?.name ?? '', node]),
    );
    const alive = new Set<string>();
    const now = clock.now();
    for (const pod of api.list(pods, undefined).items as Pod[]) {
      const uid = pod.metadata?.uid ?? '';
      alive.add(uid);
      const node = pod.spec?.nodeName ? nodesByName.get(pod.spec.nodeName) : undefined;
      if (!node) continue;
      let runtime = runtimes.get(uid);
      if (!nodeReady(node)) {
        if (runtime) runtime.suspended = true;
        continue;
      }
      if (!runtime) {
        // A pod that finished before this kubelet knew it has nothing left to run.
        if (isTerminal(pod)) continue;
        runtime = newPodRuntime(pod, node, now);
        runtimes.set(uid, runtime);
      }
      runtime.suspended = false;
      // Nothing due and the pod unchanged since the last sync: that sync would change nothing.
      const due = podWakeup(runtime);
      if (runtime.syncedVersion === pod.metadata?.resourceVersion && (due === undefined || due > now))
        continue;
      const podEvents = new KubeletEvents(events, pod, runtime.nodeName);
      syncPod({ api, now, pod, node, runtime, events: podEvents, images, logs }, network);
    }
    for (const runtime of [...runtimes.values()]) if (!alive.has(runtime.uid)) forget(runtime);
  }

  function nextWakeup(): number | undefined {
    const now = clock.now();
    let earliest: number | undefined;
    for (const runtime of runtimes.values()) {
      if (runtime.suspended) continue;
      const wakeup = podWakeup(runtime);
      if (wakeup !== undefined && wakeup > now && (earliest === undefined || wakeup < earliest))
        earliest = wakeup;
    }
    return earliest;
  }

  return {
    controller: { name: 'kubelet', reconcile, nextWakeup },
    podLogs: createPodLogSource(api, clock, logs),
  };
}
