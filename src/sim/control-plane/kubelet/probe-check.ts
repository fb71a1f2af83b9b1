/**
 * One probe against the simulated program, with the prober's exact output (reference §7.5.4): a port nobody
 * listens on (yet) refuses the connection on the pod IP, a path outside `http-ok-paths` answers 404, an exec
 * probe always succeeds. A named port the container does not declare is a prober error (the result is
 * discarded, only an event is recorded), as in the kubelet.
 */
import type { Container, Probe } from '../../../kube/types.js';
import type { ProgramPlan } from './runtime-state.js';

export type ProbeResult =
  { kind: 'success' } | { kind: 'failure'; output: string } | { kind: 'error'; message: string };

/** `probe.ResolveContainerPort`: a number, a declared port name, or a number written as a string. */
function resolvePort(port: number | string | undefined, container: Container): number | string {
  if (typeof port === 'number') return port;
  const named = (container.ports ?? []).find((p) => p.name === port);
  if (named) return named.containerPort;
  const parsed = Number(port);
  if (port !== undefined && /^\d+$/.test(port) && parsed > 0 && parsed < 65536) return parsed;
  return `strconv.Atoi: parsing ${JSON.stringify(port ?? '')}: invalid syntax`;
}

function listening(plan: ProgramPlan, port: number, at: number): boolean {
  const ended = plan.end !== undefined && at >= plan.end.at;
  return !ended && at >= plan.listensFrom && plan.listenPorts.includes(port);
}

export function checkProbe(
  probe: Probe,
  container: Container,
  plan: ProgramPlan,
  podIp: string,
  at: number,
): ProbeResult {
  if (probe.exec) return { kind: 'success' };
  if (probe.httpGet) {
    const port = resolvePort(probe.httpGet.port, container);
    if (typeof port === 'string') return { kind: 'error', message: port };
    const host = probe.httpGet.host || podIp;
    const scheme = (probe.httpGet.scheme ?? 'HTTP').toLowerCase();
    const rawPath = probe.httpGet.path ?? '/';
    const path = rawPath.startsWith('/') ? rawPath : `/${rawPath}`;
    if (!listening(plan, port, at)) {
      return {
        kind: 'failure',
        output: `Get "${scheme}://${host}:${port}${path}": dial tcp ${host}:${port}: connect: connection refused`,
      };
    }
    const pathOnly = path.split('?')[0] ?? path;
    if (plan.httpOkPaths === undefined || plan.httpOkPaths.includes(pathOnly)) return { kind: 'success' };
    return { kind: 'failure', output: 'HTTP probe failed with statuscode: 404' };
  }
  if (probe.tcpSocket) {
    const port = resolvePort(probe.tcpSocket.port, container);
    if (typeof port === 'string') return { kind: 'error', message: port };
    const host = probe.tcpSocket.host || podIp;
    if (listening(plan, port, at)) return { kind: 'success' };
    return { kind: 'failure', output: `dial tcp ${host}:${port}: connect: connection refused` };
  }
  if (probe.grpc) {
    const port = probe.grpc.port;
    if (listening(plan, port, at)) return { kind: 'success' };
    return { kind: 'failure', output: `timeout: failed to connect service "${podIp}:${port}" within 1s` };
  }
  return { kind: 'success' };
}
