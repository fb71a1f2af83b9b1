import { z } from 'zod';
import { defineAction } from './action.js';

export const DeletePodParams = z.object({}).strict();
export type DeletePodParams = z.infer<typeof DeletePodParams>;

/** Deletes one pod so its controller replaces it (graceful, as `kubectl delete pod`). */
export const deletePod = defineAction<DeletePodParams>({
  kind: 'delete_pod',
  targets: ['Pod'],
  needsContainer: false,
  params: DeletePodParams,
  risk: () => 'low',
  describe: (target) => `delete pod/${target.name} (its controller replaces it)`,
});
