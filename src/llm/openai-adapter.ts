/**
 * LlmPort over the `openai` SDK: OpenAI itself or any OpenAI-compatible server (vLLM, llama.cpp, LM Studio,
 * Ollama's /v1) through `baseUrl`. Structured output uses `json_schema` with `strict: true`. The SDK's own
 * retries are off: the rate limiter owns retries, so attempts are counted and bounded in one place.
 */
import OpenAI from 'openai';
import { LlmError } from '../errors.js';
import { isRetryableStatus, LlmCallError, retryAfterMs } from './llm-call-error.js';
import type { LlmPort, LlmRequest, LlmResponse } from './port.js';

export type OpenAiLlmOptions = {
  model: string;
  /** Local OpenAI-compatible servers usually need none; the SDK insists on a string. */
  apiKey: string | undefined;
  /** OPENAI_BASE_URL, e.g. http://127.0.0.1:8000/v1; absent = api.openai.com. */
  baseUrl: string | undefined;
  /** Output cap: sent explicitly, so a server default never cuts an answer short unnoticed. */
  maxOutputTokens?: number;
};

const DEFAULT_MAX_OUTPUT_TOKENS = 1500;

export function createOpenAiLlm(options: OpenAiLlmOptions): LlmPort {
  // Everything explicit: the SDK would otherwise fall back to OPENAI_* variables on its own.
  const client = new OpenAI({
    apiKey: options.apiKey ?? 'unused',
    baseURL: options.baseUrl ?? 'https://api.openai.com/v1',
    maxRetries: 0,
  });
  const maxOutputTokens = options.maxOutputTokens ?? DEFAULT_MAX_OUTPUT_TOKENS;

  return {
    provider: 'openai',
    model: options.model,
    async complete(request: LlmRequest): Promise<LlmResponse> {
      let completion: OpenAI.Chat.Completions.ChatCompletion;
      try {
        completion = await client.chat.completions.create(
          {
            model: options.model,
            messages: [
              { role: 'system', content: request.system },
              { role: 'user', content: request.user },
            ],
            response_format: {
              type: 'json_schema',
              json_schema: { name: request.schema.name, schema: request.schema.schema, strict: true },
            },
            temperature: 0,
            max_completion_tokens: maxOutputTokens,
          },
          { timeout: request.timeoutMs, maxRetries: 0 },
        );
      } catch (error) {
        throw mapOpenAiError(error, request.timeoutMs);
      }
      const choice = completion.choices[0];
      if (!choice) throw new LlmError('llm_invalid_output', 'the model returned no choices');
      if (choice.message.refusal)
        throw new LlmError('llm_invalid_output', `the model refused: ${choice.message.refusal}`);
      return {
        text: choice.message.content ?? '',
        usage: {
          promptTokens: completion.usage?.prompt_tokens ?? 0,
          completionTokens: completion.usage?.completion_tokens ?? 0,
        },
        truncated: choice.finish_reason === 'length',
      };
    },
  };
}

export function mapOpenAiError(error: unknown, timeoutMs: number): LlmError {
  if (error instanceof OpenAI.APIConnectionTimeoutError) {
    return new LlmCallError(`the LLM did not answer within ${timeoutMs} ms`, {
      retryable: true,
      cause: error,
    });
  }
  if (error instanceof OpenAI.APIConnectionError) {
    return new LlmCallError(`cannot reach the LLM: ${error.message}`, { retryable: true, cause: error });
  }
  if (error instanceof OpenAI.APIError && typeof error.status === 'number') {
    return new LlmCallError(`the LLM answered HTTP ${error.status}: ${error.message}`, {
      status: error.status,
      retryAfterMs: retryAfterMs(error.headers as Headers | undefined),
      retryable: isRetryableStatus(error.status),
      cause: error,
    });
  }
  if (error instanceof LlmError) return error;
  return new LlmCallError(`LLM call failed: ${error instanceof Error ? error.message : String(error)}`, {
    retryable: false,
    cause: error,
  });
}
