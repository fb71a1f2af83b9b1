/**
 * The model's proposals become drafts and go through the same gate as the analyzers' (validate-proposals.ts),
 * after two LLM-specific steps:
 *
 * - decoding: `params` arrives as JSON text (OpenAI strict mode has no free-form objects) or as an object;
 *   the namespace is the diagnosed one unless the model names another, which the gate then refuses;
 * - scoping: the model may only act on the diagnosed workload. The gate already enforces a request's target;
 *   for a namespace-wide diagnosis the diagnosed workload becomes the scope, so a prompt injected through a log
 *   line ("scale billing to 0") cannot reach another workload. Manual instructions are free text a human may
 *   follow, so one that names another Deployment is refused too.
 */
import type { Proposal, RejectedProposal } from '../domain/proposal.js';
import type { Snapshot } from '../domain/snapshot.js';
import type { LlmProposal } from '../llm/parse-llm-output.js';
import { MAX_PROPOSALS } from '../llm/parse-llm-output.js';
import { validateProposals } from './validate-proposals.js';

export type LlmProposalContext = {
  snapshot: Snapshot;
  /** The diagnosed Deployment; undefined when the root cause is not a workload (then only manual steps). */
  workload: string | undefined;
  allowedNamespaces: (namespace: string) => boolean;
};

type Decoded = { draft: Record<string, unknown> } | { reason: string };

function decodeParams(params: LlmProposal['params']): Record<string, unknown> | string {
  if (typeof params !== 'string') return params;
  try {
    const value: unknown = JSON.parse(params.trim() === '' ? '{}' : params);
    if (value !== null && typeof value === 'object' && !Array.isArray(value))
      return value as Record<string, unknown>;
    return 'params must be a JSON object';
  } catch (error) {
    return `params are not valid JSON: ${error instanceof Error ? error.message : String(error)}`;
  }
}

function otherDeploymentNamed(text: string, context: LlmProposalContext): string | undefined {
  for (const deployment of context.snapshot.deployments) {
    const name = deployment.metadata?.name;
    if (!name || name === context.workload) continue;
    const escaped = name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    if (new RegExp(`\\b(deployments?|deploy)(\\.apps)?[/\\s]+${escaped}\\b`, 'i').test(text)) return name;
  }
  return undefined;
}

function decode(proposal: LlmProposal, context: LlmProposalContext): Decoded {
  const params = decodeParams(proposal.params);
  if (typeof params === 'string') return { reason: params };
  if (context.workload === undefined && proposal.action !== 'manual') {
    return { reason: 'no workload was diagnosed, so only manual steps are accepted from the model' };
  }
  if (proposal.action === 'manual') {
    const other = otherDeploymentNamed(JSON.stringify(params), context);
    if (other)
      return { reason: `the instruction acts on deployment/${other}, not on the diagnosed workload` };
  }
  const { kind, name, container, namespace } = proposal.target;
  const target = {
    kind,
    name,
    namespace: namespace ?? context.snapshot.namespace,
    ...(container ? { container } : {}),
  };
  return { draft: { action: proposal.action, target, params, rationale: proposal.rationale } };
}

export function validateLlmProposals(
  proposals: readonly LlmProposal[],
  context: LlmProposalContext,
): { proposals: Proposal[]; rejected: RejectedProposal[] } {
  const rejected: RejectedProposal[] = [];
  const drafts: Record<string, unknown>[] = [];
  proposals.forEach((proposal, index) => {
    const decoded =
      index < MAX_PROPOSALS ? decode(proposal, context) : { reason: `more than ${MAX_PROPOSALS} proposals` };
    if ('reason' in decoded) rejected.push({ draft: proposal, reason: decoded.reason, source: 'llm' });
    else drafts.push(decoded.draft);
  });
  const scoped =
    context.workload === undefined ? context.snapshot : { ...context.snapshot, target: context.workload };
  const validated = validateProposals(drafts, {
    snapshot: scoped,
    allowedNamespaces: context.allowedNamespaces,
    source: 'llm',
  });
  return { proposals: validated.proposals, rejected: [...rejected, ...validated.rejected] };
}
