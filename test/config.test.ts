/**
 * Configuration (SPEC §3): every variable's default, the values it accepts, and — for each malformed value — a
 * ConfigError whose message is one line starting with the variable's name. Also: empty strings mean unset,
 * command-line overrides win over the environment, the `*` namespace policy, and requireSlack.
 */
import { describe, expect, it } from 'vitest';
import { loadConfig, logLevelFromEnvironment, requireSlack, type Config } from '../src/config.js';
import { ConfigError } from '../src/errors.js';

/** The ConfigError loadConfig throws for `env`, or a failure when it does not throw one. */
function configError(env: Record<string, string>): ConfigError {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  throw new Error(`loadConfig accepted ${JSON.stringify(env)}`);
}

describe('loadConfig: defaults (an empty environment)', () => {
  const config = loadConfig({});

  it.each<[string, (c: Config) => unknown, unknown]>([
    ['Slack settings unset', (c) => c.slack, {}],
    ['no approvers', (c) => c.approvers, undefined],
    ['no on-call ping', (c) => c.oncall, undefined],
    ['SRE_NAMESPACES=*', (c) => c.namespaces, ['*']],
    ['kube: client-node defaults', (c) => c.kube, { kubeconfig: undefined, context: undefined }],
    ['LLM_PROVIDER=none', (c) => c.llm, { provider: 'none' }],
    ['STORE_URL=sqlite://./data/sre-bot.db', (c) => c.store, { kind: 'sqlite', path: './data/sre-bot.db' }],
    ['/alerts off', (c) => c.alertsToken, undefined],
    ['PORT=3000', (c) => c.port, 3000],
    ['verification 300 s budget, 30 s settle', (c) => c.verify, { timeoutSeconds: 300, settleSeconds: 30 }],
    ['incidents expire after 24 h', (c) => c.incidentTtlHours, 24],
    ['log level info', (c) => c.logLevel, 'info'],
  ])('%s', (_name, read, expected) => {
    expect(read(config)).toEqual(expected);
  });
});

describe('loadConfig: valid values', () => {
  it.each<[string, Record<string, string>, (c: Config) => unknown, unknown]>([
    [
      'HTTP-mode Slack credentials',
      { SLACK_BOT_TOKEN: 'xoxb-123-456-abcDEF', SLACK_SIGNING_SECRET: 'f00dfeed' },
      (c) => [c.slack.botToken, c.slack.signingSecret],
      ['xoxb-123-456-abcDEF', 'f00dfeed'],
    ],
    [
      'Socket Mode app token',
      { SLACK_APP_TOKEN: 'xapp-1-A0-123-abc' },
      (c) => c.slack.appToken,
      'xapp-1-A0-123-abc',
    ],
    [
      'SLACK_API_URL (emulator)',
      { SLACK_API_URL: 'http://127.0.0.1:4000/api/' },
      (c) => c.slack.apiUrl,
      'http://127.0.0.1:4000/api/',
    ],
    ['public channel ID', { SLACK_CHANNEL: 'C0INCIDENTS' }, (c) => c.slack.channel, 'C0INCIDENTS'],
    ['private channel ID', { SLACK_CHANNEL: 'G01ABC' }, (c) => c.slack.channel, 'G01ABC'],
    [
      'approvers split into users (U…, W…) and groups (S…), spaces and empty items ignored',
      { SRE_APPROVERS: ' U024BE7LH, S0614TZR7,,W0ENTERPRISE ' },
      (c) => c.approvers,
      { users: ['U024BE7LH', 'W0ENTERPRISE'], groups: ['S0614TZR7'] },
    ],
    ['on-call user', { SRE_ONCALL: 'U0ALICE' }, (c) => c.oncall, 'U0ALICE'],
    ['on-call user group', { SRE_ONCALL: 'S0SREONCALL' }, (c) => c.oncall, 'S0SREONCALL'],
    [
      'namespace list',
      { SRE_NAMESPACES: 'payments, checkout' },
      (c) => c.namespaces,
      ['payments', 'checkout'],
    ],
    [
      'kubeconfig and context',
      { KUBECONFIG: '/tmp/kubeconfig', SRE_KUBE_CONTEXT: 'prod' },
      (c) => c.kube,
      { kubeconfig: '/tmp/kubeconfig', context: 'prod' },
    ],
    ['memory store', { STORE_URL: 'memory://' }, (c) => c.store, { kind: 'memory' }],
    [
      'sqlite store, absolute path',
      { STORE_URL: 'sqlite:///var/lib/sre-bot/db.sqlite' },
      (c) => c.store,
      { kind: 'sqlite', path: '/var/lib/sre-bot/db.sqlite' },
    ],
    [
      'redis store',
      { STORE_URL: 'redis://redis:6379/0' },
      (c) => c.store,
      { kind: 'redis', url: 'redis://redis:6379/0' },
    ],
    [
      'redis over TLS',
      { STORE_URL: 'rediss://user:pw@redis:6380' },
      (c) => c.store,
      { kind: 'redis', url: 'rediss://user:pw@redis:6380' },
    ],
    ['alerts token', { ALERTS_TOKEN: '0123456789abcdef' }, (c) => c.alertsToken, '0123456789abcdef'],
    ['PORT 0 (any free port)', { PORT: '0' }, (c) => c.port, 0],
    ['PORT 65535', { PORT: '65535' }, (c) => c.port, 65535],
    [
      'verification settings',
      { SRE_VERIFY_TIMEOUT_SECONDS: '600', SRE_VERIFY_SETTLE_SECONDS: '0' },
      (c) => c.verify,
      { timeoutSeconds: 600, settleSeconds: 0 },
    ],
    ['incident TTL in hours', { SRE_INCIDENT_TTL_HOURS: '0.5' }, (c) => c.incidentTtlHours, 0.5],
    ['log level', { LOG_LEVEL: 'debug' }, (c) => c.logLevel, 'debug'],
  ])('%s', (_name, env, read, expected) => {
    expect(read(loadConfig(env))).toEqual(expected);
  });
});

