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

/**
 * What the target looked like when the fix was proposed. Before applying, the bot re-reads the target and
 * refuses a stale proposal: the template or generation changed, or the pod is another one.
 */
export const ProposalBasis = z.object({
  generation: z.number().int().optional(),
  /** sha256 of the pod template JSON (Deployments). */
  templateHash: z.string().optional(),
  revision: z.string().optional(),
  /** spec.replicas when proposed: a generation moved only by scaling (an HPA) does not make a template fix stale. */
  replicas: z.number().int().optional(),
  /** The pod's uid (Pod targets). */
  uid: z.string().optional(),
});
export type ProposalBasis = z.infer<typeof ProposalBasis>;

/** A validated fix (SPEC §4): known action kind, params valid for it, risk declared by the catalog. */
export const Proposal = ProposalDraft.extend({
  id: z.string(),
  risk: Risk,
  /** One human line: what applying it changes (`set REQUIRED_CONFIG from ConfigMap payments-config`). */
  summary: z.string().optional(),
  basis: ProposalBasis.optional(),
});
export type Proposal = z.infer<typeof Proposal>;

/** A proposal that failed validation, kept so the user sees what was dropped and why. */
export const RejectedProposal = z.object({
  draft: z.unknown(),
  reason: z.string(),
  source: z.enum(['rules', 'llm']),
});
export type RejectedProposal = z.infer<typeof RejectedProposal>;
