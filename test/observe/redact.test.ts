/**
 * Redaction (peers §2.6: secrets reaching the LLM or Slack). Each token shape is masked with its context kept
 * readable; ordinary log and event lines — paths, UUIDs, image digests, timestamps, Kubernetes messages, errors
 * with numbers — come out unchanged, because a false positive destroys the evidence a diagnosis rests on.
 * Token-shaped values below are fabricated for the test.
 */
import { describe, expect, it } from 'vitest';
import {
  isSensitiveName,
  MASK,
  maskSensitiveEnv,
  redactKnownValues,
  redactText,
} from '../../src/observe/redact.js';

const R = MASK;

describe('redactText masks each token shape and keeps the context', () => {
  it.each<[string, string, string]>([
    ['bearer header', 'Authorization: Bearer 9f8e7d6c5b4a3f2e1d0c', `Authorization: Bearer ${R}`],
    ['bearer, lower case', 'sending bearer Zm9vYmFyYmF6cXV4 upstream', `sending bearer ${R} upstream`],
    [
      'bearer, letters only (mixed case)',
      'Authorization: Bearer AbCdEfGhIjKlMnOp',
      `Authorization: Bearer ${R}`,
    ],
    ['basic header', 'Authorization: Basic dXNlcjpodW50ZXIy', `Authorization: Basic ${R}`],
    ['token scheme', 'Authorization: Token 4b1e2d8f7a9c3e5d', `Authorization: Token ${R}`],
    [
      'JWT',
      'rejected eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U (expired)',
      `rejected ${R} (expired)`,
    ],
    ['AWS access key id', 'using key AKIAIOSFODNN7EXAMPLE for s3', `using key ${R} for s3`],
    ['AWS temporary key id', 'sts gave ASIAY34FZKBOKMUTVV7A', `sts gave ${R}`],
    [
      'AWS secret access key (key=value)',
      'aws_secret_access_key=wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
      `aws_secret_access_key=${R}`,
    ],
    [
      'AWS secret access key (bare)',
      'key wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY loaded',
      `key ${R} loaded`,
    ],
    [
      'Slack bot token',
      'slack: invalid_auth for xoxb-1234567890-0987654321-AbCdEfGhIjKl',
      `slack: invalid_auth for ${R}`,
    ],
    ['Slack user token', 'token xoxp-1234567890-abcdefghij', `token ${R}`],
    ['Slack app token', 'socket mode with xapp-1-A0123456789-1234567890-abcdef', `socket mode with ${R}`],
    [
      'GitHub personal token',
      'git clone failed: ghp_0123456789abcdefghijABCDEFGHIJ012345',
      `git clone failed: ${R}`,
    ],
    ['GitHub fine-grained token', 'GH github_pat_11ABCDEFG0123456789_abcdefghijklmnop', `GH ${R}`],
    ['GitHub app token', 'installation ghs_0123456789abcdefghijABCDEFGHIJ012345', `installation ${R}`],
    ['OpenAI key', 'openai: 401 for sk-abcdefghijklmnop0123456789', `openai: 401 for ${R}`],
    ['OpenAI project key', 'OPENAI sk-proj-Abc123Def456Ghi789Jkl0', `OPENAI ${R}`],
    ['Stripe secret key', 'stripe: sk_live_0123456789abcdefABCDEF declined', `stripe: ${R} declined`],
    ['Stripe restricted key', 'charge via rk_test_0123456789abcdefABCDEF', `charge via ${R}`],
    ['Google API key', 'maps key AIzaSyA1234567890abcdefghijklmnopqrstuv used', `maps key ${R} used`],
    ['GitLab token', 'gitlab glpat-abcdefghij0123456789 denied', `gitlab ${R} denied`],
    [
      'password in a database URL',
      'connecting to postgres://app:s3cr3t@db:5432/payments',
      `connecting to postgres://app:${R}@db:5432/payments`,
    ],
    [
      'password with @ in a URL',
      'dial amqp://guest:p@ss@rabbit:5672/',
      `dial amqp://guest:${R}@rabbit:5672/`,
    ],
    [
      'password with no user (Redis)',
      'redis: connect redis://:hunter22@redis:6379/0',
      `redis: connect redis://:${R}@redis:6379/0`,
    ],
    ['password=', 'login failed password=hunter2 user=app', `login failed password=${R} user=app`],
    ['PASSWORD env dump', 'config DB_PASSWORD=canary-env-4b1e2d8f', `config DB_PASSWORD=${R}`],
    ['passwd:', 'passwd: letmein!', `passwd: ${R}`],
    ['YAML secret', 'client_secret: 0a1b2c3d4e5f', `client_secret: ${R}`],
    ['JSON apiKey', '{"apiKey": "abcd1234efgh", "region": "eu"}', `{"apiKey": "${R}", "region": "eu"}`],
    ['quoted single', "token='t0k3n-value'", `token='${R}'`],
    [
      'pretty-printed JSON (space before the colon)',
      '{ "password" : "hunter22", "db_token" :"abc-123", "user" : "app" }',
      `{ "password" : "${R}", "db_token" :"${R}", "user" : "app" }`,
    ],
    [
      'query string token',
      'GET /callback?access_token=abc123def&state=42 200',
      `GET /callback?access_token=${R}&state=42 200`,
    ],
    ['spaced ini assignment', 'password = hunter2', `password = ${R}`],
    [
      'a flag naming a secret, its value after a space',
      'exec /app --db-password hunter22 --api-key "k-123456" --port 8080',
      `exec /app --db-password ${R} --api-key "${R}" --port 8080`,
    ],
    [
      'PEM private key',
      'loaded -----BEGIN RSA PRIVATE KEY-----\nMIIEowIBAAKCAQEA7\nabc\n-----END RSA PRIVATE KEY----- ok',
      `loaded -----BEGIN PRIVATE KEY-----${R}-----END PRIVATE KEY----- ok`,
    ],
    [
      'PEM private key cut off by a byte limit',
      'key: -----BEGIN PRIVATE KEY-----\\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASC',
      `key: -----BEGIN PRIVATE KEY-----${R}-----END PRIVATE KEY-----`,
    ],
  ])('%s', (_name, input, expected) => {
    expect(redactText(input)).toBe(expected);
  });

  it('masks several secrets on one line', () => {
    expect(redactText('user=app password=hunter2 Authorization: Bearer 9f8e7d6c5b4a3f2e1d0c')).toBe(
      `user=app password=${R} Authorization: Bearer ${R}`,
    );
  });

  it('is idempotent (a masked line stays as it is)', () => {
    const once = redactText('postgres://app:s3cr3t@db/x Bearer 9f8e7d6c5b4a3f2e1d0c token=abc123');
    expect(redactText(once)).toBe(once);
  });
});

