/**
 * From LlmConfig to a ready LlmPort: the provider's adapter wrapped in the rate limiter, or undefined when
 * LLM_PROVIDER=none (the rules diagnosis alone). The composition root calls this once per process, so every
 * diagnosis shares one limiter.
 */
import type { LlmConfig } from '../config.js';
import { createOllamaLlm } from './ollama-adapter.js';
import { createOpenAiLlm } from './openai-adapter.js';
import type { LlmPort } from './port.js';
import { withRateLimit, type RateLimitOptions } from './rate-limited-llm.js';

const MAX_OUTPUT_TOKENS = 1500;

/** Ollama counts with the model's own tokenizer, often ~25% more tokens than o200k for the same text. */
function ollamaContext(maxPromptTokens: number): number {
  return Math.ceil((maxPromptTokens * 1.3 + MAX_OUTPUT_TOKENS) / 1024) * 1024;
}

export function createLlm(config: LlmConfig, limits: RateLimitOptions = {}): LlmPort | undefined {
  switch (config.provider) {
    case 'none':
      return undefined;
    case 'openai':
      return withRateLimit(
        createOpenAiLlm({
          model: config.model,
          apiKey: config.apiKey,
          baseUrl: config.baseUrl,
          maxOutputTokens: MAX_OUTPUT_TOKENS,
        }),
        limits,
      );
    case 'ollama':
      return withRateLimit(
        createOllamaLlm({
          model: config.model,
          host: config.host,
          contextTokens: ollamaContext(config.maxPromptTokens),
          maxOutputTokens: MAX_OUTPUT_TOKENS,
        }),
        limits,
      );
  }
}