describe('loadConfig: LLM_PROVIDER and the settings each provider needs', () => {
  it.each<[string, Record<string, string>, Config['llm']]>([
    [
      'openai with an API key: default model and timeouts',
      { LLM_PROVIDER: 'openai', OPENAI_API_KEY: 'sk-test' },
      {
        provider: 'openai',
        model: 'gpt-4o-mini',
        apiKey: 'sk-test',
        baseUrl: undefined,
        timeoutMs: 30_000,
        maxPromptTokens: 4000,
      },
    ],
    [
      'openai-compatible local server: a base URL is enough',
      { LLM_PROVIDER: 'openai', OPENAI_BASE_URL: 'http://127.0.0.1:8000/v1', LLM_MODEL: 'qwen2.5' },
      {
        provider: 'openai',
        model: 'qwen2.5',
        apiKey: undefined,
        baseUrl: 'http://127.0.0.1:8000/v1',
        timeoutMs: 30_000,
        maxPromptTokens: 4000,
      },
    ],
    [
      'ollama defaults',
      { LLM_PROVIDER: 'ollama' },
      {
        provider: 'ollama',
        model: 'llama3.1:8b',
        host: 'http://127.0.0.1:11434',
        timeoutMs: 30_000,
        maxPromptTokens: 4000,
      },
    ],
    [
      'ollama with host, model, timeout and budget',
      {
        LLM_PROVIDER: 'ollama',
        OLLAMA_HOST: 'http://gpu-box:11434',
        LLM_MODEL: 'mistral',
        LLM_TIMEOUT_SECONDS: '5',
        LLM_MAX_PROMPT_TOKENS: '2000',
      },
      {
        provider: 'ollama',
        model: 'mistral',
        host: 'http://gpu-box:11434',
        timeoutMs: 5000,
        maxPromptTokens: 2000,
      },
    ],
    ['none ignores the LLM settings', { LLM_PROVIDER: 'none', OPENAI_API_KEY: 'sk-x' }, { provider: 'none' }],
  ])('%s', (_name, env, expected) => {
    expect(loadConfig(env).llm).toEqual(expected);
  });

  it('openai with neither OPENAI_API_KEY nor OPENAI_BASE_URL names OPENAI_API_KEY', () => {
    const error = configError({ LLM_PROVIDER: 'openai' });
    expect(error.variable).toBe('OPENAI_API_KEY');
    expect(error.message).toMatch(/^OPENAI_API_KEY: .*LLM_PROVIDER=openai.*OPENAI_BASE_URL/);
  });
});