describe('redactText leaves ordinary lines alone', () => {
  it.each([
    // Paths
    '/var/lib/kubelet/pods/3fa85f64/volumes/kubernetes.io~configmap/config',
    'loading /opt/App1/lib/Modules/Core/Handlers/Http/Server/Main',
    'open /app/src/Controllers/PaymentController2/Handlers/RefundHandler: no such file',
    'GET /api/v1/users?page=2&limit=50 200 12ms',
    // Identifiers, digests, versions, times
    'request 3fa85f64-5717-4562-b3fc-2c963f66afa6 took 1234ms status=503',
    'Container image "nginx@sha256:0d17b565c37bcbd895e9d92315a05c1c3c9a29f762b011a10c54a66cd53c9b31" already present on machine',
    'Successfully pulled image "registry.example.com/payments:1.1.0" in 1.2s (1.2s including waiting)',
    'commit 9b2c1e4f6a7d8e0f1a2b3c4d5e6f708192a3b4c5 deployed',
    '2024-05-01T12:34:56.789Z INFO listening on :8080',
    'trace_id=4bf92f3577b34da6a3ce929d0e0e4736 span_id=00f067aa0ba902b7',
    // Errors with numbers
    '2024-05-01T12:34:56.789Z ERROR connect ECONNREFUSED 10.0.0.12:5432',
    'Error: environment variable REQUIRED_CONFIG is not set',
    'java.lang.OutOfMemoryError: Java heap space at com.example.payments.Service.handle(Service.java:42)',
    'Killed process 4242 (node) total-vm:1048576kB, anon-rss:524288kB',
    'tests passed=120 failed=0 skipped=3',
    'max_tokens=4096 temperature=0.2 prompt_tokens=1234',
    'bypass=enabled cache=warm',
    'session expired after 3600 seconds',
    'token validation failed for user 42',
    'Token refreshed successfully',
    'using basic configuration from /etc/app',
    'Basic authentication enabled on port 8443',
    'password reset requested for user 42',
    // Kubernetes event messages the analyzers read
    'Back-off restarting failed container app in pod payments-7c9d8b6f5-x2x9q_payments(0b7c9c1e-1d2f-4e6a-9a3b-5c8d7e6f5a4b)',
    'Liveness probe failed: HTTP probe failed with statuscode: 500',
    'Readiness probe failed: Get "http://10.244.1.7:8081/ready": dial tcp 10.244.1.7:8081: connect: connection refused',
    '0/3 nodes are available: 3 Insufficient memory. preemption: 0/3 nodes are available: 3 No preemption victims found for incoming pod.',
    "Error: couldn't find key password in Secret inventory/inventory-db",
    'Error: secret "payments-db" not found',
    'MountVolume.SetUp failed for volume "db-secret" : secret "db-secret" not found',
    'MountVolume.SetUp failed for volume "tls" : secret "api-token" not found',
    'exceeded quota: compute, requested: limits.memory=2Gi, used: limits.memory=3Gi, limited: limits.memory=4Gi',
    'secretName: payments-db',
    'volumes[0].secret.secretName=payments-tls',
    'Failed to pull image "registry.example.com/frontend:2.0.0-typo": rpc error: code = NotFound',
  ])('%s', (line) => {
    expect(redactText(line)).toBe(line);
  });
});

