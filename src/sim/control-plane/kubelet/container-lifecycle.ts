/**
 * Moves one container through its stages as virtual time passes (see runtime-state.ts): starts it when the pod
 * allows, finishes pulls, retries failed starts, runs its probes, notices when its program ends, and restarts it
 * the kubelet's way — the first restart at once, later ones after the CrashLoopBackOff delay (10 s doubling to
 * 5 min, counted from when it finished), re-reporting `BackOff` at every pod sync in between.
 */
import type { Container } from '../../../kube/types.js';
import { attemptStart, finishPull } from './container-start.js';
import { checkProbe } from './probe-check.js';
import { earliestProbe, runProbeTick } from './probe-workers.js';
import { lastRun, type ContainerRun, type ContainerRuntime, type Termination } from './runtime-state.js';
import { RELIST_MS, SYNC_RETRY_MS, type SyncContext } from './sync-context.js';

/** A container stopped by the kubelet (pod deletion, changed definition) exits on SIGTERM. */
export const GRACEFUL_STOP = { exitCode: 0, reason: 'Completed' } as const;
/** A container killed for failing its liveness/startup probe. */
const PROBE_KILL = { exitCode: 137, reason: 'Error' } as const;

/** Safety net: no container needs more stage changes than this within one instant. */
const MAX_STEPS_PER_SYNC = 50;

export function terminate(ctx: SyncContext, container: ContainerRuntime, termination: Termination): void {
  const run = lastRun(container);
  if (run && !run.termination) run.termination = termination;
  if (run) ctx.logs.close(run.id);
  container.started = false;
  container.ready = false;
  container.probes = [];
}

/** `kuberuntime_manager.computePodActions`: whether a finished container is started again. */
export function shouldRestart(
  restartPolicy: string | undefined,
  container: ContainerRuntime,
  exitCode: number,
): boolean {
  if (container.sidecar) return true;
  if (container.init) return exitCode !== 0 && restartPolicy !== 'Never';
  if (restartPolicy === 'Never') return false;
  if (restartPolicy === 'OnFailure') return exitCode !== 0;
  return true;
}

function backOffEvent(ctx: SyncContext, container: ContainerRuntime): void {
  const { name, namespace, uid } = ctx.runtime;
  ctx.events.containerEvent(
    { name: container.name, init: container.init },
    'Warning',
    'BackOff',
    `Back-off restarting failed container ${container.name} in pod ${name}_${namespace}(${uid})`,
  );
}

/** The sync after a container finished: leave it, restart it now, or wait out the back-off. */
function afterExit(ctx: SyncContext, spec: Container, container: ContainerRuntime): void {
  const termination = lastRun(container)?.termination;
  if (!termination || !shouldRestart(ctx.pod.spec?.restartPolicy, container, termination.exitCode)) {
    container.stage = { kind: 'done' };
    return;
  }
  const backOff = ctx.runtime.crashBackOff;
  if (backOff.isInBackOffSince(container.name, termination.at, ctx.now)) {
    backOffEvent(ctx, container);
    container.stage = {
      kind: 'crashLoop',
      restartAt: termination.at + backOff.get(container.name),
      nextEventAt: ctx.now + SYNC_RETRY_MS,
    };
    return;
  }
  backOff.next(container.name, termination.at, ctx.now);
  attemptStart(ctx, spec, container);
}

/** When the kubelet notices the program's own end: at its next relist, never in the same instant as the start. */
function programEndSeenAt(run: ContainerRun | undefined): number | undefined {
  const end = run?.program?.end;
  if (!end || run.startedAt === undefined) return undefined;
  return Math.max(end.at, run.startedAt + RELIST_MS);
}

