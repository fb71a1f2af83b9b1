import { describe, expect, it } from 'vitest';
import { applyStrategicMergePatch } from '../../../src/sim/patch/strategic-merge.js';
import { at, deepFreeze, expectStatus, REJECTED } from './helpers.js';

type Env = { name: string; value?: string };

/** A Deployment whose single container has the given env. */
function deployment(env: Env[] = [{ name: 'A', value: '1' }]) {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: {
      name: 'web',
      namespace: 'demo',
      annotations: { 'deployment.kubernetes.io/revision': '1' },
      finalizers: ['a', 'b'],
    },
    spec: {
      replicas: 2,
      selector: { matchLabels: { app: 'web' } },
      strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: '25%', maxUnavailable: '25%' } },
      template: {
        metadata: { labels: { app: 'web' } },
        spec: {
          containers: [
            {
              name: 'web',
              image: 'nginx:1.25',
              command: ['nginx', '-g'],
              env,
              ports: [{ containerPort: 80, protocol: 'TCP' }],
              volumeMounts: [{ name: 'config', mountPath: '/etc/config' }],
            },
          ],
          volumes: [{ name: 'config', configMap: { name: 'web-config' } }],
          tolerations: [{ key: 'a', operator: 'Exists' }],
        },
      },
    },
  };
}

const CONTAINERS = 'spec.template.spec.containers';
const env = (object: unknown, index = 0) => at(object, `${CONTAINERS}.${index}.env`);

describe('the exact patches kubectl 1.32 sends', () => {
  it('kubectl set env deploy/web K=V (§3.6, worked example of §6.8.1)', () => {
    const patch = JSON.parse(
      '{"spec":{"template":{"spec":{"$setElementOrder/containers":[{"name":"web"}],"containers":[{"$setElementOrder/env":[{"name":"A"},{"name":"K"}],"env":[{"name":"K","value":"V"}],"name":"web"}]}}}}',
    ) as unknown;
    const result = applyStrategicMergePatch(deployment(), patch, 'Deployment');
    expect(env(result)).toEqual([
      { name: 'A', value: '1' },
      { name: 'K', value: 'V' },
    ]);
    // Nothing else moved, and no directive leaked into the object.
    const expected = deployment([
      { name: 'A', value: '1' },
      { name: 'K', value: 'V' },
    ]);
    expect(result).toEqual(expected);
  });

  it('kubectl set env deploy/web A- (delete directive)', () => {
    const patch = JSON.parse(
      '{"spec":{"template":{"spec":{"$setElementOrder/containers":[{"name":"web"}],"containers":[{"$setElementOrder/env":[{"name":"K"}],"env":[{"$patch":"delete","name":"A"}],"name":"web"}]}}}}',
    ) as unknown;
    const original = deployment([
      { name: 'A', value: '1' },
      { name: 'K', value: 'V' },
    ]);
    expect(applyStrategicMergePatch(original, patch, 'Deployment')).toEqual(
      deployment([{ name: 'K', value: 'V' }]),
    );
  });

  it('kubectl set env deploy/web Z=1 appends after K (order directive)', () => {
    const patch = JSON.parse(
      '{"spec":{"template":{"spec":{"$setElementOrder/containers":[{"name":"web"}],"containers":[{"$setElementOrder/env":[{"name":"K"},{"name":"Z"}],"env":[{"name":"Z","value":"1"}],"name":"web"}]}}}}',
    ) as unknown;
    const result = applyStrategicMergePatch(deployment([{ name: 'K', value: 'V' }]), patch, 'Deployment');
    expect(env(result)).toEqual([
      { name: 'K', value: 'V' },
      { name: 'Z', value: '1' },
    ]);
  });

  it('kubectl patch --type=strategic image change keeps everything else of the container', () => {
    const patch = { spec: { template: { spec: { containers: [{ name: 'web', image: 'nginx:1.26' }] } } } };
    const result = applyStrategicMergePatch(deployment(), patch, 'Deployment');
    const expected = deployment();
    expected.spec.template.spec.containers[0]!.image = 'nginx:1.26';
    expect(result).toEqual(expected);
  });

  it('kubectl rollout restart adds the restartedAt annotation to the template', () => {
    const patch = {
      spec: {
        template: {
          metadata: { annotations: { 'kubectl.kubernetes.io/restartedAt': '2026-11-21T04:31:44Z' } },
        },
      },
    };
    const result = applyStrategicMergePatch(deployment(), patch, 'Deployment');
    expect(at(result, 'spec.template.metadata')).toEqual({
      labels: { app: 'web' },
      annotations: { 'kubectl.kubernetes.io/restartedAt': '2026-11-21T04:31:44Z' },
    });
    expect(at(result, 'metadata.annotations')).toEqual({ 'deployment.kubernetes.io/revision': '1' });
  });

  it('kubectl apply (client-side) update patch of §3.12', () => {
    const patch = JSON.parse(
      '{"metadata":{"annotations":{"kubectl.kubernetes.io/last-applied-configuration":"{\\"kind\\":\\"Deployment\\"}\\n"}},"spec":{"template":{"spec":{"$setElementOrder/containers":[{"name":"web"}],"containers":[{"$setElementOrder/env":[{"name":"X"}],"env":[{"name":"X","value":"2"}],"name":"web"}]}}}}',
    ) as unknown;
    const result = applyStrategicMergePatch(deployment([{ name: 'X', value: '3' }]), patch, 'Deployment');
    expect(env(result)).toEqual([{ name: 'X', value: '2' }]);
    expect(at(result, 'metadata.annotations')).toEqual({
      'deployment.kubernetes.io/revision': '1',
      'kubectl.kubernetes.io/last-applied-configuration': '{"kind":"Deployment"}\n',
    });
  });

  it('kubectl apply switching the strategy to Recreate ($retainKeys drops rollingUpdate)', () => {
    const patch = { spec: { strategy: { $retainKeys: ['type'], type: 'Recreate', rollingUpdate: null } } };
    expect(at(applyStrategicMergePatch(deployment(), patch, 'Deployment'), 'spec.strategy')).toEqual({
      type: 'Recreate',
    });
  });
});

