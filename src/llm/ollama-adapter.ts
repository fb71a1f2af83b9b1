/**
 * LlmPort over the `ollama` SDK (`/api/chat`), with the answer constrained by `format: <JSON schema>`.
 * The SDK takes no per-request timeout for non-streaming calls, so a wrapping `fetch` adds an AbortSignal and
 * keeps the HTTP status and headers (Retry-After), which the SDK's own error drops.
 */
import { Ollama } from 'ollama';
import { LlmCallError, isRetryableStatus, retryAfterMs } from './llm-call-error.js';
import type { LlmPort, LlmRequest, LlmResponse } from './port.js';

export type OllamaLlmOptions = {
  model: string;
  /** OLLAMA_HOST, e.g. http://127.0.0.1:11434. */
  host: string;
  /**
   * Context window to ask for (`num_ctx`). Ollama's default is small and it silently drops the *start* of a
   * longer prompt — the instructions — so it is sized from the prompt budget plus the output cap.
   */
  contextTokens?: number;
  maxOutputTokens?: number;
};

const DEFAULT_MAX_OUTPUT_TOKENS = 1500;
const DEFAULT_CONTEXT_TOKENS = 8192;

export function createOllamaLlm(options: OllamaLlmOptions): LlmPort {
  const maxOutputTokens = options.maxOutputTokens ?? DEFAULT_MAX_OUTPUT_TOKENS;
  const contextTokens = options.contextTokens ?? DEFAULT_CONTEXT_TOKENS;

  return {
    provider: 'ollama',
    model: options.model,
    async complete(request: LlmRequest): Promise<LlmResponse> {
      let failed: Response | undefined;
      const timedFetch: typeof fetch = async (input, init) => {
        const signals = [AbortSignal.timeout(request.timeoutMs), ...(init?.signal ? [init.signal] : [])];
        const response = await fetch(input, { ...init, signal: AbortSignal.any(signals) });
        if (!response.ok) failed = response;
        return response;
      };
      // One client per call: the fetch closure carries this call's deadline and failed response.
      const client = new Ollama({ host: options.host, fetch: timedFetch });
      try {
        const answer = await client.chat({
          model: options.model,
          messages: [
            { role: 'system', content: request.system },
            { role: 'user', content: request.user },
          ],
          format: request.schema.schema,
          stream: false,
          options: { temperature: 0, num_ctx: contextTokens, num_predict: maxOutputTokens },
        });
        return {
          text: answer.message.content,
          usage: { promptTokens: answer.prompt_eval_count ?? 0, completionTokens: answer.eval_count ?? 0 },
          truncated: answer.done_reason === 'length',
        };
      } catch (error) {
        throw mapOllamaError(error, failed, request.timeoutMs);
      }
    },
  };
}

function mapOllamaError(error: unknown, failed: Response | undefined, timeoutMs: number): LlmCallError {
  if (failed) {
    return new LlmCallError(`the LLM answered HTTP ${failed.status}: ${errorText(error)}`, {
      status: failed.status,
      retryAfterMs: retryAfterMs(failed.headers),
      retryable: isRetryableStatus(failed.status),
      cause: error,
    });
  }
  if (error instanceof DOMException && (error.name === 'TimeoutError' || error.name === 'AbortError')) {
    return new LlmCallError(`the LLM did not answer within ${timeoutMs} ms`, {
      retryable: true,
      cause: error,
    });
  }
  // undici reports refused connections, resets and DNS failures as TypeError('fetch failed').
  if (error instanceof TypeError) {
    return new LlmCallError(`cannot reach the LLM: ${describeCause(error)}`, {
      retryable: true,
      cause: error,
    });
  }
  return new LlmCallError(`LLM call failed: ${errorText(error)}`, { retryable: false, cause: error });
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function describeCause(error: Error): string {
  const cause = error.cause;
  return cause instanceof Error ? `${error.message} (${cause.message})` : error.message;
}
