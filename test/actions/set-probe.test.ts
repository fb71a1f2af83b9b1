import { describe, expect, it } from 'vitest';
import { PlanError } from '../../src/actions/plan.js';
import { setProbe, type SetProbeParams } from '../../src/actions/set-probe.js';
import {
  annotationAdds,
  deploymentTarget,
  livePayments,
  planContext,
  RESOURCE_VERSION_OP,
} from './fixtures.js';

const READINESS_PATH = '/spec/template/spec/containers/0/readinessProbe';
const LIVE_READINESS = {
  httpGet: { path: '/healthz', port: 'http', scheme: 'HTTP' },
  periodSeconds: 5,
  timeoutSeconds: 1,
  successThreshold: 1,
  failureThreshold: 3,
};
const TIMING = { periodSeconds: 5, timeoutSeconds: 1, successThreshold: 1, failureThreshold: 3 };

describe('set_probe params', () => {
  it.each([
    ['a readiness path and port', { probe: 'readiness', httpGet: { path: '/ready', port: 8080 } }],
    ['a named port', { probe: 'liveness', httpGet: { port: 'http' } }],
    ['a tcp handler', { probe: 'readiness', tcpSocket: { port: 5432 } }],
    ['timing only', { probe: 'liveness', initialDelaySeconds: 30, failureThreshold: 5 }],
    [
      'a startup probe for a slow starter',
      {
        probe: 'startup',
        httpGet: { path: '/healthz', port: 8080 },
        periodSeconds: 10,
        failureThreshold: 30,
      },
    ],
  ])('accepts %s', (_label, params) => {
    expect(setProbe.params.safeParse(params).success).toBe(true);
  });

  it.each([
    ['nothing to change', { probe: 'readiness' }, /nothing to change/],
    [
      'httpGet and tcpSocket together',
      { probe: 'readiness', httpGet: { port: 8080 }, tcpSocket: { port: 8080 } },
      /exclusive/,
    ],
    ['an unknown probe kind', { probe: 'health', periodSeconds: 5 }, /readiness|liveness|startup/],
    ['a relative path', { probe: 'readiness', httpGet: { path: 'ready', port: 8080 } }, /starts_with|"\/"/],
    ['a port out of range', { probe: 'readiness', httpGet: { port: 70000 } }, /.+/],
    ['an upper-case port name', { probe: 'readiness', httpGet: { port: 'HTTP' } }, /.+/],
    ['a zero period', { probe: 'readiness', periodSeconds: 0 }, /too_small|>=1/],
    ['a fractional delay', { probe: 'readiness', initialDelaySeconds: 1.5 }, /int/],
    ['an exec handler (not offered)', { probe: 'liveness', exec: { command: ['true'] } }, /unrecognized/i],
  ])('rejects %s', (_label, params, message) => {
    const result = setProbe.params.safeParse(params);
    expect(result.success).toBe(false);
    expect(JSON.stringify(result.error?.issues)).toMatch(message);
  });
});

describe('set_probe risk and description', () => {
  it('is low risk and targets one container', () => {
    expect(setProbe.risk({ probe: 'liveness', initialDelaySeconds: 60 })).toBe('low');
    expect(setProbe.needsContainer).toBe(true);
  });

  it('describes every field it sets', () => {
    expect(
      setProbe.describe(deploymentTarget('app'), {
        probe: 'startup',
        httpGet: { path: '/healthz', port: 8080 },
        failureThreshold: 30,
      }),
    ).toBe(
      'set startup probe httpGet={"path":"/healthz","port":8080}, failureThreshold=30 on deployment/payments container app',
    );
  });
});

describe('set_probe plan', () => {
  it('changes the path and port of an httpGet readiness probe, keeping its scheme and timing', () => {
    const { deployment } = livePayments();
    const params: SetProbeParams = { probe: 'readiness', httpGet: { path: '/ready', port: 8080 } };
    const plan = setProbe.plan(params, planContext(deploymentTarget('app'), { deployment }));
    expect(plan.operation === 'patch' && plan.patch).toEqual([
      RESOURCE_VERSION_OP,
      { op: 'test', path: '/spec/template/spec/containers/0/name', value: 'app' },
      {
        op: 'replace',
        path: READINESS_PATH,
        value: { httpGet: { path: '/ready', port: 8080, scheme: 'HTTP' }, ...TIMING },
      },
      ...annotationAdds(plan.description),
    ]);
    expect(plan.restore).toEqual([{ path: READINESS_PATH, previous: LIVE_READINESS }]);
  });

  it('keeps the live path when only the port is given', () => {
    const { deployment } = livePayments();
    const plan = setProbe.plan(
      { probe: 'readiness', httpGet: { port: 9090 } },
      planContext(deploymentTarget('app'), { deployment }),
    );
    expect(plan.operation === 'patch' && plan.patch[2]).toMatchObject({
      value: { httpGet: { path: '/healthz', port: 9090, scheme: 'HTTP' } },
    });
  });

  it('changes timing only and keeps the live handler', () => {
    const { deployment } = livePayments();
    const plan = setProbe.plan(
      { probe: 'readiness', initialDelaySeconds: 20, failureThreshold: 6 },
      planContext(deploymentTarget('app'), { deployment }),
    );
    expect(plan.operation === 'patch' && plan.patch[2]).toEqual({
      op: 'replace',
      path: READINESS_PATH,
      value: { ...LIVE_READINESS, initialDelaySeconds: 20, failureThreshold: 6 },
    });
  });

  it('swaps an httpGet handler for a tcpSocket one (never both)', () => {
    const { deployment } = livePayments();
    const plan = setProbe.plan(
      { probe: 'readiness', tcpSocket: { port: 8080 } },
      planContext(deploymentTarget('app'), { deployment }),
    );
    expect(plan.operation === 'patch' && plan.patch[2]).toEqual({
      op: 'replace',
      path: READINESS_PATH,
      value: { tcpSocket: { port: 8080 }, ...TIMING },
    });
  });

  it('adds a new startup probe with its handler; undo removes it', () => {
    const { deployment } = livePayments();
    const params: SetProbeParams = {
      probe: 'startup',
      httpGet: { path: '/healthz', port: 8080 },
      periodSeconds: 10,
      failureThreshold: 30,
    };
    const plan = setProbe.plan(params, planContext(deploymentTarget('app'), { deployment }));
    const path = '/spec/template/spec/containers/0/startupProbe';
    expect(plan.operation === 'patch' && plan.patch[2]).toEqual({
      op: 'add',
      path,
      value: {
        httpGet: { path: '/healthz', port: 8080, scheme: 'HTTP' },
        periodSeconds: 10,
        failureThreshold: 30,
      },
    });
    expect(plan.restore).toEqual([{ path, previous: undefined }]);
  });

  it('refuses a new probe without a handler', () => {
    const { deployment } = livePayments();
    expect(() =>
      setProbe.plan(
        { probe: 'liveness', initialDelaySeconds: 30 },
        planContext(deploymentTarget('app'), { deployment }),
      ),
    ).toThrow(new PlanError('a new liveness probe needs an httpGet or tcpSocket handler'));
  });

  it('refuses when the container is gone', () => {
    const { deployment } = livePayments();
    expect(() =>
      setProbe.plan(
        { probe: 'readiness', periodSeconds: 10 },
        planContext(deploymentTarget('api'), { deployment }),
      ),
    ).toThrow(PlanError);
  });
});
