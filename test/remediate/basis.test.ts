/**
 * The stale check: a changed template or a moved generation makes a proposal stale — except that a generation
 * moved only by scaling (an HPA, kubectl scale) does not make a template fix stale; it does make a scale stale.
 */
import { describe, expect, it } from 'vitest';
import type { Deployment } from '../../src/kube/types.js';
import { deploymentBasis, staleReason } from '../../src/remediate/basis.js';

const base: Deployment = {
  metadata: { name: 'api', generation: 3, annotations: { 'deployment.kubernetes.io/revision': '2' } },
  spec: {
    replicas: 2,
    selector: { matchLabels: { app: 'api' } },
    template: {
      metadata: { labels: { app: 'api' } },
      spec: { containers: [{ name: 'app', image: 'api:1' }] },
    },
  },
};
const changed = (edit: (deployment: Deployment) => void): Deployment => {
  const copy = structuredClone(base);
  edit(copy);
  copy.metadata!.generation = 4;
  return copy;
};

describe('staleReason', () => {
  const basis = deploymentBasis(base);

  it('nothing changed: fresh', () => {
    expect(staleReason(basis, { deployment: base })).toBeUndefined();
  });

  it('scaled only (an autoscaler): a template fix is still fresh, a scale proposal is stale', () => {
    const scaled = changed((d) => (d.spec!.replicas = 5));
    expect(staleReason(basis, { deployment: scaled })).toBeUndefined();
    expect(staleReason(basis, { deployment: scaled }, { replicasMatter: true })).toBe(
      'its generation moved from 3 to 4 since the proposal',
    );
  });

  it('another spec change (paused) moves the generation: stale', () => {
    const paused = changed((d) => (d.spec!.paused = true));
    expect(staleReason(basis, { deployment: paused })).toBe(
      'its generation moved from 3 to 4 since the proposal',
    );
  });

  it('a template change: stale, whatever else', () => {
    const edited = changed((d) => {
      d.spec!.replicas = 5;
      d.spec!.template.spec!.containers[0]!.image = 'api:2';
    });
    expect(staleReason(basis, { deployment: edited })).toBe('its pod template changed since the proposal');
  });

  it('a basis recorded before replicas were (older incidents): any generation move is stale', () => {
    const { replicas: _dropped, ...old } = basis;
    const scaled = changed((d) => (d.spec!.replicas = 5));
    expect(staleReason(old, { deployment: scaled })).toBe(
      'its generation moved from 3 to 4 since the proposal',
    );
  });
});
