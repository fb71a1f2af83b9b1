/**
 * The LLM's answer: its schema (sent to the model as JSON schema for structured output) and the parser of what
 * actually comes back. Two schemas on purpose:
 *
 * - the *wire* schema guides the model and satisfies OpenAI's strict mode (every field required, no free-form
 *   objects: `params` travels as JSON text, an absent container as null);
 * - the *parse* schema is tolerant of what models really emit (params as an object, extra fields, a category
 *   or action outside our lists). Unknown kinds are not a format error worth a repair round trip: the code that
 *   validates proposals and categories rejects them with a reason the user sees.
 *
 * The target has no namespace: the namespace is the diagnosed one, filled in by code, never taken from the model.
 */
import { z } from 'zod';
import { ACTION_KINDS, CATEGORIES } from '../domain/categories.js';
import type { LlmOutputSchema } from './port.js';

export const MAX_EVIDENCE = 8;
export const MAX_PROPOSALS = 3;

const TARGET_KINDS = ['Deployment', 'Pod', 'Service', 'Namespace'] as const;

const WireAnswer = z
  .object({
    hasIssue: z.boolean(),
    category: z.enum(CATEGORIES),
    summary: z.string().describe('One sentence for the incident card.'),
    rootCause: z.string().describe('Why it fails, citing the evidence.'),
    confidence: z.number().min(0).max(1),
    evidence: z.array(z.string()).max(MAX_EVIDENCE).describe('Lines quoted verbatim from cluster-data.'),
    proposals: z
      .array(
        z
          .object({
            action: z.enum(ACTION_KINDS),
            target: z
              .object({ kind: z.enum(TARGET_KINDS), name: z.string(), container: z.string().nullable() })
              .strict(),
            params: z.string().describe('The action parameters as JSON object text, e.g. {"replicas":2}.'),
            rationale: z.string(),
          })
          .strict(),
      )
      .max(MAX_PROPOSALS),
  })
  .strict();

const LlmProposal = z.object({
  action: z.string(),
  // A namespace is not asked for; when a model adds one anyway it is kept, so that a different one is refused.
  target: z.object({
    kind: z.string(),
    name: z.string(),
    container: z.string().nullish(),
    namespace: z.string().optional(),
  }),
  params: z.union([z.string(), z.record(z.string(), z.unknown())]).default({}),
  rationale: z.string().default(''),
});
export type LlmProposal = z.infer<typeof LlmProposal>;

export const LlmAnswer = z.object({
  hasIssue: z.boolean(),
  category: z.string(),
  summary: z.string(),
  rootCause: z.string(),
  confidence: z.number(),
  evidence: z.array(z.string()).default([]),
  proposals: z.array(LlmProposal).default([]),
});
export type LlmAnswer = z.infer<typeof LlmAnswer>;

function wireJsonSchema(): Record<string, unknown> {
  const { $schema: _dialect, ...schema } = z.toJSONSchema(WireAnswer) as Record<string, unknown>;
  return schema;
}

/** What the adapters send: OpenAI `response_format.json_schema`, Ollama `format`. */
export const LLM_ANSWER_SCHEMA: LlmOutputSchema = { name: 'diagnosis', schema: wireJsonSchema() };

export type ParsedOutput = { ok: true; answer: LlmAnswer } | { ok: false; error: string };

/** Parses the model's text: tolerates ```json fences and prose around the object; never throws. */
export function parseLlmOutput(text: string): ParsedOutput {
  const candidate = extractJsonText(text);
  if (candidate === undefined) return { ok: false, error: 'the answer contains no JSON object' };
  let value: unknown;
  try {
    value = JSON.parse(candidate);
  } catch (error) {
    return {
      ok: false,
      error: `the answer is not valid JSON: ${error instanceof Error ? error.message : String(error)}`,
    };
  }
  const parsed = LlmAnswer.safeParse(value);
  if (!parsed.success) {
    const issues = parsed.error.issues
      .slice(0, 5)
      .map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`);
    return { ok: false, error: `the answer does not match the schema: ${issues.join('; ')}` };
  }
  return { ok: true, answer: parsed.data };
}

function extractJsonText(text: string): string | undefined {
  const trimmed = text.trim();
  if (trimmed.startsWith('{')) return trimmed;
  // A fenced block (```json or bare ```) holding an object: the usual shape of a chatty answer.
  for (const match of trimmed.matchAll(/```[a-zA-Z]*\s*\n?([\s\S]*?)```/g)) {
    const inner = match[1]!.trim();
    if (inner.startsWith('{')) return inner;
  }
  const start = trimmed.indexOf('{');
  const end = trimmed.lastIndexOf('}');
  return start >= 0 && end > start ? trimmed.slice(start, end + 1) : undefined;
}
