/**
 * The LLM-assisted diagnosis: "code decides, the LLM explains". The rules diagnosis is computed first and is
 * always a complete answer; the model is asked to explain and rank on top of it, and whatever it says is checked
 * here — category against the findings, evidence against the snapshot, proposals through the shared validator.
 * Any failure (timeout, 429/5xx after back-off, output still invalid after one repair, even a broken prompt)
 * leaves the rules diagnosis standing with `llm.fallback` saying why. This function never throws.
 */
import type { Diagnosis, LlmUsage } from '../domain/diagnosis.js';
import type { Proposal, RejectedProposal } from '../domain/proposal.js';
import type { Snapshot } from '../domain/snapshot.js';
import { errorMessage, SreBotError } from '../errors.js';
import type { LlmPort } from '../llm/port.js';
import { evidenceCorpus } from './llm-evidence.js';
import { decideCategory, llmDiagnosis } from './llm-answer.js';
import { askForAnswer, type Conversation } from './llm-conversation.js';
import { validateLlmProposals } from './llm-proposals.js';
import type { RulesDiagnosis } from './rules-diagnosis.js';
import { validateProposals } from './validate-proposals.js';

export type LlmDiagnosisInput = {
  snapshot: Snapshot;
  /** The rules diagnosis of the same snapshot: findings in scope, root cause, fix drafts. */
  rules: RulesDiagnosis;
  llm: LlmPort;
  /** SRE_NAMESPACES, as the configuration parsed it. */
  allowedNamespaces: (namespace: string) => boolean;
  /** LLM_TIMEOUT_SECONDS (per attempt) and LLM_MAX_PROMPT_TOKENS (the whole prompt must fit). */
  settings: { timeoutMs: number; maxPromptTokens: number };
  /** Injected in tests; defaults to performance.now. */
  now?: () => number;
  /** Injected in tests; defaults to the packaged prompts/. */
  promptsDir?: string;
};

export type LlmDiagnosisResult = {
  diagnosis: Diagnosis;
  proposals: Proposal[];
  rejected: RejectedProposal[];
  llm: LlmUsage;
};

export async function diagnoseWithLlm(input: LlmDiagnosisInput): Promise<LlmDiagnosisResult> {
  const { snapshot, rules, llm } = input;
  const now = input.now ?? (() => performance.now());
  const started = now();
  const fromRules = validateProposals(rules.drafts, {
    snapshot,
    allowedNamespaces: input.allowedNamespaces,
    source: 'rules',
  });
  const workload = rules.rootCause?.workload ?? snapshot.target ?? undefined;
  const conversation: Conversation = { prompt: 'diagnose@?', promptTokens: 0, completionTokens: 0 };
  const usage = (fallback?: string): LlmUsage => ({
    provider: llm.provider,
    model: llm.model,
    prompt: conversation.prompt,
    promptTokens: conversation.promptTokens,
    completionTokens: conversation.completionTokens,
    durationMs: Math.max(0, Math.round(now() - started)),
    ...(fallback !== undefined ? { fallback } : {}),
  });
  const rulesStand = (reason: string, llmRejected: RejectedProposal[] = []): LlmDiagnosisResult => ({
    diagnosis: rules.diagnosis,
    proposals: fromRules.proposals,
    rejected: [...fromRules.rejected, ...llmRejected],
    llm: usage(reason),
  });

  // Nothing found means nothing to explain or rank: the model could only agree, at a token cost.
  if (rules.findings.length === 0) return rulesStand('no findings to explain: the LLM was not called');
  try {
    const outcome = await askForAnswer(conversation, { ...input, workload });
    if (!outcome.ok) return rulesStand(outcome.reason);
    const { answer, promptData } = outcome;

    const decision = decideCategory(answer.category, rules.findings, rules.diagnosis);
    if (!decision.accepted) {
      const dropped = answer.proposals.map((draft) => ({
        draft,
        reason: 'proposed for a diagnosis no finding supports',
        source: 'llm' as const,
      }));
      return rulesStand(decision.reason, dropped);
    }
    const corpus = evidenceCorpus(snapshot, rules.findings, promptData);
    const diagnosis = llmDiagnosis(answer, decision.category, rules.diagnosis, corpus);
    const fromLlm = validateLlmProposals(answer.proposals, {
      snapshot,
      workload,
      allowedNamespaces: input.allowedNamespaces,
    });
    // The model ranks: its valid proposals first; the analyzers' grounded fixes stay available after them.
    const seen = new Set(fromLlm.proposals.map((proposal) => proposal.id));
    const proposals = [
      ...fromLlm.proposals,
      ...fromRules.proposals.filter((proposal) => !seen.has(proposal.id)),
    ];
    return { diagnosis, proposals, rejected: [...fromRules.rejected, ...fromLlm.rejected], llm: usage() };
  } catch (error) {
    return rulesStand(
      error instanceof SreBotError
        ? `${error.code}: ${error.message}`
        : `LLM diagnosis failed: ${errorMessage(error)}`,
    );
  }
}
