/**
 * One attempt to start a container (`kuberuntime_container.startContainer`): image, then the environment
 * (CreateContainerConfigError for missing ConfigMaps/Secrets/keys), then create (`Created`) and start
 * (`Started`, or a runc failure ⇒ RunContainerError / StartError 128). A started container runs its simulated
 * program: its lines go to the log, and its probes start.
 */
import type { Container } from '../../../kube/types.js';
import { containerBehaviour } from './behaviour.js';
import { resolveEnv } from './container-env.js';
import { dependencyFailure } from './dependencies.js';
import { runtimeStartError } from './entrypoints.js';
import { containerId, imageId, parseImage } from './image-names.js';
import { completePull, ensureImage } from './image-pull.js';
import { startProgram } from './program.js';
import { startProbeWorkers } from './probe-workers.js';
import { MAX_KEPT_RUNS, type ContainerRun, type ContainerRuntime } from './runtime-state.js';
import { RELIST_MS, SYNC_RETRY_MS, type SyncContext } from './sync-context.js';

function keepRun(ctx: SyncContext, container: ContainerRuntime, run: ContainerRun): void {
  container.runs.push(run);
  while (container.runs.length > MAX_KEPT_RUNS) {
    const dropped = container.runs.shift();
    if (dropped) ctx.logs.forget(dropped.id);
  }
}

/** Creates and starts the container once its image is on the node. */
function createAndStart(ctx: SyncContext, spec: Container, container: ContainerRuntime): void {
  const ref = { name: container.name, init: container.init };
  const env = resolveEnv(
    { api: ctx.api, pod: ctx.pod, node: ctx.node, podIp: ctx.runtime.podIp, hostIp: ctx.runtime.hostIp },
    spec,
  );
  if ('error' in env) {
    ctx.events.containerEvent(ref, 'Warning', 'Failed', `Error: ${env.error}`);
    container.stage = {
      kind: 'startFailure',
      reason: 'CreateContainerConfigError',
      message: env.error,
      retryAt: ctx.now + SYNC_RETRY_MS,
    };
    return;
  }

  const image = spec.image ?? '';
  const parsed = parseImage(image);
  const run: ContainerRun = {
    id: containerId(ctx.runtime.uid, container.name, container.instances),
    specImage: image,
    image: parsed?.full ?? image,
    imageId: parsed ? imageId(parsed) : '',
    startedAt: undefined,
    termination: undefined,
    program: undefined,
  };
  container.instances += 1;
  keepRun(ctx, container, run);
  ctx.events.containerEvent(ref, 'Normal', 'Created', `Created container ${container.name}`);

  const behaviour = containerBehaviour(ctx.pod.metadata?.annotations, spec);
  const startError = runtimeStartError(spec, behaviour);
  if (startError) {
    ctx.events.containerEvent(ref, 'Warning', 'Failed', `Error: ${startError}`);
    run.termination = { at: ctx.now, exitCode: 128, reason: 'StartError', message: startError };
    ctx.logs.close(run.id);
    container.stage = { kind: 'exited', syncAt: ctx.now + RELIST_MS };
    return;
  }

  ctx.events.containerEvent(ref, 'Normal', 'Started', `Started container ${container.name}`);
  const namespace = ctx.runtime.namespace;
  const outcome = startProgram({
    behaviour,
    container: spec,
    env: env.env,
    dependencyFailures: behaviour.dependsOn
      .map((dependency) => dependencyFailure(ctx.api, namespace, dependency))
      .filter((line): line is string => line !== undefined),
    startedAt: ctx.now,
    init: container.init && !container.sidecar,
  });
  run.startedAt = ctx.now;
  run.program = outcome.plan;
  ctx.logs.append(run.id, outcome.lines);
  // Only app containers and sidecars are probed (validation forbids probes on other init containers).
  container.probes = container.init && !container.sidecar ? [] : startProbeWorkers(spec, ctx.now);
  container.started = !container.probes.some((worker) => worker.kind === 'Startup');
  container.ready = container.started && !container.probes.some((worker) => worker.kind === 'Readiness');
  container.stage = { kind: 'running' };
}

/** Starts (or restarts) the container from the beginning: image first. */
export function attemptStart(ctx: SyncContext, spec: Container, container: ContainerRuntime): void {
  container.image = spec.image ?? '';
  container.started = false;
  container.ready = false;
  container.probes = [];
  if (ensureImage(ctx, spec, container) === 'ready') createAndStart(ctx, spec, container);
}

/** The pull in progress finished: go on with the start, or stay in the pull failure it reported. */
export function finishPull(ctx: SyncContext, spec: Container, container: ContainerRuntime): void {
  if (completePull(ctx, container) === 'ready') createAndStart(ctx, spec, container);
}
