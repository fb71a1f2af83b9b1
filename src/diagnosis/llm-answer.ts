/**
 * What of the model's answer the diagnosis keeps. The category must be one a finding supports — the analyzers
 * decide what is wrong, the model may only choose among what they found — and the evidence must be grounded
 * (llm-evidence.ts). Free text is clipped to what a card can show.
 */
import { clip } from '../analyzers/support/evidence.js';
import { Category } from '../domain/categories.js';
import type { Diagnosis } from '../domain/diagnosis.js';
import type { Finding } from '../domain/finding.js';
import type { LlmAnswer } from '../llm/parse-llm-output.js';
import { MAX_EVIDENCE } from '../llm/parse-llm-output.js';
import { groundEvidence, type EvidenceCorpus } from './llm-evidence.js';

export type CategoryDecision = { accepted: true; category: Category } | { accepted: false; reason: string };

export function decideCategory(
  proposed: string,
  findings: readonly Finding[],
  rules: Diagnosis,
): CategoryDecision {
  const parsed = Category.safeParse(proposed);
  const supported =
    parsed.success &&
    (findings.some((finding) => finding.category === parsed.data) ||
      (parsed.data === 'none' && !rules.hasIssue));
  if (parsed.success && supported) return { accepted: true, category: parsed.data };
  const what = parsed.success ? `category "${proposed}"` : `unknown category "${clip(proposed, 40)}"`;
  return {
    accepted: false,
    reason: `the model's ${what} is not supported by any finding; kept the rules' category "${rules.category}"`,
  };
}

export function llmDiagnosis(
  answer: LlmAnswer,
  category: Category,
  rules: Diagnosis,
  corpus: EvidenceCorpus,
): Diagnosis {
  const { kept } = groundEvidence(answer.evidence, corpus);
  const summary = clip(answer.summary, 240);
  const rootCause = clip(answer.rootCause, 1200);
  return {
    hasIssue: category !== 'none',
    category,
    summary: summary || rules.summary,
    rootCause: rootCause || rules.rootCause,
    confidence: Number.isFinite(answer.confidence)
      ? Math.min(1, Math.max(0, answer.confidence))
      : rules.confidence,
    // With nothing grounded left, the analyzers' evidence is still true and still worth showing.
    evidence: kept.length > 0 ? kept.slice(0, MAX_EVIDENCE) : rules.evidence,
    source: 'llm',
  };
}
