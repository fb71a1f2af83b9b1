/**
 * An action kind of the fix catalog (SPEC §4). Each kind lives in its own file and declares, in code, its risk,
 * the schema of its params, the kind of object it targets and a one-line description. Nothing proposed — by an
 * analyzer or by the LLM — becomes a proposal unless it passes this definition.
 */
import type { z } from 'zod';
import type { ActionKind, Risk } from '../domain/categories.js';
import type { ProposalTarget } from '../domain/proposal.js';
import type { ActionPlan, PlanContext } from './plan.js';

export type ActionDefinition<Params extends Record<string, unknown> = Record<string, unknown>> = {
  readonly kind: ActionKind;
  /** Object kinds the action can target. */
  readonly targets: readonly ProposalTarget['kind'][];
  /** Whether the action needs `target.container` (it edits one container of the pod template). */
  readonly needsContainer: boolean;
  readonly params: z.ZodType<Params>;
  /** Risk is code's call, never the LLM's; it may depend on the params (scaling to zero is high). */
  risk(params: Params): Risk;
  /** One human line for cards and the CLI: `set env REQUIRED_CONFIG from ConfigMap payments-config/REQUIRED_CONFIG`. */
  describe(target: ProposalTarget, params: Params): string;
  /**
   * The exact API call against the live object, with its inverse; throws PlanError when the live object no
   * longer allows it. `manual` never plans: it is never executed.
   */
  plan(params: Params, context: PlanContext): ActionPlan;
};

/** Helper keeping each action file's params type inferred from its schema. */
export function defineAction<Params extends Record<string, unknown>>(
  definition: ActionDefinition<Params>,
): ActionDefinition<Params> {
  return definition;
}
