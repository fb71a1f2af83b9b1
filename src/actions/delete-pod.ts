import { z } from 'zod';
import { defineAction, type ActionDefinition } from './action.js';
import { PlanError } from './plan.js';

export const DeletePodParams = z.object({}).strict();
export type DeletePodParams = z.infer<typeof DeletePodParams>;

/** Deletes one pod so its controller replaces it (graceful, as `kubectl delete pod`). */
export const deletePod: ActionDefinition<DeletePodParams> = defineAction<DeletePodParams>({
  kind: 'delete_pod',
  targets: ['Pod'],
  needsContainer: false,
  params: DeletePodParams,
  risk: () => 'low',
  describe: (target) => `delete pod/${target.name} (its controller replaces it)`,
  plan: (params, context) => {
    const pod = context.pod;
    if (!pod?.metadata?.uid) throw new PlanError(`pod ${context.target.name} not found`);
    return {
      operation: 'delete',
      kind: 'Pod',
      namespace: pod.metadata.namespace ?? context.target.namespace,
      name: pod.metadata.name ?? context.target.name,
      uid: pod.metadata.uid,
      description: deletePod.describe(context.target, params),
      restore: undefined,
    };
  },
});
