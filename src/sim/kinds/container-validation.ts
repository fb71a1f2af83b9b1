/** Container validation (`validateContainerCommon`, `validateContainers` in kubernetes `pkg/apis/core/validation`). */
import type { Container } from '../../kube/types.js';
import { type FieldError, fieldErrors } from '../errors.js';
import { dns1123Label } from './names.js';
import { portNameProblems, portNumberProblems, SUPPORTED_PROTOCOLS } from './ports.js';
import { validateProbe } from './probe-validation.js';
import { parseQuantity, sameQuantity } from './quantity.js';

const PULL_POLICIES = ['Always', 'IfNotPresent', 'Never'];
const TERMINATION_MESSAGE_POLICIES = ['FallbackToLogsOnError', 'File'];
const QUANTITY_FORMAT =
  "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'";
/** Extended resources (GPUs, …) cannot be overcommitted: their request must equal their limit. */
const OVERCOMMITTABLE = (resource: string): boolean =>
  !resource.includes('/') || resource.startsWith('kubernetes.io/');

function validatePorts(container: Container, path: string): FieldError[] {
  const errors: FieldError[] = [];
  for (const [index, port] of (container.ports ?? []).entries()) {
    const at = `${path}.ports[${index}]`;
    if (port.name)
      errors.push(...portNameProblems(port.name).map((m) => fieldErrors.invalid(`${at}.name`, port.name, m)));
    if (!port.containerPort) errors.push(fieldErrors.required(`${at}.containerPort`));
    else
      errors.push(
        ...portNumberProblems(port.containerPort).map((m) =>
          fieldErrors.invalid(`${at}.containerPort`, port.containerPort, m),
        ),
      );
    if (!port.protocol) errors.push(fieldErrors.required(`${at}.protocol`));
    else if (!SUPPORTED_PROTOCOLS.includes(port.protocol)) {
      errors.push(fieldErrors.notSupported(`${at}.protocol`, port.protocol, SUPPORTED_PROTOCOLS));
    }
  }
  return errors;
}

/** Quantities must parse and be non-negative; each request may not exceed its limit. */
function validateResources(container: Container, path: string): FieldError[] {
  const errors: FieldError[] = [];
  const { requests = {}, limits = {} } = container.resources ?? {};
  const parsed = (section: 'requests' | 'limits', values: Record<string, string>): Map<string, number> => {
    const result = new Map<string, number>();
    for (const [resource, raw] of Object.entries(values)) {
      const field = `${path}.resources.${section}[${resource}]`;
      const value = parseQuantity(raw);
      if (value === undefined) errors.push(fieldErrors.invalid(field, raw, QUANTITY_FORMAT));
      else if (value < 0) errors.push(fieldErrors.invalid(field, raw, 'must be greater than or equal to 0'));
      else result.set(resource, value);
    }
    return result;
  };
  const limitValues = parsed('limits', limits);
  const requestValues = parsed('requests', requests);
  for (const [resource, request] of requestValues) {
    const limit = limitValues.get(resource);
    if (limit === undefined) continue;
    const shownRequest = requests[resource] ?? '';
    const shownLimit = limits[resource] ?? '';
    if (!OVERCOMMITTABLE(resource) && !sameQuantity(request, limit)) {
      errors.push(
        fieldErrors.invalid(
          `${path}.resources.requests`,
          shownRequest,
          `must be equal to ${resource} limit of ${shownLimit}`,
        ),
      );
    } else if (request > limit && !sameQuantity(request, limit)) {
      errors.push(
        fieldErrors.invalid(
          `${path}.resources.requests`,
          shownRequest,
          `must be less than or equal to ${resource} limit of ${shownLimit}`,
        ),
      );
    }
  }
  return errors;
}

/**
 * One container at `path` (`spec.containers[0]`). `seenNames` carries the names of the pod's containers seen so
 * far: names are unique across init and app containers.
 */
export function validateContainer(container: Container, path: string, seenNames: Set<string>): FieldError[] {
  const errors: FieldError[] = [];
  const name = container.name;
  if (!name) errors.push(fieldErrors.required(`${path}.name`));
  else errors.push(...dns1123Label(name).map((m) => fieldErrors.invalid(`${path}.name`, name, m)));
  if (seenNames.has(name)) errors.push(fieldErrors.duplicate(`${path}.name`, name));
  else seenNames.add(name);
  if (!container.image) errors.push(fieldErrors.required(`${path}.image`));
  errors.push(...validatePorts(container, path));
  errors.push(...validateResources(container, path));
  if (container.imagePullPolicy && !PULL_POLICIES.includes(container.imagePullPolicy)) {
    errors.push(
      fieldErrors.notSupported(`${path}.imagePullPolicy`, container.imagePullPolicy, PULL_POLICIES),
    );
  }
  const messagePolicy = container.terminationMessagePolicy;
  if (messagePolicy && !TERMINATION_MESSAGE_POLICIES.includes(messagePolicy)) {
    errors.push(
      fieldErrors.notSupported(
        `${path}.terminationMessagePolicy`,
        messagePolicy,
        TERMINATION_MESSAGE_POLICIES,
      ),
    );
  }
  errors.push(...validateProbe(container.livenessProbe, `${path}.livenessProbe`, 'liveness'));
  errors.push(...validateProbe(container.readinessProbe, `${path}.readinessProbe`, 'readiness'));
  errors.push(...validateProbe(container.startupProbe, `${path}.startupProbe`, 'startup'));
  return errors;
}
