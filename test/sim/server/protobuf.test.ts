/**
 * Protobuf request bodies, as kubectl 1.32's typed clients send them for `kubectl create <generator>`. The
 * fixtures are the exact bytes kubectl sent (captured through a proxy); each must decode to the object a JSON
 * client would have sent. What the sim cannot decode is refused with a Status, never silently dropped.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ApiError } from '../../../src/sim/errors.js';
import { decodeKubernetesProtobuf } from '../../../src/sim/server/protobuf.js';
import { MESSAGES } from '../../../src/sim/server/protobuf-schemas.js';

const fixture = (name: string) =>
  readFileSync(new URL(`../../fixtures/kubectl-protobuf/${name}.bin`, import.meta.url));

describe('decodeKubernetesProtobuf: what kubectl create sends', () => {
  it.each<[string, string, Record<string, unknown>]>([
    [
      'create namespace demo',
      'namespace',
      { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'demo' } },
    ],
    [
      'create configmap cm1 --from-literal=KEY_A=value-a --from-literal=B=bb',
      'configmap',
      {
        apiVersion: 'v1',
        kind: 'ConfigMap',
        metadata: { name: 'cm1', namespace: 'default' },
        data: { B: 'bb', KEY_A: 'value-a' },
      },
    ],
    [
      'create secret generic s1 --from-literal=password=pw-123 --from-literal=user=u (one-letter values too)',
      'secret-generic',
      {
        apiVersion: 'v1',
        kind: 'Secret',
        metadata: { name: 's1', namespace: 'default' },
        data: {
          password: Buffer.from('pw-123').toString('base64'),
          user: Buffer.from('u').toString('base64'),
        },
      },
    ],
    [
      'create secret docker-registry reg …',
      'secret-docker-registry',
      {
        apiVersion: 'v1',
        kind: 'Secret',
        metadata: { name: 'reg', namespace: 'default' },
        type: 'kubernetes.io/dockerconfigjson',
        data: {
          '.dockerconfigjson': Buffer.from(
            '{"auths":{"r.example":{"username":"u","password":"p","auth":"dTpw"}}}',
          ).toString('base64'),
        },
      },
    ],
    [
      'create deployment web --image=nginx:1.27 --port=8080 --replicas=2',
      'deployment',
      {
        apiVersion: 'apps/v1',
        kind: 'Deployment',
        metadata: { name: 'web', namespace: 'default', labels: { app: 'web' } },
        spec: {
          replicas: 2,
          selector: { matchLabels: { app: 'web' } },
          template: {
            metadata: { labels: { app: 'web' } },
            spec: { containers: [{ name: 'nginx', image: 'nginx:1.27', ports: [{ containerPort: 8080 }] }] },
          },
        },
      },
    ],
    [
      'create deployment zero2 --image=busybox --replicas=0 -- sleep 3600 (a pointer field keeps its zero)',
      'deployment-zero-replicas-command',
      {
        apiVersion: 'apps/v1',
        kind: 'Deployment',
        metadata: { name: 'zero2', namespace: 'default', labels: { app: 'zero2' } },
        spec: {
          replicas: 0,
          selector: { matchLabels: { app: 'zero2' } },
          template: {
            metadata: { labels: { app: 'zero2' } },
            spec: { containers: [{ name: 'busybox', image: 'busybox', command: ['sleep', '3600'] }] },
          },
        },
      },
    ],
    [
      'create service clusterip web --tcp=80:8080',
      'service-clusterip',
      {
        apiVersion: 'v1',
        kind: 'Service',
        metadata: { name: 'web', namespace: 'default', labels: { app: 'web' } },
        spec: {
          ports: [{ name: '80-8080', protocol: 'TCP', port: 80, targetPort: 8080 }],
          selector: { app: 'web' },
          type: 'ClusterIP',
        },
      },
    ],
    [
      'create serviceaccount bot',
      'serviceaccount',
      { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'bot', namespace: 'default' } },
    ],
    [
      'create quota q --hard=pods=5,requests.cpu=2',
      'quota',
      {
        apiVersion: 'v1',
        kind: 'ResourceQuota',
        metadata: { name: 'q', namespace: 'default' },
        spec: { hard: { pods: '5', 'requests.cpu': '2' } },
      },
    ],
    [
      'create role r --verb=get --resource=pods (the core group is an empty string that stays)',
      'role',
      {
        apiVersion: 'rbac.authorization.k8s.io/v1',
        kind: 'Role',
        metadata: { name: 'r', namespace: 'default' },
        rules: [{ verbs: ['get'], apiGroups: [''], resources: ['pods'] }],
      },
    ],
    [
      'create clusterrolebinding crb --clusterrole=cr --user=alice',
      'clusterrolebinding',
      {
        apiVersion: 'rbac.authorization.k8s.io/v1',
        kind: 'ClusterRoleBinding',
        metadata: { name: 'crb' },
        subjects: [{ kind: 'User', apiGroup: 'rbac.authorization.k8s.io', name: 'alice' }],
        roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'cr' },
      },
    ],
  ])('kubectl %s', (_command, name, expected) => {
    expect(decodeKubernetesProtobuf(fixture(name))).toEqual(expected);
  });
});

/** Protobuf encoding helpers for hand-made bodies. */
const varint = (value: number): Buffer => {
  const bytes: number[] = [];
  let rest = value;
  while (rest > 0x7f) {
    bytes.push((rest & 0x7f) | 0x80);
    rest >>>= 7;
  }
  bytes.push(rest);
  return Buffer.from(bytes);
};
const bytesField = (field: number, value: Buffer | string): Buffer => {
  const data = Buffer.from(value);
  return Buffer.concat([varint((field << 3) | 2), varint(data.length), data]);
};
const envelope = (apiVersion: string, kind: string, raw: Buffer): Buffer =>
  Buffer.concat([
    Buffer.from('k8s\0', 'latin1'),
    bytesField(1, Buffer.concat([bytesField(1, apiVersion), bytesField(2, kind)])),
    bytesField(2, raw),
  ]);

