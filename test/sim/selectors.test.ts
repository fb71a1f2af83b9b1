import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../../src/kube/types.js';
import {
  labelSelectorMatcher,
  labelSelectorToString,
  parseFieldSelector,
  parseLabelRequirements,
  parseLabelSelector,
  type LabelSelector,
} from '../../src/sim/selectors.js';
import { expectStatus } from './patch/helpers.js';

const web = { app: 'web', tier: 'frontend', version: '3' };

describe('label selector strings (§6.5)', () => {
  it.each([
    ['', web, true],
    ['', undefined, true],
    ['app=web', web, true],
    ['app==web', web, true],
    ['app=api', web, false],
    ['app!=api', web, true],
    ['app!=web', web, false],
    ['missing!=x', web, true],
    ['app in (web,api)', web, true],
    ['app in (api)', web, false],
    ['missing in (a)', web, false],
    ['app notin (api,db)', web, true],
    ['app notin (web)', web, false],
    ['missing notin (a)', web, true],
    ['app', web, true],
    ['missing', web, false],
    ['!missing', web, true],
    ['!app', web, false],
    ['app=web,tier=frontend', web, true],
    ['app=web,tier=backend', web, false],
    ['app=web, tier in (frontend) , !missing', web, true],
    ['  app = web  ', web, true],
    ['version>2', web, true],
    ['version<3', web, false],
    ['app>2', web, false],
    ['empty=', { empty: '' }, true],
    ['empty=', {}, false],
    ['empty!=', {}, true],
    ['x in (,a)', { x: '' }, true],
    ['x in ()', { x: '' }, true],
    ['in=notin', { in: 'notin' }, true],
    ['example.com/app=web', { 'example.com/app': 'web' }, true],
    ['app=web', undefined, false],
    ['app!=web', undefined, true],
  ])('%j on %j ⇒ %s', (selector, labels, expected) => {
    expect(parseLabelSelector(selector)(labels)).toBe(expected);
  });

  it('parses into requirements with sorted, deduplicated set values', () => {
    expect(parseLabelRequirements('b in (z,a,z),!c,a')).toEqual([
      { key: 'b', operator: 'in', values: ['a', 'z'] },
      { key: 'c', operator: '!', values: [] },
      { key: 'a', operator: 'exists', values: [] },
    ]);
  });

  it.each([
    ['app=web,', "found '', expected: identifier after ','"],
    [',app', "found ',', expected: !, identifier, or 'end of string'"],
    ['app=web tier=x', "found 'tier', expected: ',' or 'end of string'"],
    ['app in web', "found 'web' expected: '('"],
    ['app in (a b)', "found 'b', expected: ',' or ')'"],
    ['app in (a', "found '', expected: ',' or ')'"],
    ['app in (=)', "found '=', expected: ',', ')' or identifier"],
    ['app foo', "found 'foo', expected: in, notin, =, ==, !=, gt, lt"],
    ['app=(x)', "found '(', expected: identifier"],
    ['!app=x', "found '=', expected: ',' or 'end of string'"],
    ['!=x', "found '!=', expected: !, identifier, or 'end of string'"],
    [
      '-app=x',
      "unable to parse requirement: <nil>: Invalid value: \"-app\": name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')",
    ],
    [
      'Example.com/app=x',
      "unable to parse requirement: <nil>: Invalid value: \"Example.com/app\": prefix part a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')",
    ],
    [
      'app=-web',
      "unable to parse requirement: values[0][app]: Invalid value: \"-web\": a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')",
    ],
    [
      `app=${'v'.repeat(64)}`,
      /^unable to parse requirement: values\[0\]\[app\]: Invalid value: "v{64}": must be no more than 63 characters$/,
    ],
    [
      'version>x',
      `unable to parse requirement: values[0]: Invalid value: "x": for 'Gt', 'Lt' operators, the value must be an integer`,
    ],
    [
      'version>-x',
      /^unable to parse requirement: \[values\[0\]: Invalid value: "-x": for 'Gt', 'Lt' operators, the value must be an integer, values\[0\]\[version\]: Invalid value: "-x": a valid label/,
    ],
  ])('%j ⇒ 400 %s', (selector, message) => {
    const err = expectStatus(() => parseLabelSelector(selector), 400, 'BadRequest', message);
    expect(err.status.details).toBeUndefined();
  });
});

describe('LabelSelector objects', () => {
  const selector: LabelSelector = {
    matchLabels: { app: 'web' },
    matchExpressions: [
      { key: 'tier', operator: 'In', values: ['frontend', 'edge'] },
      { key: 'canary', operator: 'DoesNotExist' },
    ],
  };

  it.each([
    [selector, web, true],
    [selector, { ...web, canary: 'true' }, false],
    [selector, { ...web, tier: 'backend' }, false],
    [{ matchExpressions: [{ key: 'tier', operator: 'NotIn', values: ['backend'] }] }, {}, true],
    [{ matchExpressions: [{ key: 'tier', operator: 'Exists' }] }, {}, false],
    [{}, web, true],
    [{}, undefined, true],
    [null, web, false],
    [undefined, web, false],
  ])('%j on %j ⇒ %s', (s, labels, expected) => {
    expect(labelSelectorMatcher(s)(labels)).toBe(expected);
  });

  it.each([
    [{ matchLabels: { app: 'web' } }, 'app=web'],
    [selector, 'app=web,!canary,tier in (edge,frontend)'],
    [{ matchLabels: { b: '1', a: '2' } }, 'a=2,b=1'],
    [
      {
        matchExpressions: [
          { key: 'x', operator: 'NotIn', values: ['b', 'a'] },
          { key: 'w', operator: 'Exists' },
        ],
      },
      'w,x notin (a,b)',
    ],
    [{}, ''],
    [null, ''],
  ])('%j ⇒ %j', (s, text) => {
    expect(labelSelectorToString(s)).toBe(text);
  });

  it.each([
    [
      { matchExpressions: [{ key: 'a', operator: 'Gt', values: ['1'] }] },
      '"Gt" is not a valid label selector operator',
    ],
    [
      { matchExpressions: [{ key: 'a', operator: 'In', values: [] }] },
      "values: Invalid value: []string{}: for 'in', 'notin' operators, values set can't be empty",
    ],
    [
      { matchExpressions: [{ key: 'a', operator: 'Exists', values: ['x'] }] },
      'values: Invalid value: []string{"x"}: values set must be empty for exists and does not exist',
    ],
    [{ matchLabels: { 'a b': 'x' } }, /^key: Invalid value: "a b": name part must consist of/],
  ])('%j ⇒ 400 %s', (s, message) => {
    expectStatus(() => labelSelectorMatcher(s), 400, 'BadRequest', message);
  });
});

describe('field selectors (§6.5, §6.2.7)', () => {
  const pods = {
    fieldSelectors: {
      'spec.nodeName': (o: KubeObject) => (o.spec as { nodeName?: string } | undefined)?.nodeName,
      'status.phase': (o: KubeObject) => (o.status as { phase?: string } | undefined)?.phase,
    },
  };
  const deployments = {};
  const pod = (name: string, nodeName?: string, phase = 'Running'): KubeObject => ({
    metadata: { name, namespace: 'demo' },
    spec: nodeName ? { nodeName } : {},
    status: { phase },
  });

  it.each([
    ['', pod('a'), true],
    ['metadata.name=a', pod('a'), true],
    ['metadata.name==a', pod('a'), true],
    ['metadata.name=b', pod('a'), false],
    ['metadata.name!=b', pod('a'), true],
    ['metadata.namespace=demo', pod('a'), true],
    ['metadata.namespace=', { metadata: { name: 'n1' } }, true],
    ['spec.nodeName=node-1', pod('a', 'node-1'), true],
    ['spec.nodeName=', pod('a'), true],
    ['spec.nodeName=', pod('a', 'node-1'), false],
    ['spec.nodeName!=', pod('a', 'node-1'), true],
    ['status.phase!=Running', pod('a'), false],
    ['status.phase=Running,spec.nodeName=node-1', pod('a', 'node-1'), true],
    ['status.phase=Running,spec.nodeName=node-2', pod('a', 'node-1'), false],
    ['metadata.name=a\\,b', pod('a,b'), true],
    ['metadata.name=a\\=b', pod('a=b'), true],
    ['metadata.name=a\\\\b', pod('a\\b'), true],
    [',metadata.name=a,', pod('a'), true],
  ])('%j on %j ⇒ %s', (selector, object, expected) => {
    expect(parseFieldSelector(selector, pods)(object)).toBe(expected);
  });

  it('kubectl rollout status: metadata.name works for every kind', () => {
    const match = parseFieldSelector('metadata.name=web', deployments);
    expect(match({ metadata: { name: 'web' } })).toBe(true);
    expect(match({ metadata: { name: 'api' } })).toBe(false);
  });

  it.each([
    ['spec.foo=x', pods, 'field label not supported: spec.foo'],
    [
      'spec.replicas=1',
      deployments,
      '"spec.replicas" is not a known field selector: only "metadata.name", "metadata.namespace"',
    ],
    ['metadata.name = a', pods, 'field label not supported: metadata.name '],
    // Terms are checked in sorted order, like the real parser.
    ['z.b=1,a.b=1', pods, 'field label not supported: a.b'],
    ['metadata.name', pods, "invalid selector: 'metadata.name'; can't understand 'metadata.name'"],
    ['metadata.name=a=b', pods, 'invalid field selector: unescaped character in value: 61'],
    ['metadata.name=a\\x', pods, 'invalid field selector: invalid escape sequence: \\x'],
    ['metadata.name=a\\', pods, 'invalid field selector: invalid escape sequence: \\'],
  ])('%j ⇒ 400 %s', (selector, descriptor, message) => {
    const err = expectStatus(() => parseFieldSelector(selector, descriptor), 400, 'BadRequest', message);
    expect(err.status.details).toBeUndefined();
  });
});
