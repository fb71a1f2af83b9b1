import { z } from 'zod';
import { defineAction } from './action.js';

export const RollbackParams = z.object({ toRevision: z.number().int().min(1) }).strict();
export type RollbackParams = z.infer<typeof RollbackParams>;

/** Rolls a Deployment back to an earlier revision's pod template (what `kubectl rollout undo --to-revision` does). */
export const rollback = defineAction<RollbackParams>({
  kind: 'rollback',
  targets: ['Deployment'],
  needsContainer: false,
  params: RollbackParams,
  risk: () => 'medium',
  describe: (target, params) => `roll back deployment/${target.name} to revision ${params.toRevision}`,
});