describe('redactKnownValues', () => {
  it.each<[string, string, string[], string]>([
    ['every occurrence', 'pw hunter22 then hunter22 again', ['hunter22'], `pw ${R} then ${R} again`],
    ['several values', 'user alice pw hunter22', ['hunter22', 'alice-not-here'], `user alice pw ${R}`],
    ['regex characters taken literally', 'pw p4$$.w0rd* ok', ['p4$$.w0rd*'], `pw ${R} ok`],
    ['values shorter than 4 characters are ignored', 'port 123 on db', ['123', 'db'], 'port 123 on db'],
    ['no values', 'nothing to do', [], 'nothing to do'],
    [
      'a longer value that contains a shorter one is masked whole, whatever the order',
      'token abcd1234-extended and abcd1234',
      ['abcd1234', 'abcd1234-extended'],
      `token ${R} and ${R}`,
    ],
  ])('%s', (_name, text, values, expected) => {
    expect(redactKnownValues(text, values)).toBe(expected);
  });

  it('accepts any iterable (the observer passes a Set)', () => {
    expect(
      redactKnownValues('a=s3cr3t-one b=s3cr3t-one-two', new Set(['s3cr3t-one', 's3cr3t-one-two'])),
    ).toBe(`a=${R} b=${R}`);
  });
});

