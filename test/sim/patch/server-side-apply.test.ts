import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../../../src/kube/types.js';
import { recordUpdate, readManagedFields } from '../../../src/sim/patch/managed-fields.js';
import { serverSideApply, type ApplyOptions } from '../../../src/sim/patch/server-side-apply.js';
import { at, catchApiError, deepFreeze, expectStatus } from './helpers.js';

/** The body `kubectl apply --server-side -f dep.yaml` sent in the transcripts (§3.13). */
const KUBECTL_BODY =
  '{"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"api","namespace":"demo"},"spec":{"replicas":1,"selector":{"matchLabels":{"app":"api"}},"template":{"metadata":{"labels":{"app":"api"}},"spec":{"containers":[{"env":[{"name":"X","value":"3"}],"image":"busybox:1.36","name":"api"}]}}}}';

type Config = {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace: string; labels?: Record<string, string> };
  spec: {
    replicas?: number;
    selector: unknown;
    template: {
      metadata: { labels: Record<string, string> };
      spec: { containers: { name: string; image: string; env?: { name: string; value: string }[] }[] };
    };
  };
};

const config = (change: (c: Config) => void = () => {}): Config => {
  const c = JSON.parse(KUBECTL_BODY) as Config;
  change(c);
  return c;
};

const T = [
  '2025-01-01T00:00:00Z',
  '2025-01-01T00:01:00Z',
  '2025-01-01T00:02:00Z',
  '2025-01-01T00:03:00Z',
] as const;
const options = (over: Partial<ApplyOptions> = {}): ApplyOptions => ({
  manager: 'kubectl',
  force: false,
  apiVersion: 'apps/v1',
  time: T[0],
  kind: 'Deployment',
  ...over,
});

const apply = (live: KubeObject | undefined, c: Config, over: Partial<ApplyOptions> = {}) =>
  serverSideApply(live, c, options(over));

/** What the API server adds on create, which apply must keep. */
function stored(object: KubeObject): KubeObject {
  return {
    ...object,
    metadata: { ...object.metadata, uid: 'uid-1', resourceVersion: '100', creationTimestamp: T[0] },
  };
}

/** `kubectl scale --replicas=N`: a merge patch on /scale recorded as an Update. */
function scale(live: KubeObject, replicas: number, time: string = T[1]): KubeObject {
  const next = structuredClone(live);
  (next.spec as { replicas: number }).replicas = replicas;
  return recordUpdate(live, next, 'kubectl', 'apps/v1', time, 'scale');
}

describe('serverSideApply: create', () => {
  it('creates the object with one Apply entry owning exactly the applied fields', () => {
    const created = apply(undefined, config());
    const { managedFields, ...metadata } = created.metadata ?? {};
    expect({ ...created, metadata }).toEqual(config());
    expect(managedFields).toEqual([
      {
        manager: 'kubectl',
        operation: 'Apply',
        apiVersion: 'apps/v1',
        time: T[0],
        fieldsType: 'FieldsV1',
        fieldsV1: {
          'f:spec': {
            'f:replicas': {},
            'f:selector': {},
            'f:template': {
              'f:metadata': { 'f:labels': { 'f:app': {} } },
              'f:spec': {
                'f:containers': {
                  'k:{"name":"api"}': {
                    '.': {},
                    'f:env': { 'k:{"name":"X"}': { '.': {}, 'f:name': {}, 'f:value': {} } },
                    'f:image': {},
                    'f:name': {},
                  },
                },
              },
            },
          },
        },
      },
    ]);
  });

  it('re-applying the same configuration is a no-op (same object, same timestamp)', () => {
    const live = stored(apply(undefined, config()));
    expect(apply(live, config(), { time: T[2] })).toEqual(live);
  });

  it('keeps server-set metadata and fields nobody applied', () => {
    const live = stored(apply(undefined, config()));
    (live as { status?: unknown }).status = { replicas: 1 };
    const result = apply(
      live,
      config((c) => (c.spec.replicas = 2)),
      { time: T[1] },
    );
    expect(at(result, 'metadata.uid')).toBe('uid-1');
    expect(at(result, 'status')).toEqual({ replicas: 1 });
    expect(at(result, 'spec.replicas')).toBe(2);
    expect(at(result, 'metadata.managedFields.0.time')).toBe(T[1]);
  });
});

