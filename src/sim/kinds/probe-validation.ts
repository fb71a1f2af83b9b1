/** Probe validation (`validateProbe`, `validateHandler` in kubernetes `pkg/apis/core/validation`). */
import type { Probe } from '../../kube/types.js';
import { type FieldError, fieldErrors } from '../errors.js';
import { portNumberProblems, validatePortNumOrName } from './ports.js';

const HANDLERS = ['exec', 'httpGet', 'tcpSocket', 'grpc'] as const;

function validateHandler(probe: Probe, path: string): FieldError[] {
  const errors: FieldError[] = [];
  const present = HANDLERS.filter((handler) => probe[handler] !== undefined && probe[handler] !== null);
  if (present.length === 0) return [fieldErrors.required(path, 'must specify a handler type')];
  for (const extra of present.slice(1)) {
    errors.push(fieldErrors.forbidden(`${path}.${extra}`, 'may not specify more than 1 handler type'));
  }
  const { exec, httpGet, tcpSocket, grpc } = probe;
  if (present[0] === 'exec' && exec && (exec.command ?? []).length === 0) {
    errors.push(fieldErrors.required(`${path}.exec.command`));
  }
  if (present[0] === 'httpGet' && httpGet) {
    if (!httpGet.path) errors.push(fieldErrors.required(`${path}.httpGet.path`));
    errors.push(...validatePortNumOrName(httpGet.port, `${path}.httpGet.port`));
    if (httpGet.scheme !== undefined && httpGet.scheme !== 'HTTP' && httpGet.scheme !== 'HTTPS') {
      errors.push(fieldErrors.notSupported(`${path}.httpGet.scheme`, httpGet.scheme, ['HTTP', 'HTTPS']));
    }
  }
  if (present[0] === 'tcpSocket' && tcpSocket) {
    errors.push(...validatePortNumOrName(tcpSocket.port, `${path}.tcpSocket.port`));
  }
  if (present[0] === 'grpc' && grpc) {
    errors.push(
      ...portNumberProblems(grpc.port).map((m) => fieldErrors.invalid(`${path}.grpc.port`, grpc.port, m)),
    );
  }
  return errors;
}

const NON_NEGATIVE = [
  'initialDelaySeconds',
  'timeoutSeconds',
  'periodSeconds',
  'successThreshold',
  'failureThreshold',
] as const;

/**
 * A container probe at `path` (e.g. `spec.containers[0].livenessProbe`). Liveness and startup probes must have
 * `successThreshold: 1`: a probe that restarts or gates the container cannot require several successes.
 */
export function validateProbe(
  probe: Probe | undefined,
  path: string,
  kind: 'liveness' | 'readiness' | 'startup',
): FieldError[] {
  if (!probe) return [];
  const errors = validateHandler(probe, path);
  for (const field of NON_NEGATIVE) {
    const value = probe[field];
    if (typeof value === 'number' && value < 0) {
      errors.push(fieldErrors.invalid(`${path}.${field}`, value, 'must be greater than or equal to 0'));
    }
  }
  const grace = probe.terminationGracePeriodSeconds;
  if (typeof grace === 'number' && grace <= 0) {
    errors.push(
      fieldErrors.invalid(`${path}.terminationGracePeriodSeconds`, grace, 'must be greater than 0'),
    );
  }
  if (kind !== 'readiness' && probe.successThreshold !== undefined && probe.successThreshold !== 1) {
    errors.push(fieldErrors.invalid(`${path}.successThreshold`, probe.successThreshold, 'must be 1'));
  }
  return errors;
}
