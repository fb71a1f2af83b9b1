/**
 * Redaction: what leaves the process (LLM prompts, Slack messages, reports, logs) never carries a secret.
 * Secrets are never read as values at all (the Kubernetes adapter keeps only their keys); this module covers
 * the rest — literal env values whose names look sensitive, and token-like strings inside log lines, event
 * messages and alert text.
 */

export const MASK = '[REDACTED]';

/** Env var names whose literal values are treated as secrets (`DB_PASSWORD`, `STRIPE_API_KEY`, `AUTH_TOKEN` …). */
const SENSITIVE_NAME =
  // `pass` and `auth` only as words of their own (DB_PASS, BASIC_AUTH), not inside BYPASS, PASSTHROUGH, AUTHOR or
  // OAUTH_CALLBACK_URL; `tokens` (MAX_TOKENS) is a count, not a token.
  /(passw(or)?d|passphrase|(?<!by|com)pass(?![a-z])|secret|token(?!s)|api[-_]?key|access[-_]?key|private[-_]?key|credential|(?<!o)auth(?!or)|authorization|cookie|session|signature|salt|dsn|conn(ection)?[-_]?str(ing)?|database[-_]?url|db[-_]?url|jdbc|webhook)/i;
/** …and names ending in KEY (SSH_KEY, ENCRYPTION_KEY, signingKey), which the list above missed. */
const KEY_NAME = /(^|[^A-Za-z])(key|KEY|Key)S?$|[a-z0-9]Keys?$/;

export function isSensitiveName(name: string): boolean {
  return SENSITIVE_NAME.test(name) || KEY_NAME.test(name);
}

/** A command-line flag naming a secret (`--db-password`, `-api-key`), as a regex source (no anchors). */
const SECRET_FLAG_SOURCE = String.raw`--?[\w.-]*(?:passw(?:or)?d|passphrase|secret|token(?!s)|api[-_]?key|credential|private[-_]?key)[\w.-]*`;
const SECRET_FLAG = new RegExp(`^${SECRET_FLAG_SOURCE}$`, 'i');

/** An argument that is such a flag without its value: the next argument is the secret. */
export function isSecretFlag(argument: string): boolean {
  return SECRET_FLAG.test(argument);
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
  // Not a plain word after the scheme: "Token refreshed", "basic configuration" are prose, not credentials.
  {
    pattern:
      /\b(Bearer|bearer|BEARER|Basic|basic|BASIC|Token|token|TOKEN)\s+(?![A-Za-z][a-z]*(?![A-Za-z0-9._~+/=-]))[A-Za-z0-9._~+/=-]{8,}/g,
    replace: (_match, scheme) => `${scheme} ${MASK}`,
  },
  // Credentials in URLs: scheme://user:password@host.
  {
    // The password runs to the last `@` before the host: `p@ss` must not leave `ss@` behind.
    // The user may be empty (`redis://:password@redis:6379`).
    pattern: /\b([a-z][a-z0-9+.-]*:\/\/)([^\s:/@]*):([^\s/]+)@/gi,
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
      // No space before a colon: Kubernetes writes `volume "db-secret" : secret "db-secret" not found`, where the
      // "value" is the word `secret`. Keys naming a secret by name or path (secretName, token_file) are not secrets,
      // nor are `passed=`, `bypass=` or `max_tokens=`.
      /(["']?\b[\w.-]*(?:passw(?:or)?d|passphrase|(?<![a-z])pass(?![a-z])|secret|token(?!s)|api[-_]?key|access[-_]?key|credential|private[-_]?key|client[-_]?secret)[\w.-]*(?<!name|ref|file|path)["']?(?:\s*=|:)\s*)(["']?)([^\s"',;&}]{3,})\2/gi,
    replace: (_match, prefix, quote) => `${prefix}${quote}${MASK}${quote}`,
  },
  // A command-line flag naming a secret, its value after a space (`--db-password hunter2`, in a shell line).
  {
    pattern: new RegExp(String.raw`(\s|^)(${SECRET_FLAG_SOURCE})\s+(?!-)(["']?)([^\s"']{3,})\3`, 'gi'),
    replace: (_match, space, flag, quote) => `${space}${flag} ${quote}${MASK}${quote}`,
  },
  // Pretty-printed JSON puts a space before the colon (`"password" : "x"`). Only a quoted key with a quoted value
  // counts, which the Kubernetes message above (`volume "db-secret" : secret "db-secret"`) never has.
  {
    pattern:
      /("[\w.-]*(?:passw(?:or)?d|passphrase|(?<![a-z])pass(?![a-z])|secret|token(?!s)|api[-_]?key|access[-_]?key|credential|private[-_]?key)[\w.-]*(?<!name|ref|file|path)"\s+:\s*")([^"]{3,})"/gi,
    replace: (_match, prefix) => `${prefix}${MASK}"`,
  },
  // AWS secret access keys: 40 base64 characters after an aws_secret-ish word were caught above; long opaque
  // hex/base64 blobs (≥ 32 chars) that are not plain words are masked as a last resort.
  {
    pattern: /\b(?=[A-Za-z0-9+/]*\d)(?=[A-Za-z0-9+/]*[A-Z])(?=[A-Za-z0-9+/]*[a-z])[A-Za-z0-9+/]{40,}={0,2}/g,
    replace: (match) => (looksLikePath(match) ? match : MASK),
  },
];

/** A camel-case word, maybe with a number: a path segment (`Handlers`, `PaymentController2`), not base64. */
const PATH_SEGMENT = /^([A-Z]?[a-z]+)+[0-9]*$|^[a-z0-9]+$/;

/** `opt/App1/lib/Modules/…` is a path: every segment is a word. Base64 has `/` at random places between noise. */
function looksLikePath(text: string): boolean {
  return (
    text.includes('/') && text.split('/').every((segment) => segment === '' || PATH_SEGMENT.test(segment))
  );
}

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
  // Longest first: masking `abcd1234` before `abcd1234-long` would leave `-long` of the longer secret behind.
  for (const value of [...values].sort((a, b) => b.length - a.length)) {
    if (value.length < 4) continue;
    result = result.split(value).join(MASK);
  }
  return result;
}

