import { describe, expect, it } from 'vitest';
import { PlanError } from '../../src/actions/plan.js';
import { setResources } from '../../src/actions/set-resources.js';
import {
  annotationAdds,
  deploymentTarget,
  livePayments,
  planContext,
  RESOURCE_VERSION_OP,
} from './fixtures.js';

const RESOURCES_PATH = '/spec/template/spec/containers/0/resources';
const LIVE_RESOURCES = { requests: { cpu: '100m', memory: '128Mi' }, limits: { memory: '256Mi' } };

describe('set_resources params', () => {
  it.each([
    ['a memory limit', { limits: { memory: '512Mi' } }],
    [
      'requests and limits',
      { limits: { memory: '1Gi', cpu: '2' }, requests: { memory: '512Mi', cpu: '250m' } },
    ],
    ['decimal quantities', { requests: { cpu: '0.5' } }],
  ])('accepts %s', (_label, params) => {
    expect(setResources.params.safeParse(params).success).toBe(true);
  });

  it.each([
    ['nothing to set', {}, /limits or requests is required/],
    ['a quantity with a bad unit', { limits: { memory: '512MB' } }, /Kubernetes quantity/],
    ['a negative quantity', { limits: { memory: '-1Gi' } }, /Kubernetes quantity/],
    ['a number instead of a string', { limits: { memory: 512 } }, /string/],
    ['a resource other than cpu and memory', { limits: { 'nvidia.com/gpu': '1' } }, /unrecognized/i],
    ['an unknown section', { claims: [] }, /unrecognized/i],
  ])('rejects %s', (_label, params, message) => {
    const result = setResources.params.safeParse(params);
    expect(result.success).toBe(false);
    expect(JSON.stringify(result.error?.issues)).toMatch(message);
  });
});

describe('set_resources risk and description', () => {
  it('is low risk whatever the amounts, and targets one container', () => {
    expect(setResources.risk({ limits: { memory: '64Gi' } })).toBe('low');
    expect(setResources.targets).toEqual(['Deployment']);
    expect(setResources.needsContainer).toBe(true);
  });

  it('lists every amount it sets', () => {
    expect(
      setResources.describe(deploymentTarget('app'), {
        limits: { memory: '512Mi' },
        requests: { memory: '256Mi', cpu: '200m' },
      }),
    ).toBe(
      'set resources limits.memory=512Mi, requests.memory=256Mi, requests.cpu=200m on deployment/payments container app',
    );
  });
});

describe('set_resources plan', () => {
  it('merges into the live resources, keeping the amounts it does not set', () => {
    const { deployment } = livePayments();
    const params = { limits: { memory: '512Mi' }, requests: { memory: '512Mi' } };
    const plan = setResources.plan(params, planContext(deploymentTarget('app'), { deployment }));
    expect(plan.operation === 'patch' && plan.patch).toEqual([
      RESOURCE_VERSION_OP,
      { op: 'test', path: '/spec/template/spec/containers/0/name', value: 'app' },
      {
        op: 'replace',
        path: RESOURCES_PATH,
        value: { requests: { cpu: '100m', memory: '512Mi' }, limits: { memory: '512Mi' } },
      },
      ...annotationAdds(plan.description),
    ]);
    expect(plan.restore).toEqual([{ path: RESOURCES_PATH, previous: LIVE_RESOURCES }]);
  });

  it('leaves the section it is not asked about untouched', () => {
    const { deployment } = livePayments();
    const plan = setResources.plan(
      { limits: { cpu: '1' } },
      planContext(deploymentTarget('app'), { deployment }),
    );
    expect(plan.operation === 'patch' && plan.patch[2]).toEqual({
      op: 'replace',
      path: RESOURCES_PATH,
      value: { requests: { cpu: '100m', memory: '128Mi' }, limits: { memory: '256Mi', cpu: '1' } },
    });
  });

  it('adds resources to a container that has none (index 1); undo removes them', () => {
    const { deployment } = livePayments();
    delete deployment.spec!.template.spec!.containers[1]!.resources;
    const params = { limits: { memory: '128Mi' } };
    const plan = setResources.plan(params, planContext(deploymentTarget('metrics'), { deployment }));
    expect(plan.operation === 'patch' && plan.patch.slice(0, 3)).toEqual([
      RESOURCE_VERSION_OP,
      { op: 'test', path: '/spec/template/spec/containers/1/name', value: 'metrics' },
      {
        op: 'add',
        path: '/spec/template/spec/containers/1/resources',
        value: { limits: { memory: '128Mi' } },
      },
    ]);
    expect(plan.restore).toEqual([
      { path: '/spec/template/spec/containers/1/resources', previous: undefined },
    ]);
  });

  it('refuses when the container is gone', () => {
    const { deployment } = livePayments();
    deployment.spec!.template.spec!.containers.splice(0, 1);
    expect(() =>
      setResources.plan({ limits: { memory: '1Gi' } }, planContext(deploymentTarget('app'), { deployment })),
    ).toThrow(new PlanError('container app not found in deployment payments (containers: metrics)'));
  });
});
