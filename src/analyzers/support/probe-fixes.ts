/**
 * The grounded probe fixes, each from facts in the container spec and the kubelet's probe messages:
 * a port the container declares, a startup probe reusing the liveness handler, a path another probe proves.
 */
import type { Container, Probe } from '../../kube/types.js';
import {
  PROBE_KINDS,
  declaresPort,
  httpStatus,
  isNotListening,
  preferredPort,
  probeOf,
  probePort,
  type ProbeFailure,
  type ProbeKind,
} from './probe-failures.js';

export type ProbeFix = {
  /** What is wrong, for the finding's message. */
  summary: string;
  /** Why the change fixes it, for the proposal. */
  rationale: string;
  params: Record<string, unknown>;
  specificity: number;
  confidence: number;
};

/** The probe's handler with only what `set_probe` accepts (httpGet path/port or tcpSocket port). */
function handler(probe: Probe, port: number | string | undefined = probePort(probe)) {
  if (probe.httpGet && port !== undefined) {
    const path = probe.httpGet.path;
    return { httpGet: path === undefined ? { port } : { path, port } };
  }
  if (probe.tcpSocket && port !== undefined) return { tcpSocket: { port } };
  return undefined;
}

export function wrongPortFix(container: Container | undefined, kind: ProbeKind): ProbeFix | undefined {
  const probe = probeOf(container, kind);
  const port = probePort(probe);
  const declared = preferredPort(container);
  if (!probe || port === undefined || !declared || declaresPort(container, port)) return undefined;
  // Keep the probe's style: a probe written with a named port gets the declared name, a numeric one the number.
  const fixed = typeof port === 'string' && declared.name ? declared.name : declared.containerPort;
  const fix = handler(probe, fixed);
  if (!fix) return undefined;
  const ports = (container?.ports ?? [])
    .map((p) => `${p.containerPort}${p.name ? ` (${p.name})` : ''}`)
    .join(', ');
  return {
    summary: `its ${kind} probe targets port ${port}, which the container does not declare (it declares ${ports})`,
    rationale: `Pointing the ${kind} probe at the declared port ${fixed} lets it reach the application.`,
    params: { probe: kind, ...fix },
    specificity: 90,
    confidence: 0.9,
  };
}

/** Liveness kills a container that is not listening yet: a startup probe holds liveness off until it is. */
export function slowStartFix(
  container: Container | undefined,
  failures: readonly ProbeFailure[],
  restarted: boolean,
) {
  const liveness = container?.livenessProbe;
  const refused = failures.some((f) => f.probe === 'liveness' && isNotListening(f.detail));
  if (!liveness || container?.startupProbe || !refused || !restarted) return undefined;
  const fix = handler(liveness);
  if (!fix) return undefined;
  return {
    summary: `its liveness probe kills it before it is listening (there is no startup probe and liveness starts after ${liveness.initialDelaySeconds ?? 0}s)`,
    rationale:
      'A startup probe with the liveness handler (every 10s, up to 30 failures) gives it 5 minutes to start before liveness applies, as Kubernetes recommends for slow starters.',
    params: { probe: 'startup', ...fix, periodSeconds: 10, failureThreshold: 30 },
    specificity: 85,
    confidence: 0.85,
  } satisfies ProbeFix;
}

/** A 404 on one probe's path while another probe's path answers: use the path that works. */
export function wrongPathFix(
  container: Container | undefined,
  kind: ProbeKind,
  failures: readonly ProbeFailure[],
) {
  const probe = probeOf(container, kind);
  const path = probe?.httpGet?.path;
  const notFound = failures.some((f) => f.probe === kind && httpStatus(f.detail) === 404);
  if (!probe?.httpGet || path === undefined || !notFound) return undefined;
  const working = PROBE_KINDS.filter((other) => other !== kind && !failures.some((f) => f.probe === other))
    .map((other) => ({ other, probe: probeOf(container, other) }))
    .find(
      ({ probe: candidate }) => candidate?.httpGet?.path !== undefined && candidate.httpGet.path !== path,
    );
  if (!working?.probe?.httpGet) return undefined;
  const { path: goodPath, port } = working.probe.httpGet;
  return {
    summary: `its ${kind} probe path ${path} answers 404 while the ${working.other} probe's path ${goodPath ?? '/'} succeeds`,
    rationale: `The application serves ${goodPath ?? '/'} (the ${working.other} probe passes there), so the ${kind} probe should use it.`,
    params: { probe: kind, httpGet: { path: goodPath, port } },
    specificity: 85,
    confidence: 0.8,
  } satisfies ProbeFix;
}
