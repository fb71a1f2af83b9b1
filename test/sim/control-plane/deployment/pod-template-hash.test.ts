/** The pod-template-hash: FNV-32a, Kubernetes' safe digit encoding, and template equality ignoring the hash. */
import { describe, expect, it } from 'vitest';
import type { PodTemplateSpec } from '../../../../src/kube/types.js';
import {
  computePodTemplateHash,
  equalIgnoreHash,
  fnv32a,
  safeEncodeString,
} from '../../../../src/sim/control-plane/deployment/pod-template-hash.js';

const template: PodTemplateSpec = {
  metadata: { labels: { app: 'web' } },
  spec: { containers: [{ name: 'app', image: 'nginx:1.25' }] },
};

describe('pod-template-hash', () => {
  it('implements FNV-32a', () => {
    const bytes = (text: string): Uint8Array => new TextEncoder().encode(text);
    expect(fnv32a(bytes(''))).toBe(0x811c9dc5);
    expect(fnv32a(bytes('a'))).toBe(0xe40c292c);
    expect(fnv32a(bytes('foobar'))).toBe(0xbf9cf968);
  });

  it('encodes decimal digits as rand.SafeEncodeString does (0→4 … 5→9, 6→b, 7→c, 8→d, 9→f)', () => {
    expect(safeEncodeString('0123456789')).toBe('456789bcdf');
  });

  it('is stable, uses only the safe alphabet, and changes with the template or the collision count', () => {
    const hash = computePodTemplateHash(template);
    expect(hash).toMatch(/^[4-9bcdf]{1,10}$/);
    expect(computePodTemplateHash(structuredClone(template))).toBe(hash);
    const changed = structuredClone(template);
    changed.spec!.containers[0]!.image = 'nginx:1.26';
    expect(computePodTemplateHash(changed)).not.toBe(hash);
    expect(computePodTemplateHash(template, 1)).not.toBe(hash);
    expect(computePodTemplateHash(template, 1)).not.toBe(computePodTemplateHash(template, 2));
  });

  it('compares templates ignoring the hash label, key order, nulls and empty maps', () => {
    const fromReplicaSet: PodTemplateSpec = structuredClone(template);
    fromReplicaSet.metadata!.labels!['pod-template-hash'] = '5d8f7c9b6';
    const fromRolloutUndo = {
      spec: template.spec,
      metadata: { creationTimestamp: null, annotations: {}, labels: { app: 'web' } },
    } as unknown as PodTemplateSpec;
    expect(equalIgnoreHash(fromReplicaSet, template)).toBe(true);
    expect(equalIgnoreHash(fromRolloutUndo, fromReplicaSet)).toBe(true);
    const other = structuredClone(template);
    other.metadata!.labels!['tier'] = 'front';
    expect(equalIgnoreHash(other, template)).toBe(false);
  });
});
