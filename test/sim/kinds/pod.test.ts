import { describe, expect, it } from 'vitest';
import type { Container, Pod } from '../../../src/kube/types.js';
import { defaultImagePullPolicy } from '../../../src/sim/kinds/pod-spec-defaults.js';
import { pods } from '../../../src/sim/resources/pods.js';
import { context, rendered } from './helpers.js';

function newPod(
  containers: Container[] = [{ name: 'web', image: 'nginx:1.25' }],
  spec: Partial<NonNullable<Pod['spec']>> = {},
): Pod {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: 'web-abc12', namespace: 'demo' },
    spec: { containers, ...spec },
  };
}

function created(pod: Pod): Pod {
  pods.defaults!(pod, context(), undefined);
  return pod;
}

describe('pod defaults', () => {
  it('looks like a pod read back from a real cluster', () => {
    const pod = created(
      newPod([
        {
          name: 'web',
          image: 'nginx:1.25',
          readinessProbe: { httpGet: { port: 8080 } },
          ports: [{ containerPort: 8080 }],
        },
      ]),
    );
    const spec = pod.spec!;
    const volumeName = spec.volumes?.[0]?.name ?? '';
    expect(volumeName).toMatch(/^kube-api-access-[bcdfghjklmnpqrstvwxz2456789]{5}$/);
    expect(spec).toEqual({
      containers: [
        {
          name: 'web',
          image: 'nginx:1.25',
          imagePullPolicy: 'IfNotPresent',
          ports: [{ containerPort: 8080, protocol: 'TCP' }],
          readinessProbe: {
            httpGet: { path: '/', port: 8080, scheme: 'HTTP' },
            timeoutSeconds: 1,
            periodSeconds: 10,
            successThreshold: 1,
            failureThreshold: 3,
          },
          resources: {},
          terminationMessagePath: '/dev/termination-log',
          terminationMessagePolicy: 'File',
          volumeMounts: [
            { name: volumeName, mountPath: '/var/run/secrets/kubernetes.io/serviceaccount', readOnly: true },
          ],
        },
      ],
      restartPolicy: 'Always',
      terminationGracePeriodSeconds: 30,
      dnsPolicy: 'ClusterFirst',
      securityContext: {},
      schedulerName: 'default-scheduler',
      enableServiceLinks: true,
      serviceAccountName: 'default',
      serviceAccount: 'default',
      volumes: [
        {
          name: volumeName,
          projected: {
            defaultMode: 420,
            sources: [
              { serviceAccountToken: { expirationSeconds: 3607, path: 'token' } },
              { configMap: { name: 'kube-root-ca.crt', items: [{ key: 'ca.crt', path: 'ca.crt' }] } },
              {
                downwardAPI: {
                  items: [
                    { path: 'namespace', fieldRef: { apiVersion: 'v1', fieldPath: 'metadata.namespace' } },
                  ],
                },
              },
            ],
          },
        },
      ],
      tolerations: [
        {
          key: 'node.kubernetes.io/not-ready',
          operator: 'Exists',
          effect: 'NoExecute',
          tolerationSeconds: 300,
        },
        {
          key: 'node.kubernetes.io/unreachable',
          operator: 'Exists',
          effect: 'NoExecute',
          tolerationSeconds: 300,
        },
      ],
      priority: 0,
      preemptionPolicy: 'PreemptLowerPriority',
    });
    expect(pod.status).toEqual({ phase: 'Pending', qosClass: 'BestEffort' });
  });

  it('respects automountServiceAccountToken: false, an explicit service account and existing tolerations', () => {
    const spec = created(
      newPod(undefined, {
        automountServiceAccountToken: false,
        serviceAccountName: 'agent',
        tolerations: [{ operator: 'Exists' }],
      }),
    ).spec!;
    expect(spec.volumes).toBeUndefined();
    expect([spec.serviceAccountName, spec.serviceAccount]).toEqual(['agent', 'agent']);
    expect(spec.tolerations).toEqual([{ operator: 'Exists' }]);
  });

  it('skips admission on update', () => {
    const pod = newPod();
    pods.defaults!(pod, context(), newPod());
    expect(pod.spec!.serviceAccountName).toBeUndefined();
    expect(pod.spec!.restartPolicy).toBe('Always');
    expect(pod.status).toBeUndefined();
  });

  it.each([
    ['nginx', 'Always'],
    ['nginx:latest', 'Always'],
    ['nginx:1.25', 'IfNotPresent'],
    ['localhost:5000/app', 'Always'],
    ['localhost:5000/app:v2', 'IfNotPresent'],
    ['nginx@sha256:0123abcd', 'IfNotPresent'],
    ['', 'IfNotPresent'],
  ])('imagePullPolicy for %s is %s', (image, expected) => {
    expect(defaultImagePullPolicy(image)).toBe(expected);
  });
});