describe('serverSideApply: conflicts (§6.2.4)', () => {
  it('kubectl apply --server-side after kubectl scale: 409 with the exact message and cause', () => {
    const live = scale(stored(apply(undefined, config())), 5);
    const err = expectStatus(
      () =>
        apply(
          live,
          config((c) => (c.spec.replicas = 3)),
          { time: T[2] },
        ),
      409,
      'Conflict',
      'Apply failed with 1 conflict: conflict with "kubectl" with subresource "scale" using apps/v1: .spec.replicas',
    );
    expect(err.status.details).toEqual({
      causes: [
        {
          reason: 'FieldManagerConflict',
          message: 'conflict with "kubectl" with subresource "scale" using apps/v1',
          field: '.spec.replicas',
        },
      ],
    });
  });

  it('the reference example: a client-side-apply owner', () => {
    const live = stored(recordUpdate(undefined, config(), 'kubectl-client-side-apply', 'apps/v1', T[0]));
    expectStatus(
      () =>
        apply(
          live,
          config((c) => (c.spec.replicas = 3)),
          { time: T[1] },
        ),
      409,
      'Conflict',
      'Apply failed with 1 conflict: conflict with "kubectl-client-side-apply" using apps/v1: .spec.replicas',
    );
  });

  it('applying the value the other owner set is not a conflict: ownership is shared', () => {
    const live = scale(stored(apply(undefined, config())), 5);
    const result = apply(
      live,
      config((c) => (c.spec.replicas = 5)),
      { time: T[2] },
    );
    const owners = readManagedFields(result)
      .filter((m) => m.fields.has(['f:spec', 'f:replicas']))
      .map((m) => `${m.manager}/${m.operation}`);
    expect(owners).toEqual(['kubectl/Apply', 'kubectl/Update']);
  });

  it('omitting a field another manager owns is not a conflict either (it stays)', () => {
    const live = scale(stored(apply(undefined, config())), 5);
    const result = apply(
      live,
      config((c) => delete c.spec.replicas),
      { time: T[2] },
    );
    expect(at(result, 'spec.replicas')).toBe(5);
  });

  it('force takes ownership and applies the value', () => {
    const live = scale(stored(apply(undefined, config())), 5);
    const result = apply(
      live,
      config((c) => (c.spec.replicas = 3)),
      { force: true, time: T[2] },
    );
    expect(at(result, 'spec.replicas')).toBe(3);
    const managers = readManagedFields(result);
    // The scaler owned nothing else, so its entry is gone.
    expect(managers.map((m) => `${m.manager}/${m.operation}`)).toEqual(['kubectl/Apply']);
    expect(managers[0]!.fields.has(['f:spec', 'f:replicas'])).toBe(true);
  });

  it('several conflicts are grouped by manager, sorted, one path per line', () => {
    let live = stored(apply(undefined, config()));
    live = scale(live, 5);
    const setImage = structuredClone(live);
    (at(setImage, 'spec.template.spec.containers.0') as { image: string }).image = 'busybox:1.37';
    (at(setImage, 'spec.template.spec.containers.0.env.0') as { value: string }).value = '4';
    live = recordUpdate(live, setImage, 'kubectl-set', 'apps/v1', T[2]);

    const err = catchApiError(() =>
      apply(
        live,
        config((c) => {
          c.spec.replicas = 2;
          c.spec.template.spec.containers[0]!.image = 'busybox:1.38';
          c.spec.template.spec.containers[0]!.env = [{ name: 'X', value: '5' }];
        }),
        { time: T[3] },
      ),
    );
    expect(err.status.code).toBe(409);
    expect(err.status.message).toBe(
      'Apply failed with 3 conflicts: conflicts with "kubectl" with subresource "scale" using apps/v1:\n' +
        '- .spec.replicas\n' +
        'conflicts with "kubectl-set" using apps/v1:\n' +
        '- .spec.template.spec.containers[name="api"].env[name="X"].value\n' +
        '- .spec.template.spec.containers[name="api"].image',
    );
    expect(err.status.details?.causes?.map((c) => c.field)).toEqual([
      '.spec.replicas',
      '.spec.template.spec.containers[name="api"].env[name="X"].value',
      '.spec.template.spec.containers[name="api"].image',
    ]);
  });

  it('a different Apply manager conflicts too, printed without apiVersion', () => {
    const live = stored(apply(undefined, config(), { manager: 'gitops' }));
    expectStatus(
      () =>
        apply(
          live,
          config((c) => (c.spec.replicas = 9)),
          { time: T[1] },
        ),
      409,
      'Conflict',
      'Apply failed with 1 conflict: conflict with "gitops": .spec.replicas',
    );
  });
});

