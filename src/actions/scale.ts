import { z } from 'zod';
import { defineAction, type ActionDefinition } from './action.js';
import { deploymentPatch, pointer, requireDeployment, setField } from './plan.js';

export const ScaleParams = z.object({ replicas: z.number().int().min(0).max(1000) }).strict();
export type ScaleParams = z.infer<typeof ScaleParams>;

/** Sets a Deployment's replica count. Scaling to zero takes the service down, so it is high risk. */
export const scale: ActionDefinition<ScaleParams> = defineAction<ScaleParams>({
  kind: 'scale',
  targets: ['Deployment'],
  needsContainer: false,
  params: ScaleParams,
  risk: (params) => (params.replicas === 0 ? 'high' : 'medium'),
  describe: (target, params) => `scale deployment/${target.name} to ${params.replicas} replicas`,
  plan: (params, context) => {
    const deployment = requireDeployment(context);
    const edit = setField(pointer('spec', 'replicas'), deployment.spec?.replicas, params.replicas);
    return deploymentPatch(context, edit, scale.describe(context.target, params));
  },
});
