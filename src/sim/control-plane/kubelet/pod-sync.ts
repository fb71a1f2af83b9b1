/**
 * One kubelet sync of one pod (`kubelet.SyncPod` and its termination path): on deletion stop the containers and
 * remove the pod shortly after; otherwise mount the volumes and set up the sandbox (pod IP), run the init
 * containers one by one, then the app containers; finally report the status if anything in it changed.
 */
import { isDeepStrictEqual } from 'node:util';
import type { Pod } from '../../../kube/types.js';
import { parseTime } from '../../clock.js';
import { ApiError } from '../../errors.js';
import { pods } from '../../resources/pods.js';
import { normalize } from '../../store.js';
import { advanceContainer, GRACEFUL_STOP, terminate } from './container-lifecycle.js';
import type { PodNetwork } from './pod-network.js';
import { renderPodStatus } from './pod-status.js';
import { initContainerDone } from './init-containers.js';
import { RELIST_MS, type SyncContext } from './sync-context.js';
import { MOUNT_RETRY_MAX_MS, mountFailures } from './volumes.js';

export function nodeUser(nodeName: string): string {
  return `system:node:${nodeName}`;
}

/** Stops the running containers once and plans the removal: a second later, or at the deadline if sooner. */
function beginDeletion(ctx: SyncContext): void {
  const { runtime, now } = ctx;
  for (const container of runtime.containers.values()) {
    if (container.stage.kind !== 'running') continue;
    ctx.events.containerEvent(
      { name: container.name, init: container.init },
      'Normal',
      'Killing',
      `Stopping container ${container.name}`,
    );
    terminate(ctx, container, { at: now, ...GRACEFUL_STOP });
    container.stage = { kind: 'done' };
  }
  const deadline = parseTime(ctx.pod.metadata?.deletionTimestamp) ?? now;
  runtime.deletion = { removeAt: Math.max(now, Math.min(now + RELIST_MS, deadline)) };
}

/** Volumes, then the sandbox and its IP; false while a volume cannot be mounted. */
function prepareSandbox(ctx: SyncContext, network: PodNetwork): boolean {
  const { runtime, now } = ctx;
  if (runtime.sandbox.ready) return true;
  if (now < runtime.sandbox.retryAt) return false;
  const failures = mountFailures(ctx.api, ctx.pod);
  if (failures.length > 0) {
    for (const failure of failures) ctx.events.podEvent('Warning', 'FailedMount', failure.message);
    const delayMs = runtime.sandbox.delayMs;
    runtime.sandbox = {
      ready: false,
      retryAt: now + delayMs,
      delayMs: Math.min(delayMs * 2, MOUNT_RETRY_MAX_MS),
    };
    return false;
  }
  runtime.sandbox = { ready: true };
  // A hostNetwork pod shares the node's address; every other pod gets its own from the node's range.
  runtime.podIp = ctx.pod.spec?.hostNetwork ? runtime.hostIp : network.allocate(ctx.node);
  return true;
}

function runContainers(ctx: SyncContext, network: PodNetwork): void {
  if (!prepareSandbox(ctx, network)) return;
  const spec = ctx.pod.spec;
  for (const init of spec?.initContainers ?? []) {
    const container = ctx.runtime.containers.get(init.name);
    if (!container) continue;
    // Once initialized, only sidecars still run among the init containers.
    if (ctx.runtime.initialized && !container.sidecar) continue;
    advanceContainer(ctx, init, container);
    // Init containers run one at a time; app containers wait for all of them.
    if (!ctx.runtime.initialized && !initContainerDone(container)) return;
  }
  ctx.runtime.initialized = true;
  for (const app of spec?.containers ?? []) {
    const container = ctx.runtime.containers.get(app.name);
    if (container) advanceContainer(ctx, app, container);
  }
}

/** Writes the status if it changed; returns the pod's resourceVersion afterwards. */
function writeStatus(ctx: SyncContext): string | undefined {
  const { pod, runtime } = ctx;
  const { status, phase } = renderPodStatus(pod, runtime, ctx.now);
  if (!runtime.deletion && (phase === 'Succeeded' || phase === 'Failed')) runtime.terminalPhase = phase;
  if (isDeepStrictEqual(normalize(status), normalize(pod.status ?? {}))) return pod.metadata?.resourceVersion;
  const body: Pod = { ...structuredClone(pod), status };
  if (body.metadata) delete body.metadata.resourceVersion;
  const user = { user: nodeUser(runtime.nodeName) };
  return ctx.api.replace(pods, runtime.namespace, runtime.name, body, user, 'status').metadata
    ?.resourceVersion;
}

function removePod(ctx: SyncContext): void {
  const { runtime } = ctx;
  ctx.api.delete(
    pods,
    runtime.namespace,
    runtime.name,
    { gracePeriodSeconds: 0, preconditions: { uid: runtime.uid } },
    { user: nodeUser(runtime.nodeName) },
  );
}

export function syncPod(ctx: SyncContext, network: PodNetwork): void {
  const { runtime } = ctx;
  if (ctx.pod.metadata?.deletionTimestamp && !runtime.deletion) beginDeletion(ctx);
  if (!runtime.deletion && !runtime.terminalPhase) runContainers(ctx, network);
  try {
    runtime.syncedVersion = writeStatus(ctx);
    if (runtime.deletion && ctx.now >= runtime.deletion.removeAt) removePod(ctx);
  } catch (error) {
    // The pod went away or was replaced meanwhile; the next reconcile sees the current state.
    if (!(error instanceof ApiError)) throw error;
    runtime.syncedVersion = undefined;
  }
}
