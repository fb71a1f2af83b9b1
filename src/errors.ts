/**
 * Faults: things that went wrong, as coded errors with a cause. Outcomes (a diagnosis with no issue, a refused
 * approval, a failed verification) are data, not errors. Callers branch on `code` and `retryable`, never on
 * message text.
 */
export type ErrorCode =
  | 'config_invalid'
  | 'kube_unreachable'
  | 'kube_forbidden'
  | 'kube_not_found'
  | 'kube_conflict'
  | 'kube_invalid'
  | 'kube_error'
  | 'kube_outcome_unknown'
  | 'llm_unavailable'
  | 'llm_invalid_output'
  | 'slack_error'
  | 'store_error'
  | 'prompt_invalid';

export class SreBotError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    options: { cause?: unknown; retryable?: boolean } = {},
  ) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = new.target.name;
    this.retryable = options.retryable ?? false;
  }
  readonly retryable: boolean;
}

/** A missing or malformed setting: one line naming the variable. */
export class ConfigError extends SreBotError {
  constructor(
    readonly variable: string,
    problem: string,
  ) {
    super('config_invalid', `${variable}: ${problem}`);
  }
}

/** The Kubernetes API answered with an error or could not be reached. `status` is the HTTP status when known. */
export class KubeApiError extends SreBotError {
  constructor(
    code: Extract<ErrorCode, `kube_${string}`>,
    message: string,
    readonly status: number | undefined,
    options: { cause?: unknown; retryable?: boolean } = {},
  ) {
    super(code, message, options);
  }
}

export class LlmError extends SreBotError {}
export class SlackError extends SreBotError {}
export class StoreError extends SreBotError {}

export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
