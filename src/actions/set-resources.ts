import { z } from 'zod';
import { defineAction, type ActionDefinition } from './action.js';
import { deploymentPatch, locateContainer, pointer, requireDeployment, setField } from './plan.js';
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
export const setResources: ActionDefinition<SetResourcesParams> = defineAction<SetResourcesParams>({
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
      for (const [resource, value] of Object.entries(amounts ?? {}))
        parts.push(`${section}.${resource}=${value}`);
    }
    return `set resources ${parts.join(', ')} on deployment/${target.name} container ${target.container ?? '?'}`;
  },
  plan: (params, context) => {
    const deployment = requireDeployment(context);
    const { container, index } = locateContainer(deployment, context.target.container);
    const current = container.resources ?? {};
    const next = {
      ...current,
      ...(params.limits ? { limits: { ...current.limits, ...params.limits } } : {}),
      ...(params.requests ? { requests: { ...current.requests, ...params.requests } } : {}),
    };
    const edit = setField(
      pointer('spec', 'template', 'spec', 'containers', index, 'resources'),
      container.resources,
      next,
    );
    return deploymentPatch(
      context,
      { ...edit, containerIndex: index },
      setResources.describe(context.target, params),
    );
  },
});