describe('list strategies are found per kind', () => {
  const podSpec = () => ({
    containers: [{ name: 'web', image: 'a', env: [{ name: 'A', value: '1' }] }],
  });
  const addB = (path: string[]) => {
    let patch: unknown = { containers: [{ name: 'web', env: [{ name: 'B', value: '2' }] }] };
    for (const key of [...path].reverse()) patch = { [key]: patch };
    return patch;
  };

  it.each([
    ['Pod', ['spec']],
    ['Deployment', ['spec', 'template', 'spec']],
    ['ReplicaSet', ['spec', 'template', 'spec']],
    ['StatefulSet', ['spec', 'template', 'spec']],
    ['DaemonSet', ['spec', 'template', 'spec']],
    ['Job', ['spec', 'template', 'spec']],
    ['ReplicationController', ['spec', 'template', 'spec']],
    ['PodTemplate', ['template', 'spec']],
    ['CronJob', ['spec', 'jobTemplate', 'spec', 'template', 'spec']],
  ])('%s keeps its PodSpec at %j', (kind, path) => {
    let original: unknown = podSpec();
    for (const key of [...path].reverse()) original = { [key]: original };
    const result = applyStrategicMergePatch(original, addB(path), kind);
    expect(at(result, [...path, 'containers', '0', 'env'].join('.'))).toEqual([
      { name: 'B', value: '2' },
      { name: 'A', value: '1' },
    ]);
  });

  it('a PodSpec at another kind’s path is not merged (Deployment layout patched as a Pod)', () => {
    const original = { spec: { template: { spec: podSpec() } } };
    const result = applyStrategicMergePatch(original, addB(['spec', 'template', 'spec']), 'Pod');
    expect(at(result, 'spec.template.spec.containers')).toEqual([
      { name: 'web', env: [{ name: 'B', value: '2' }] },
    ]);
  });

  it('unknown kinds still merge metadata lists (finalizers, ownerReferences)', () => {
    const original = { metadata: { finalizers: ['a'], ownerReferences: [{ uid: '1', name: 'x' }] } };
    const patch = { metadata: { finalizers: ['b'], ownerReferences: [{ uid: '2', name: 'y' }] } };
    expect(applyStrategicMergePatch(original, patch, 'Widget')).toEqual({
      metadata: {
        finalizers: ['b', 'a'],
        ownerReferences: [
          { uid: '2', name: 'y' },
          { uid: '1', name: 'x' },
        ],
      },
    });
  });
});

