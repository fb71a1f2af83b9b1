/**
 * The diagnosis use case: observe ⇒ analyze ⇒ rules diagnosis ⇒ (LLM, when configured) ⇒ validated proposals
 * ⇒ Report (SPEC §4). The LLM never blocks a diagnosis: any failure there leaves the rules diagnosis standing.
 */
import type { Proposal } from '../domain/proposal.js';
import type { Report } from '../domain/report.js';
import type { Snapshot } from '../domain/snapshot.js';
import type { KubePort } from '../kube/port.js';
import type { LlmPort } from '../llm/port.js';
import { DEFAULT_LIMITS, observe, type ObserveLimits, type ObserveRequest } from '../observe/observer.js';
import { deploymentBasis, podBasis } from '../remediate/basis.js';
import { diagnoseWithLlm } from './llm-diagnosis.js';
import { diagnoseWithRules } from './rules-diagnosis.js';
import { runAnalyzers } from './run-analyzers.js';
import { validateProposals } from './validate-proposals.js';

export type DiagnoseDeps = {
  kube: KubePort;
  /** Absent = LLM_PROVIDER=none: the analyzers alone diagnose and propose. */
  llm?: { port: LlmPort; timeoutMs: number; maxPromptTokens: number } | undefined;
  allowedNamespaces: (namespace: string) => boolean;
  limits?: ObserveLimits;
};

export type DiagnoseResult = { report: Report; snapshot: Snapshot };

export async function diagnose(deps: DiagnoseDeps, request: ObserveRequest): Promise<DiagnoseResult> {
  const snapshot = await observe(deps.kube, request, deps.limits ?? DEFAULT_LIMITS);
  const run = runAnalyzers(snapshot);
  const rules = diagnoseWithRules(snapshot, run.findings);
  const validated = validateProposals(rules.drafts, {
    snapshot,
    allowedNamespaces: deps.allowedNamespaces,
    source: 'rules',
  });

  let diagnosis = rules.diagnosis;
  let proposals = validated.proposals;
  let rejected = validated.rejected;
  let llm: Report['llm'];
  if (deps.llm && rules.diagnosis.hasIssue) {
    const result = await diagnoseWithLlm({
      snapshot,
      rules,
      llm: deps.llm.port,
      allowedNamespaces: deps.allowedNamespaces,
      settings: { timeoutMs: deps.llm.timeoutMs, maxPromptTokens: deps.llm.maxPromptTokens },
    });
    diagnosis = result.diagnosis;
    proposals = result.proposals;
    rejected = [...rejected, ...result.rejected];
    llm = result.llm;
  }

  const report: Report = {
    namespace: snapshot.namespace,
    target: snapshot.target,
    findings: rules.findings,
    diagnosis,
    proposals: proposals.map((proposal) => withBasis(proposal, snapshot)),
    rejected,
    ...(llm ? { llm } : {}),
    analyzerErrors: run.errors,
    observedAt: snapshot.observedAt,
    apiRequests: snapshot.apiRequests,
  };
  return { report, snapshot };
}

/** Records what the target looked like, so applying later can refuse a stale proposal. */
function withBasis(proposal: Proposal, snapshot: Snapshot): Proposal {
  const { target } = proposal;
  if (target.kind === 'Deployment') {
    const deployment = snapshot.deployments.find((candidate) => candidate.metadata?.name === target.name);
    if (!deployment) return proposal;
    // The snapshot's template is masked; the hash of the template as read is what the live object will match.
    const observed = snapshot.templateHashes?.[target.name];
    const basis = deploymentBasis(deployment);
    return { ...proposal, basis: observed ? { ...basis, templateHash: observed } : basis };
  }
  if (target.kind === 'Pod') {
    const pod = snapshot.pods.find((candidate) => candidate.metadata?.name === target.name);
    return pod ? { ...proposal, basis: podBasis(pod) } : proposal;
  }
  return proposal;
}