describe('pod QoS class', () => {
  const withResources = (...resources: Container['resources'][]): Container[] =>
    resources.map((r, i) => ({ name: `c${i}`, image: 'app:1', ...(r ? { resources: r } : {}) }));
  it.each<[string, Container[], string]>([
    ['no resources', withResources(undefined), 'BestEffort'],
    ['zero requests only', withResources({ requests: { cpu: '0' } }), 'BestEffort'],
    [
      'limits only (requests default to them)',
      withResources({ limits: { cpu: '500m', memory: '256Mi' } }),
      'Guaranteed',
    ],
    [
      'equal requests and limits in other units',
      withResources({
        requests: { cpu: '0.5', memory: '268435456' },
        limits: { cpu: '500m', memory: '256Mi' },
      }),
      'Guaranteed',
    ],
    [
      'requests below limits',
      withResources({ requests: { cpu: '100m', memory: '128Mi' }, limits: { cpu: '500m', memory: '256Mi' } }),
      'Burstable',
    ],
    ['memory limit only', withResources({ limits: { memory: '256Mi' } }), 'Burstable'],
    [
      'one container without limits',
      withResources({ limits: { cpu: '1', memory: '1Gi' } }, { requests: { cpu: '100m' } }),
      'Burstable',
    ],
  ])('%s ⇒ %s', (_name, containers, expected) => {
    expect(created(newPod(containers)).status?.qosClass).toBe(expected);
  });
});

describe('pod validation', () => {
  it.each<[string, Pod, string[]]>([
    ['valid', newPod(), []],
    ['no containers', newPod([]), ['spec.containers: Required value']],
    ['missing image', newPod([{ name: 'web' }]), ['spec.containers[0].image: Required value']],
    ['missing name', newPod([{ name: '', image: 'nginx' }]), ['spec.containers[0].name: Required value']],
    [
      'init container reusing an app container name',
      newPod(undefined, { initContainers: [{ name: 'web', image: 'busybox' }] }),
      ['spec.initContainers[0].name: Duplicate value: "web"'],
    ],
    [
      'container port out of range',
      newPod([{ name: 'web', image: 'nginx', ports: [{ containerPort: 70000 }] }]),
      [
        'spec.containers[0].ports[0].containerPort: Invalid value: 70000: must be between 1 and 65535, inclusive',
      ],
    ],
    [
      'grpc probe port',
      newPod([{ name: 'web', image: 'nginx', livenessProbe: { grpc: { port: -1 } } }]),
      [
        'spec.containers[0].livenessProbe.grpc.port: Invalid value: -1: must be between 1 and 65535, inclusive',
      ],
    ],
    [
      'two probe handlers',
      newPod([
        {
          name: 'web',
          image: 'nginx',
          readinessProbe: { exec: { command: ['true'] }, tcpSocket: { port: 80 } },
        },
      ]),
      ['spec.containers[0].readinessProbe.tcpSocket: Forbidden: may not specify more than 1 handler type'],
    ],
    [
      'unknown restart policy',
      newPod(undefined, { restartPolicy: 'Sometimes' }),
      [
        'spec.restartPolicy: Unsupported value: "Sometimes": supported values: "Always", "Never", "OnFailure"',
      ],
    ],
    [
      'malformed quantity',
      newPod([{ name: 'web', image: 'nginx', resources: { limits: { memory: '512MB' } } }]),
      [
        `spec.containers[0].resources.limits[memory]: Invalid value: "512MB": quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'`,
        // Pod defaulting copied the limit into the request first.
        `spec.containers[0].resources.requests[memory]: Invalid value: "512MB": quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'`,
      ],
    ],
  ])('%s', (_name, pod, expected) => {
    pods.defaults!(pod, context(), undefined);
    expect(rendered(pods.validate!(pod, undefined))).toEqual(expected);
  });
});

describe('pod field selectors', () => {
  const pod = created(newPod());
  pod.spec!.nodeName = 'node-1';
  pod.status = {
    ...pod.status,
    phase: 'Running',
    podIP: '10.244.0.5',
    podIPs: [{ ip: '10.244.0.5' }, { ip: 'fd00::5' }],
  };
  it.each([
    ['spec.nodeName', 'node-1'],
    ['spec.restartPolicy', 'Always'],
    ['spec.schedulerName', 'default-scheduler'],
    ['spec.serviceAccountName', 'default'],
    ['spec.hostNetwork', 'false'],
    ['status.phase', 'Running'],
    ['status.podIP', '10.244.0.5'],
    ['status.podIPs', '10.244.0.5,fd00::5'],
    ['status.nominatedNodeName', ''],
  ])('%s = %s', (field, expected) => {
    expect(pods.fieldSelectors?.[field]?.(pod)).toBe(expected);
  });
});
