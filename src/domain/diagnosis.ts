import { z } from 'zod';
import { Category } from './categories.js';

export const Diagnosis = z.object({
  hasIssue: z.boolean(),
  category: Category,
  summary: z.string(),
  rootCause: z.string(),
  confidence: z.number().min(0).max(1),
  evidence: z.array(z.string()),
  source: z.enum(['rules', 'llm']),
});
export type Diagnosis = z.infer<typeof Diagnosis>;

/** What an LLM-assisted diagnosis records for audit (issue: model, prompt id@version, token usage). */
export const LlmUsage = z.object({
  provider: z.enum(['openai', 'ollama']),
  model: z.string(),
  prompt: z.string(),
  promptTokens: z.number().int().nonnegative(),
  completionTokens: z.number().int().nonnegative(),
  durationMs: z.number().nonnegative(),
  /** Why the LLM's answer was not used, when it was not (timeout, invalid output …): the rules diagnosis stands. */
  fallback: z.string().optional(),
});
export type LlmUsage = z.infer<typeof LlmUsage>;
