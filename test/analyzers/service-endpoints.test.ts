import { describe, expect, it } from 'vitest';
import { serviceEndpointsAnalyzer } from '../../src/analyzers/service-endpoints.js';
import { onlyFinding, run, topProposal } from '../support/analyzer-helpers.js';
import { service } from '../support/kube-builders.js';
import { webSelectorMismatch } from '../support/scenarios-cluster.js';
import { scenariosExcept } from '../support/scenarios.js';

describe('service-endpoints analyzer', () => {
  it('fixes a selector no pod carries with the labels the intended pods have', () => {
    const finding = onlyFinding(serviceEndpointsAnalyzer, 'web-selector-mismatch');
    expect(finding).toMatchObject({
      category: 'no_endpoints',
      workload: 'web',
      object: { kind: 'Service', name: 'web' },
    });
    expect(finding.evidence[0]).toBe('status: service/web selector app=web-frontend matches 0 pods');
    expect(topProposal(finding)).toMatchObject({
      action: 'manual',
      target: { kind: 'Service', namespace: 'web', name: 'web' },
      params: {
        commands: [
          `kubectl -n web patch service web -p '{"spec":{"selector":{"app":"web","tier":"frontend"}}}'`,
        ],
      },
    });
  });

  it('removes selector keys the pods do not carry', () => {
    const snapshot = webSelectorMismatch();
    snapshot.services[0] = service('web', 'web', { app: 'web', role: 'frontend' });
    const command = (
      topProposal(onlyFinding(serviceEndpointsAnalyzer, snapshot)).params['commands'] as string[]
    )[0];
    expect(command).toBe(
      `kubectl -n web patch service web -p '{"spec":{"selector":{"app":"web","tier":"frontend","role":null}}}'`,
    );
  });

  it('reports a service whose pods exist but none is ready as a mere symptom', () => {
    const finding = onlyFinding(serviceEndpointsAnalyzer, 'api-readiness-port');
    expect(finding).toMatchObject({ reason: 'NoReadyEndpoints', workload: 'api', proposals: [] });
    expect(finding.specificity).toBeLessThanOrEqual(10);
  });

  it('leaves a service of a deployment scaled to zero to the scaled-to-zero analyzer', () => {
    expect(run(serviceEndpointsAnalyzer, 'cart-scaled-to-zero')).toEqual([]);
  });

  it.each(
    scenariosExcept(['web-selector-mismatch', 'payments-missing-env', 'checkout-oom', 'api-readiness-port']),
  )('is silent on %s', (scenario) => {
    expect(run(serviceEndpointsAnalyzer, scenario)).toEqual([]);
  });
});
