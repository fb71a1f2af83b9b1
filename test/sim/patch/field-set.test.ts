import { describe, expect, it } from 'vitest';
import { FieldSet, formatFieldPath, keyElement, type FieldPath } from '../../../src/sim/patch/field-set.js';
import { collectFields, compareFields, fieldSetOf } from '../../../src/sim/patch/field-walk.js';
import { expectStatus } from './helpers.js';

describe('FieldSet ⇄ fieldsV1', () => {
  const paths: FieldPath[] = [
    ['f:spec', 'f:replicas'],
    ['f:spec', 'f:template', 'f:spec', 'f:containers', 'k:{"name":"app"}'],
    ['f:spec', 'f:template', 'f:spec', 'f:containers', 'k:{"name":"app"}', 'f:image'],
    ['f:metadata', 'f:finalizers', 'v:"x"'],
  ];
  const fieldsV1 = {
    'f:metadata': { 'f:finalizers': { 'v:"x"': {} } },
    'f:spec': {
      'f:replicas': {},
      'f:template': { 'f:spec': { 'f:containers': { 'k:{"name":"app"}': { '.': {}, 'f:image': {} } } } },
    },
  };

  it('encodes members with children with "." and sorts elements', () => {
    const encoded = new FieldSet(paths).toFieldsV1();
    expect(encoded).toEqual(fieldsV1);
    expect(JSON.stringify(encoded)).toBe(JSON.stringify(fieldsV1));
  });

  it('decodes back to the same set', () => {
    expect(FieldSet.fromFieldsV1(fieldsV1).equals(new FieldSet(paths))).toBe(true);
    expect(FieldSet.fromFieldsV1(fieldsV1).size).toBe(4);
  });

  it.each([[undefined], [null], ['x'], [{}]])('decodes %j as the empty set', (raw) => {
    expect(FieldSet.fromFieldsV1(raw).size).toBe(0);
  });

  it('set algebra', () => {
    const a = new FieldSet([['f:a'], ['f:b']]);
    const b = new FieldSet([['f:b'], ['f:c']]);
    expect(a.union(b).size).toBe(3);
    expect(a.difference(b).paths()).toEqual([['f:a']]);
    expect(a.intersection(b).paths()).toEqual([['f:b']]);
    expect(new FieldSet([['f:a', 'f:b']]).hasOrContains(['f:a'])).toBe(true);
    expect(new FieldSet([['f:ab']]).hasOrContains(['f:a'])).toBe(false);
  });
});

describe('formatFieldPath (conflict messages)', () => {
  it.each([
    [['f:spec', 'f:replicas'], '.spec.replicas'],
    [
      ['f:spec', 'f:template', 'f:spec', 'f:containers', 'k:{"name":"api"}', 'f:image'],
      '.spec.template.spec.containers[name="api"].image',
    ],
    [['f:spec', 'f:ports', keyElement({ protocol: 'TCP', port: 80 })], '.spec.ports[port=80,protocol="TCP"]'],
    [['f:metadata', 'f:finalizers', 'v:"x"'], '.metadata.finalizers[="x"]'],
    [['f:spec', 'f:args', 'i:2'], '.spec.args[2]'],
  ])('%j ⇒ %s', (path, text) => {
    expect(formatFieldPath(path)).toBe(text);
  });
});

describe('collectFields / compareFields', () => {
  const pod = (image: string, env: { name: string; value: string }[]) => ({
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: 'p', namespace: 'd', uid: 'u', resourceVersion: '5', labels: { app: 'a' } },
    spec: { containers: [{ name: 'c', image, env, args: ['-v'] }] },
  });

  it('skips identity metadata and keys list items', () => {
    const paths = fieldSetOf(collectFields(pod('x', [{ name: 'A', value: '1' }]), 'Pod'))
      .paths()
      .map(formatFieldPath)
      .sort();
    expect(paths).toEqual([
      '.metadata.labels.app',
      '.spec.containers[name="c"]',
      '.spec.containers[name="c"].args',
      '.spec.containers[name="c"].env[name="A"]',
      '.spec.containers[name="c"].env[name="A"].name',
      '.spec.containers[name="c"].env[name="A"].value',
      '.spec.containers[name="c"].image',
      '.spec.containers[name="c"].name',
    ]);
  });

  it('reports added, modified and removed paths (items are not "modified")', () => {
    const diff = compareFields(
      collectFields(pod('x', [{ name: 'A', value: '1' }]), 'Pod'),
      collectFields(pod('y', [{ name: 'B', value: '1' }]), 'Pod'),
    );
    const show = (set: FieldSet) => set.paths().map(formatFieldPath).sort();
    expect(show(diff.modified)).toEqual(['.spec.containers[name="c"].image']);
    expect(show(diff.added)).toEqual([
      '.spec.containers[name="c"].env[name="B"]',
      '.spec.containers[name="c"].env[name="B"].name',
      '.spec.containers[name="c"].env[name="B"].value',
    ]);
    expect(show(diff.removed)).toHaveLength(3);
  });

  it('strict mode rejects keyed items without their key, and duplicates', () => {
    expectStatus(
      () => collectFields({ spec: { containers: [{ image: 'x' }] } }, 'Pod', true),
      400,
      'BadRequest',
      'failed to create typed patch object: associative list with keys has an element that omits key field "name" (and doesn\'t have default value)',
    );
    expectStatus(
      () => collectFields({ spec: { containers: [{ name: 'a' }, { name: 'a' }] } }, 'Pod', true),
      400,
      'BadRequest',
      /^failed to create typed patch object: duplicate entries/,
    );
  });

  it('lenient mode keys such items by index', () => {
    const paths = fieldSetOf(collectFields({ spec: { containers: [{ image: 'x' }] } }, 'Pod')).paths();
    expect(paths.map(formatFieldPath).sort()).toEqual(['.spec.containers[0]', '.spec.containers[0].image']);
  });
});