describe('serverSideApply: fields the manager stops applying are removed', () => {
  it.each([
    [
      'an env entry',
      (c: Config) => delete c.spec.template.spec.containers[0]!.env,
      'spec.template.spec.containers.0.env',
      undefined,
    ],
    ['replicas', (c: Config) => delete c.spec.replicas, 'spec.replicas', undefined],
    [
      'a label (no empty labels map left behind)',
      (c: Config) => delete c.metadata.labels,
      'metadata.labels',
      undefined,
    ],
    [
      'a field set to null',
      (c: Config) => ((c.spec as { replicas: unknown }).replicas = null),
      'spec.replicas',
      undefined,
    ],
  ])('%s', (_name, change, path, expected) => {
    const live = stored(
      apply(
        undefined,
        config((c) => (c.metadata.labels = { team: 'a' })),
      ),
    );
    const result = apply(
      live,
      config((c) => {
        c.metadata.labels = { team: 'a' };
        change(c);
      }),
      { time: T[1] },
    );
    expect(at(result, path)).toEqual(expected);
    expect(at(result, 'spec.template.spec.containers.0.image')).toBe('busybox:1.36');
  });

  it('a container dropped from the configuration is removed with all its fields', () => {
    const two = config((c) => c.spec.template.spec.containers.push({ name: 'sidecar', image: 'envoy' }));
    const live = stored(apply(undefined, two));
    const result = apply(live, config(), { time: T[1] });
    expect((at(result, 'spec.template.spec.containers') as { name: string }[]).map((c) => c.name)).toEqual([
      'api',
    ]);
  });

  it('a field co-owned by another manager survives its removal from the configuration', () => {
    const live = scale(stored(apply(undefined, config())), 1); // same value: the scaler records nothing
    const shared = recordUpdate(
      live,
      { ...live, metadata: { ...live.metadata, labels: { team: 'b' } } },
      'labeler',
      'apps/v1',
      T[1],
    );
    const withLabel = apply(
      shared,
      config((c) => (c.metadata.labels = { team: 'b' })),
      { time: T[2] },
    );
    const result = apply(withLabel, config(), { time: T[3] });
    expect(at(result, 'metadata.labels')).toEqual({ team: 'b' });
  });

  it('fields another manager added are never pruned', () => {
    const live = stored(apply(undefined, config()));
    const annotated = recordUpdate(
      live,
      { ...live, metadata: { ...live.metadata, annotations: { note: 'x' } } },
      'kubectl-annotate',
      'apps/v1',
      T[1],
    );
    expect(at(apply(annotated, config(), { time: T[2] }), 'metadata.annotations')).toEqual({ note: 'x' });
  });
});

describe('serverSideApply: merging', () => {
  it('merges keyed lists: live-only items keep their place, applied items follow the configuration', () => {
    const live = stored(apply(undefined, config()));
    (at(live, 'spec.template.spec.containers') as unknown[]).unshift({ name: 'injected', image: 'mesh' });
    const result = apply(
      live,
      config((c) => c.spec.template.spec.containers.push({ name: 'added', image: 'x' })),
      { time: T[1] },
    );
    expect((at(result, 'spec.template.spec.containers') as { name: string }[]).map((c) => c.name)).toEqual([
      'injected',
      'api',
      'added',
    ]);
  });

  it('keys ports by port and protocol (TCP by default), like the real SSA schema', () => {
    const service = (ports: unknown[]) => ({
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: 's', namespace: 'd' },
      spec: { ports },
    });
    const live = serverSideApply(
      undefined,
      service([{ port: 53, protocol: 'UDP' }]),
      options({ kind: 'Service', apiVersion: 'v1' }),
    );
    const result = serverSideApply(
      live,
      service([{ port: 53, protocol: 'UDP' }, { port: 53 }]),
      options({ kind: 'Service', apiVersion: 'v1', time: T[1] }),
    );
    expect(at(result, 'spec.ports')).toEqual([{ port: 53, protocol: 'UDP' }, { port: 53 }]);
    expect(Object.keys(at(result, 'metadata.managedFields.0.fieldsV1.f:spec.f:ports') as object)).toEqual([
      'k:{"port":53,"protocol":"TCP"}',
      'k:{"port":53,"protocol":"UDP"}',
    ]);
  });

  it('replaces the atomic selector instead of merging it', () => {
    const live = stored(apply(undefined, config()));
    const result = apply(
      live,
      config((c) => (c.spec.selector = { matchLabels: { tier: 'x' } })),
      { force: true, time: T[1] },
    );
    expect(at(result, 'spec.selector')).toEqual({ matchLabels: { tier: 'x' } });
  });
});

describe('serverSideApply: invalid input', () => {
  it.each([
    [
      'managedFields in the configuration',
      { ...config(), metadata: { name: 'api', managedFields: [] } },
      'metadata.managedFields must be nil',
    ],
    [
      'a keyed item without its key',
      config((c) => (c.spec.template.spec.containers = [{ image: 'x' } as { name: string; image: string }])),
      /omits key field "name"/,
    ],
    ['not an object', ['x'], 'error decoding patch: an apply patch must be an object'],
  ])('%s ⇒ 400', (_name, body, message) => {
    expectStatus(
      () => serverSideApply(undefined, body as unknown as KubeObject, options()),
      400,
      'BadRequest',
      message,
    );
  });
});

describe('serverSideApply: immutability', () => {
  it('mutates neither the live object nor the configuration', () => {
    const live = deepFreeze(scale(stored(apply(undefined, config())), 5));
    const applied = deepFreeze(config((c) => (c.spec.replicas = 3)));
    expect(() => apply(live, applied, { force: true, time: T[2] })).not.toThrow();
    expect(() => apply(live, applied, { time: T[2] })).toThrow();
  });
});
