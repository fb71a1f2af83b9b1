import { describe, expect, it } from 'vitest';
import { diagnoseWithRules } from '../../src/diagnosis/rules-diagnosis.js';
import { runAnalyzers } from '../../src/diagnosis/run-analyzers.js';
import { validateProposals } from '../../src/diagnosis/validate-proposals.js';
import type { Finding } from '../../src/domain/finding.js';
import type { Snapshot } from '../../src/domain/snapshot.js';
import { SCENARIOS, type ScenarioName } from '../support/scenarios.js';
import { snapshotOf, targeted } from '../support/snapshot-builder.js';

function diagnose(snapshot: Snapshot) {
  const { findings } = runAnalyzers(snapshot);
  const rules = diagnoseWithRules(snapshot, findings);
  const { proposals, rejected } = validateProposals(rules.drafts, {
    snapshot,
    allowedNamespaces: () => true,
    source: 'rules',
  });
  return { ...rules, proposals, rejected };
}

function finding(overrides: Partial<Finding>): Finding {
  return {
    analyzer: 'test',
    object: { kind: 'Pod', name: 'app-7c9d8b6f5-x2x9q' },
    reason: 'Test',
    message: 'Something.',
    evidence: [],
    workload: 'app',
    category: 'crash',
    specificity: 50,
    confidence: 0.5,
    proposals: [],
    ...overrides,
  };
}

describe('rules diagnosis on the public scenarios', () => {
  it.each<[ScenarioName, string, string, Record<string, unknown>]>([
    [
      'payments-missing-env',
      'missing_env',
      'set_env',
      {
        name: 'REQUIRED_CONFIG',
        valueFrom: { configMapKeyRef: { name: 'payments-config', key: 'REQUIRED_CONFIG' } },
      },
    ],
    ['checkout-oom', 'oom', 'set_resources', { limits: { memory: '512Mi' } }],
    ['frontend-bad-image', 'image_pull', 'rollback', { toRevision: 1 }],
    ['ledger-missing-configmap', 'missing_config', 'manual', {}],
    ['search-unschedulable', 'unschedulable', 'manual', {}],
    [
      'api-readiness-port',
      'probe_failure',
      'set_probe',
      { probe: 'readiness', httpGet: { path: '/ready', port: 8080 } },
    ],
    [
      'worker-liveness-early',
      'probe_failure',
      'set_probe',
      { probe: 'startup', periodSeconds: 10, failureThreshold: 30 },
    ],
    ['orders-bad-command', 'crash', 'rollback', { toRevision: 1 }],
    ['cart-scaled-to-zero', 'scaled_to_zero', 'scale', { replicas: 3 }],
    ['inventory-missing-secret-key', 'missing_config', 'manual', {}],
    ['web-selector-mismatch', 'no_endpoints', 'manual', {}],
  ])('%s ⇒ %s with %s first', (scenario, category, action, params) => {
    const result = diagnose(SCENARIOS[scenario]());
    expect(result.diagnosis).toMatchObject({ hasIssue: true, category, source: 'rules' });
    expect(result.rejected).toEqual([]);
    expect(result.proposals[0]).toMatchObject({ action, params });
    expect(result.proposals[0]?.id).toMatch(/^[0-9a-f]{16}$/);
  });

  it('finds nothing wrong in a healthy namespace, and proposes nothing', () => {
    const result = diagnose(SCENARIOS.healthy());
    expect(result.diagnosis).toMatchObject({ hasIssue: false, category: 'none', source: 'rules' });
    expect(result.proposals).toEqual([]);
    expect(result.findings).toEqual([]);
  });
});

describe('root-cause selection', () => {
  it('prefers the missing variable over the crash loop it causes', () => {
    const result = diagnose(SCENARIOS['payments-missing-env']());
    expect(result.rootCause?.analyzer).toBe('missing-env');
    expect(result.findings.map((f) => f.analyzer)).toEqual([
      'missing-env',
      'crash-loop',
      'service-endpoints',
    ]);
    expect(result.diagnosis.evidence[0]).toBe('log: Error: environment variable REQUIRED_CONFIG is not set');
  });

  it('ranks by specificity before confidence, and by confidence on a tie', () => {
    const symptom = finding({ category: 'crash', specificity: 30, confidence: 0.95 });
    const cause = finding({ category: 'missing_env', specificity: 90, confidence: 0.7 });
    const sure = finding({ category: 'oom', specificity: 90, confidence: 0.9 });
    expect(diagnoseWithRules(snapshotOf('demo'), [symptom, cause]).diagnosis.category).toBe('missing_env');
    expect(diagnoseWithRules(snapshotOf('demo'), [symptom, cause, sure]).diagnosis.category).toBe('oom');
  });

  it('only considers the target deployment when the request named one', () => {
    const other = finding({ workload: 'billing', category: 'oom', specificity: 95 });
    const mine = finding({ workload: 'payments', category: 'missing_env', specificity: 90 });
    const snapshot = targeted(snapshotOf('payments'), 'payments');
    expect(diagnoseWithRules(snapshot, [other, mine]).diagnosis.category).toBe('missing_env');
    expect(diagnoseWithRules(snapshot, [other]).diagnosis).toMatchObject({
      hasIssue: false,
      category: 'none',
      summary: 'No issue found in deployment/payments.',
    });
  });

  it('writes a one-line summary, a short root cause and bounded evidence', () => {
    const many = finding({
      evidence: Array.from({ length: 30 }, (_, i) => `log: line ${i}`),
      message: 'Container app fails (2 of 2 pods; see logs); more detail.',
    });
    const { diagnosis } = diagnoseWithRules(snapshotOf('demo'), [many, finding({ evidence: ['status: x'] })]);
    expect(diagnosis.evidence.length).toBeLessThanOrEqual(12);
    expect(diagnosis.evidence[0]).toBe('log: line 0');
    expect(diagnosis.summary).toBe('Container crashes: Container app fails (2 of 2 pods; see logs).');
    const { diagnosis: real } = diagnose(SCENARIOS['payments-missing-env']());
    expect(real.summary).not.toContain('\n');
    const sentences = real.rootCause.split(/(?<=\.) (?=[A-Z])/).length;
    expect(sentences).toBeGreaterThanOrEqual(2);
    expect(sentences).toBeLessThanOrEqual(4);
    expect(real.rootCause).toContain('REQUIRED_CONFIG');
  });

  it('keeps other findings\u2019 concrete fixes as fallbacks but not their manual notes', () => {
    const fix = {
      action: 'rollback' as const,
      target: { kind: 'Deployment' as const, namespace: 'demo', name: 'app' },
      params: { toRevision: 1 },
      rationale: 'r',
    };
    const note = {
      action: 'manual' as const,
      target: fix.target,
      params: { instruction: 'look' },
      rationale: 'r',
    };
    const cause = finding({ specificity: 90, proposals: [{ ...note, params: { instruction: 'do this' } }] });
    const symptom = finding({ specificity: 20, proposals: [note, fix] });
    expect(diagnoseWithRules(snapshotOf('demo'), [symptom, cause]).drafts.map((d) => d.action)).toEqual([
      'manual',
      'rollback',
    ]);
  });
});