describe('merge keys of §6.8.1', () => {
  it.each([
    [
      'Container.ports by containerPort',
      'Deployment',
      {
        spec: {
          template: {
            spec: {
              containers: [{ name: 'c', ports: [{ containerPort: 80, protocol: 'TCP', name: 'http' }] }],
            },
          },
        },
      },
      {
        spec: {
          template: {
            spec: {
              containers: [
                { name: 'c', ports: [{ containerPort: 80, name: 'web' }, { containerPort: 443 }] },
              ],
            },
          },
        },
      },
      'spec.template.spec.containers.0.ports',
      [{ containerPort: 80, protocol: 'TCP', name: 'web' }, { containerPort: 443 }],
    ],
    [
      'Container.volumeMounts by mountPath',
      'Pod',
      { spec: { containers: [{ name: 'c', volumeMounts: [{ name: 'a', mountPath: '/a' }] }] } },
      { spec: { containers: [{ name: 'c', volumeMounts: [{ mountPath: '/a', readOnly: true }] }] } },
      'spec.containers.0.volumeMounts',
      [{ name: 'a', mountPath: '/a', readOnly: true }],
    ],
    [
      'initContainers by name',
      'Pod',
      {
        spec: {
          initContainers: [
            { name: 'init', image: 'a' },
            { name: 'other', image: 'b' },
          ],
        },
      },
      { spec: { initContainers: [{ name: 'init', image: 'c' }] } },
      'spec.initContainers',
      [
        { name: 'init', image: 'c' },
        { name: 'other', image: 'b' },
      ],
    ],
    [
      'volumes by name',
      'Pod',
      { spec: { volumes: [{ name: 'a', emptyDir: {} }] } },
      { spec: { volumes: [{ name: 'b', emptyDir: {} }] } },
      'spec.volumes',
      [
        { name: 'b', emptyDir: {} },
        { name: 'a', emptyDir: {} },
      ],
    ],
    [
      'imagePullSecrets by name',
      'Pod',
      { spec: { imagePullSecrets: [{ name: 'a' }] } },
      { spec: { imagePullSecrets: [{ name: 'a' }, { name: 'b' }] } },
      'spec.imagePullSecrets',
      [{ name: 'a' }, { name: 'b' }],
    ],
    [
      'hostAliases by ip',
      'Pod',
      { spec: { hostAliases: [{ ip: '10.0.0.1', hostnames: ['a'] }] } },
      { spec: { hostAliases: [{ ip: '10.0.0.1', hostnames: ['b'] }] } },
      'spec.hostAliases',
      [{ ip: '10.0.0.1', hostnames: ['b'] }],
    ],
    [
      'topologySpreadConstraints by topologyKey',
      'Deployment',
      { spec: { template: { spec: { topologySpreadConstraints: [{ topologyKey: 'zone', maxSkew: 1 }] } } } },
      { spec: { template: { spec: { topologySpreadConstraints: [{ topologyKey: 'zone', maxSkew: 2 }] } } } },
      'spec.template.spec.topologySpreadConstraints',
      [{ topologyKey: 'zone', maxSkew: 2 }],
    ],
    [
      'Service ports by port',
      'Service',
      { spec: { ports: [{ port: 80, targetPort: 8080 }, { port: 443 }] } },
      { spec: { ports: [{ port: 80, targetPort: 9090 }] } },
      'spec.ports',
      [{ port: 80, targetPort: 9090 }, { port: 443 }],
    ],
    [
      'ownerReferences by uid',
      'ReplicaSet',
      { metadata: { ownerReferences: [{ uid: 'u1', name: 'a', controller: true }] } },
      { metadata: { ownerReferences: [{ uid: 'u1', blockOwnerDeletion: true }] } },
      'metadata.ownerReferences',
      [{ uid: 'u1', name: 'a', controller: true, blockOwnerDeletion: true }],
    ],
    [
      'finalizers as a set',
      'ConfigMap',
      { metadata: { finalizers: ['a', 'b'] } },
      { metadata: { finalizers: ['b', 'c'] } },
      'metadata.finalizers',
      ['a', 'b', 'c'],
    ],
    [
      'status conditions by type',
      'Deployment',
      {
        status: {
          conditions: [
            { type: 'Available', status: 'True' },
            { type: 'Progressing', status: 'True' },
          ],
        },
      },
      {
        status: {
          conditions: [{ type: 'Progressing', status: 'False', reason: 'ProgressDeadlineExceeded' }],
        },
      },
      'status.conditions',
      [
        { type: 'Available', status: 'True' },
        { type: 'Progressing', status: 'False', reason: 'ProgressDeadlineExceeded' },
      ],
    ],
    [
      'Pod status conditions by type',
      'Pod',
      { status: { conditions: [{ type: 'Ready', status: 'False' }] } },
      { status: { conditions: [{ type: 'Ready', status: 'True' }] } },
      'status.conditions',
      [{ type: 'Ready', status: 'True' }],
    ],
    [
      'Node addresses by type',
      'Node',
      { status: { addresses: [{ type: 'InternalIP', address: '10.0.0.1' }] } },
      { status: { addresses: [{ type: 'Hostname', address: 'n1' }] } },
      'status.addresses',
      [
        { type: 'Hostname', address: 'n1' },
        { type: 'InternalIP', address: '10.0.0.1' },
      ],
    ],
    [
      'ServiceAccount secrets by name',
      'ServiceAccount',
      { secrets: [{ name: 'a' }] },
      { secrets: [{ name: 'b' }] },
      'secrets',
      [{ name: 'b' }, { name: 'a' }],
    ],
  ])('%s', (_name, kind, original, patch, path, expected) => {
    expect(at(applyStrategicMergePatch(original, patch, kind), path)).toEqual(expected);
  });

  it.each([
    ['command', `${CONTAINERS}.0.command`, { containers: [{ name: 'web', command: ['sh'] }] }, ['sh']],
    [
      'tolerations',
      'spec.template.spec.tolerations',
      { tolerations: [{ key: 'b', operator: 'Exists' }] },
      [{ key: 'b', operator: 'Exists' }],
    ],
    [
      'envFrom',
      `${CONTAINERS}.0.envFrom`,
      { containers: [{ name: 'web', envFrom: [{ configMapRef: { name: 'x' } }] }] },
      [{ configMapRef: { name: 'x' } }],
    ],
  ])('a list without strategy (%s) is replaced atomically', (_name, path, podSpecPatch, expected) => {
    const result = applyStrategicMergePatch(
      deployment(),
      { spec: { template: { spec: podSpecPatch } } },
      'Deployment',
    );
    expect(at(result, path)).toEqual(expected);
  });
});

