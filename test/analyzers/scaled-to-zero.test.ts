import { describe, expect, it } from 'vitest';
import { scaledToZeroAnalyzer } from '../../src/analyzers/scaled-to-zero.js';
import { onlyFinding, run, topProposal } from '../support/analyzer-helpers.js';
import { cartScaledToZero } from '../support/scenarios-cluster.js';
import { scenariosExcept } from '../support/scenarios.js';

describe('scaled-to-zero analyzer', () => {
  it('scales back to the count the deployment controller scaled down from', () => {
    const finding = onlyFinding(scaledToZeroAnalyzer, 'cart-scaled-to-zero');
    expect(finding).toMatchObject({
      category: 'scaled_to_zero',
      workload: 'cart',
      object: { kind: 'Deployment', name: 'cart' },
    });
    expect(finding.evidence).toContain(
      'event: ScalingReplicaSet Scaled down replica set cart-7c9d8b6f5 to 0 from 3 (x1)',
    );
    expect(topProposal(finding)).toMatchObject({
      action: 'scale',
      target: { kind: 'Deployment', name: 'cart' },
      params: { replicas: 3 },
    });
  });

  it('falls back to the desired-replicas history of the ReplicaSets', () => {
    const snapshot = { ...cartScaledToZero(), events: [] };
    snapshot.replicaSets[0]!.metadata!.annotations!['deployment.kubernetes.io/desired-replicas'] = '4';
    expect(topProposal(onlyFinding(scaledToZeroAnalyzer, snapshot)).params).toEqual({ replicas: 4 });
  });

  it('scales to 1 when the cluster remembers no count', () => {
    const snapshot = { ...cartScaledToZero(), events: [] };
    expect(topProposal(onlyFinding(scaledToZeroAnalyzer, snapshot)).params).toEqual({ replicas: 1 });
  });

  it('ignores a deployment parked at zero that no service selects', () => {
    expect(run(scaledToZeroAnalyzer, { ...cartScaledToZero(), services: [] })).toEqual([]);
  });

  it.each(scenariosExcept(['cart-scaled-to-zero']))('is silent on %s', (scenario) => {
    expect(run(scaledToZeroAnalyzer, scenario)).toEqual([]);
  });
});
