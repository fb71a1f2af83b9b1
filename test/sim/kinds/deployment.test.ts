import { describe, expect, it } from 'vitest';
import type { Deployment, KubeObject } from '../../../src/kube/types.js';
import { errors } from '../../../src/sim/errors.js';
import { deployments } from '../../../src/sim/resources/deployments.js';
import { context, rendered } from './helpers.js';

function minimalDeployment(): Deployment {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'web', namespace: 'demo' },
    spec: {
      selector: { matchLabels: { app: 'web' } },
      template: {
        metadata: { labels: { app: 'web' } },
        spec: {
          containers: [
            {
              name: 'web',
              image: 'nginx:1.24',
              ports: [{ containerPort: 80 }],
              env: [{ name: 'A', value: '1' }],
            },
          ],
        },
      },
    },
  };
}

function defaulted(change: (d: Deployment) => void = () => {}): Deployment {
  const deployment = minimalDeployment();
  change(deployment);
  deployments.defaults!(deployment, context(), undefined);
  return deployment;
}

const validate = (d: KubeObject, old?: KubeObject) => rendered(deployments.validate!(d, old));

describe('deployment defaults', () => {
  it('fills the apps/v1 spec defaults', () => {
    const spec = defaulted().spec!;
    expect(spec.replicas).toBe(1);
    expect(spec.revisionHistoryLimit).toBe(10);
    expect(spec.progressDeadlineSeconds).toBe(600);
    expect(spec.strategy).toEqual({
      type: 'RollingUpdate',
      rollingUpdate: { maxUnavailable: '25%', maxSurge: '25%' },
    });
  });

  it('turns the template into exactly what a real server sent back to `kubectl rollout undo`', () => {
    // Captured from kube-apiserver 1.32 (reference transcripts): the stored template of the same manifest.
    const captured = JSON.parse(
      '{"metadata":{"creationTimestamp":null,"labels":{"app":"web"}},"spec":{"containers":[{"name":"web","image":"nginx:1.24","ports":[{"containerPort":80,"protocol":"TCP"}],"env":[{"name":"A","value":"1"}],"resources":{},"terminationMessagePath":"/dev/termination-log","terminationMessagePolicy":"File","imagePullPolicy":"IfNotPresent"}],"restartPolicy":"Always","terminationGracePeriodSeconds":30,"dnsPolicy":"ClusterFirst","securityContext":{},"schedulerName":"default-scheduler"}}',
    ) as unknown;
    expect(defaulted().spec!.template).toEqual(captured);
  });

  it('keeps explicit values, and leaves Recreate without rollingUpdate', () => {
    const spec = defaulted((d) => {
      d.spec!.replicas = 0;
      d.spec!.strategy = { type: 'Recreate' };
      d.spec!.template.spec!.containers[0]!.imagePullPolicy = 'Never';
    }).spec!;
    expect(spec.replicas).toBe(0);
    expect(spec.strategy).toEqual({ type: 'Recreate' });
    expect(spec.template.spec!.containers[0]!.imagePullPolicy).toBe('Never');
  });

  it('adds no pod-only or admission fields to the template', () => {
    const templateSpec = defaulted().spec!.template.spec!;
    expect(templateSpec).not.toHaveProperty('enableServiceLinks');
    expect(templateSpec).not.toHaveProperty('serviceAccountName');
    expect(templateSpec).not.toHaveProperty('priority');
  });

  it('accepts the defaulted minimal deployment', () => {
    expect(validate(defaulted())).toEqual([]);
  });
});

