import { z } from 'zod';
import { defineAction } from './action.js';
import { Port } from './schemas.js';

const Seconds = z.number().int().min(0).max(3600);

export const SetProbeParams = z
  .object({
    probe: z.enum(['readiness', 'liveness', 'startup']),
    httpGet: z.object({ path: z.string().startsWith('/').max(1024).optional(), port: Port }).strict().optional(),
    tcpSocket: z.object({ port: Port }).strict().optional(),
    initialDelaySeconds: Seconds.optional(),
    periodSeconds: Seconds.min(1).optional(),
    timeoutSeconds: Seconds.min(1).optional(),
    failureThreshold: z.number().int().min(1).max(100).optional(),
    successThreshold: z.number().int().min(1).max(10).optional(),
  })
  .strict()
  .refine((params) => !(params.httpGet && params.tcpSocket), { message: 'httpGet and tcpSocket are exclusive' })
  .refine((params) => Object.keys(params).length > 1, { message: 'nothing to change' });
export type SetProbeParams = z.infer<typeof SetProbeParams>;

/** Changes one probe of one container (or adds it, e.g. a startup probe for a slow starter). */
export const setProbe = defineAction<SetProbeParams>({
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
});
