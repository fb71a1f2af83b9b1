import { z } from 'zod';
import { Category } from './categories.js';
import { ProposalDraft } from './proposal.js';

export const ObjectRef = z.object({ kind: z.string(), name: z.string() });
export type ObjectRef = z.infer<typeof ObjectRef>;

/**
 * One fact an analyzer established from the cluster. `reason`, `message` and `evidence` are what the Report
 * shows (SPEC §4); evidence lines are quoted verbatim from the cluster (`event: …`, `log: …`, `status: …`).
 * The other fields let the rules diagnosis pick a root cause among several findings and propose a fix.
 */
export const Finding = z.object({
  analyzer: z.string(),
  object: ObjectRef,
  reason: z.string(),
  message: z.string(),
  evidence: z.array(z.string()),
  /** The Deployment this finding belongs to (pods map to their owner), when there is one. */
  workload: z.string().optional(),
  container: z.string().optional(),
  /** The root-cause category this finding points to if it is the root cause. */
  category: Category,
  /**
   * How precise a root cause this is, 0–100: a crash loop alone is a symptom (low); "variable X is not set and
   * ConfigMap Y has key X" is a cause (high). The rules diagnosis prefers the most specific finding.
   */
  specificity: z.number().min(0).max(100),
  confidence: z.number().min(0).max(1),
  /** Grounded fixes for this finding, best first; validated against the action catalog before use. */
  proposals: z.array(ProposalDraft),
});
export type Finding = z.infer<typeof Finding>;
