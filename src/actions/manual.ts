import { z } from 'zod';
import { defineAction, type ActionDefinition } from './action.js';
import { PlanError } from './plan.js';

export const ManualParams = z
  .object({
    instruction: z.string().min(1).max(2000),
    /** Commands a human could run, shown verbatim; never executed by the bot. */
    commands: z.array(z.string().max(500)).max(5).optional(),
  })
  .strict();
export type ManualParams = z.infer<typeof ManualParams>;

/** A written instruction for a human. Never executed: no Approve button applies it. */
export const manual: ActionDefinition<ManualParams> = defineAction<ManualParams>({
  kind: 'manual',
  targets: ['Deployment', 'Pod', 'Service', 'Namespace'],
  needsContainer: false,
  params: ManualParams,
  risk: () => 'low',
  describe: (_target, params) => params.instruction,
  plan: () => {
    throw new PlanError('a manual instruction is never executed by the bot');
  },
});
