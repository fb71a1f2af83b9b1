/**
 * The cluster data of the prompt: a compact JSON view of the Snapshot, the findings and the rules diagnosis that
 * fits a token budget. The failing workload's evidence comes first (findings, its pods' container states, its
 * warning events, log tails), healthy context after; when the budget bites, detail is given up level by level
 * (serialize-levels.ts). Deterministic: the same input gives the same text. It only ever reads the Snapshot,
 * which the observer has already redacted, and never serializes annotations, labels or managed fields.
 */
import type { Diagnosis } from '../domain/diagnosis.js';
import type { Finding } from '../domain/finding.js';
import type { Snapshot } from '../domain/snapshot.js';
import { clip } from '../analyzers/support/evidence.js';
import { LEVELS, type Level } from './serialize-levels.js';
import { contextView } from './serialize-context.js';
import { focusView, focusWorkloads } from './serialize-focus.js';
import { countTokens, type TokenCounter } from './token-count.js';

export type SerializeInput = {
  snapshot: Snapshot;
  /** Findings in scope, most telling first (the rules diagnosis' order). */
  findings: readonly Finding[];
  diagnosis: Diagnosis;
  /** The diagnosed workload (Deployment name), whose evidence is kept longest. */
  workload: string | undefined;
};

export type SerializeOptions = { maxTokens: number; countTokens?: TokenCounter };

export type SerializedData = {
  /** JSON text, safe to put inside a fenced block (backticks are escaped). */
  text: string;
  tokens: number;
  /** False when even the smallest level is over budget: the caller must not send it. */
  fits: boolean;
  /** Index into LEVELS: 0 = nothing trimmed. */
  level: number;
};

export function serializeSnapshot(input: SerializeInput, options: SerializeOptions): SerializedData {
  const count = options.countTokens ?? countTokens;
  let last: SerializedData | undefined;
  for (const [index, level] of LEVELS.entries()) {
    const text = render(input, level);
    const tokens = count(text);
    last = { text, tokens, fits: tokens <= options.maxTokens, level: index };
    if (last.fits) return last;
  }
  return last!;
}

function render(input: SerializeInput, level: Level): string {
  const { snapshot, findings, diagnosis } = input;
  const workloads = focusWorkloads(snapshot, findings, input.workload);
  const shown = workloads.slice(0, level.focusWorkloads);
  // Findings about one workload quote the same lines (a crash loop and its cause); each line is sent once.
  const quoted = new Set<string>();
  const freshLines = (lines: readonly string[]) =>
    lines.filter((line) => {
      const fresh = !quoted.has(line);
      quoted.add(line);
      return fresh;
    });
  const view = {
    namespace: snapshot.namespace,
    target: snapshot.target,
    observedAt: snapshot.observedAt,
    // The rules' pick, not their prose: the root cause text repeats the findings' messages.
    rulesDiagnosis: {
      hasIssue: diagnosis.hasIssue,
      category: diagnosis.category,
      summary: clip(diagnosis.summary, level.messageChars),
      confidence: diagnosis.confidence,
    },
    findings: findings.slice(0, level.findings).map((finding) => ({
      analyzer: finding.analyzer,
      object: `${finding.object.kind.toLowerCase()}/${finding.object.name}`,
      ...(finding.workload !== undefined ? { workload: finding.workload } : {}),
      ...(finding.container !== undefined ? { container: finding.container } : {}),
      category: finding.category,
      reason: finding.reason,
      message: clip(finding.message, level.messageChars),
      evidence: freshLines(finding.evidence)
        .slice(0, level.findingEvidence)
        .map((line) => clip(line, level.messageChars)),
    })),
    ...(findings.length > level.findings ? { findingsOmitted: findings.length - level.findings } : {}),
    failing: shown.map((workload) => focusView(snapshot, workload, level)),
    ...(workloads.length > shown.length ? { failingNotShown: workloads.slice(shown.length) } : {}),
    context: contextView(snapshot, new Set(shown), level),
  };
  // A backtick run in a log line must not close the fenced block the data travels in; \u0060 is still valid JSON.
  return JSON.stringify(view).replace(/`/g, '\\u0060');
}
