/**
 * The LLM port: the one call the diagnosis needs. Deliberately narrow (provider, model, `complete`): the
 * adapters hide each SDK, the rate limiter wraps any port, and tests drive the real adapters against scripted
 * HTTP servers. Validation of what comes back is not the port's business: the caller parses and checks it.
 */

/** A JSON schema for structured output; `name` is what OpenAI's `json_schema.name` needs. */
export type LlmOutputSchema = { name: string; schema: Record<string, unknown> };

export type LlmRequest = {
  /** Instructions (trusted, from prompts/). */
  system: string;
  /** The material to work on (untrusted cluster data, inside delimited blocks). */
  user: string;
  schema: LlmOutputSchema;
  /** Per attempt: the adapter aborts the HTTP request after this long. */
  timeoutMs: number;
};

export type LlmUsageCount = { promptTokens: number; completionTokens: number };

export type LlmResponse = {
  /** The model's text, unparsed. */
  text: string;
  usage: LlmUsageCount;
  /** The model stopped at the output limit: the text is cut off and will not parse. */
  truncated: boolean;
};

export type LlmPort = {
  readonly provider: 'openai' | 'ollama';
  readonly model: string;
  /** Throws LlmError (`retryable` for 429, 5xx, timeouts and network failures). */
  complete(request: LlmRequest): Promise<LlmResponse>;
};
