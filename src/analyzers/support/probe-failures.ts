/**
 * Reads probe failures the way the kubelet reports them: `Unhealthy` events (`Readiness probe failed: …`) and
 * `Killing` events (`Container web failed liveness probe, will be restarted`), per container.
 */
import type { Container, Probe } from '../../kube/types.js';
import type { EventGroup, Snapshot } from '../../domain/snapshot.js';
import { podContainerEvents } from './events.js';

export type ProbeKind = 'readiness' | 'liveness' | 'startup';
export const PROBE_KINDS: readonly ProbeKind[] = ['readiness', 'liveness', 'startup'];

export type ProbeFailure = { probe: ProbeKind; detail: string; event: EventGroup };

/** `Readiness probe failed: …`, and the prober error form `Readiness probe errored and resulted in unknown state: …`. */
const UNHEALTHY =
  /^(Readiness|Liveness|Startup) probe (?:failed|errored and resulted in \w+ state): ([\s\S]*)$/i;
const KILLED = /failed (liveness|startup) probe, will be restarted/;

export function probeFailures(snapshot: Snapshot, pod: string, container: string): ProbeFailure[] {
  return podContainerEvents(snapshot, pod, container).flatMap((event) => {
    const match = event.reason === 'Unhealthy' ? UNHEALTHY.exec(event.message) : null;
    const kind = match?.[1]?.toLowerCase();
    return kind === 'readiness' || kind === 'liveness' || kind === 'startup'
      ? [{ probe: kind, detail: match?.[2] ?? '', event }]
      : [];
  });
}

/** `Killing` events that say a probe made the kubelet restart the container. */
export function probeKills(snapshot: Snapshot, pod: string, container: string): EventGroup[] {
  return podContainerEvents(snapshot, pod, container).filter(
    (e) => e.reason === 'Killing' && KILLED.test(e.message),
  );
}

export function probeOf(container: Container | undefined, kind: ProbeKind): Probe | undefined {
  if (kind === 'readiness') return container?.readinessProbe;
  if (kind === 'liveness') return container?.livenessProbe;
  return container?.startupProbe;
}

/** The probe's target port (httpGet, tcpSocket or grpc), as written in the spec. */
export function probePort(probe: Probe | undefined): number | string | undefined {
  return probe?.httpGet?.port ?? probe?.tcpSocket?.port ?? probe?.grpc?.port;
}

/** Whether the container declares the port (by number, or by name for a named port). */
export function declaresPort(container: Container | undefined, port: number | string): boolean {
  return (container?.ports ?? []).some((p) =>
    typeof port === 'number' ? p.containerPort === port : p.name === port,
  );
}

/** The port a probe should use: a TCP port whose name suggests HTTP/health, else the first declared one. */
export function preferredPort(container: Container | undefined) {
  const tcp = (container?.ports ?? []).filter((p) => (p.protocol ?? 'TCP') === 'TCP');
  return tcp.find((p) => p.name !== undefined && /http|health|web|metrics|api/.test(p.name)) ?? tcp[0];
}

/** `dial tcp 10.244.0.5:8080: connect: connection refused` ⇒ 8080. */
export function refusedPort(detail: string): number | undefined {
  const match = /dial tcp \[?[\w.:]*?\]?:(\d+): connect: connection refused/.exec(detail);
  return match?.[1] === undefined ? undefined : Number(match[1]);
}

export function isNotListening(detail: string): boolean {
  return /connection refused|context deadline exceeded|Client\.Timeout|i\/o timeout|timed out|EOF/.test(
    detail,
  );
}

export function httpStatus(detail: string): number | undefined {
  const match = /statuscode: (\d{3})/.exec(detail);
  return match?.[1] === undefined ? undefined : Number(match[1]);
}
