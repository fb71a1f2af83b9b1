/**
 * Configuration (SPEC §3), parsed once with zod from the environment. The only module that reads `process.env`;
 * everything else receives the resulting Config. A malformed value stops start-up with one line naming the
 * variable; values a command needs but does not have are checked by that command (`requireSlack` …).
 */
import { z } from 'zod';
import { ConfigError } from './errors.js';

const SYSTEM_NAMESPACES = ['kube-system', 'kube-public', 'kube-node-lease'];

const optionalText = z.string().trim().min(1, 'must not be blank').optional();
/**
 * A whole number written in decimal digits. Not z.coerce.number(): that read PORT=" " as 0 (a random port),
 * "0x10" as 16 and "1e3" as 1000 without a word.
 */
const integer = (min: number, max = Number.MAX_SAFE_INTEGER) =>
  z
    .string()
    .trim()
    .regex(/^\d+$/, 'must be a whole number')
    .transform(Number)
    .pipe(z.number().min(min, `must be at least ${min}`).max(max, `must be at most ${max}`));
const positiveInt = (fallback: number) => integer(1).default(fallback);
/** http(s) only: z.url() alone took "localhost:3000/api/" (scheme "localhost:") and would fail much later. */
const httpUrl = (message: string) => z.url({ protocol: /^https?$/, message });

const Environment = z.object({
  // A prefix alone ("xoxb-") is not a token.
  SLACK_BOT_TOKEN: z
    .string()
    .regex(/^xoxb-[A-Za-z0-9-]+$/, 'must be a bot token (xoxb-…)')
    .optional(),
  SLACK_SIGNING_SECRET: optionalText,
  SLACK_APP_TOKEN: z
    .string()
    .regex(/^xapp-[A-Za-z0-9-]+$/, 'must be an app-level token (xapp-…)')
    .optional(),
  SLACK_API_URL: httpUrl('must be an http(s) URL').optional(),
  SLACK_CHANNEL: z
    .string()
    .regex(/^[CGD][A-Z0-9]{2,}$/, 'must be a channel ID such as C0123ABCD (not a #name)')
    .optional(),
  SRE_APPROVERS: z
    .string()
    .transform((value) => splitList(value))
    .pipe(
      z
        .array(z.string().regex(/^[UWS][A-Z0-9]{2,}$/, 'must list Slack user (U…/W…) or user-group (S…) IDs'))
        // "," is not "unset": it would read as a list of nobody. Unset the variable to mean no approvers.
        .min(1, 'must list at least one Slack user (U…) or user-group (S…) ID'),
    )
    .optional(),
  SRE_ONCALL: z
    .string()
    .regex(/^[UWS][A-Z0-9]{2,}$/, 'must be a Slack user (U…) or user-group (S…) ID')
    .optional(),
  SRE_NAMESPACES: z
    .string()
    .transform((value) => splitList(value))
    .pipe(
      z
        .array(z.string().regex(/^(\*|[a-z0-9]([-a-z0-9]*[a-z0-9])?)$/, 'must be "*" or namespace names'))
        // "," would silently allow no namespace at all.
        .min(1, 'must be "*" or list at least one namespace'),
    )
    .default(['*']),
  KUBECONFIG: optionalText,
  SRE_KUBE_CONTEXT: optionalText,
  LLM_PROVIDER: z.enum(['none', 'openai', 'ollama']).default('none'),
  LLM_MODEL: optionalText,
  LLM_TIMEOUT_SECONDS: positiveInt(30),
  LLM_MAX_PROMPT_TOKENS: positiveInt(4000),
  OPENAI_API_KEY: optionalText,
  OPENAI_BASE_URL: httpUrl('must be an http(s) URL').optional(),
  OLLAMA_HOST: httpUrl('must be a URL such as http://127.0.0.1:11434').optional(),
  STORE_URL: z
    .string()
    .regex(
      /^(sqlite:\/\/.+|redis(s)?:\/\/.+|memory:\/\/)$/,
      'must be sqlite://PATH, redis://HOST:PORT or memory://',
    )
    .default('sqlite://./data/sre-bot.db'),
  ALERTS_TOKEN: z.string().min(16, 'must be at least 16 characters').optional(),
  PORT: integer(0, 65535).default(3000),
  SRE_VERIFY_TIMEOUT_SECONDS: positiveInt(300),
  SRE_VERIFY_SETTLE_SECONDS: integer(0).default(30),
  SRE_INCIDENT_TTL_HOURS: z.coerce.number().positive('must be a positive number of hours').default(24),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
});