describe('loadConfig: a malformed value is one line naming the variable', () => {
  it.each<[string, string, RegExp?]>([
    // Slack credentials and IDs
    ['SLACK_BOT_TOKEN', 'xoxp-user-token-123', /xoxb-/],
    ['SLACK_BOT_TOKEN', 'xoxb-', /xoxb-/],
    ['SLACK_BOT_TOKEN', 'xoxb-has spaces', /xoxb-/],
    ['SLACK_APP_TOKEN', 'xoxb-123', /xapp-/],
    ['SLACK_APP_TOKEN', 'xapp-', /xapp-/],
    ['SLACK_SIGNING_SECRET', '   ', /blank/],
    ['SLACK_API_URL', 'not a url'],
    ['SLACK_API_URL', 'localhost:3000/api/', /http/],
    ['SLACK_API_URL', 'ftp://slack.example/api/', /http/],
    ['SLACK_CHANNEL', '#incidents', /channel ID/],
    ['SLACK_CHANNEL', 'incidents'],
    ['SLACK_CHANNEL', 'c0lowercase'],
    ['SLACK_CHANNEL', 'U0ALICE'],
    ['SRE_APPROVERS', '@alice', /user/],
    ['SRE_APPROVERS', 'U0ALICE,alice@example.com'],
    ['SRE_APPROVERS', 'u0alice'],
    ['SRE_APPROVERS', 'C0INCIDENTS'],
    ['SRE_APPROVERS', ',', /at least one/],
    ['SRE_APPROVERS', ' , ', /at least one/],
    ['SRE_ONCALL', '@oncall'],
    ['SRE_ONCALL', 'U0ALICE,U0BOB'],
    ['SRE_ONCALL', 'C0INCIDENTS'],
    // Namespaces
    ['SRE_NAMESPACES', 'Payments', /namespace/],
    ['SRE_NAMESPACES', 'payments,kube_system'],
    ['SRE_NAMESPACES', '-payments'],
    ['SRE_NAMESPACES', 'pay*'],
    ['SRE_NAMESPACES', ',', /at least one/],
    // LLM
    ['LLM_PROVIDER', 'OpenAI', /none.*openai.*ollama/],
    ['LLM_PROVIDER', 'anthropic'],
    ['LLM_TIMEOUT_SECONDS', '0'],
    ['LLM_TIMEOUT_SECONDS', 'soon', /whole number/],
    ['LLM_MAX_PROMPT_TOKENS', '4k'],
    ['OPENAI_BASE_URL', '127.0.0.1:8000/v1'],
    ['OLLAMA_HOST', 'localhost:11434', /http:\/\/127\.0\.0\.1:11434/],
    ['OLLAMA_HOST', '127.0.0.1:11434'],
    // Store
    ['STORE_URL', 'postgres://db/sre', /sqlite:\/\/PATH, redis:\/\/HOST:PORT or memory:\/\//],
    ['STORE_URL', 'sqlite://'],
    ['STORE_URL', 'redis://'],
    ['STORE_URL', 'memory://somewhere'],
    ['STORE_URL', './data/sre-bot.db'],
    // Alerts, HTTP, verification, expiry, logging
    ['ALERTS_TOKEN', 'short', /16/],
    ['PORT', 'http', /whole number/],
    ['PORT', '-1'],
    ['PORT', '65536', /65535/],
    ['PORT', '3000.5'],
    ['PORT', ' ', /whole number/],
    ['PORT', '0x10'],
    ['PORT', '1e3'],
    ['SRE_VERIFY_TIMEOUT_SECONDS', '0'],
    ['SRE_VERIFY_TIMEOUT_SECONDS', '5m'],
    ['SRE_VERIFY_SETTLE_SECONDS', '-5'],
    ['SRE_INCIDENT_TTL_HOURS', '0', /hours/],
    ['SRE_INCIDENT_TTL_HOURS', 'a day'],
    ['LOG_LEVEL', 'verbose'],
  ])('%s=%j', (variable, value, detail) => {
    const error = configError({ [variable]: value });
    expect(error.code).toBe('config_invalid');
    expect(error.variable).toBe(variable);
    expect(error.message.startsWith(`${variable}: `)).toBe(true);
    expect(error.message).not.toContain('\n');
    if (detail) expect(error.message).toMatch(detail);
  });

  it('names the malformed variable even when others are fine', () => {
    const error = configError({ SLACK_BOT_TOKEN: 'xoxb-ok-1', PORT: 'eighty', STORE_URL: 'memory://' });
    expect(error.variable).toBe('PORT');
  });
});

describe('loadConfig: empty strings mean unset', () => {
  it.each([
    'SLACK_BOT_TOKEN',
    'SLACK_SIGNING_SECRET',
    'SLACK_APP_TOKEN',
    'SLACK_API_URL',
    'SLACK_CHANNEL',
    'SRE_APPROVERS',
    'SRE_ONCALL',
    'SRE_NAMESPACES',
    'KUBECONFIG',
    'SRE_KUBE_CONTEXT',
    'LLM_PROVIDER',
    'LLM_MODEL',
    'OPENAI_API_KEY',
    'OPENAI_BASE_URL',
    'OLLAMA_HOST',
    'STORE_URL',
    'ALERTS_TOKEN',
    'PORT',
    'SRE_VERIFY_TIMEOUT_SECONDS',
    'SRE_VERIFY_SETTLE_SECONDS',
  ])('%s=""', (variable) => {
    // Validators that would reject "" (tokens, IDs, URLs, numbers) never see it: the defaults stand.
    const config = loadConfig({ [variable]: '' });
    expect(config).toEqual(expect.objectContaining(withoutFunctions(loadConfig({}))));
  });
});

describe('loadConfig: command-line overrides', () => {
  const env = { KUBECONFIG: '/env/kubeconfig', SRE_KUBE_CONTEXT: 'env-context', LLM_PROVIDER: 'none' };

  it('take precedence over their variables', () => {
    const config = loadConfig(
      { ...env, OPENAI_API_KEY: 'sk-env' },
      { KUBECONFIG: '/flag/kubeconfig', SRE_KUBE_CONTEXT: 'flag-context', LLM_PROVIDER: 'openai' },
    );
    expect(config.kube).toEqual({ kubeconfig: '/flag/kubeconfig', context: 'flag-context' });
    expect(config.llm.provider).toBe('openai');
  });

  it('leave the environment alone when undefined', () => {
    const config = loadConfig(env, {
      KUBECONFIG: undefined,
      SRE_KUBE_CONTEXT: undefined,
      LLM_PROVIDER: undefined,
    });
    expect(config.kube).toEqual({ kubeconfig: '/env/kubeconfig', context: 'env-context' });
  });

  it('are validated like the variables', () => {
    expect(() => loadConfig(env, { LLM_PROVIDER: 'gpt' })).toThrow(/^LLM_PROVIDER: /);
    expect(() => loadConfig(env, { LLM_PROVIDER: 'openai' })).toThrow(/^OPENAI_API_KEY: /);
  });
});

describe('SRE_NAMESPACES policy', () => {
  const SYSTEM = ['kube-system', 'kube-public', 'kube-node-lease'];

  it.each<[string, string | undefined, string[], string[]]>([
    [
      'unset = "*": all but the system namespaces',
      undefined,
      ['payments', 'default', 'kube-systemx'],
      SYSTEM,
    ],
    ['"*" explicitly', '*', ['payments', 'default'], SYSTEM],
    [
      '"*" plus a system namespace named explicitly',
      '*,kube-system',
      ['payments', 'kube-system'],
      ['kube-public', 'kube-node-lease'],
    ],
    [
      'a list: only those',
      'payments,checkout',
      ['payments', 'checkout'],
      ['default', 'payment', 'kube-system'],
    ],
    ['a system namespace listed on its own', 'kube-system', ['kube-system'], ['default', 'kube-public']],
  ])('%s', (_name, value, allowed, refused) => {
    const config = loadConfig(value === undefined ? {} : { SRE_NAMESPACES: value });
    for (const namespace of allowed) expect(config.namespaceAllowed(namespace), namespace).toBe(true);
    for (const namespace of refused) expect(config.namespaceAllowed(namespace), namespace).toBe(false);
  });
});

describe('requireSlack', () => {
  it.each<[string, Record<string, string>, string]>([
    ['no bot token', { SLACK_SIGNING_SECRET: 'secret' }, 'SLACK_BOT_TOKEN'],
    ['HTTP mode without a signing secret', { SLACK_BOT_TOKEN: 'xoxb-1-2' }, 'SLACK_SIGNING_SECRET'],
    ['nothing at all', {}, 'SLACK_BOT_TOKEN'],
  ])('refuses %s, naming %s', (_name, env, variable) => {
    const config = loadConfig(env);
    let caught: unknown;
    try {
      requireSlack(config);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(ConfigError);
    expect((caught as ConfigError).variable).toBe(variable);
    expect((caught as ConfigError).message).toMatch(new RegExp(`^${variable}: .*serve`));
  });

  it('accepts HTTP mode (token + signing secret)', () => {
    expect(requireSlack(loadConfig({ SLACK_BOT_TOKEN: 'xoxb-1-2', SLACK_SIGNING_SECRET: 's' }))).toEqual({
      botToken: 'xoxb-1-2',
      signingSecret: 's',
      appToken: undefined,
    });
  });

  it('accepts Socket Mode (token + app token, no signing secret)', () => {
    expect(requireSlack(loadConfig({ SLACK_BOT_TOKEN: 'xoxb-1-2', SLACK_APP_TOKEN: 'xapp-1-2' }))).toEqual({
      botToken: 'xoxb-1-2',
      signingSecret: undefined,
      appToken: 'xapp-1-2',
    });
  });
});

function withoutFunctions(config: Config): Partial<Config> {
  const { namespaceAllowed: _policy, ...rest } = config;
  return rest;
}

describe('logLevelFromEnvironment (sre-bot demo)', () => {
  it('reads LOG_LEVEL alone, so a serve-only variable elsewhere cannot stop the demo', () => {
    expect(logLevelFromEnvironment({ LOG_LEVEL: 'debug', SLACK_CHANNEL: '#not-an-id' })).toBe('debug');
    expect(logLevelFromEnvironment({})).toBe('info');
    expect(logLevelFromEnvironment({ LOG_LEVEL: '' })).toBe('info');
  });

  it('a malformed LOG_LEVEL is one line naming it', () => {
    expect(() => logLevelFromEnvironment({ LOG_LEVEL: 'loud' })).toThrow(/^LOG_LEVEL: /);
  });
});
