import { describe, expect, it } from 'vitest';
import { PlanError } from '../../src/actions/plan.js';
import { setEnv, type SetEnvParams } from '../../src/actions/set-env.js';
import {
  annotationAdds,
  changeCause,
  deploymentTarget,
  INCIDENT,
  livePayments,
  planContext,
  RESOURCE_VERSION_OP,
} from './fixtures.js';

const FROM_CONFIGMAP: SetEnvParams = {
  name: 'REQUIRED_CONFIG',
  valueFrom: { configMapKeyRef: { name: 'payments-config', key: 'REQUIRED_CONFIG' } },
};
const LOG_LEVEL = {
  name: 'LOG_LEVEL',
  valueFrom: { configMapKeyRef: { name: 'payments-config', key: 'LOG_LEVEL' } },
};
const ENV_PATH = '/spec/template/spec/containers/0/env';

describe('set_env params', () => {
  it.each([
    ['a ConfigMap key reference', FROM_CONFIGMAP],
    [
      'a Secret key reference',
      { name: 'DB_PASSWORD', valueFrom: { secretKeyRef: { name: 'db', key: 'pw' } } },
    ],
    ['a literal value', { name: 'FEATURE_FLAGS', value: 'checkout-v2' }],
    ['an empty literal', { name: 'EMPTY', value: '' }],
    ['dotted and dashed names', { name: 'spring.profiles-active', value: 'prod' }],
  ])('accepts %s', (_label, params) => {
    expect(setEnv.params.safeParse(params).success).toBe(true);
  });

  it.each([
    ['neither value nor valueFrom', { name: 'A' }, /exactly one of value or valueFrom/],
    [
      'both value and valueFrom',
      { name: 'A', value: 'x', valueFrom: { secretKeyRef: { name: 'db', key: 'pw' } } },
      /exactly one of value or valueFrom/,
    ],
    ['a name starting with a digit', { name: '1A', value: 'x' }, /valid environment variable name/],
    ['a name with a space', { name: 'A B', value: 'x' }, /valid environment variable name/],
    [
      'an invalid ConfigMap name',
      { name: 'A', valueFrom: { configMapKeyRef: { name: 'Payments_Config', key: 'A' } } },
      /valid Kubernetes object name/,
    ],
    [
      'an empty key',
      { name: 'A', valueFrom: { configMapKeyRef: { name: 'cfg', key: '' } } },
      /too_small|>=1/,
    ],
    [
      'both kinds of reference at once',
      {
        name: 'A',
        valueFrom: { configMapKeyRef: { name: 'c', key: 'k' }, secretKeyRef: { name: 's', key: 'k' } },
      },
      /.+/,
    ],
    [
      'a fieldRef (not offered)',
      { name: 'A', valueFrom: { fieldRef: { fieldPath: 'metadata.name' } } },
      /.+/,
    ],
    ['an unknown field', { name: 'A', value: 'x', container: 'app' }, /unrecognized/i],
    ['a value over 4096 characters', { name: 'A', value: 'x'.repeat(4097) }, /.+/],
  ])('rejects %s', (_label, params, message) => {
    const result = setEnv.params.safeParse(params);
    expect(result.success).toBe(false);
    expect(JSON.stringify(result.error?.issues)).toMatch(message);
  });
});

describe('set_env risk and description', () => {
  it.each([
    [FROM_CONFIGMAP, 'low'],
    [{ name: 'DB_PASSWORD', valueFrom: { secretKeyRef: { name: 'db', key: 'pw' } } }, 'low'],
    [{ name: 'FEATURE_FLAGS', value: 'checkout-v2' }, 'medium'],
  ] as const)('risk of %j is %s', (params, risk) => {
    expect(setEnv.risk(params)).toBe(risk);
  });

  it.each([
    [
      FROM_CONFIGMAP,
      'set env REQUIRED_CONFIG from ConfigMap payments-config key REQUIRED_CONFIG on deployment/payments container app',
    ],
    [
      { name: 'DB_PASSWORD', valueFrom: { secretKeyRef: { name: 'db', key: 'pw' } } },
      'set env DB_PASSWORD from Secret db key pw on deployment/payments container app',
    ],
    [{ name: 'A', value: 's3cr3t' }, 'set env A to a literal value on deployment/payments container app'],
  ] as const)('describes %j without the literal value', (params, line) => {
    expect(setEnv.describe(deploymentTarget('app'), params)).toBe(line);
  });

  it('targets one container of a Deployment', () => {
    expect(setEnv.targets).toEqual(['Deployment']);
    expect(setEnv.needsContainer).toBe(true);
  });
});

