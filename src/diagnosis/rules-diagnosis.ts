/**
 * The diagnosis code makes on its own (`source: 'rules'`): the most specific finding is the root cause, the
 * findings about the same workload are its symptoms, and the fix drafts come from the root cause first.
 * Works without any LLM; an LLM may later re-rank or re-word, but its output is validated against the same data.
 */
import type { Category } from '../domain/categories.js';
import type { Diagnosis } from '../domain/diagnosis.js';
import type { Finding } from '../domain/finding.js';
import type { ProposalDraft } from '../domain/proposal.js';
import type { Snapshot } from '../domain/snapshot.js';
import { clip } from '../analyzers/support/evidence.js';
import { findingsInScope, rankFindings, relatedFindings } from './scope.js';

export type RulesDiagnosis = {
  diagnosis: Diagnosis;
  /** The findings the diagnosis considered (scoped to the target), most telling first. */
  findings: Finding[];
  rootCause: Finding | undefined;
  /** Fix drafts, best first; they still go through `validateProposals`. */
  drafts: ProposalDraft[];
};

const MAX_EVIDENCE = 12;

const TITLES: Readonly<Record<Category, string>> = {
  missing_env: 'Missing environment variable',
  missing_config: 'Missing ConfigMap/Secret',
  oom: 'Out of memory',
  image_pull: 'Image cannot be pulled',
  crash: 'Container crashes',
  probe_failure: 'Probe failing',
  unschedulable: 'Pods cannot be scheduled',
  quota_exceeded: 'ResourceQuota exceeded',
  scaled_to_zero: 'Scaled to zero',
  no_endpoints: 'Service has no endpoints',
  pvc_pending: 'PersistentVolumeClaim pending',
  none: 'Healthy',
};

/** A message up to its first `;` outside parentheses, so a summary stays one sentence. */
function firstClause(message: string): string {
  let depth = 0;
  for (let index = 0; index < message.length; index += 1) {
    const char = message[index];
    if (char === '(') depth += 1;
    else if (char === ')') depth = Math.max(0, depth - 1);
    else if (char === ';' && depth === 0) return `${message.slice(0, index)}.`;
  }
  return message.endsWith('.') ? message : `${message}.`;
}

function healthy(snapshot: Snapshot): Diagnosis {
  const deployments = snapshot.deployments.filter(
    (d) => snapshot.target === null || d.metadata?.name === snapshot.target,
  );
  const subject =
    snapshot.target === null ? `namespace ${snapshot.namespace}` : `deployment/${snapshot.target}`;
  const evidence = deployments.slice(0, 5).map((d) => {
    const status = d.status ?? {};
    return `status: deployment/${d.metadata?.name ?? '?'} ${status.availableReplicas ?? 0}/${d.spec?.replicas ?? 1} available`;
  });
  const gaps =
    snapshot.gaps.length > 0 ? ` Some data could not be read (${snapshot.gaps.slice(0, 3).join('; ')}).` : '';
  return {
    hasIssue: false,
    category: 'none',
    summary: `No issue found in ${subject}.`,
    rootCause: `The analyzers found no failing pods, rollouts, probes, services or claims in ${subject}.${gaps}`,
    confidence: snapshot.gaps.length > 0 ? 0.6 : 0.85,
    evidence,
    source: 'rules',
  };
}

export function diagnoseWithRules(snapshot: Snapshot, allFindings: readonly Finding[]): RulesDiagnosis {
  const findings = rankFindings(findingsInScope(snapshot, allFindings));
  const root = findings[0];
  if (!root) return { diagnosis: healthy(snapshot), findings, rootCause: undefined, drafts: [] };

  const related = relatedFindings(root, findings);
  const evidence = [...new Set([root, ...related].flatMap((finding) => finding.evidence))].slice(
    0,
    MAX_EVIDENCE,
  );
  // Other findings' concrete fixes are fallbacks (a rollback next to a set_env); their manual notes are noise.
  const drafts = [
    ...root.proposals,
    ...related.flatMap((f) => f.proposals.filter((p) => p.action !== 'manual')),
  ];
  const symptoms = related.filter((f) => f.specificity < root.specificity).slice(0, 2);
  const consequence =
    symptoms.length > 0 ? ` It shows as: ${symptoms.map((f) => firstClause(f.message)).join(' ')}` : '';
  const fix = root.proposals[0] ? ` ${root.proposals[0].rationale}` : '';
  const corroborated = related.length > 0 ? 0.05 : 0;
  return {
    diagnosis: {
      hasIssue: true,
      category: root.category,
      summary: clip(`${TITLES[root.category]}: ${firstClause(root.message)}`, 240),
      rootCause: clip(`${root.message}${consequence}${fix}`, 1200),
      confidence: Math.min(0.99, Math.round((root.confidence + corroborated) * 100) / 100),
      evidence,
      source: 'rules',
    },
    findings,
    rootCause: root,
    drafts,
  };
}