describe('maps, nulls and map directives', () => {
  it.each([
    ['null deletes a key', { spec: { replicas: null } }, 'spec', 'replicas', undefined],
    ['null for an absent key is a no-op', { spec: { paused: null } }, 'spec.paused', undefined, undefined],
    [
      'nulls inside new maps are dropped',
      { spec: { newMap: { a: 1, b: null } } },
      'spec.newMap',
      undefined,
      { a: 1 },
    ],
    [
      '$patch: replace replaces a map',
      { metadata: { annotations: { $patch: 'replace', only: 'this' } } },
      'metadata.annotations',
      undefined,
      { only: 'this' },
    ],
    [
      '$patch: delete removes a map',
      { spec: { strategy: { $patch: 'delete' } } },
      'spec.strategy',
      undefined,
      undefined,
    ],
    [
      '$patch: merge is the default',
      { spec: { selector: { $patch: 'merge', matchLabels: { tier: 'x' } } } },
      'spec.selector',
      undefined,
      { matchLabels: { app: 'web', tier: 'x' } },
    ],
    ['scalars replace maps', { spec: { strategy: 'weird' } }, 'spec.strategy', undefined, 'weird'],
  ])('%s', (_name, patch, path, absentKey, expected) => {
    const result = applyStrategicMergePatch(deployment(), patch, 'Deployment');
    if (absentKey !== undefined) expect(at(result, path)).not.toHaveProperty(absentKey);
    else expect(at(result, path)).toEqual(expected);
  });

  it('$retainKeys inside a volume switches its source', () => {
    const patch = {
      spec: {
        template: {
          spec: {
            volumes: [{ name: 'config', $retainKeys: ['name', 'secret'], secret: { secretName: 's' } }],
          },
        },
      },
    };
    expect(
      at(applyStrategicMergePatch(deployment(), patch, 'Deployment'), 'spec.template.spec.volumes'),
    ).toEqual([{ name: 'config', secret: { secretName: 's' } }]);
  });

  it('a patched key missing from $retainKeys is the generic 422', () => {
    const patch = {
      spec: { strategy: { $retainKeys: ['type'], type: 'Recreate', rollingUpdate: { maxSurge: 1 } } },
    };
    expectStatus(() => applyStrategicMergePatch(deployment(), patch, 'Deployment'), 422, 'Invalid', REJECTED);
  });

  it('a top-level $patch: replace replaces the whole object', () => {
    expect(
      applyStrategicMergePatch(deployment(), { $patch: 'replace', kind: 'Deployment' }, 'Deployment'),
    ).toEqual({
      kind: 'Deployment',
    });
  });
});