describe('isSensitiveName', () => {
  it.each([
    'DB_PASSWORD',
    'PASSWORD',
    'db_pass',
    'PASSWD',
    'GPG_PASSPHRASE',
    'CLIENT_SECRET',
    'AUTH_TOKEN',
    'AWS_SESSION_TOKEN',
    'STRIPE_API_KEY',
    'apiKey',
    'AWS_ACCESS_KEY_ID',
    'PRIVATE_KEY',
    'SSH_KEY',
    'ENCRYPTION_KEY',
    'signingKey',
    'GOOGLE_APPLICATION_CREDENTIALS',
    'BASIC_AUTH',
    'AUTHORIZATION',
    'SESSION_COOKIE',
    'WEBHOOK_SIGNATURE',
    'PASSWORD_SALT',
    'SENTRY_DSN',
    'CONNECTION_STRING',
    'DATABASE_URL',
    'JDBC_URL',
    'SLACK_WEBHOOK',
  ])('%s is sensitive', (name) => {
    expect(isSensitiveName(name)).toBe(true);
  });

  it.each([
    'PATH',
    'HOME',
    'LOG_LEVEL',
    'PORT',
    'DB_HOST',
    'DB_USER',
    'REQUIRED_CONFIG',
    'NODE_ENV',
    'AUTHOR',
    'OAUTH_CALLBACK_URL',
    'PASSTHROUGH',
    'BYPASS_CACHE',
    'COMPASS_URL',
    'MAX_TOKENS',
    'KEYCLOAK_REALM',
    'MONKEY_MODE',
  ])('%s is not', (name) => {
    expect(isSensitiveName(name)).toBe(false);
  });
});

describe('maskSensitiveEnv', () => {
  const container = (env: { name: string; value?: string }[]) => ({
    spec: { template: { spec: { containers: [{ name: 'app', env }] } } },
  });

  it('masks literal values of sensitive env entries anywhere in an object, and nothing else', () => {
    const input = container([
      { name: 'LOG_LEVEL', value: 'info' },
      { name: 'DB_PASSWORD', value: 'hunter22' },
      { name: 'STRIPE_API_KEY', value: 'sk_live_abc' },
    ]);
    expect(maskSensitiveEnv(input)).toEqual(
      container([
        { name: 'LOG_LEVEL', value: 'info' },
        { name: 'DB_PASSWORD', value: MASK },
        { name: 'STRIPE_API_KEY', value: MASK },
      ]),
    );
    // A copy: the object itself (what the cluster and the undo record hold) keeps the real values.
    expect(input.spec.template.spec.containers[0]!.env[1]!.value).toBe('hunter22');
  });

  it('masks env lists inside JSON patches, and ops that write one env value by path', () => {
    const patch = [
      { op: 'test', path: '/spec/template/spec/containers/0/name', value: 'app' },
      {
        op: 'replace',
        path: '/spec/template/spec/containers/0/env',
        value: [
          { name: 'DB_PASSWORD', value: 'hunter22' },
          { name: 'REQUIRED_CONFIG', valueFrom: { configMapKeyRef: { name: 'c', key: 'k' } } },
        ],
      },
      { op: 'replace', path: '/spec/template/spec/containers/0/env/3/value', value: 'hunter22' },
    ];
    const shown = JSON.stringify(maskSensitiveEnv(patch));
    expect(shown).not.toContain('hunter22');
    expect(shown).toContain('"value":"app"');
    expect(shown).toContain('REQUIRED_CONFIG');
  });

  it('with the object before, marks a sensitive value that changed without showing either value', () => {
    const before = container([
      { name: 'DB_PASSWORD', value: 'old-secret' },
      { name: 'API_TOKEN', value: 'same-token' },
    ]);
    const after = container([
      { name: 'DB_PASSWORD', value: 'new-secret' },
      { name: 'API_TOKEN', value: 'same-token' },
    ]);
    expect(maskSensitiveEnv(after, before)).toEqual(
      container([
        { name: 'DB_PASSWORD', value: `${MASK} (changed)` },
        { name: 'API_TOKEN', value: MASK },
      ]),
    );
  });
});
