import { describe, expect, it } from 'vitest';
import type { Pod } from '../../../../src/kube/types.js';
import { resolveEnv } from '../../../../src/sim/control-plane/kubelet/container-env.js';
import { configMaps } from '../../../../src/sim/resources/configmaps.js';
import { secrets } from '../../../../src/sim/resources/secrets.js';
import {
  advanceUntil,
  container,
  createPod,
  eventCount,
  getPod,
  logs,
  NS,
  newCluster,
  stateOf,
  status,
} from './harness.js';

const fromConfigMap = (name: string, key: string, optional?: boolean) => ({
  name: 'DATABASE_URL',
  valueFrom: { configMapKeyRef: { name, key, ...(optional === undefined ? {} : { optional }) } },
});

describe('kubelet: CreateContainerConfigError', () => {
  it('waits on a missing ConfigMap, reporting Failed on every retry (~10 s), and starts once it appears', () => {
    const cluster = newCluster();
    createPod(cluster, 'api', {
      behaviour: { 'requires-env': 'DATABASE_URL' },
      spec: { containers: [container({ env: [fromConfigMap('app-config', 'DATABASE_URL')] })] },
    });
    advanceUntil(cluster, () => stateOf(cluster, 'api') === 'waiting:CreateContainerConfigError', 10);
    expect(status(cluster, 'api').state?.waiting?.message).toBe('configmap "app-config" not found');
    expect(getPod(cluster, 'api').status?.phase).toBe('Pending');
    expect(logs(cluster, 'api')).toBe(
      'ERROR 400: container "web" in pod "api" is waiting to start: CreateContainerConfigError',
    );
    const failed = 'Error: configmap "app-config" not found';
    expect(eventCount(cluster, 'api', 'Failed', failed)).toBe(1);
    cluster.advance(30_000);
    expect(eventCount(cluster, 'api', 'Failed', failed)).toBe(4);
    expect(
      eventCount(cluster, 'api', 'Pulled', 'Container image "nginx:1.25" already present on machine'),
    ).toBe(3);

    cluster.api.create(configMaps, NS, {
      metadata: { name: 'app-config' },
      data: { DATABASE_URL: 'postgres://db/app' },
    });
    const seconds = advanceUntil(cluster, () => stateOf(cluster, 'api') === 'running', 20);
    expect(seconds).toBeLessThanOrEqual(10);
    // The variable reached the program: it does not exit for lack of it.
    cluster.advance(30_000);
    expect(stateOf(cluster, 'api')).toBe('running');
    expect(status(cluster, 'api').restartCount).toBe(0);
  });

  it('names a missing key of a ConfigMap or Secret, and a missing Secret', () => {
    const cluster = newCluster();
    cluster.api.create(configMaps, NS, { metadata: { name: 'app-config' }, data: { OTHER: 'x' } });
    cluster.api.create(secrets, NS, {
      metadata: { name: 'db-creds' },
      data: { user: Buffer.from('app').toString('base64') },
    });
    createPod(cluster, 'key', {
      spec: { containers: [container({ env: [fromConfigMap('app-config', 'DATABASE_URL')] })] },
    });
    createPod(cluster, 'secret-key', {
      spec: {
        containers: [
          container({
            env: [{ name: 'PASSWORD', valueFrom: { secretKeyRef: { name: 'db-creds', key: 'password' } } }],
          }),
        ],
      },
    });
    createPod(cluster, 'secret', {
      spec: { containers: [container({ envFrom: [{ secretRef: { name: 'api-token' } }] })] },
    });
    cluster.advance(5000);
    expect(status(cluster, 'key').state?.waiting?.message).toBe(
      "couldn't find key DATABASE_URL in ConfigMap demo/app-config",
    );
    expect(status(cluster, 'secret-key').state?.waiting?.message).toBe(
      "couldn't find key password in Secret demo/db-creds",
    );
    expect(status(cluster, 'secret').state?.waiting).toEqual({
      reason: 'CreateContainerConfigError',
      message: 'secret "api-token" not found',
    });
  });

  it('respects optional: true — the variable is simply absent, and the program decides', () => {
    const cluster = newCluster();
    createPod(cluster, 'optional', {
      behaviour: { 'requires-env': 'DATABASE_URL' },
      spec: { containers: [container({ env: [fromConfigMap('app-config', 'DATABASE_URL', true)] })] },
    });
    advanceUntil(cluster, () => stateOf(cluster, 'optional') === 'terminated:Error:1', 10);
    expect(logs(cluster, 'optional')).toBe('Error: environment variable DATABASE_URL is not set\n');
  });
});

describe('kubelet: the container environment', () => {
  it('resolves envFrom (with prefix) before env, decodes Secret data, expands $(VAR) and reads pod fields', () => {
    const cluster = newCluster();
    cluster.api.create(configMaps, NS, {
      metadata: { name: 'app-config' },
      data: { HOST: 'db', PORT: '5432' },
    });
    cluster.api.create(secrets, NS, {
      metadata: { name: 'db-creds' },
      data: { password: Buffer.from('s3cret').toString('base64') },
    });
    const pod = createPod(cluster, 'env', {
      spec: {
        containers: [
          container({
            envFrom: [
              { configMapRef: { name: 'app-config' }, prefix: 'DB_' },
              { secretRef: { name: 'db-creds' } },
            ],
            env: [
              { name: 'DB_PORT', value: '6432' },
              {
                name: 'URL',
                value: 'postgres://$(DB_HOST):$(DB_PORT)/app?password=$(password)&x=$(UNSET)&y=$$(DB_HOST)',
              },
              { name: 'POD', valueFrom: { fieldRef: { fieldPath: 'metadata.name' } } },
              {
                name: 'MEMORY',
                valueFrom: { resourceFieldRef: { resource: 'limits.memory', divisor: '1Mi' } },
              },
            ],
            resources: { limits: { memory: '128Mi' } },
          }),
        ],
      },
    });
    const result = resolveEnv(
      { api: cluster.api, pod: getPod(cluster, 'env'), node: undefined, podIp: undefined, hostIp: undefined },
      pod.spec!.containers[0]!,
    );
    expect('env' in result && Object.fromEntries(result.env)).toEqual({
      DB_HOST: 'db',
      DB_PORT: '6432',
      password: 's3cret',
      URL: 'postgres://db:6432/app?password=s3cret&x=$(UNSET)&y=$(DB_HOST)',
      POD: 'env',
      MEMORY: '128',
    });
  });

  it('reports the first missing envFrom source before env references', () => {
    const cluster = newCluster();
    const spec = container({
      envFrom: [{ configMapRef: { name: 'first' } }],
      env: [fromConfigMap('second', 'KEY')],
    });
    const pod = { metadata: { name: 'x', namespace: NS }, spec: { containers: [spec] } } as Pod;
    expect(
      resolveEnv({ api: cluster.api, pod, node: undefined, podIp: undefined, hostIp: undefined }, spec),
    ).toEqual({
      error: 'configmap "first" not found',
    });
    cluster.api.create(configMaps, NS, { metadata: { name: 'first' }, data: {} });
    expect(
      resolveEnv({ api: cluster.api, pod, node: undefined, podIp: undefined, hostIp: undefined }, spec),
    ).toEqual({
      error: 'configmap "second" not found',
    });
  });
});