describe('list directives and ordering', () => {
  const twoContainers = () => {
    const d = deployment();
    d.spec.template.spec.containers.push({
      ...d.spec.template.spec.containers[0]!,
      name: 'sidecar',
      image: 'envoy',
    });
    return d;
  };
  const names = (object: unknown) => (at(object, CONTAINERS) as { name: string }[]).map((c) => c.name);

  it('{"$patch":"replace"} element replaces the whole list', () => {
    const patch = {
      spec: { template: { spec: { containers: [{ $patch: 'replace' }, { name: 'only', image: 'x' }] } } },
    };
    expect(at(applyStrategicMergePatch(twoContainers(), patch, 'Deployment'), CONTAINERS)).toEqual([
      { name: 'only', image: 'x' },
    ]);
  });

  it('{"$patch":"delete"} element removes by merge key', () => {
    const patch = { spec: { template: { spec: { containers: [{ $patch: 'delete', name: 'web' }] } } } };
    expect(names(applyStrategicMergePatch(twoContainers(), patch, 'Deployment'))).toEqual(['sidecar']);
  });

  it('a new element without $setElementOrder goes first, as on a real server', () => {
    const patch = { spec: { template: { spec: { containers: [{ name: 'new', image: 'x' }] } } } };
    expect(names(applyStrategicMergePatch(twoContainers(), patch, 'Deployment'))).toEqual([
      'new',
      'web',
      'sidecar',
    ]);
  });

  it('$setElementOrder alone reorders the live list', () => {
    const patch = {
      spec: { template: { spec: { '$setElementOrder/containers': [{ name: 'sidecar' }, { name: 'web' }] } } },
    };
    expect(names(applyStrategicMergePatch(twoContainers(), patch, 'Deployment'))).toEqual(['sidecar', 'web']);
  });

  it('$setElementOrder places a new element', () => {
    const patch = {
      spec: {
        template: {
          spec: {
            '$setElementOrder/containers': [{ name: 'web' }, { name: 'new' }, { name: 'sidecar' }],
            containers: [{ name: 'new', image: 'x' }],
          },
        },
      },
    };
    expect(names(applyStrategicMergePatch(twoContainers(), patch, 'Deployment'))).toEqual([
      'web',
      'new',
      'sidecar',
    ]);
  });

  it('$deleteFromPrimitiveList removes finalizers; merging adds them', () => {
    const patch = { metadata: { '$deleteFromPrimitiveList/finalizers': ['a'], finalizers: ['c'] } };
    expect(at(applyStrategicMergePatch(deployment(), patch, 'Deployment'), 'metadata.finalizers')).toEqual([
      'c',
      'b',
    ]);
  });

  it('$setElementOrder on a primitive list', () => {
    const patch = { metadata: { '$setElementOrder/finalizers': ['b', 'c', 'a'], finalizers: ['c'] } };
    expect(at(applyStrategicMergePatch(deployment(), patch, 'Deployment'), 'metadata.finalizers')).toEqual([
      'b',
      'c',
      'a',
    ]);
  });

  it('a new element keeps nested directives out of the stored object', () => {
    const patch = {
      spec: {
        template: {
          spec: {
            containers: [
              { name: 'new', '$setElementOrder/env': [{ name: 'X' }], env: [{ name: 'X', value: null }] },
            ],
          },
        },
      },
    };
    expect(at(applyStrategicMergePatch(deployment(), patch, 'Deployment'), `${CONTAINERS}.0`)).toEqual({
      name: 'new',
      env: [{ name: 'X' }],
    });
  });
});

