import { describe, expect, it } from 'vitest';
import { applyMergePatch } from '../../../src/sim/patch/merge-patch.js';
import { at, deepFreeze } from './helpers.js';

describe('applyMergePatch: RFC 7386 Appendix A', () => {
  it.each([
    [{ a: 'b' }, { a: 'c' }, { a: 'c' }],
    [{ a: 'b' }, { b: 'c' }, { a: 'b', b: 'c' }],
    [{ a: 'b' }, { a: null }, {}],
    [{ a: 'b', b: 'c' }, { a: null }, { b: 'c' }],
    [{ a: ['b'] }, { a: 'c' }, { a: 'c' }],
    [{ a: 'c' }, { a: ['b'] }, { a: ['b'] }],
    [{ a: { b: 'c' } }, { a: { b: 'd', c: null } }, { a: { b: 'd' } }],
    [{ a: [{ b: 'c' }] }, { a: [1] }, { a: [1] }],
    [
      ['a', 'b'],
      ['c', 'd'],
      ['c', 'd'],
    ],
    [{ a: 'b' }, ['c'], ['c']],
    [{ a: 'foo' }, null, null],
    [{ a: 'foo' }, 'bar', 'bar'],
    [{ e: null }, { a: 1 }, { e: null, a: 1 }],
    [[1, 2], { a: 'b', c: null }, { a: 'b' }],
    [{}, { a: { bb: { ccc: null } } }, { a: { bb: {} } }],
  ])('%j + %j = %j', (target, patch, expected) => {
    expect(applyMergePatch(target, patch)).toEqual(expected);
  });
});

describe('applyMergePatch: the patches kubectl sends', () => {
  const deployment = () => ({
    metadata: { name: 'web', labels: { app: 'web' } },
    spec: {
      replicas: 2,
      template: {
        spec: {
          containers: [
            { name: 'web', image: 'nginx:1.25', env: [{ name: 'A', value: '1' }] },
            { name: 'sidecar', image: 'envoy' },
          ],
        },
      },
    },
  });

  it('kubectl scale / --type=merge {"spec":{"replicas":3}} changes only replicas', () => {
    const result = applyMergePatch(deployment(), { spec: { replicas: 3 } });
    expect(result).toEqual({ ...deployment(), spec: { ...deployment().spec, replicas: 3 } });
  });

  it('replaces lists wholesale (a merge patch of containers drops the others)', () => {
    const result = applyMergePatch(deployment(), {
      spec: { template: { spec: { containers: [{ name: 'web', image: 'x' }] } } },
    });
    expect(at(result, 'spec.template.spec.containers')).toEqual([{ name: 'web', image: 'x' }]);
  });

  it('keeps nulls inside arrays (they are values, not deletions)', () => {
    expect(applyMergePatch({}, { a: [null, { b: null }] })).toEqual({ a: [null, { b: null }] });
  });

  it('removes a label with null', () => {
    expect(
      at(applyMergePatch(deployment(), { metadata: { labels: { app: null } } }), 'metadata.labels'),
    ).toEqual({});
  });

  it('never mutates its inputs and shares nothing with them', () => {
    const target = deepFreeze(deployment());
    const patch = deepFreeze({ spec: { template: { metadata: { labels: { v: '2' } } } } });
    const result = applyMergePatch(target, patch);
    (at(result, 'metadata.labels') as Record<string, string>).app = 'changed';
    (at(result, 'spec.template.metadata.labels') as Record<string, string>).v = 'changed';
    (at(result, 'spec.template.spec.containers.0') as { image: string }).image = 'changed';
    expect(target).toEqual(deployment());
    expect(patch).toEqual({ spec: { template: { metadata: { labels: { v: '2' } } } } });
  });
});