export type LlmConfig =
  | { provider: 'none' }
  | {
      provider: 'openai';
      model: string;
      apiKey: string | undefined;
      baseUrl: string | undefined;
      timeoutMs: number;
      maxPromptTokens: number;
    }
  | { provider: 'ollama'; model: string; host: string; timeoutMs: number; maxPromptTokens: number };

export type StoreConfig =
  { kind: 'sqlite'; path: string } | { kind: 'redis'; url: string } | { kind: 'memory' };

export type Config = {
  slack: {
    botToken: string | undefined;
    signingSecret: string | undefined;
    appToken: string | undefined;
    apiUrl: string | undefined;
    channel: string | undefined;
  };
  /** Slack user IDs and user-group IDs allowed to approve; undefined = every approval is refused. */
  approvers: { users: string[]; groups: string[] } | undefined;
  oncall: string | undefined;
  /** Whether the bot may act in a namespace (SRE_NAMESPACES). */
  namespaceAllowed: (namespace: string) => boolean;
  namespaces: string[];
  kube: { kubeconfig: string | undefined; context: string | undefined };
  llm: LlmConfig;
  store: StoreConfig;
  alertsToken: string | undefined;
  port: number;
  verify: { timeoutSeconds: number; settleSeconds: number };
  /** A proposal nobody approved or rejected within this many hours expires (SRE_INCIDENT_TTL_HOURS). */
  incidentTtlHours: number;
  logLevel: z.infer<typeof Environment>['LOG_LEVEL'];
};

/**
 * Parses the environment. `overrides` are command-line flags that take precedence over their variables
 * (`--kubeconfig` over KUBECONFIG, `--llm` over LLM_PROVIDER); undefined overrides are ignored.
 */
/**
 * Only LOG_LEVEL, for commands that run on embedded settings (`sre-bot demo`): the rest of the environment,
 * meant for `serve`, must not stop them.
 */
export function logLevelFromEnvironment(env: NodeJS.ProcessEnv = process.env): Config['logLevel'] {
  const parsed = Environment.shape.LOG_LEVEL.safeParse(env['LOG_LEVEL'] || undefined);
  if (!parsed.success) throw new ConfigError('LOG_LEVEL', parsed.error.issues[0]!.message);
  return parsed.data;
}

