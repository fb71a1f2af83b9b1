import { z } from 'zod';
import { defineAction } from './action.js';

export const RestartParams = z.object({}).strict();
export type RestartParams = z.infer<typeof RestartParams>;

/** A rollout restart: new pods with the same template (`kubectl rollout restart`). */
export const restart = defineAction<RestartParams>({
  kind: 'restart',
  targets: ['Deployment'],
  needsContainer: false,
  params: RestartParams,
  risk: () => 'low',
  describe: (target) => `rollout restart deployment/${target.name}`,
});
