import { z } from 'zod';
import { defineAction, type ActionDefinition } from './action.js';
import { deploymentPatch, pointer, requireDeployment } from './plan.js';

export const RestartParams = z.object({}).strict();
export type RestartParams = z.infer<typeof RestartParams>;

/** A rollout restart: new pods with the same template (`kubectl rollout restart`). */
export const restart: ActionDefinition<RestartParams> = defineAction<RestartParams>({
  kind: 'restart',
  targets: ['Deployment'],
  needsContainer: false,
  params: RestartParams,
  risk: () => 'low',
  describe: (target) => `rollout restart deployment/${target.name}`,
  plan: (params, context) => {
    const deployment = requireDeployment(context);
    const annotations = deployment.spec?.template.metadata?.annotations;
    const restartedAt = context.now.toISOString().replace(/\.\d{3}Z$/, 'Z');
    const forward = annotations
      ? [
          {
            op: 'add' as const,
            path: pointer('spec', 'template', 'metadata', 'annotations', 'kubectl.kubernetes.io/restartedAt'),
            value: restartedAt,
          },
        ]
      : [
          {
            op: 'add' as const,
            path: pointer('spec', 'template', 'metadata', 'annotations'),
            value: { 'kubectl.kubernetes.io/restartedAt': restartedAt },
          },
        ];
    // A restart replaces pods; there is nothing to put back.
    return deploymentPatch(
      context,
      { forward, restore: undefined },
      restart.describe(context.target, params),
    );
  },
});
