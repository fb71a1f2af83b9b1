import { describe, expect, it } from 'vitest';
import { errors } from '../../../src/sim/errors.js';
import {
  applyPatch,
  parsePatchBody,
  patchTypeFromContentType,
  SUPPORTED_PATCH_CONTENT_TYPES,
  type PatchType,
} from '../../../src/sim/patch/index.js';
import { at, expectStatus } from './helpers.js';

describe('patchTypeFromContentType', () => {
  it.each([
    ['application/json-patch+json', 'json'],
    ['application/merge-patch+json', 'merge'],
    ['application/strategic-merge-patch+json', 'strategic'],
    ['application/apply-patch+yaml', 'apply'],
    ['application/merge-patch+json; charset=utf-8', 'merge'],
    ['Application/Strategic-Merge-Patch+JSON;charset=UTF-8', 'strategic'],
    [' application/json-patch+json ', 'json'],
    ['application/json', undefined],
    ['application/apply-patch+cbor', undefined],
    ['text/plain', undefined],
    ['', undefined],
    [undefined, undefined],
  ])('%j ⇒ %s', (contentType, type) => {
    expect(patchTypeFromContentType(contentType)).toBe(type);
  });

  it('the 415 lists the supported types exactly as the real server (§6.2.10)', () => {
    expect(errors.unsupportedMediaType(SUPPORTED_PATCH_CONTENT_TYPES).status).toEqual({
      kind: 'Status',
      apiVersion: 'v1',
      metadata: {},
      status: 'Failure',
      message:
        'the body of the request was in an unknown format - accepted media types include: application/json-patch+json, application/merge-patch+json, application/strategic-merge-patch+json, application/apply-patch+yaml',
      reason: 'UnsupportedMediaType',
      code: 415,
    });
  });
});

describe('parsePatchBody', () => {
  it.each([
    [
      'json',
      '[{"op":"replace","path":"/spec/replicas","value":2}]',
      [{ op: 'replace', path: '/spec/replicas', value: 2 }],
    ],
    ['merge', '{"spec":{"replicas":3}}', { spec: { replicas: 3 } }],
    ['strategic', '{"spec":{"replicas":null}}', { spec: { replicas: null } }],
    ['apply', '{"apiVersion":"apps/v1","kind":"Deployment"}', { apiVersion: 'apps/v1', kind: 'Deployment' }],
    [
      'apply',
      'apiVersion: apps/v1\nkind: Deployment\nspec:\n  replicas: 2\n  paused: no\n',
      { apiVersion: 'apps/v1', kind: 'Deployment', spec: { replicas: 2, paused: 'no' } },
    ],
  ] as [PatchType, string, unknown][])('%s: %s', (type, text, expected) => {
    expect(parsePatchBody(type, text)).toEqual(expected);
  });

  it.each([
    ['json', '[{"op":'],
    ['merge', '{spec: 1}'],
    ['strategic', ''],
    ['apply', ''],
    ['apply', 'a: [1,\n'],
    ['apply', 'a: 1\na: 2\n'],
  ] as [PatchType, string][])('%s: malformed %j ⇒ 400 error decoding patch', (type, text) => {
    const err = expectStatus(
      () => parsePatchBody(type, text),
      400,
      'BadRequest',
      /^error decoding patch: \S/,
    );
    expect(err.status.message).not.toContain('\n');
  });
});

describe('applyPatch dispatches by type', () => {
  const deployment = () => ({
    kind: 'Deployment',
    spec: {
      replicas: 1,
      template: {
        spec: {
          containers: [
            { name: 'web', image: 'a' },
            { name: 'side', image: 'b' },
          ],
        },
      },
    },
  });
  const containers = (image: string) => ({
    spec: { template: { spec: { containers: [{ name: 'web', image }] } } },
  });

  it.each([
    ['json', [{ op: 'replace', path: '/spec/replicas', value: 2 }], 'spec.replicas', 2],
    ['merge', containers('x'), 'spec.template.spec.containers', [{ name: 'web', image: 'x' }]],
    [
      'strategic',
      containers('x'),
      'spec.template.spec.containers',
      [
        { name: 'web', image: 'x' },
        { name: 'side', image: 'b' },
      ],
    ],
    [
      'apply',
      containers('x'),
      'spec.template.spec.containers',
      [
        { name: 'web', image: 'x' },
        { name: 'side', image: 'b' },
      ],
    ],
  ] as [PatchType, unknown, string, unknown][])('%s', (type, body, path, expected) => {
    expect(at(applyPatch(type, deployment(), body, 'Deployment'), path)).toEqual(expected);
  });

  it.each([[null], [3], ['x']])(
    'a merge patch that is not an object (%j) is 400 Invalid JSON Patch',
    (body) => {
      expectStatus(
        () => applyPatch('merge', deployment(), body, 'Deployment'),
        400,
        'BadRequest',
        'Invalid JSON Patch',
      );
    },
  );

  it('end to end: the kubectl scale body, parsed then applied to the Scale', () => {
    const scale = {
      kind: 'Scale',
      apiVersion: 'autoscaling/v1',
      metadata: { name: 'web' },
      spec: { replicas: 2 },
    };
    expect(applyPatch('merge', scale, parsePatchBody('merge', '{"spec":{"replicas":3}}'), 'Scale')).toEqual({
      ...scale,
      spec: { replicas: 3 },
    });
  });
});