describe('malformed strategic merge patches', () => {
  it.each([
    ['not an object', ['a'], 400, 'BadRequest', /^error decoding patch: json: cannot unmarshal array/],
    [
      'unknown $patch value',
      { spec: { strategy: { $patch: 'frobnicate' } } },
      400,
      'BadRequest',
      /^unknown patch type: "frobnicate" in map/,
    ],
    [
      'unknown $ directive',
      { spec: { $frobnicate: 1 } },
      400,
      'BadRequest',
      /^unknown patch directive "\$frobnicate"/,
    ],
    [
      'unknown $patch in a list element',
      { spec: { template: { spec: { containers: [{ name: 'web', $patch: 'frob' }] } } } },
      400,
      'BadRequest',
      /^unknown patch type: "frob"/,
    ],
    [
      'delete element without merge key',
      { spec: { template: { spec: { containers: [{ $patch: 'delete' }] } } } },
      400,
      'BadRequest',
      /does not contain declared merge key: name$/,
    ],
    [
      'element without merge key',
      { spec: { template: { spec: { containers: [{ image: 'x' }] } } } },
      400,
      'BadRequest',
      /does not contain declared merge key: name$/,
    ],
    [
      'scalar in a keyed list',
      { spec: { template: { spec: { containers: ['web'] } } } },
      400,
      'BadRequest',
      /is not an object/,
    ],
    [
      '$setElementOrder not a list',
      { spec: { template: { spec: { '$setElementOrder/containers': 'web' } } } },
      400,
      'BadRequest',
      'invalid patch format of setElementOrder list',
    ],
    [
      '$deleteFromPrimitiveList not a list',
      { metadata: { '$deleteFromPrimitiveList/finalizers': 'a' } },
      400,
      'BadRequest',
      'invalid patch format of primitive list',
    ],
    [
      '$retainKeys not a list',
      { spec: { strategy: { $retainKeys: 'type' } } },
      400,
      'BadRequest',
      'invalid patch format of retainKeys',
    ],
    [
      'patch list out of $setElementOrder',
      {
        spec: {
          template: {
            spec: {
              '$setElementOrder/containers': [{ name: 'a' }, { name: 'b' }],
              containers: [{ name: 'b' }, { name: 'a' }],
            },
          },
        },
      },
      400,
      'BadRequest',
      /^The order in patch list:/,
    ],
  ])('%s', (_name, patch, code, reason, message) => {
    expectStatus(() => applyStrategicMergePatch(deployment(), patch, 'Deployment'), code, reason, message);
  });
});

describe('immutability', () => {
  it('mutates neither the original nor the patch', () => {
    const original = deepFreeze(deployment());
    const patch = deepFreeze({
      metadata: { labels: { new: 'x' }, '$deleteFromPrimitiveList/finalizers': ['a'] },
      spec: {
        strategy: { $retainKeys: ['type'], type: 'Recreate' },
        template: {
          spec: {
            '$setElementOrder/containers': [{ name: 'web' }],
            containers: [
              {
                name: 'web',
                '$setElementOrder/env': [{ name: 'A' }, { name: 'B' }],
                env: [{ name: 'B', value: '2' }],
              },
            ],
          },
        },
      },
    });
    expect(() => applyStrategicMergePatch(original, patch, 'Deployment')).not.toThrow();
    expect(original).toEqual(deployment());
  });

  it('shares no untouched list element with the original', () => {
    const original = deployment();
    original.spec.template.spec.containers.push({
      ...deployment().spec.template.spec.containers[0]!,
      name: 'sidecar',
    });
    const snapshot = structuredClone(original);
    const patch = { spec: { template: { spec: { containers: [{ name: 'web', image: 'x' }] } } } };
    const result = applyStrategicMergePatch(original, patch, 'Deployment');
    (at(result, `${CONTAINERS}.1`) as { image: string }).image = 'changed';
    expect(original).toEqual(snapshot);
  });

  it('shares no nested object with the original', () => {
    const original = deployment();
    const result = applyStrategicMergePatch(
      original,
      { spec: { template: { spec: { containers: [{ name: 'web', image: 'x' }] } } } },
      'Deployment',
    );
    (at(result, `${CONTAINERS}.0.ports.0`) as { containerPort: number }).containerPort = 1;
    (at(result, 'spec.template.spec.volumes.0') as { name: string }).name = 'changed';
    (at(result, 'metadata.annotations') as Record<string, string>).x = 'y';
    expect(original).toEqual(deployment());
  });
});
