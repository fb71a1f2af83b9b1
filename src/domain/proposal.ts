import { z } from 'zod';
import { ActionKind, Risk } from './categories.js';

export const ProposalTarget = z.object({
  kind: z.enum(['Deployment', 'Pod', 'Service', 'Namespace']),
  namespace: z.string(),
  name: z.string(),
  container: z.string().optional(),
});
export type ProposalTarget = z.infer<typeof ProposalTarget>;

/** A fix before validation: what an analyzer or the LLM suggests. Risk and id are added by the catalog. */
export const ProposalDraft = z.object({
  action: ActionKind,
  target: ProposalTarget,
  params: z.record(z.string(), z.unknown()),
  rationale: z.string(),
});
export type ProposalDraft = z.infer<typeof ProposalDraft>;

/** A validated fix (SPEC §4): known action kind, params valid for it, risk declared by the catalog. */
export const Proposal = ProposalDraft.extend({
  id: z.string(),
  risk: Risk,
  /** One human line: what applying it changes (`set REQUIRED_CONFIG from ConfigMap payments-config`). */
  summary: z.string().optional(),
});
export type Proposal = z.infer<typeof Proposal>;

/** A proposal that failed validation, kept so the user sees what was dropped and why. */
export const RejectedProposal = z.object({
  draft: z.unknown(),
  reason: z.string(),
  source: z.enum(['rules', 'llm']),
});
export type RejectedProposal = z.infer<typeof RejectedProposal>;
