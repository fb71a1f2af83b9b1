import { describe, expect, it } from 'vitest';
import {
  applyJsonPatch,
  MAX_JSON_PATCH_OPERATIONS,
  parseJsonPointer,
} from '../../../src/sim/patch/json-patch.js';
import { at, deepFreeze, expectStatus, REJECTED } from './helpers.js';

const doc = () => ({
  metadata: {
    name: 'web',
    annotations: { 'deployment.kubernetes.io/revision': '3', 'a/b': 'slash', 'm~n': 'tilde' },
  },
  spec: { replicas: 2, list: ['a', 'b', 'c'], nested: { x: 1 } },
});

describe('applyJsonPatch: operations (RFC 6902 §4)', () => {
  it.each([
    ['add a new key', [{ op: 'add', path: '/spec/paused', value: true }], 'spec.paused', true],
    ['add replaces an existing key', [{ op: 'add', path: '/spec/replicas', value: 5 }], 'spec.replicas', 5],
    [
      'add inserts into an array',
      [{ op: 'add', path: '/spec/list/1', value: 'X' }],
      'spec.list',
      ['a', 'X', 'b', 'c'],
    ],
    [
      'add at index == length appends',
      [{ op: 'add', path: '/spec/list/3', value: 'X' }],
      'spec.list',
      ['a', 'b', 'c', 'X'],
    ],
    [
      'add with - appends',
      [{ op: 'add', path: '/spec/list/-', value: 'X' }],
      'spec.list',
      ['a', 'b', 'c', 'X'],
    ],
    ['add a null value', [{ op: 'add', path: '/spec/nothing', value: null }], 'spec.nothing', null],
    ['remove a key', [{ op: 'remove', path: '/spec/nested' }], 'spec.nested', undefined],
    ['remove an array element', [{ op: 'remove', path: '/spec/list/0' }], 'spec.list', ['b', 'c']],
    ['replace a value', [{ op: 'replace', path: '/spec/replicas', value: 0 }], 'spec.replicas', 0],
    [
      'replace an array element',
      [{ op: 'replace', path: '/spec/list/2', value: 'Z' }],
      'spec.list',
      ['a', 'b', 'Z'],
    ],
    [
      'move a value',
      [{ op: 'move', from: '/spec/nested/x', path: '/spec/y' }],
      'spec',
      { replicas: 2, list: ['a', 'b', 'c'], nested: {}, y: 1 },
    ],
    [
      'move within an array',
      [{ op: 'move', from: '/spec/list/0', path: '/spec/list/-' }],
      'spec.list',
      ['b', 'c', 'a'],
    ],
    [
      'copy a value (deeply)',
      [
        { op: 'copy', from: '/spec/nested', path: '/spec/copy' },
        { op: 'replace', path: '/spec/copy/x', value: 2 },
      ],
      'spec',
      { replicas: 2, list: ['a', 'b', 'c'], nested: { x: 1 }, copy: { x: 2 } },
    ],
    ['test passes on equal values', [{ op: 'test', path: '/spec/nested', value: { x: 1 } }], '', doc()],
    [
      '~1 escapes a slash',
      [{ op: 'remove', path: '/metadata/annotations/a~1b' }],
      'metadata.annotations',
      { 'deployment.kubernetes.io/revision': '3', 'm~n': 'tilde' },
    ],
    [
      '~0 escapes a tilde',
      [{ op: 'replace', path: '/metadata/annotations/m~0n', value: 'T' }],
      'metadata.annotations.m~n',
      'T',
    ],
    ['the empty pointer is the whole document', [{ op: 'replace', path: '', value: { a: 1 } }], '', { a: 1 }],
    ['an empty patch changes nothing', [], '', doc()],
  ])('%s', (_name, ops, path, expected) => {
    expect(at(applyJsonPatch(doc(), ops), path)).toEqual(expected);
  });
});

describe('applyJsonPatch: failures are the generic 422 (§6.2.5)', () => {
  it.each([
    ['failed test', [{ op: 'test', path: '/spec/replicas', value: 3 }]],
    ['test of a missing path', [{ op: 'test', path: '/spec/nope', value: null }]],
    ['remove of a missing key', [{ op: 'remove', path: '/spec/nope' }]],
    ['replace of a missing key', [{ op: 'replace', path: '/metadata/labels', value: {} }]],
    ['add under a missing parent', [{ op: 'add', path: '/spec/nope/x', value: 1 }]],
    ['add beyond the array end', [{ op: 'add', path: '/spec/list/4', value: 'X' }]],
    ['array index with a leading zero', [{ op: 'replace', path: '/spec/list/01', value: 'X' }]],
    ['non-numeric array index', [{ op: 'remove', path: '/spec/list/x' }]],
    ['move into its own child', [{ op: 'move', from: '/spec', path: '/spec/nested/spec' }]],
    ['move from a missing path', [{ op: 'move', from: '/nope', path: '/spec/x' }]],
    ['copy without from', [{ op: 'copy', path: '/spec/x' }]],
    ['add without value', [{ op: 'add', path: '/spec/x' }]],
    ['unknown op', [{ op: 'increment', path: '/spec/replicas', value: 1 }]],
    ['missing op', [{ path: '/spec/replicas', value: 1 }]],
    ['pointer without leading slash', [{ op: 'add', path: 'spec/x', value: 1 }]],
    ['bad escape in pointer', [{ op: 'add', path: '/spec/a~2b', value: 1 }]],
    ['removing the whole document', [{ op: 'remove', path: '' }]],
  ])('%s', (_name, ops) => {
    const err = expectStatus(() => applyJsonPatch(doc(), ops), 422, 'Invalid', REJECTED);
    expect(err.status).toEqual({
      kind: 'Status',
      apiVersion: 'v1',
      metadata: {},
      status: 'Failure',
      message: REJECTED,
      reason: 'Invalid',
      details: {},
      code: 422,
    });
  });

  it('is atomic: an op failing after successful ones leaves the input untouched', () => {
    const original = deepFreeze(doc());
    expectStatus(
      () =>
        applyJsonPatch(original, [
          { op: 'replace', path: '/spec/replicas', value: 9 },
          { op: 'test', path: '/spec/replicas', value: 2 },
        ]),
      422,
      'Invalid',
      REJECTED,
    );
    expect(original).toEqual(doc());
  });
});

