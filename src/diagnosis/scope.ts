/** Which findings a diagnosis is about, and in which order they are considered as the root cause. */
import type { Finding } from '../domain/finding.js';
import type { Snapshot } from '../domain/snapshot.js';

/** With a target Deployment, only findings about it (its pods, its rollout, services meant for it) count. */
export function findingsInScope(snapshot: Snapshot, findings: readonly Finding[]): Finding[] {
  const { target } = snapshot;
  if (target === null) return [...findings];
  return findings.filter(
    (finding) =>
      finding.workload === target || (finding.object.kind === 'Deployment' && finding.object.name === target),
  );
}

/**
 * Most specific first, then most confident: "variable X is not set" (a cause) outranks the crash loop it
 * produces (a symptom). The sort is stable, so ties keep the registry's order and the result is deterministic.
 */
export function rankFindings(findings: readonly Finding[]): Finding[] {
  return [...findings].sort((a, b) => b.specificity - a.specificity || b.confidence - a.confidence);
}

/** Findings about the same workload (or object) as the root cause: its symptoms and corroboration. */
export function relatedFindings(root: Finding, findings: readonly Finding[]): Finding[] {
  return findings.filter(
    (finding) =>
      finding !== root &&
      (root.workload !== undefined
        ? finding.workload === root.workload
        : finding.object.kind === root.object.kind && finding.object.name === root.object.name),
  );
}