export function loadConfig(
  env: NodeJS.ProcessEnv = process.env,
  overrides: Partial<Record<keyof z.input<typeof Environment>, string | undefined>> = {},
): Config {
  const merged: Record<string, string | undefined> = { ...env };
  for (const [key, value] of Object.entries(overrides)) if (value !== undefined) merged[key] = value;
  // Empty variables mean unset (a common shape of `FOO=` in .env files and manifests).
  const present = Object.fromEntries(
    Object.entries(merged).filter(([, value]) => value !== undefined && value !== ''),
  );
  const parsed = Environment.safeParse(present);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new ConfigError(String(issue.path[0] ?? 'environment'), issue.message);
  }
  const values = parsed.data;
  return {
    slack: {
      botToken: values.SLACK_BOT_TOKEN,
      signingSecret: values.SLACK_SIGNING_SECRET,
      appToken: values.SLACK_APP_TOKEN,
      apiUrl: values.SLACK_API_URL,
      channel: values.SLACK_CHANNEL,
    },
    approvers: values.SRE_APPROVERS && {
      users: values.SRE_APPROVERS.filter((id) => !id.startsWith('S')),
      groups: values.SRE_APPROVERS.filter((id) => id.startsWith('S')),
    },
    oncall: values.SRE_ONCALL,
    namespaces: values.SRE_NAMESPACES,
    namespaceAllowed: namespacePolicy(values.SRE_NAMESPACES),
    kube: { kubeconfig: values.KUBECONFIG, context: values.SRE_KUBE_CONTEXT },
    llm: llmConfig(values),
    store: storeConfig(values.STORE_URL),
    alertsToken: values.ALERTS_TOKEN,
    port: values.PORT,
    verify: {
      timeoutSeconds: values.SRE_VERIFY_TIMEOUT_SECONDS,
      settleSeconds: values.SRE_VERIFY_SETTLE_SECONDS,
    },
    incidentTtlHours: values.SRE_INCIDENT_TTL_HOURS,
    logLevel: values.LOG_LEVEL,
  };
}

/** `serve` needs Slack credentials: a bot token, and a signing secret unless Socket Mode. */
export function requireSlack(config: Config): {
  botToken: string;
  signingSecret: string | undefined;
  appToken: string | undefined;
} {
  if (!config.slack.botToken) throw new ConfigError('SLACK_BOT_TOKEN', 'is required for serve (xoxb-…)');
  if (!config.slack.appToken && !config.slack.signingSecret) {
    throw new ConfigError(
      'SLACK_SIGNING_SECRET',
      'is required for serve in HTTP mode (or set SLACK_APP_TOKEN for Socket Mode)',
    );
  }
  return {
    botToken: config.slack.botToken,
    signingSecret: config.slack.signingSecret,
    appToken: config.slack.appToken,
  };
}

function splitList(value: string): string[] {
  return value
    .split(',')
    .map((item) => item.trim())
    .filter((item) => item.length > 0);
}

function namespacePolicy(list: string[]): (namespace: string) => boolean {
  if (list.includes('*')) {
    const explicit = new Set(list.filter((item) => item !== '*'));
    return (namespace) => explicit.has(namespace) || !SYSTEM_NAMESPACES.includes(namespace);
  }
  const allowed = new Set(list);
  return (namespace) => allowed.has(namespace);
}

function llmConfig(values: z.infer<typeof Environment>): LlmConfig {
  const timeoutMs = values.LLM_TIMEOUT_SECONDS * 1000;
  const maxPromptTokens = values.LLM_MAX_PROMPT_TOKENS;
  switch (values.LLM_PROVIDER) {
    case 'none':
      return { provider: 'none' };
    case 'openai':
      if (!values.OPENAI_API_KEY && !values.OPENAI_BASE_URL) {
        throw new ConfigError(
          'OPENAI_API_KEY',
          'is required for LLM_PROVIDER=openai (or set OPENAI_BASE_URL for a local OpenAI-compatible server)',
        );
      }
      return {
        provider: 'openai',
        model: values.LLM_MODEL ?? 'gpt-4o-mini',
        apiKey: values.OPENAI_API_KEY,
        baseUrl: values.OPENAI_BASE_URL,
        timeoutMs,
        maxPromptTokens,
      };
    case 'ollama':
      return {
        provider: 'ollama',
        model: values.LLM_MODEL ?? 'llama3.1:8b',
        host: values.OLLAMA_HOST ?? 'http://127.0.0.1:11434',
        timeoutMs,
        maxPromptTokens,
      };
  }
}

function storeConfig(url: string): StoreConfig {
  if (url === 'memory://') return { kind: 'memory' };
  if (url.startsWith('sqlite://')) return { kind: 'sqlite', path: url.slice('sqlite://'.length) };
  return { kind: 'redis', url };
}
