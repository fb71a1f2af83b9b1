import { z } from 'zod';
import { Diagnosis, LlmUsage } from './diagnosis.js';
import { Finding } from './finding.js';
import { Proposal, RejectedProposal } from './proposal.js';

/** The Report (SPEC §4): the JSON of `diagnose --json`, and what Slack messages are built from. */
export const Report = z.object({
  namespace: z.string(),
  target: z.string().nullable(),
  findings: z.array(Finding),
  diagnosis: Diagnosis,
  proposals: z.array(Proposal),
  /** Proposals dropped by validation, each with the reason. */
  rejected: z.array(RejectedProposal).default([]),
  llm: LlmUsage.optional(),
  /** Analyzers that failed: the others still ran. */
  analyzerErrors: z.array(z.object({ analyzer: z.string(), error: z.string() })).default([]),
  /** When the cluster was observed (RFC 3339) and how many API requests it took. */
  observedAt: z.string(),
  apiRequests: z.number().int().nonnegative().optional(),
});
export type Report = z.infer<typeof Report>;

/**
 * Whether a report still shows a finding of `category`. Not just its top diagnosis: an LLM may have chosen a
 * secondary finding's category as the root cause, and the checks before applying and after (rules only) must
 * look for that finding, not for the rules' own ranking — or a good fix is refused as "finding gone".
 */
export function reportsCategory(report: Pick<Report, 'findings'>, category: string): boolean {
  return report.findings.some((finding) => finding.category === category);
}