/** `{name, value}` pairs (env entries) whose name looks sensitive: `name\0value`, for `maskSensitiveEnv`. */
function sensitiveEntries(object: unknown, into = new Set<string>()): Set<string> {
  if (Array.isArray(object)) for (const item of object) sensitiveEntries(item, into);
  else if (object && typeof object === 'object') {
    const record = object as Record<string, unknown>;
    if (
      typeof record['name'] === 'string' &&
      typeof record['value'] === 'string' &&
      isSensitiveName(record['name'])
    )
      into.add(`${record['name']}\0${record['value']}`);
    for (const child of Object.values(record)) sensitiveEntries(child, into);
  }
  return into;
}

/** A JSON-patch operation that writes one env entry's value directly (`…/env/3/value`): its name is not in sight. */
const ENV_VALUE_PATH = /\/env\/\d+\/value$/;

/**
 * A copy of a Kubernetes object or JSON patch with the literal values of sensitive env entries masked
 * (`{name: DB_PASSWORD, value: …}`), for everything shown to people: dry-run diffs, execution logs. The cluster
 * and the undo records keep the real values; only what is displayed is masked.
 *
 * With `before`, a value that differs from the one `before` held under the same name is masked as
 * `[REDACTED] (changed)`, so a diff still shows *that* a secret changes without showing either value.
 */
export function maskSensitiveEnv<T>(object: T, before?: unknown): T {
  const known = before === undefined ? undefined : sensitiveEntries(before);
  const mask = (name: string, value: string) =>
    known && !known.has(`${name}\0${value}`) ? `${MASK} (changed)` : MASK;
  const walk = (node: unknown): unknown => {
    if (Array.isArray(node)) return node.map(walk);
    if (!node || typeof node !== 'object') return node;
    const record = node as Record<string, unknown>;
    const copy: Record<string, unknown> = {};
    for (const [key, child] of Object.entries(record)) copy[key] = walk(child);
    const name = record['name'];
    const value = record['value'];
    if (typeof name === 'string' && typeof value === 'string' && isSensitiveName(name))
      copy['value'] = mask(name, value);
    else if (
      typeof record['path'] === 'string' &&
      ENV_VALUE_PATH.test(record['path']) &&
      typeof value === 'string'
    )
      copy['value'] = MASK;
    return copy;
  };
  return walk(object) as T;
}
