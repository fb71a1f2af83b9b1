/**
 * The YAML diff people read before approving (Slack thread, `sre-bot fix`): noise fields dropped, and literal
 * values of sensitive env entries masked on both sides — even in context lines — while a changed one still shows.
 */
import { describe, expect, it } from 'vitest';
import { isEmptyDiff, yamlDiff } from '../../src/remediate/object-diff.js';

const deployment = (env: Record<string, unknown>[], resourceVersion = '1') => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: 'payments', namespace: 'payments', resourceVersion, managedFields: [{ manager: 'x' }] },
  spec: { template: { spec: { containers: [{ name: 'app', image: 'payments:1', env }] } } },
  status: { replicas: 2 },
});

describe('yamlDiff', () => {
  it('shows the added variable and masks a sensitive literal value beside it', () => {
    const before = deployment([{ name: 'DB_PASSWORD', value: 'hunter22-canary' }]);
    const after = deployment(
      [
        { name: 'DB_PASSWORD', value: 'hunter22-canary' },
        {
          name: 'REQUIRED_CONFIG',
          valueFrom: { configMapKeyRef: { name: 'payments-config', key: 'REQUIRED_CONFIG' } },
        },
      ],
      '2',
    );
    const diff = yamlDiff('deployment/payments', before, after);
    expect(diff).not.toContain('hunter22-canary');
    expect(diff).toContain('  value: "[REDACTED]"');
    expect(diff).toContain('+            - name: REQUIRED_CONFIG');
    // Noise that changes on every write is not part of the diff.
    expect(diff).not.toMatch(/resourceVersion|managedFields|replicas: 2/);
  });

  it('shows that a sensitive value changes, without either value', () => {
    const diff = yamlDiff(
      'deployment/payments',
      deployment([{ name: 'API_TOKEN', value: 'old-canary' }]),
      deployment([{ name: 'API_TOKEN', value: 'new-canary' }]),
    );
    expect(diff).not.toMatch(/old-canary|new-canary/);
    expect(diff).toContain('-              value: "[REDACTED]"');
    expect(diff).toContain('+              value: "[REDACTED] (changed)"');
    expect(isEmptyDiff(diff)).toBe(false);
  });

  it('is empty when nothing but noise changed', () => {
    const env = [{ name: 'LOG_LEVEL', value: 'info' }];
    expect(isEmptyDiff(yamlDiff('deployment/payments', deployment(env), deployment(env, '9')))).toBe(true);
  });
});
