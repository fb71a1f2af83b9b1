import { describe, expect, it } from 'vitest';
import { pvcPendingAnalyzer } from '../../src/analyzers/pvc-pending.js';
import { onlyFinding, run, topProposal } from '../support/analyzer-helpers.js';
import { pvcPending } from '../support/scenarios-cluster.js';
import { scenariosExcept } from '../support/scenarios.js';

describe('pvc-pending analyzer', () => {
  it('names the missing storage class and the classes that exist', () => {
    const finding = onlyFinding(pvcPendingAnalyzer, 'pvc-pending');
    expect(finding).toMatchObject({
      category: 'pvc_pending',
      workload: 'postgres',
      object: { kind: 'PersistentVolumeClaim', name: 'postgres-data' },
    });
    expect(finding.evidence).toContain(
      'event: ProvisioningFailed storageclass.storage.k8s.io "fast-ssd" not found (x8)',
    );
    expect(topProposal(finding)).toMatchObject({
      action: 'manual',
      target: { kind: 'Deployment', name: 'postgres' },
      params: {
        instruction: expect.stringContaining(
          'storageClassName fast-ssd does not exist (classes: standard (default))',
        ),
      },
    });
  });

  it('explains a claim no volume matches', () => {
    const snapshot = pvcPending();
    snapshot.persistentVolumeClaims[0]!.spec!.storageClassName = '';
    snapshot.storageClasses = [];
    snapshot.events = [
      {
        ...snapshot.events[1]!,
        reason: 'FailedBinding',
        message: 'no persistent volumes available for this claim and no storage class is set',
      },
    ];
    expect(onlyFinding(pvcPendingAnalyzer, snapshot).message).toContain('no PersistentVolume matches it');
  });

  it.each([
    ['a claim waiting for its first consumer', { events: [] }],
    ['a bound claim', { bound: true }],
  ])('ignores %s', (_label, change) => {
    const snapshot = pvcPending();
    if ('events' in change) snapshot.events = change.events;
    if ('bound' in change) snapshot.persistentVolumeClaims[0]!.status = { phase: 'Bound' };
    expect(run(pvcPendingAnalyzer, snapshot)).toEqual([]);
  });

  it.each(scenariosExcept(['pvc-pending']))('is silent on %s', (scenario) => {
    expect(run(pvcPendingAnalyzer, scenario)).toEqual([]);
  });
});
