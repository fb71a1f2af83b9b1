/**
 * The exchange with the model: render the prompt, fit the cluster data into what the token budget leaves,
 * call, parse — and when the answer does not parse or match the schema, one repair call that shows the model
 * its answer and the problem (prompts/repair.md). Data that cannot fit the budget is an outcome; a failed call
 * or an answer still invalid after the repair is an LlmError, which becomes the fallback reason one level up.
 */
import { ACTION_KINDS, CATEGORIES } from '../domain/categories.js';
import type { Snapshot } from '../domain/snapshot.js';
import { LlmError } from '../errors.js';
import {
  LLM_ANSWER_SCHEMA,
  parseLlmOutput,
  type LlmAnswer,
  type ParsedOutput,
} from '../llm/parse-llm-output.js';
import type { LlmPort, LlmResponse } from '../llm/port.js';
import { serializeSnapshot } from '../llm/serialize-snapshot.js';
import { countTokens, TOKENS_PER_MESSAGE } from '../llm/token-count.js';
import { renderPrompt } from '../prompts/render-prompt.js';
import { diagnoseUserMessage, repairUserMessage } from './llm-messages.js';
import type { RulesDiagnosis } from './rules-diagnosis.js';

/** Accumulates what the audit record needs across the call and its repair. */
export type Conversation = { prompt: string; promptTokens: number; completionTokens: number };

export type ConversationInput = {
  snapshot: Snapshot;
  rules: RulesDiagnosis;
  llm: LlmPort;
  workload: string | undefined;
  settings: { timeoutMs: number; maxPromptTokens: number };
  promptsDir?: string | undefined;
};

export type AnswerOutcome =
  { ok: true; answer: LlmAnswer; promptData: string } | { ok: false; reason: string };

const SCHEMA_TEXT = JSON.stringify(LLM_ANSWER_SCHEMA.schema);

export async function askForAnswer(
  conversation: Conversation,
  input: ConversationInput,
): Promise<AnswerOutcome> {
  const { llm, settings, rules } = input;
  const variables = { categories: CATEGORIES.join(', '), action_kinds: ACTION_KINDS.join(', ') };
  const system = renderPrompt('diagnose', variables, input.promptsDir);
  conversation.prompt = `${system.id}@${system.version}`;

  // The structured-output schema is sent along and counts against the context like any other prompt text.
  const fixed =
    countTokens(system.text) +
    countTokens(SCHEMA_TEXT) +
    countTokens(diagnoseUserMessage('')) +
    2 * TOKENS_PER_MESSAGE;
  const budget = settings.maxPromptTokens - fixed;
  const data = serializeSnapshot(
    {
      snapshot: input.snapshot,
      findings: rules.findings,
      diagnosis: rules.diagnosis,
      workload: input.workload,
    },
    { maxTokens: Math.max(0, budget) },
  );
  if (!data.fits) {
    return {
      ok: false,
      reason: `the cluster data does not fit LLM_MAX_PROMPT_TOKENS=${settings.maxPromptTokens} (instructions ${fixed} + data ${data.tokens} tokens at the smallest level)`,
    };
  }

  const call = async (systemText: string, user: string): Promise<LlmResponse> => {
    const response = await llm.complete({
      system: systemText,
      user,
      schema: LLM_ANSWER_SCHEMA,
      timeoutMs: settings.timeoutMs,
    });
    // Some OpenAI-compatible servers report no usage; our own count is then the best figure there is.
    conversation.promptTokens += response.usage.promptTokens || countTokens(systemText) + countTokens(user);
    conversation.completionTokens += response.usage.completionTokens || countTokens(response.text);
    return response;
  };

  const first = await call(system.text, diagnoseUserMessage(data.text));
  const parsed = parseResponse(first);
  if (parsed.ok) return { ok: true, answer: parsed.answer, promptData: data.text };

  const repair = renderPrompt('repair', { schema: SCHEMA_TEXT }, input.promptsDir);
  const second = await call(repair.text, repairUserMessage(first.text, parsed.error));
  const repaired = parseResponse(second);
  if (repaired.ok) return { ok: true, answer: repaired.answer, promptData: data.text };
  throw new LlmError(
    'llm_invalid_output',
    `the answer was still invalid after one repair: ${repaired.error}`,
  );
}

function parseResponse(response: LlmResponse): ParsedOutput {
  if (response.truncated)
    return { ok: false, error: 'the answer was cut off at the output token limit; answer more briefly' };
  return parseLlmOutput(response.text);
}
