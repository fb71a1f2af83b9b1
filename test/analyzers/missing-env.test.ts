import { describe, expect, it } from 'vitest';
import { missingEnvAnalyzer } from '../../src/analyzers/missing-env.js';
import { missingEnvMentions } from '../../src/analyzers/support/env-log-patterns.js';
import type { Snapshot } from '../../src/domain/snapshot.js';
import type { Container } from '../../src/kube/types.js';
import { onlyFinding, run, topProposal } from '../support/analyzer-helpers.js';
import { paymentsMissingEnv } from '../support/scenarios-containers.js';
import { scenariosExcept } from '../support/scenarios.js';

/** The payments fixture with its container spec, ConfigMaps or Secrets changed. */
function payments(change: {
  container?: Partial<Container>;
  configMaps?: Snapshot['configMaps'];
  secrets?: Snapshot['secrets'];
  logLine?: string;
}): Snapshot {
  const snapshot = paymentsMissingEnv();
  const template = snapshot.deployments[0]!.spec!.template.spec!;
  template.containers[0] = { ...template.containers[0]!, ...change.container };
  if (change.logLine) for (const log of snapshot.logs) log.lines = ['starting', change.logLine];
  return {
    ...snapshot,
    ...(change.configMaps ? { configMaps: change.configMaps } : {}),
    ...(change.secrets ? { secrets: change.secrets } : {}),
  };
}

describe('missing-env analyzer', () => {
  it('grounds the fix in the ConfigMap key of the same name', () => {
    const finding = onlyFinding(missingEnvAnalyzer, 'payments-missing-env');
    expect(finding).toMatchObject({
      category: 'missing_env',
      specificity: 90,
      workload: 'payments',
      container: 'app',
    });
    expect(finding.evidence[0]).toBe('log: Error: environment variable REQUIRED_CONFIG is not set');
    expect(topProposal(finding)).toEqual({
      action: 'set_env',
      target: { kind: 'Deployment', namespace: 'payments', name: 'payments', container: 'app' },
      params: {
        name: 'REQUIRED_CONFIG',
        valueFrom: { configMapKeyRef: { name: 'payments-config', key: 'REQUIRED_CONFIG' } },
      },
      rationale: expect.stringContaining('ConfigMap payments-config already has a key REQUIRED_CONFIG'),
    });
  });

  it('uses a Secret key when only a Secret holds it', () => {
    const snapshot = payments({
      configMaps: [],
      secrets: [{ name: 'payments-secrets', keys: ['REQUIRED_CONFIG'] }],
    });
    expect(topProposal(onlyFinding(missingEnvAnalyzer, snapshot)).params).toEqual({
      name: 'REQUIRED_CONFIG',
      valueFrom: { secretKeyRef: { name: 'payments-secrets', key: 'REQUIRED_CONFIG' } },
    });
  });

  it('writes the exact commands to create and wire the key when nothing holds it', () => {
    const snapshot = payments({ configMaps: [{ name: 'payments-config', keys: ['LOG_LEVEL'] }] });
    const proposal = topProposal(onlyFinding(missingEnvAnalyzer, snapshot));
    expect(proposal.action).toBe('manual');
    expect(proposal.params['commands']).toEqual([
      `kubectl -n payments patch configmap payments-config --type merge -p '{"data":{"REQUIRED_CONFIG":"<value>"}}'`,
      'kubectl -n payments set env deployment/payments -c app --from=configmap/payments-config --keys=REQUIRED_CONFIG',
    ]);
  });

  it('creates a ConfigMap when the workload has none', () => {
    const proposal = topProposal(onlyFinding(missingEnvAnalyzer, payments({ configMaps: [] })));
    expect(proposal.params['commands']).toContain(
      'kubectl -n payments create configmap payments-config --from-literal=REQUIRED_CONFIG=<value>',
    );
  });

  it('fires when the variable is defined but empty', () => {
    const finding = onlyFinding(
      missingEnvAnalyzer,
      payments({ container: { env: [{ name: 'REQUIRED_CONFIG', value: '' }] } }),
    );
    expect(finding.message).toContain('defines it empty');
  });

  it.each<[string, Partial<Container>]>([
    ['a literal value', { env: [{ name: 'REQUIRED_CONFIG', value: 'on' }] }],
    [
      'an existing key reference',
      {
        env: [
          {
            name: 'REQUIRED_CONFIG',
            valueFrom: { configMapKeyRef: { name: 'payments-config', key: 'REQUIRED_CONFIG' } },
          },
        ],
      },
    ],
    ['envFrom of a ConfigMap holding it', { envFrom: [{ configMapRef: { name: 'payments-config' } }] }],
  ])('stays silent when the spec already defines it through %s', (_label, spec) => {
    expect(run(missingEnvAnalyzer, payments({ container: spec }))).toEqual([]);
  });

  it.each([
    ['Error: environment variable DATABASE_URL is not set', 'DATABASE_URL'],
    ['Error: DATABASE_URL is not set', 'DATABASE_URL'],
    ['fatal: API_TOKEN must be set', 'API_TOKEN'],
    ['missing required environment variable REDIS_HOST', 'REDIS_HOST'],
    ['Missing environment variable: SMTP_HOST', 'SMTP_HOST'],
    ['env: required environment variable "QUEUE_URL" is not set', 'QUEUE_URL'],
    ['required key PORT missing value', 'PORT'],
    ['EnvVarError: env-var: "JWT_SECRET" is a required variable, but it was undefined', 'JWT_SECRET'],
    ['Error: process.env.STRIPE_KEY is undefined', 'STRIPE_KEY'],
    ['Could not resolve placeholder \'DB_HOST\' in value "${DB_HOST}"', 'DB_HOST'],
  ])('reads %j as missing %s', (line, name) => {
    expect(missingEnvMentions([line]).map((m) => m.name)).toEqual([name]);
  });

  it('reads a Python KeyError only when the traceback comes from os.environ', () => {
    const traceback = [
      '  File "/app/main.py", line 3, in <module>',
      '    DB = os.environ["DB_URL"]',
      "KeyError: 'DB_URL'",
    ];
    expect(missingEnvMentions(traceback).map((m) => m.name)).toEqual(['DB_URL']);
    expect(missingEnvMentions(["KeyError: 'DB_URL'"])).toEqual([]);
  });

  it.each([
    'Error: config is not set',
    "KeyError: 'user_id'",
    'listening on :8080',
    'Error: connect ECONNREFUSED 10.96.0.12:5432',
  ])('does not read %j as a missing variable', (line) => {
    expect(missingEnvMentions([line])).toEqual([]);
  });

  it('ignores a healthy container that logs an optional variable as unset', () => {
    expect(run(missingEnvAnalyzer, 'healthy')).toEqual([]);
  });

  it.each(scenariosExcept(['payments-missing-env']))('is silent on %s', (scenario) => {
    expect(run(missingEnvAnalyzer, scenario)).toEqual([]);
  });
});