function refusal(body: Buffer): ApiError {
  try {
    decodeKubernetesProtobuf(body);
  } catch (error) {
    if (error instanceof ApiError) return error;
    throw error;
  }
  throw new Error('decoded without an error');
}

describe('decodeKubernetesProtobuf: what it refuses', () => {
  it('a field it does not know, when it carries a value: 415, naming where', () => {
    const meta = bytesField(1, bytesField(1, 'cm'));
    const body = envelope('v1', 'ConfigMap', Buffer.concat([meta, bytesField(9, 'surprise')]));
    const error = refusal(body);
    expect(error.status).toMatchObject({ code: 415, reason: 'UnsupportedMediaType' });
    expect(error.message).toContain('field 9 of ConfigMap');
  });

  it('ignores unknown fields that carry Go zero values (Go writes every field)', () => {
    const meta = bytesField(1, Buffer.concat([bytesField(1, 'cm'), bytesField(15, '')]));
    const body = envelope('v1', 'ConfigMap', Buffer.concat([meta, bytesField(9, Buffer.alloc(0))]));
    expect(decodeKubernetesProtobuf(body)).toEqual({
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: 'cm' },
    });
  });

  it('a kind it has no schema for: 415', () => {
    expect(refusal(envelope('batch/v1', 'Job', Buffer.alloc(0))).status.code).toBe(415);
  });

  it('no k8s magic, or a truncated body: 400', () => {
    expect(refusal(Buffer.from(`{"kind":"ConfigMap"}`)).status.code).toBe(400);
    const cut = fixture('deployment').subarray(0, 60);
    expect(refusal(cut).status.code).toBe(400);
  });

  it('every message a schema refers to exists', () => {
    const scalars = new Set(['string', 'bytes', 'int', 'bool']);
    for (const [name, message] of Object.entries(MESSAGES)) {
      for (const spec of Object.values(message!.fields))
        if (!scalars.has(spec.type)) expect(MESSAGES[spec.type], `${name}.${spec.name}`).toBeDefined();
    }
  });
});
