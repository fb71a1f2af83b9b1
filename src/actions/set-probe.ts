import { z } from 'zod';
import type { Probe } from '../kube/types.js';
import { defineAction, type ActionDefinition } from './action.js';
import { deploymentPatch, locateContainer, PlanError, pointer, requireDeployment, setField } from './plan.js';
import { Port } from './schemas.js';

const Seconds = z.number().int().min(0).max(3600);

export const SetProbeParams = z
  .object({
    probe: z.enum(['readiness', 'liveness', 'startup']),
    httpGet: z
      .object({ path: z.string().startsWith('/').max(1024).optional(), port: Port })
      .strict()
      .optional(),
    tcpSocket: z.object({ port: Port }).strict().optional(),
    initialDelaySeconds: Seconds.optional(),
    periodSeconds: Seconds.min(1).optional(),
    timeoutSeconds: Seconds.min(1).optional(),
    failureThreshold: z.number().int().min(1).max(100).optional(),
    successThreshold: z.number().int().min(1).max(10).optional(),
  })
  .strict()
  .refine((params) => !(params.httpGet && params.tcpSocket), {
    message: 'httpGet and tcpSocket are exclusive',
  })
  .refine((params) => Object.keys(params).length > 1, { message: 'nothing to change' });
export type SetProbeParams = z.infer<typeof SetProbeParams>;

/** Changes one probe of one container (or adds it, e.g. a startup probe for a slow starter). */
export const setProbe: ActionDefinition<SetProbeParams> = defineAction<SetProbeParams>({
  kind: 'set_probe',
  targets: ['Deployment'],
  needsContainer: true,
  params: SetProbeParams,
  risk: () => 'low',
  describe: (target, params) => {
    const { probe, ...fields } = params;
    const changes = Object.entries(fields).map(([field, value]) => `${field}=${JSON.stringify(value)}`);
    return `set ${probe} probe ${changes.join(', ')} on deployment/${target.name} container ${target.container ?? '?'}`;
  },
  plan: (params, context) => {
    const deployment = requireDeployment(context);
    const { container, index } = locateContainer(deployment, context.target.container);
    const field = PROBE_FIELDS[params.probe];
    const current = container[field];
    const { probe: _probe, httpGet, tcpSocket, ...timing } = params;
    const next: Probe = {
      ...withoutHandler(current),
      ...handlerFor(current, httpGet, tcpSocket, params.probe),
      ...timing,
    };
    const edit = setField(pointer('spec', 'template', 'spec', 'containers', index, field), current, next);
    return deploymentPatch(
      context,
      { ...edit, containerIndex: index },
      setProbe.describe(context.target, params),
    );
  },
});

const PROBE_FIELDS = {
  readiness: 'readinessProbe',
  liveness: 'livenessProbe',
  startup: 'startupProbe',
} as const;

function withoutHandler(probe: Probe | undefined): Probe {
  if (!probe) return {};
  const { httpGet: _httpGet, tcpSocket: _tcpSocket, exec: _exec, grpc: _grpc, ...rest } = probe;
  return rest;
}

/** The probe's handler: the one given, else the current one; a new probe must be given one. */
function handlerFor(
  current: Probe | undefined,
  httpGet: SetProbeParams['httpGet'],
  tcpSocket: SetProbeParams['tcpSocket'],
  kind: SetProbeParams['probe'],
): Probe {
  if (httpGet) {
    const previous = current?.httpGet;
    return {
      httpGet: {
        ...previous,
        ...httpGet,
        path: httpGet.path ?? previous?.path ?? '/',
        scheme: previous?.scheme ?? 'HTTP',
      },
    };
  }
  if (tcpSocket) return { tcpSocket };
  if (current?.httpGet) return { httpGet: current.httpGet };
  if (current?.tcpSocket) return { tcpSocket: current.tcpSocket };
  if (current?.exec) return { exec: current.exec };
  if (current?.grpc) return { grpc: current.grpc };
  throw new PlanError(`a new ${kind} probe needs an httpGet or tcpSocket handler`);
}