describe('set_env plan', () => {
  it('appends a new variable: resourceVersion first, container test, env replace, annotations, restore', () => {
    const { deployment } = livePayments();
    const before = structuredClone(deployment);
    const plan = setEnv.plan(FROM_CONFIGMAP, planContext(deploymentTarget('app'), { deployment }));
    const description = setEnv.describe(deploymentTarget('app'), FROM_CONFIGMAP);
    expect(plan).toEqual({
      operation: 'patch',
      kind: 'Deployment',
      namespace: 'payments',
      name: 'payments',
      description,
      patch: [
        RESOURCE_VERSION_OP,
        { op: 'test', path: '/spec/template/spec/containers/0/name', value: 'app' },
        { op: 'replace', path: ENV_PATH, value: [LOG_LEVEL, FROM_CONFIGMAP] },
        ...annotationAdds(description),
      ],
      restore: [{ path: ENV_PATH, previous: [LOG_LEVEL] }],
    });
    // The plan never edits the live object it was given.
    expect(deployment).toEqual(before);
  });

  it('replaces an existing variable in place, keeping the order of the others', () => {
    const { deployment } = livePayments();
    const env = deployment.spec!.template.spec!.containers[0]!.env!;
    env.unshift({ name: 'REQUIRED_CONFIG', value: '' });
    const plan = setEnv.plan(FROM_CONFIGMAP, planContext(deploymentTarget('app'), { deployment }));
    expect(plan.operation === 'patch' && plan.patch[2]).toEqual({
      op: 'replace',
      path: ENV_PATH,
      value: [FROM_CONFIGMAP, LOG_LEVEL],
    });
    expect(plan.restore).toEqual([
      { path: ENV_PATH, previous: [{ name: 'REQUIRED_CONFIG', value: '' }, LOG_LEVEL] },
    ]);
  });

  it('adds env to a container without any (index 1), and undo removes it (previous absent)', () => {
    const { deployment } = livePayments();
    const params = { name: 'SCRAPE_INTERVAL', value: '15s' };
    const plan = setEnv.plan(params, planContext(deploymentTarget('metrics'), { deployment }));
    const description = setEnv.describe(deploymentTarget('metrics'), params);
    expect(plan.operation === 'patch' && plan.patch).toEqual([
      RESOURCE_VERSION_OP,
      { op: 'test', path: '/spec/template/spec/containers/1/name', value: 'metrics' },
      { op: 'add', path: '/spec/template/spec/containers/1/env', value: [params] },
      ...annotationAdds(description),
    ]);
    expect(plan.restore).toEqual([{ path: '/spec/template/spec/containers/1/env', previous: undefined }]);
  });

  it('replaces a change-cause that is already there and adds the incident annotation', () => {
    const { deployment } = livePayments({
      annotations: {
        'deployment.kubernetes.io/revision': '2',
        'kubernetes.io/change-cause': 'ci: release 1.8.2',
      },
    });
    const plan = setEnv.plan(FROM_CONFIGMAP, planContext(deploymentTarget('app'), { deployment }));
    expect(plan.operation === 'patch' && plan.patch.slice(3)).toEqual([
      {
        op: 'replace',
        path: '/metadata/annotations/kubernetes.io~1change-cause',
        value: changeCause(plan.description),
      },
      { op: 'add', path: '/metadata/annotations/sre-bot.dev~1incident', value: INCIDENT },
    ]);
  });

  it('adds the whole annotations map when the Deployment has none', () => {
    const { deployment } = livePayments({ annotations: null });
    const plan = setEnv.plan(FROM_CONFIGMAP, planContext(deploymentTarget('app'), { deployment }));
    expect(plan.operation === 'patch' && plan.patch.slice(3)).toEqual([
      {
        op: 'add',
        path: '/metadata/annotations',
        value: {
          'kubernetes.io/change-cause': changeCause(plan.description),
          'sre-bot.dev/incident': INCIDENT,
        },
      },
    ]);
  });

  it('refuses when the container is gone, naming the ones there are', () => {
    const { deployment } = livePayments();
    const context = planContext(deploymentTarget('api'), { deployment });
    expect(() => setEnv.plan(FROM_CONFIGMAP, context)).toThrow(PlanError);
    expect(() => setEnv.plan(FROM_CONFIGMAP, context)).toThrow(
      'container api not found in deployment payments (containers: app, metrics)',
    );
  });

  it('refuses without a container name, and without the Deployment', () => {
    const { deployment } = livePayments();
    expect(() => setEnv.plan(FROM_CONFIGMAP, planContext(deploymentTarget(), { deployment }))).toThrow(
      /container \(unspecified\) not found/,
    );
    expect(() => setEnv.plan(FROM_CONFIGMAP, planContext(deploymentTarget('app'), {}))).toThrow(
      new PlanError('deployment payments not found'),
    );
  });
});
