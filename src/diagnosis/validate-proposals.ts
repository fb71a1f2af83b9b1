/**
 * The gate every fix passes before anyone sees an Approve button, whether an analyzer or an LLM drafted it:
 * a known action kind, params valid for it, a real target in bounds, grounded values, no duplicates. What fails
 * is kept with a human-readable reason, so the user sees what was dropped and why.
 */
import { z } from 'zod';
import { actions } from '../actions/index.js';
import type { ActionDefinition } from '../actions/action.js';
import { ProposalTarget, type Proposal, type RejectedProposal } from '../domain/proposal.js';
import type { Snapshot } from '../domain/snapshot.js';
import { modelLimitProblem } from './model-limits.js';
import { groundingProblem } from './proposal-grounding.js';
import { proposalId } from './proposal-id.js';
import { targetProblem } from './proposal-target.js';

export type ValidationContext = {
  snapshot: Snapshot;
  /** SRE_NAMESPACES, already parsed by the configuration. */
  allowedNamespaces: (namespace: string) => boolean;
  source: 'rules' | 'llm';
};

export type ValidationResult = { proposals: Proposal[]; rejected: RejectedProposal[] };

/** The envelope only: the action is a free string here so an unknown kind gets its own clear reason. */
const DraftShape = z.object({
  action: z.string(),
  target: ProposalTarget,
  params: z.record(z.string(), z.unknown()).default({}),
  rationale: z.string().max(2000).default(''),
});

function zodReason(error: z.ZodError): string {
  return error.issues
    .slice(0, 3)
    .map((issue) => (issue.path.length > 0 ? `${issue.path.join('.')}: ${issue.message}` : issue.message))
    .join('; ');
}

function definitionOf(kind: string): ActionDefinition | undefined {
  return actions.find((action) => action.kind === kind);
}

/** A Proposal, or the reason the draft is refused. */
function validateOne(draft: unknown, context: ValidationContext): Proposal | string {
  const shape = DraftShape.safeParse(draft);
  if (!shape.success) return `malformed proposal: ${zodReason(shape.error)}`;
  const { action, target, params, rationale } = shape.data;
  const definition = definitionOf(action);
  if (!definition) return `unknown action kind "${action}" (known: ${actions.map((a) => a.kind).join(', ')})`;
  const targetIssue = targetProblem(definition, target, context);
  if (targetIssue) return targetIssue;
  const parsed = definition.params.safeParse(params);
  if (!parsed.success) return `invalid params for ${definition.kind}: ${zodReason(parsed.error)}`;
  const ungrounded = groundingProblem(definition.kind, parsed.data, target, context);
  if (ungrounded) return `not grounded: ${ungrounded}`;
  if (context.source === 'llm') {
    const unsafe = modelLimitProblem(definition.kind, parsed.data, target, context.snapshot);
    if (unsafe) return `not accepted from a model: ${unsafe}`;
  }
  // An action that does not act on a container (restart, scale, rollback …) drops a container named anyway, so
  // that "restart deployment/api" from two sources, one naming the container, is one proposal, not two.
  const { container: _container, ...withoutContainer } = target;
  const normalized = definition.needsContainer ? target : withoutContainer;
  return {
    id: proposalId(definition.kind, normalized, parsed.data),
    action: definition.kind,
    target: normalized,
    params: parsed.data,
    rationale,
    risk: definition.risk(parsed.data),
    summary: definition.describe(target, parsed.data),
  };
}

export function validateProposals(drafts: readonly unknown[], context: ValidationContext): ValidationResult {
  const proposals: Proposal[] = [];
  const rejected: RejectedProposal[] = [];
  for (const draft of drafts) {
    const result = validateOne(draft, context);
    if (typeof result === 'string') rejected.push({ draft, reason: result, source: context.source });
    // The same change proposed twice (by two analyzers, or by the rules and the LLM) is shown once.
    else if (!proposals.some((p) => p.id === result.id)) proposals.push(result);
  }
  return { proposals, rejected };
}