/** Runs the next due thing of a running container (its program ending, or a probe); false when nothing is due. */
function advanceRunning(ctx: SyncContext, spec: Container, container: ContainerRuntime): boolean {
  const run = lastRun(container);
  const plan = run?.program;
  if (!run || !plan) return false;
  const endSeenAt = programEndSeenAt(run) ?? Number.POSITIVE_INFINITY;
  const probe = earliestProbe(container.probes);
  const probeAt = probe?.nextAt ?? Number.POSITIVE_INFINITY;

  if (plan.end && endSeenAt <= probeAt) {
    if (endSeenAt > ctx.now) return false;
    terminate(ctx, container, { at: plan.end.at, exitCode: plan.end.exitCode, reason: plan.end.reason });
    container.stage = { kind: 'exited', syncAt: endSeenAt + RELIST_MS };
    return true;
  }
  if (!probe || probeAt > ctx.now) return false;
  const ref = { name: container.name, init: container.init };
  const verdict = runProbeTick(probe, container, {
    check: (definition) => checkProbe(definition, spec, plan, ctx.runtime.podIp ?? '', probeAt),
    unhealthy: (message) => ctx.events.containerEvent(ref, 'Warning', 'Unhealthy', message),
  });
  if (verdict.kill) {
    ctx.events.containerEvent(
      ref,
      'Normal',
      'Killing',
      `Container ${container.name} failed ${verdict.kind} probe, will be restarted`,
    );
    terminate(ctx, container, { at: probeAt, ...PROBE_KILL });
    container.stage = { kind: 'exited', syncAt: probeAt + RELIST_MS };
  }
  return true;
}

function step(ctx: SyncContext, spec: Container, container: ContainerRuntime): boolean {
  const stage = container.stage;
  switch (stage.kind) {
    case 'blocked':
      attemptStart(ctx, spec, container);
      return true;
    case 'pulling':
      if (ctx.now < stage.doneAt) return false;
      finishPull(ctx, spec, container);
      return true;
    case 'startFailure':
      if (ctx.now < stage.retryAt) return false;
      attemptStart(ctx, spec, container);
      return true;
    case 'running':
      return advanceRunning(ctx, spec, container);
    case 'exited':
      if (ctx.now < stage.syncAt) return false;
      afterExit(ctx, spec, container);
      return true;
    case 'crashLoop':
      if (ctx.now >= stage.restartAt) {
        const termination = lastRun(container)?.termination;
        ctx.runtime.crashBackOff.next(container.name, termination?.at ?? ctx.now, ctx.now);
        attemptStart(ctx, spec, container);
        return true;
      }
      if (ctx.now >= stage.nextEventAt) {
        backOffEvent(ctx, container);
        stage.nextEventAt += SYNC_RETRY_MS;
        return true;
      }
      return false;
    case 'done':
      return false;
  }
}

/** A changed image in the pod spec: the kubelet kills the container and starts it again with the new image. */
function restartOnImageChange(ctx: SyncContext, spec: Container, container: ContainerRuntime): void {
  const kind = container.stage.kind;
  if (container.image === (spec.image ?? '') || kind === 'blocked' || kind === 'done') return;
  if (kind === 'running') {
    ctx.events.containerEvent(
      { name: container.name, init: container.init },
      'Normal',
      'Killing',
      `Container ${container.name} definition changed, will be restarted`,
    );
    terminate(ctx, container, { at: ctx.now, ...GRACEFUL_STOP });
  }
  attemptStart(ctx, spec, container);
}

/** Processes everything due for this container at `ctx.now`. */
export function advanceContainer(ctx: SyncContext, spec: Container, container: ContainerRuntime): void {
  restartOnImageChange(ctx, spec, container);
  for (let steps = 0; steps < MAX_STEPS_PER_SYNC; steps += 1) {
    if (!step(ctx, spec, container)) return;
  }
}

/** The next instant this container needs the kubelet, if any. */
export function containerWakeup(container: ContainerRuntime): number | undefined {
  const stage = container.stage;
  switch (stage.kind) {
    case 'pulling':
      return stage.doneAt;
    case 'startFailure':
      return stage.retryAt;
    case 'exited':
      return stage.syncAt;
    case 'crashLoop':
      return Math.min(stage.restartAt, stage.nextEventAt);
    case 'running': {
      const end = programEndSeenAt(lastRun(container));
      const probe = earliestProbe(container.probes)?.nextAt;
      const candidates = [end, probe].filter((value): value is number => value !== undefined);
      return candidates.length > 0 ? Math.min(...candidates) : undefined;
    }
    default:
      return undefined;
  }
}
