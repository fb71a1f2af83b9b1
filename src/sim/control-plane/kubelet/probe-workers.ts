/**
 * The kubelet's probe workers for one running container: startup first (liveness and readiness are skipped
 * until it succeeds), then liveness and readiness, each every `periodSeconds` from `initialDelaySeconds` after
 * the start (at least one second: the first probe comes after the first status update). Results only count
 * after `failureThreshold` / `successThreshold` consecutive equal outcomes; readiness starts as failed.
 */
import type { Container, Probe } from '../../../kube/types.js';
import type { ContainerRuntime } from './runtime-state.js';
import type { ProbeResult } from './probe-check.js';

export type ProbeKind = 'Startup' | 'Liveness' | 'Readiness';

export type ProbeWorker = {
  readonly kind: ProbeKind;
  readonly probe: Probe;
  nextAt: number;
  successes: number;
  failures: number;
};

const MIN_FIRST_PROBE_DELAY_MS = 1_000;

function worker(kind: ProbeKind, probe: Probe | undefined, startedAt: number): ProbeWorker[] {
  if (!probe) return [];
  const delay = Math.max((probe.initialDelaySeconds ?? 0) * 1000, MIN_FIRST_PROBE_DELAY_MS);
  return [{ kind, probe, nextAt: startedAt + delay, successes: 0, failures: 0 }];
}

export function startProbeWorkers(container: Container, startedAt: number): ProbeWorker[] {
  return [
    ...worker('Startup', container.startupProbe, startedAt),
    ...worker('Liveness', container.livenessProbe, startedAt),
    ...worker('Readiness', container.readinessProbe, startedAt),
  ];
}

export function earliestProbe(workers: readonly ProbeWorker[]): ProbeWorker | undefined {
  let earliest: ProbeWorker | undefined;
  for (const candidate of workers) if (!earliest || candidate.nextAt < earliest.nextAt) earliest = candidate;
  return earliest;
}

export type ProbeVerdict = { kill: false } | { kill: true; kind: 'liveness' | 'startup' };

export type ProbeHooks = {
  check(probe: Probe): ProbeResult;
  unhealthy(message: string): void;
};

/** Runs `probe`'s due tick, updating the container's started/ready flags; says whether to kill the container. */
export function runProbeTick(
  workerState: ProbeWorker,
  container: ContainerRuntime,
  hooks: ProbeHooks,
): ProbeVerdict {
  const { probe } = workerState;
  workerState.nextAt += Math.max(1, probe.periodSeconds ?? 10) * 1000;
  const skipped = workerState.kind === 'Startup' ? container.started : !container.started;
  if (skipped) return { kill: false };

  const result = hooks.check(probe);
  if (result.kind === 'error') {
    // A prober error throws the result away: no threshold moves, only the event.
    hooks.unhealthy(`${workerState.kind} probe errored and resulted in unknown state: ${result.message}`);
    return { kill: false };
  }
  if (result.kind === 'success') {
    workerState.successes += 1;
    workerState.failures = 0;
    if (workerState.successes >= Math.max(1, probe.successThreshold ?? 1)) {
      if (workerState.kind === 'Startup') {
        container.started = true;
        // Without a readiness probe a started container is ready at once.
        if (!container.probes.some((w) => w.kind === 'Readiness')) container.ready = true;
      }
      if (workerState.kind === 'Readiness') container.ready = true;
    }
    return { kill: false };
  }
  hooks.unhealthy(`${workerState.kind} probe failed: ${result.output}`);
  workerState.failures += 1;
  workerState.successes = 0;
  if (workerState.failures < Math.max(1, probe.failureThreshold ?? 3)) return { kill: false };
  if (workerState.kind === 'Readiness') {
    container.ready = false;
    return { kill: false };
  }
  return { kill: true, kind: workerState.kind === 'Startup' ? 'startup' : 'liveness' };
}