describe('deployment validation', () => {
  it.each<[string, (d: Deployment) => void, string[]]>([
    [
      'negative replicas',
      (d) => (d.spec!.replicas = -1),
      ['spec.replicas: Invalid value: -1: must be greater than or equal to 0'],
    ],
    [
      'missing selector',
      (d) => delete (d.spec as Partial<NonNullable<Deployment['spec']>>).selector,
      [
        'spec.selector: Required value',
        'spec.template.metadata.labels: Invalid value: map[string]string{"app":"web"}: `selector` does not match template `labels`',
      ],
    ],
    [
      'selector not matching the template',
      (d) => (d.spec!.selector = { matchLabels: { app: 'x' } }),
      [
        'spec.template.metadata.labels: Invalid value: map[string]string{"app":"web"}: `selector` does not match template `labels`',
      ],
    ],
    [
      'empty selector',
      (d) => (d.spec!.selector = {}),
      [
        'spec.selector: Invalid value: v1.LabelSelector{MatchLabels:map[string]string(nil), MatchExpressions:[]v1.LabelSelectorRequirement(nil)}: empty selector is invalid for deployment',
      ],
    ],
    [
      'invalid name',
      (d) => (d.metadata!.name = 'Web_1'),
      [
        `metadata.name: Invalid value: "Web_1": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')`,
      ],
    ],
    [
      'no containers',
      (d) => (d.spec!.template.spec!.containers = []),
      ['spec.template.spec.containers: Required value'],
    ],
    [
      'duplicate container names',
      (d) => d.spec!.template.spec!.containers.push({ name: 'web', image: 'busybox:1.36' }),
      ['spec.template.spec.containers[1].name: Duplicate value: "web"'],
    ],
    [
      'missing image',
      (d) => delete d.spec!.template.spec!.containers[0]!.image,
      ['spec.template.spec.containers[0].image: Required value'],
    ],
    [
      'container name not a DNS label',
      (d) => (d.spec!.template.spec!.containers[0]!.name = 'Web'),
      [
        `spec.template.spec.containers[0].name: Invalid value: "Web": a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')`,
      ],
    ],
    [
      'restartPolicy other than Always',
      (d) => (d.spec!.template.spec!.restartPolicy = 'Never'),
      ['spec.template.spec.restartPolicy: Unsupported value: "Never": supported values: "Always"'],
    ],
    [
      'probe port out of range',
      (d) =>
        (d.spec!.template.spec!.containers[0]!.livenessProbe = { httpGet: { path: '/healthz', port: 0 } }),
      [
        'spec.template.spec.containers[0].livenessProbe.httpGet.port: Invalid value: 0: must be between 1 and 65535, inclusive',
      ],
    ],
    [
      'probe named port that is not a port name',
      (d) => (d.spec!.template.spec!.containers[0]!.readinessProbe = { tcpSocket: { port: 'HTTP' } }),
      [
        'spec.template.spec.containers[0].readinessProbe.tcpSocket.port: Invalid value: "HTTP": must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)',
        'spec.template.spec.containers[0].readinessProbe.tcpSocket.port: Invalid value: "HTTP": must contain at least one letter (a-z)',
      ],
    ],
    [
      'probe without a handler',
      (d) => (d.spec!.template.spec!.containers[0]!.startupProbe = { periodSeconds: 5 }),
      ['spec.template.spec.containers[0].startupProbe: Required value: must specify a handler type'],
    ],
    [
      'liveness probe needing several successes',
      (d) =>
        (d.spec!.template.spec!.containers[0]!.livenessProbe = {
          exec: { command: ['true'] },
          successThreshold: 2,
        }),
      ['spec.template.spec.containers[0].livenessProbe.successThreshold: Invalid value: 2: must be 1'],
    ],
    [
      'request above limit',
      (d) =>
        (d.spec!.template.spec!.containers[0]!.resources = {
          requests: { memory: '512Mi' },
          limits: { memory: '256Mi' },
        }),
      [
        'spec.template.spec.containers[0].resources.requests: Invalid value: "512Mi": must be less than or equal to memory limit of 256Mi',
      ],
    ],
    [
      'maxSurge and maxUnavailable both zero',
      (d) =>
        (d.spec!.strategy = { type: 'RollingUpdate', rollingUpdate: { maxSurge: 0, maxUnavailable: '0%' } }),
      [
        'spec.strategy.rollingUpdate.maxUnavailable: Invalid value: intstr.IntOrString{Type:1, IntVal:0, StrVal:"0%"}: may not be 0 when `maxSurge` is 0',
      ],
    ],
    [
      'Recreate with rollingUpdate',
      (d) => (d.spec!.strategy = { type: 'Recreate', rollingUpdate: { maxSurge: 1 } }),
      ["spec.strategy.rollingUpdate: Forbidden: may not be specified when strategy `type` is 'Recreate'"],
    ],
    [
      'progress deadline not above minReadySeconds',
      (d) => {
        d.spec!.minReadySeconds = 30;
        d.spec!.progressDeadlineSeconds = 30;
      },
      ['spec.progressDeadlineSeconds: Invalid value: 30: must be greater than minReadySeconds'],
    ],
  ])('%s', (_name, change, expected) => {
    expect(validate(defaulted(change))).toEqual(expected);
  });

  it('renders the §6.2.5 422 message through errors.invalid', () => {
    const causes = deployments.validate!(
      defaulted((d) => (d.spec!.replicas = -1)),
      undefined,
    );
    expect(errors.invalid('Deployment', 'apps', 'web', causes).status.message).toBe(
      'Deployment.apps "web" is invalid: spec.replicas: Invalid value: -1: must be greater than or equal to 0',
    );
  });

  it('forbids changing the selector on update, and allows other changes', () => {
    const old = defaulted();
    const relabelled = defaulted((d) => {
      d.spec!.selector = { matchLabels: { app: 'web2' } };
      d.spec!.template.metadata!.labels = { app: 'web2' };
    });
    expect(validate(relabelled, old)).toEqual([
      'spec.selector: Invalid value: v1.LabelSelector{MatchLabels:map[string]string{"app":"web2"}, MatchExpressions:[]v1.LabelSelectorRequirement(nil)}: field is immutable',
    ]);
    expect(
      validate(
        defaulted((d) => (d.spec!.replicas = 5)),
        old,
      ),
    ).toEqual([]);
  });
});
