import { z } from 'zod';
import { defineAction } from './action.js';
import { Quantity } from './schemas.js';

const Amounts = z.object({ cpu: Quantity.optional(), memory: Quantity.optional() }).strict();

export const SetResourcesParams = z
  .object({ limits: Amounts.optional(), requests: Amounts.optional() })
  .strict()
  .refine((params) => params.limits !== undefined || params.requests !== undefined, {
    message: 'limits or requests is required',
  });
export type SetResourcesParams = z.infer<typeof SetResourcesParams>;

/** Sets CPU/memory requests or limits of one container (the rest of its resources stay as they are). */
export const setResources = defineAction<SetResourcesParams>({
  kind: 'set_resources',
  targets: ['Deployment'],
  needsContainer: true,
  params: SetResourcesParams,
  risk: () => 'low',
  describe: (target, params) => {
    const parts: string[] = [];
    for (const [section, amounts] of [
      ['limits', params.limits],
      ['requests', params.requests],
    ] as const) {
      for (const [resource, value] of Object.entries(amounts ?? {})) parts.push(`${section}.${resource}=${value}`);
    }
    return `set resources ${parts.join(', ')} on deployment/${target.name} container ${target.container ?? '?'}`;
  },
});
