/**
 * Redaction: what leaves the process (LLM prompts, Slack messages, reports, logs) never carries a secret.
 * Secrets are never read as values at all (the Kubernetes adapter keeps only their keys); this module covers
 * the rest — literal env values whose names look sensitive, and token-like strings inside log lines, event
 * messages and alert text.
 */

export const MASK = '[REDACTED]';

/** Env var names whose literal values are treated as secrets (`DB_PASSWORD`, `STRIPE_API_KEY`, `AUTH_TOKEN` …). */
const SENSITIVE_NAME =
  /(pass(word|wd|phrase)?|secret|token|api[-_]?key|access[-_]?key|private[-_]?key|credential|auth|cookie|session|signature|salt|dsn|conn(ection)?[-_]?str(ing)?|database[-_]?url|db[-_]?url|jdbc|webhook)/i;

export function isSensitiveName(name: string): boolean {
  return SENSITIVE_NAME.test(name);
}

type Rule = { pattern: RegExp; replace: (match: string, ...groups: string[]) => string };

/**
 * Token shapes, most specific first. Each keeps enough context to stay readable (`Bearer [REDACTED]`,
 * `postgres://app:[REDACTED]@db`), because a log line that says *which* credential failed is still evidence.
 */
const RULES: Rule[] = [
  // PEM private keys (may span a single line in logs when newlines were escaped).
  {
    pattern: /-----BEGIN [A-Z ]*PRIVATE KEY-----[\s\S]*?(-----END [A-Z ]*PRIVATE KEY-----|$)/g,
    replace: () => `-----BEGIN PRIVATE KEY-----${MASK}-----END PRIVATE KEY-----`,
  },
  // JSON Web Tokens: three base64url segments, the first two starting with `eyJ`.
  { pattern: /\beyJ[A-Za-z0-9_-]{5,}\.eyJ[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]{5,}/g, replace: () => MASK },
  // Authorization headers.
  {
    pattern: /\b(Bearer|Basic|Token)\s+[A-Za-z0-9._~+/=-]{8,}/gi,
    replace: (_match, scheme) => `${scheme} ${MASK}`,
  },
  // Credentials in URLs: scheme://user:password@host.
  {
    pattern: /\b([a-z][a-z0-9+.-]*:\/\/)([^\s:/@]+):([^\s@/]+)@/gi,
    replace: (_match, scheme, user) => `${scheme}${user}:${MASK}@`,
  },
  // Cloud and SaaS keys with recognisable prefixes.
  { pattern: /\b(AKIA|ASIA)[A-Z0-9]{16}\b/g, replace: () => MASK },
  { pattern: /\bxox[abposr]-[A-Za-z0-9-]{10,}/g, replace: () => MASK },
  { pattern: /\bxapp-[A-Za-z0-9-]{10,}/g, replace: () => MASK },
  { pattern: /\b(ghp|gho|ghs|ghu|github_pat)_[A-Za-z0-9_]{20,}/g, replace: () => MASK },
  { pattern: /\bsk-(proj-|live_|test_)?[A-Za-z0-9_-]{16,}/g, replace: () => MASK },
  { pattern: /\b(sk|pk|rk)_(live|test)_[A-Za-z0-9]{16,}/g, replace: () => MASK },
  { pattern: /\bAIza[0-9A-Za-z_-]{35}\b/g, replace: () => MASK },
  { pattern: /\bglpat-[A-Za-z0-9_-]{20,}/g, replace: () => MASK },
  // key=value / key: value pairs whose key names a secret (`password=hunter2`, `"apiKey": "abc"`).
  {
    pattern:
      /(["']?\b[\w.-]*(?:pass(?:word|wd)?|secret|token|api[-_]?key|access[-_]?key|credential|private[-_]?key|client[-_]?secret)[\w.-]*["']?\s*[:=]\s*)(["']?)([^\s"',;&}]{3,})\2/gi,
    replace: (_match, prefix, quote) => `${prefix}${quote}${MASK}${quote}`,
  },
  // AWS secret access keys: 40 base64 characters after an aws_secret-ish word were caught above; long opaque
  // hex/base64 blobs (≥ 32 chars) that are not plain words are masked as a last resort.
  {
    pattern: /\b(?=[A-Za-z0-9+/]*\d)(?=[A-Za-z0-9+/]*[A-Z])(?=[A-Za-z0-9+/]*[a-z])[A-Za-z0-9+/]{40,}={0,2}/g,
    replace: () => MASK,
  },
];

/** Masks token-like substrings in free text (a log line, an event message, an alert annotation). */
export function redactText(text: string): string {
  let result = text;
  for (const rule of RULES) {
    result = result.replace(rule.pattern, rule.replace);
  }
  return result;
}

/**
 * Masks known secret values wherever they appear verbatim (e.g. a value the adapter saw must never be echoed
 * by a log line that printed it). Values shorter than 4 characters are ignored: masking "1" would ruin text.
 */
export function redactKnownValues(text: string, values: Iterable<string>): string {
  let result = text;
  for (const value of values) {
    if (value.length < 4) continue;
    result = result.split(value).join(MASK);
  }
  return result;
}