describe('applyJsonPatch: malformed bodies are 400, too many ops 413', () => {
  it.each([
    [
      { op: 'add' },
      'error decoding patch: json: cannot unmarshal object into Go value of type []handlers.jsonPatchOp',
    ],
    [
      '[]',
      'error decoding patch: json: cannot unmarshal string into Go value of type []handlers.jsonPatchOp',
    ],
    [null, 'error decoding patch: json: cannot unmarshal null into Go value of type []handlers.jsonPatchOp'],
    [
      ['add'],
      'error decoding patch: json: cannot unmarshal string into Go value of type handlers.jsonPatchOp',
    ],
    [
      [{ op: 'add', path: 5, value: 1 }],
      'error decoding patch: json: cannot unmarshal number into Go struct field jsonPatchOp.path of type string',
    ],
  ])('%j', (body, message) => {
    const err = expectStatus(() => applyJsonPatch(doc(), body), 400, 'BadRequest', message);
    expect(err.status.details).toBeUndefined();
  });

  it(`accepts ${MAX_JSON_PATCH_OPERATIONS} ops and rejects one more with 413`, () => {
    const op = { op: 'test', path: '/spec/replicas', value: 2 };
    expect(
      applyJsonPatch(
        doc(),
        Array.from({ length: MAX_JSON_PATCH_OPERATIONS }, () => op),
      ),
    ).toEqual(doc());
    expectStatus(
      () =>
        applyJsonPatch(
          doc(),
          Array.from({ length: MAX_JSON_PATCH_OPERATIONS + 1 }, () => op),
        ),
      413,
      'RequestEntityTooLarge',
      'Request entity too large: The allowed maximum operations in a JSON patch is 10000, got 10001',
    );
  });
});

describe('applyJsonPatch: immutability', () => {
  it('never mutates the document or the patch, and shares nothing with either', () => {
    const original = deepFreeze(doc());
    const ops = deepFreeze([{ op: 'add', path: '/spec/obj', value: { deep: { v: 1 } } }]);
    const result = applyJsonPatch(original, ops);
    (at(result, 'spec.obj.deep') as { v: number }).v = 2;
    (at(result, 'spec.nested') as { x: number }).x = 2;
    expect(ops[0]!.value.deep.v).toBe(1);
    expect(original.spec.nested.x).toBe(1);
  });
});

describe('kubectl rollout undo (§3.10)', () => {
  // The exact body kubectl 1.32 sent in the transcripts.
  const undo = JSON.parse(
    '[{"op":"replace","path":"/spec/template","value":{"metadata":{"creationTimestamp":null,"labels":{"app":"web"}},"spec":{"containers":[{"name":"web","image":"nginx:1.24","ports":[{"containerPort":80,"protocol":"TCP"}],"env":[{"name":"A","value":"1"}],"resources":{},"terminationMessagePath":"/dev/termination-log","terminationMessagePolicy":"File","imagePullPolicy":"IfNotPresent"}],"restartPolicy":"Always","terminationGracePeriodSeconds":30,"dnsPolicy":"ClusterFirst","securityContext":{},"schedulerName":"default-scheduler"}}},{"op":"replace","path":"/metadata/annotations","value":{"deployment.kubernetes.io/revision":"2"}}]',
  ) as unknown;
  const deployment = (annotations?: Record<string, string>) => ({
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'web', ...(annotations ? { annotations } : {}) },
    spec: {
      replicas: 2,
      template: {
        metadata: { labels: { app: 'web' } },
        spec: { containers: [{ name: 'web', image: 'nginx:1.25' }] },
      },
    },
  });

  it('replaces the template and the annotations, keeping the null creationTimestamp', () => {
    const result = applyJsonPatch(deployment({ 'deployment.kubernetes.io/revision': '3' }), undo);
    expect(at(result, 'metadata.annotations')).toEqual({ 'deployment.kubernetes.io/revision': '2' });
    expect(at(result, 'spec.template.metadata')).toEqual({ creationTimestamp: null, labels: { app: 'web' } });
    expect(at(result, 'spec.template.spec.containers.0.image')).toBe('nginx:1.24');
    expect(at(result, 'spec.replicas')).toBe(2);
  });

  it('fails with 422 when the Deployment has no annotations (why the sim must always set the revision)', () => {
    expectStatus(() => applyJsonPatch(deployment(), undo), 422, 'Invalid', REJECTED);
  });
});

describe('parseJsonPointer', () => {
  it.each([
    ['', []],
    ['/', ['']],
    ['/a/b', ['a', 'b']],
    ['/a~1b/m~0n', ['a/b', 'm~n']],
    ['/~01', ['~1']],
  ])('%j', (pointer, tokens) => {
    expect(parseJsonPointer(pointer)).toEqual(tokens);
  });
});
