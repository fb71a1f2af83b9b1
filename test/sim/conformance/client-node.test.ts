/**
 * @kubernetes/client-node 1.x against the sim, unmodified (reference §5.2–§5.6): the generated ObjectParam APIs
 * for lists (label/field selectors, limit/continue), reads, pod logs, deletes, the scale subresource, leases
 * (the lock semantics the bot relies on, and strict MicroTime decoding), PATCH in every content type, dry runs,
 * Watch, informers — and the error mapping of our adapter (src/kube/client-node-adapter.ts) over injected faults.
 */
import {
  ApiException,
  AppsV1Api,
  CoordinationV1Api,
  CoreV1Api,
  KubeConfig,
  makeInformer,
  PatchStrategy,
  setHeaderOptions,
  V1MicroTime,
  Watch,
  type V1ConfigMap,
  type V1Lease,
} from '@kubernetes/client-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KubeApiError } from '../../../src/errors.js';
import type { Pod } from '../../../src/kube/types.js';
import { createClientNodeKube } from '../../../src/kube/client-node-adapter.js';
import { configMaps } from '../../../src/sim/resources/configmaps.js';
import { deployments } from '../../../src/sim/resources/deployments.js';
import { pods } from '../../../src/sim/resources/pods.js';
import type { SimHandle } from '../../../src/sim/sim.js';
import { startDemo } from './demo-fixture.js';

const NS = 'demo';

let sim: SimHandle;
let config: KubeConfig;
let core: CoreV1Api;
let apps: AppsV1Api;
let coordination: CoordinationV1Api;

beforeAll(async () => {
  // Pods print two lines, exit 1 after 30 s and are restarted: `previous` logs exist after the 60 s of loading.
  sim = await startDemo({ logs: 'log line 1\nline 2', exitAfterSeconds: 30 });
  config = new KubeConfig();
  config.loadFromString(sim.kubeconfig);
  core = config.makeApiClient(CoreV1Api);
  apps = config.makeApiClient(AppsV1Api);
  coordination = config.makeApiClient(CoordinationV1Api);
});

afterAll(async () => {
  await sim.stop();
});

/** The rejection of `promise`, which must be an ApiException, with its Status body parsed. */
async function apiError(
  promise: Promise<unknown>,
): Promise<{ code: number; status: Record<string, unknown> }> {
  try {
    await promise;
  } catch (error) {
    if (!(error instanceof ApiException)) throw error;
    const exception = error as ApiException<unknown>;
    return { code: exception.code, status: JSON.parse(String(exception.body)) as Record<string, unknown> };
  }
  throw new Error('expected the call to fail');
}

function webPods(): string[] {
  return sim.cluster.api
    .list(pods, NS)
    .items.filter((pod) => pod.metadata?.labels?.app === 'web' && !pod.metadata.deletionTimestamp)
    .map((pod) => pod.metadata!.name!)
    .sort();
}

function storedVersion(name: string): string | undefined {
  return sim.cluster.api.get(deployments, NS, name).metadata?.resourceVersion;
}

async function until(condition: () => boolean, what: string, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

describe('lists and reads', () => {
  it('lists with label and field selectors, as the generated client sends them', async () => {
    const byLabel = await core.listNamespacedPod({ namespace: NS, labelSelector: 'app=web' });
    expect(byLabel.kind).toBe('PodList');
    expect(byLabel.items.map((pod) => pod.metadata?.name).sort()).toEqual(webPods());
    expect(byLabel.items[0]?.metadata?.creationTimestamp).toBeInstanceOf(Date);

    const [first] = webPods();
    const byField = await core.listNamespacedPod({
      namespace: NS,
      fieldSelector: `metadata.name=${first},status.phase=Running`,
    });
    expect(byField.items.map((pod) => pod.metadata?.name)).toEqual([first]);
    expect(
      (await core.listNamespacedPod({ namespace: NS, labelSelector: 'app in (web),tier notin (db)' })).items,
    ).toHaveLength(2);
    expect((await core.listNamespacedPod({ namespace: NS, labelSelector: 'app!=web' })).items).toEqual([]);

    const events = await core.listNamespacedEvent({
      namespace: NS,
      fieldSelector: `involvedObject.kind=Pod,involvedObject.name=${first}`,
    });
    expect(events.items.length).toBeGreaterThan(0);
    expect(events.items.every((event) => event.involvedObject.name === first)).toBe(true);
    expect(events.items.map((event) => event.reason)).toContain('Started');

    const bad = await apiError(core.listNamespacedPod({ namespace: NS, fieldSelector: 'spec.foo=bar' }));
    expect(bad.code).toBe(400);
    expect(bad.status).toMatchObject({
      reason: 'BadRequest',
      message: 'field label not supported: spec.foo',
    });

    const path = sim.requests.find((request) => request.url.includes('labelSelector=app%3Dweb'))?.url;
    expect(path).toBe('/api/v1/namespaces/demo/pods?labelSelector=app%3Dweb');
  });

  it('pages with limit/continue, every page at the first page resourceVersion', async () => {
    for (const name of ['page-a', 'page-b', 'page-c']) {
      await core.createNamespacedConfigMap({
        namespace: NS,
        body: { metadata: { name }, data: { k: name } },
      });
    }
    const selector = { namespace: NS, labelSelector: '' };
    const first = await core.listNamespacedConfigMap({ ...selector, limit: 2 });
    expect(first.items.map((item) => item.metadata?.name)).toEqual(['kube-root-ca.crt', 'page-a']);
    expect(first.metadata?._continue).toBeTruthy();
    expect(first.metadata?.remainingItemCount).toBe(2);

    // A write between pages is not visible to the continuation: it reads the snapshot of the first page.
    await core.createNamespacedConfigMap({ namespace: NS, body: { metadata: { name: 'page-d' } } });
    await core.deleteNamespacedConfigMap({ namespace: NS, name: 'page-c' });
    const second = await core.listNamespacedConfigMap({
      ...selector,
      limit: 2,
      _continue: first.metadata?._continue,
    });
    expect(second.items.map((item) => item.metadata?.name)).toEqual(['page-b', 'page-c']);
    expect(second.metadata?.resourceVersion).toBe(first.metadata?.resourceVersion);
    expect(second.metadata?._continue).toBeFalsy();

    const wire = sim.requests.filter((request) => request.url.includes('continue='));
    expect(wire[0]?.url).toMatch(
      /^\/api\/v1\/namespaces\/demo\/configmaps\?continue=[\w-]+&labelSelector=&limit=2$/,
    );

    const expired = await apiError(core.listNamespacedConfigMap({ ...selector, _continue: 'not-a-token' }));
    expect(expired.code).toBe(400);
  });

  it('reads objects into typed models', async () => {
    const deployment = await apps.readNamespacedDeployment({ name: 'web', namespace: NS });
    expect(deployment.kind).toBe('Deployment');
    expect(deployment.spec?.template.spec?.containers[0]?.image).toBe('nginx:1.25');
    expect(deployment.metadata?.annotations?.['deployment.kubernetes.io/revision']).toBe('2');
    expect(deployment.status?.observedGeneration).toBe(deployment.metadata?.generation);
    const replicaSets = await apps.listNamespacedReplicaSet({ namespace: NS, labelSelector: 'app=web' });
    expect(replicaSets.items).toHaveLength(2);
    expect(
      replicaSets.items.every((rs) => rs.metadata?.ownerReferences?.[0]?.uid === deployment.metadata?.uid),
    ).toBe(true);
    const namespace = await core.readNamespace({ name: NS });
    expect(namespace.status?.phase).toBe('Active');
    const missing = await apiError(apps.readNamespacedDeployment({ name: 'nope', namespace: NS }));
    expect(missing).toEqual({
      code: 404,
      status: {
        kind: 'Status',
        apiVersion: 'v1',
        metadata: {},
        status: 'Failure',
        message: 'deployments.apps "nope" not found',
        reason: 'NotFound',
        details: { name: 'nope', group: 'apps', kind: 'deployments' },
        code: 404,
      },
    });
  });
});

describe('pod logs', () => {
  it('returns text/plain logs for a container, the previous run, and the last lines', async () => {
    const [name] = webPods();
    const pod = sim.cluster.api.get(pods, NS, name!) as Pod;
    expect(pod.status?.containerStatuses?.[0]?.restartCount).toBeGreaterThan(0);

    const current = await core.readNamespacedPodLog({ name: name!, namespace: NS, container: 'web' });
    expect(current).toBe('log line 1\nline 2\n');
    const previous = await core.readNamespacedPodLog({
      name: name!,
      namespace: NS,
      container: 'web',
      previous: true,
    });
    expect(previous).toBe('log line 1\nline 2\n');
    const tail = await core.readNamespacedPodLog({
      name: name!,
      namespace: NS,
      container: 'web',
      tailLines: 1,
    });
    expect(tail).toBe('line 2\n');

    const logRequest = sim.requests.find((request) => request.url.includes('tailLines=1'));
    expect(logRequest?.url).toBe(`/api/v1/namespaces/demo/pods/${name}/log?container=web&tailLines=1`);

    const wrong = await apiError(
      core.readNamespacedPodLog({ name: name!, namespace: NS, container: 'nope' }),
    );
    expect(wrong.code).toBe(400);
    expect(wrong.status.message).toBe(`container nope is not valid for pod ${name}`);
  });
});

describe('deletes', () => {
  it('deletes a pod gracefully (the pod comes back with deletionTimestamp), other kinds answer a Status', async () => {
    const [name] = webPods();
    const deleted = await core.deleteNamespacedPod({ name: name!, namespace: NS });
    expect(deleted.kind).toBe('Pod');
    expect(deleted.metadata?.deletionTimestamp).toBeInstanceOf(Date);
    expect(deleted.metadata?.deletionGracePeriodSeconds).toBe(30);
    const request = sim.requests.findLast((r) => r.method === 'DELETE');
    expect(request).toMatchObject({ contentType: 'application/json' });

    await core.createNamespacedConfigMap({ namespace: NS, body: { metadata: { name: 'doomed' } } });
    const status = await core.deleteNamespacedConfigMap({ name: 'doomed', namespace: NS });
    expect(status).toMatchObject({
      kind: 'Status',
      status: 'Success',
      details: { name: 'doomed', kind: 'configmaps' },
    });
    expect(sim.cluster.api.find(configMaps, NS, 'doomed')).toBeUndefined();

    // The controllers replace the pod; the old one goes once the kubelet has stopped it.
    sim.advance(60_000);
    expect(webPods()).not.toContain(name);
    expect(webPods()).toHaveLength(2);
  });
});

describe('scale subresource', () => {
  it('reads and replaces the scale; a stale resourceVersion is a 409 Conflict', async () => {
    const scale = await apps.readNamespacedDeploymentScale({ name: 'web', namespace: NS });
    expect(scale).toMatchObject({ kind: 'Scale', apiVersion: 'autoscaling/v1', spec: { replicas: 2 } });
    expect(scale.status).toMatchObject({ replicas: 2, selector: 'app=web' });

    const replaced = await apps.replaceNamespacedDeploymentScale({
      name: 'web',
      namespace: NS,
      body: {
        apiVersion: 'autoscaling/v1',
        kind: 'Scale',
        metadata: { name: 'web', namespace: NS },
        spec: { replicas: 3 },
      },
    });
    expect(replaced.spec?.replicas).toBe(3);
    expect(sim.cluster.api.get(deployments, NS, 'web').spec).toMatchObject({ replicas: 3 });

    const stale = await apiError(
      apps.replaceNamespacedDeploymentScale({
        name: 'web',
        namespace: NS,
        body: {
          metadata: { name: 'web', namespace: NS, resourceVersion: scale.metadata?.resourceVersion },
          spec: { replicas: 4 },
        },
      }),
    );
    expect(stale.code).toBe(409);
    expect(stale.status).toMatchObject({
      reason: 'Conflict',
      message:
        'Operation cannot be fulfilled on deployments.apps "web": the object has been modified; please apply your changes to the latest version and try again',
    });
    await apps.replaceNamespacedDeploymentScale({
      name: 'web',
      namespace: NS,
      body: { metadata: { name: 'web', namespace: NS }, spec: { replicas: 2 } },
    });
  });
});

describe('leases', () => {
  const lease = (holder: string): V1Lease => {
    const now = new V1MicroTime();
    return {
      metadata: { name: 'agent-lock' },
      spec: { holderIdentity: holder, leaseDurationSeconds: 15, acquireTime: now, renewTime: now },
    };
  };

  it('is a lock: create twice is AlreadyExists, a stale update is a Conflict, no resourceVersion is unconditional', async () => {
    const created = await coordination.createNamespacedLease({ namespace: NS, body: lease('agent-1') });
    expect(created).toMatchObject({ apiVersion: 'coordination.k8s.io/v1', kind: 'Lease' });
    expect(created.spec?.holderIdentity).toBe('agent-1');
    // MicroTime goes out with six fractional digits and comes back the same way.
    expect(sim.requests.findLast((r) => r.method === 'POST')?.body).toMatch(/"renewTime":"[^"]+\.\d{6}Z"/);

    const again = await apiError(
      coordination.createNamespacedLease({ namespace: NS, body: lease('agent-2') }),
    );
    expect(again.code).toBe(409);
    expect(again.status).toMatchObject({
      reason: 'AlreadyExists',
      message: 'leases.coordination.k8s.io "agent-lock" already exists',
      details: { name: 'agent-lock', group: 'coordination.k8s.io', kind: 'leases' },
    });

    const read = await coordination.readNamespacedLease({ name: 'agent-lock', namespace: NS });
    const renewed = await coordination.replaceNamespacedLease({
      name: 'agent-lock',
      namespace: NS,
      body: { ...read, spec: { ...read.spec, renewTime: new V1MicroTime(Date.now() + 5_000) } },
    });
    expect(renewed.metadata?.resourceVersion).not.toBe(read.metadata?.resourceVersion);

    const stale = await apiError(
      coordination.replaceNamespacedLease({
        name: 'agent-lock',
        namespace: NS,
        body: { ...read, spec: { ...read.spec, holderIdentity: 'agent-2' } },
      }),
    );
    expect(stale.code).toBe(409);
    expect(stale.status).toMatchObject({
      reason: 'Conflict',
      message:
        'Operation cannot be fulfilled on leases.coordination.k8s.io "agent-lock": the object has been modified; please apply your changes to the latest version and try again',
    });

    const { resourceVersion: _rv, ...metadata } = read.metadata ?? {};
    const taken = await coordination.replaceNamespacedLease({
      name: 'agent-lock',
      namespace: NS,
      body: { ...read, metadata, spec: { ...read.spec, holderIdentity: 'agent-2' } },
    });
    expect(taken.spec?.holderIdentity).toBe('agent-2');
  });

  it('rejects a MicroTime with three fractional digits (a plain Date) with the real decoding error', async () => {
    const body: V1Lease = {
      metadata: { name: 'millis' },
      spec: { holderIdentity: 'x', renewTime: new Date('2026-11-21T04:29:09.164Z') },
    };
    const rejected = await apiError(coordination.createNamespacedLease({ namespace: NS, body }));
    expect(rejected.code).toBe(400);
    expect(rejected.status).toMatchObject({
      reason: 'BadRequest',
      message:
        'Lease in version "v1" cannot be handled as a Lease: parsing time "2026-11-21T04:29:09.164Z" as "2006-01-02T15:04:05.000000Z07:00": cannot parse ".164Z" as ".000000"',
    });

    const created = await coordination.createNamespacedLease({
      namespace: NS,
      body: { metadata: { name: 'millis' }, spec: { holderIdentity: 'x' } },
    });
    const update = await apiError(
      coordination.replaceNamespacedLease({
        name: 'millis',
        namespace: NS,
        body: {
          ...created,
          spec: { ...created.spec, acquireTime: new Date('2026-11-21T04:29:09Z') },
        },
      }),
    );
    // client-node sends a Date in a MicroTime field as milliseconds, whatever the value.
    expect(update.code).toBe(400);
    expect(update.status.message).toContain(
      'parsing time "2026-11-21T04:29:09.000Z" as "2006-01-02T15:04:05.000000Z07:00": cannot parse ".000Z" as ".000000"',
    );
  });
});

describe('PATCH content types', () => {
  it('sends JSON patch by default and the others through setHeaderOptions', async () => {
    const before = sim.requests.length;
    const jsonPatched = await apps.patchNamespacedDeployment({
      name: 'web',
      namespace: NS,
      body: [{ op: 'replace', path: '/spec/replicas', value: 3 }],
    });
    expect(jsonPatched.spec?.replicas).toBe(3);

    const strategic = await apps.patchNamespacedDeployment(
      {
        name: 'web',
        namespace: NS,
        body: {
          spec: { template: { spec: { containers: [{ name: 'web', env: [{ name: 'B', value: '2' }] }] } } },
        },
      },
      setHeaderOptions('Content-Type', PatchStrategy.StrategicMergePatch),
    );
    // Merged by name: A survives, B is added — first, as on a real server when the patch carries no
    // $setElementOrder (apimachinery mergeSortedSlice puts patch items not in the live list ahead).
    expect(strategic.spec?.template.spec?.containers[0]?.env).toEqual([
      { name: 'B', value: '2' },
      { name: 'A', value: '1' },
    ]);

    const merged = await apps.patchNamespacedDeployment(
      { name: 'web', namespace: NS, body: { spec: { replicas: 2 } }, fieldManager: 'my-agent' },
      setHeaderOptions('Content-Type', PatchStrategy.MergePatch),
    );
    expect(merged.spec?.replicas).toBe(2);

    const applied = await apps.patchNamespacedDeployment(
      {
        name: 'web',
        namespace: NS,
        fieldManager: 'my-agent',
        force: true,
        body: {
          apiVersion: 'apps/v1',
          kind: 'Deployment',
          metadata: { name: 'web', namespace: NS },
          spec: {
            template: {
              spec: { containers: [{ name: 'web', image: 'nginx:1.25', env: [{ name: 'C', value: '3' }] }] },
            },
          },
        },
      },
      setHeaderOptions('Content-Type', PatchStrategy.ServerSideApply),
    );
    expect(applied.spec?.template.spec?.containers[0]?.env?.map((env) => env.name)).toEqual(['B', 'A', 'C']);
    expect(applied.metadata?.managedFields?.map((entry) => [entry.manager, entry.operation])).toContainEqual([
      'my-agent',
      'Apply',
    ]);

    const patches = sim.requests.slice(before).filter((request) => request.method === 'PATCH');
    expect(patches.map((request) => [request.url, request.contentType])).toEqual([
      ['/apis/apps/v1/namespaces/demo/deployments/web', 'application/json-patch+json'],
      ['/apis/apps/v1/namespaces/demo/deployments/web', 'application/strategic-merge-patch+json'],
      ['/apis/apps/v1/namespaces/demo/deployments/web?fieldManager=my-agent', 'application/merge-patch+json'],
      [
        '/apis/apps/v1/namespaces/demo/deployments/web?fieldManager=my-agent&force=true',
        'application/apply-patch+yaml',
      ],
    ]);

    const unsupported = await apiError(
      apps.patchNamespacedDeployment(
        { name: 'web', namespace: NS, body: { spec: { replicas: 2 } } },
        setHeaderOptions('Content-Type', 'application/x-yaml'),
      ),
    );
    expect(unsupported.code).toBe(415);
    expect(unsupported.status).toMatchObject({
      reason: 'UnsupportedMediaType',
      message:
        'the body of the request was in an unknown format - accepted media types include: application/json-patch+json, application/merge-patch+json, application/strategic-merge-patch+json, application/apply-patch+yaml',
    });

    const failedTest = await apiError(
      apps.patchNamespacedDeployment({
        name: 'web',
        namespace: NS,
        body: [{ op: 'test', path: '/spec/replicas', value: 7 }],
      }),
    );
    expect(failedTest).toMatchObject({
      code: 422,
      status: {
        reason: 'Invalid',
        message: 'the server rejected our request due to an error in our request',
      },
    });
  });

  it('dryRun=All processes the write and persists nothing', async () => {
    const version = storedVersion('web');
    const preview = await apps.patchNamespacedDeployment(
      {
        name: 'web',
        namespace: NS,
        body: { spec: { replicas: 5 } },
        dryRun: 'All',
        fieldManager: 'my-agent',
      },
      setHeaderOptions('Content-Type', PatchStrategy.MergePatch),
    );
    expect(preview.spec?.replicas).toBe(5);
    expect(preview.metadata?.generation).toBe(
      (sim.cluster.api.get(deployments, NS, 'web').metadata?.generation ?? 0) + 1,
    );
    expect(storedVersion('web')).toBe(version);
    expect(sim.cluster.api.get(deployments, NS, 'web').spec).toMatchObject({ replicas: 2 });

    const created = await core.createNamespacedConfigMap({
      namespace: NS,
      body: { metadata: { name: 'dry' } },
      dryRun: 'All',
    });
    expect(created.metadata?.uid).toBeTruthy();
    expect(sim.cluster.api.find(configMaps, NS, 'dry')).toBeUndefined();

    const [name] = webPods();
    const podVersion = sim.cluster.api.get(pods, NS, name!).metadata?.resourceVersion;
    await core.deleteNamespacedPod({ name: name!, namespace: NS, dryRun: 'All' });
    expect(sim.cluster.api.get(pods, NS, name!).metadata).toMatchObject({ resourceVersion: podVersion });
    expect(sim.cluster.api.get(pods, NS, name!).metadata?.deletionTimestamp).toBeUndefined();
    expect(storedVersion('web')).toBe(version);
  });
});

describe('watch', () => {
  type Seen = { type: string; name: string | undefined; resourceVersion: string | undefined; code?: number };

  async function watchConfigMaps(
    resourceVersion: string,
    seen: Seen[],
  ): Promise<{ abort(): void; done: Promise<unknown> }> {
    let finish: (error: unknown) => void = () => undefined;
    const done = new Promise<unknown>((resolve) => {
      finish = resolve;
    });
    const controller = await new Watch(config).watch(
      `/api/v1/namespaces/${NS}/configmaps`,
      { resourceVersion, labelSelector: 'watched=yes' },
      (type: string, object: { metadata?: { name?: string; resourceVersion?: string }; code?: number }) => {
        seen.push({
          type,
          name: object.metadata?.name,
          resourceVersion: object.metadata?.resourceVersion,
          ...(type === 'ERROR' ? { code: object.code } : {}),
        });
      },
      (error: unknown) => finish(error),
    );
    return { abort: () => controller.abort(), done };
  }

  it('streams ADDED, MODIFIED and DELETED, and resumes from a resourceVersion', async () => {
    const list = await core.listNamespacedConfigMap({ namespace: NS, labelSelector: 'watched=yes' });
    const seen: Seen[] = [];
    const watch = await watchConfigMaps(list.metadata!.resourceVersion!, seen);
    const body: V1ConfigMap = { metadata: { name: 'watched', labels: { watched: 'yes' } }, data: { a: '1' } };
    await core.createNamespacedConfigMap({ namespace: NS, body });
    await core.replaceNamespacedConfigMap({
      name: 'watched',
      namespace: NS,
      body: { ...body, data: { a: '2' } },
    });
    await core.deleteNamespacedConfigMap({ name: 'watched', namespace: NS });
    await until(() => seen.length >= 3, 'three watch events');
    watch.abort();
    expect(seen.map((event) => [event.type, event.name])).toEqual([
      ['ADDED', 'watched'],
      ['MODIFIED', 'watched'],
      ['DELETED', 'watched'],
    ]);
    expect((await watch.done) as Error).toMatchObject({ name: 'AbortError' });

    // Resuming from the ADDED event's version replays what came after it.
    const resumed: Seen[] = [];
    const again = await watchConfigMaps(seen[0]!.resourceVersion!, resumed);
    await until(() => resumed.length >= 2, 'the replayed events');
    again.abort();
    expect(resumed.map((event) => [event.type, event.resourceVersion])).toEqual([
      ['MODIFIED', seen[1]!.resourceVersion],
      ['DELETED', seen[2]!.resourceVersion],
    ]);
  });

  it('answers a resourceVersion older than the history with a 410 ERROR event, then ends the stream', async () => {
    const seen: Seen[] = [];
    const watch = await watchConfigMaps('1', seen);
    expect(await watch.done).toBeNull();
    expect(seen).toEqual([{ type: 'ERROR', name: undefined, resourceVersion: undefined, code: 410 }]);
    const stream = sim.requests.findLast((request) => request.url.includes('watch=true'));
    expect(stream?.accept).toBe('*/*');
  });
});

describe('informer', () => {
  it('stays in sync through adds, updates, deletes and a 410 that forces a re-list', async () => {
    let lists = 0;
    const informer = makeInformer(
      config,
      `/api/v1/namespaces/${NS}/configmaps`,
      async () => {
        lists += 1;
        const list = await core.listNamespacedConfigMap({ namespace: NS, labelSelector: 'informed=yes' });
        // The watch that follows the first list is refused with 410 Gone: the informer must list again.
        if (lists === 1)
          sim.faults.add({ method: 'GET', path: `/api/v1/namespaces/${NS}/configmaps`, status: 410 });
        return list;
      },
      'informed=yes',
    );
    const added: string[] = [];
    const updated: string[] = [];
    const deleted: string[] = [];
    const errors: unknown[] = [];
    informer.on('add', (object) => added.push(object.metadata!.name!));
    informer.on('update', (object) => updated.push(object.metadata!.name!));
    informer.on('delete', (object) => deleted.push(object.metadata!.name!));
    informer.on('error', (error) => errors.push(error));

    const labels = { informed: 'yes' };
    await core.createNamespacedConfigMap({ namespace: NS, body: { metadata: { name: 'inf-a', labels } } });
    await informer.start();
    await until(() => lists === 2 && added.includes('inf-a'), 'the re-list after 410');
    try {
      await core.createNamespacedConfigMap({ namespace: NS, body: { metadata: { name: 'inf-b', labels } } });
      await core.patchNamespacedConfigMap(
        { name: 'inf-a', namespace: NS, body: { data: { x: '1' } } },
        setHeaderOptions('Content-Type', PatchStrategy.MergePatch),
      );
      await core.deleteNamespacedConfigMap({ name: 'inf-b', namespace: NS });
      // Leaving the selector is a deletion for this informer.
      await core.patchNamespacedConfigMap(
        { name: 'inf-a', namespace: NS, body: { metadata: { labels: { informed: 'no' } } } },
        setHeaderOptions('Content-Type', PatchStrategy.MergePatch),
      );
      await until(() => deleted.length === 2, 'both deletions');
      expect(added).toEqual(['inf-a', 'inf-b']);
      expect(updated).toEqual(['inf-a']);
      expect(deleted).toEqual(['inf-b', 'inf-a']);
      expect(informer.list(NS)).toEqual([]);

      await core.createNamespacedConfigMap({ namespace: NS, body: { metadata: { name: 'inf-c', labels } } });
      await until(() => informer.list(NS).length === 1, 'inf-c in the cache');
      expect(informer.get('inf-c', NS)?.metadata?.name).toBe('inf-c');
      expect(errors).toEqual([]);
    } finally {
      await informer.stop();
    }
  });
});

describe('client-node adapter error mapping (src/kube/client-node-adapter.ts)', () => {
  const kube = () => createClientNodeKube({ kubeconfigText: sim.kubeconfig, retries: 1, retryBaseMs: 1 });
  const webPath = `/apis/apps/v1/namespaces/${NS}/deployments/web`;

  async function rejection(promise: Promise<unknown>): Promise<KubeApiError> {
    const error = await promise.then(
      () => undefined,
      (caught: unknown) => caught,
    );
    expect(error).toBeInstanceOf(KubeApiError);
    return error as KubeApiError;
  }

  it('maps 403 to kube_forbidden with the RBAC message', async () => {
    sim.faults.add({ method: 'PATCH', path: webPath, status: 403 });
    const error = await rejection(
      kube().patch(
        'Deployment',
        NS,
        'web',
        { type: 'merge', body: { spec: { replicas: 2 } } },
        { fieldManager: 'sre-bot' },
      ),
    );
    expect(error).toMatchObject({ code: 'kube_forbidden', status: 403, retryable: false });
    expect(error.message).toBe(
      'patch Deployment web: deployments.apps "web" is forbidden: User "system:serviceaccount:sre-bot:sre-bot" cannot patch resource "deployments" in API group "apps" in the namespace "demo"',
    );
  });

  it('maps 404 to undefined on get and kube_not_found on writes', async () => {
    expect(await kube().get('Deployment', NS, 'nope')).toBeUndefined();
    sim.faults.add({ method: 'GET', path: webPath, status: 404 });
    expect(await kube().get('Deployment', NS, 'web')).toBeUndefined();
    const error = await rejection(
      kube().patch('Deployment', NS, 'nope', { type: 'merge', body: {} }, { fieldManager: 'sre-bot' }),
    );
    expect(error).toMatchObject({
      code: 'kube_not_found',
      status: 404,
      message: 'patch Deployment nope: deployments.apps "nope" not found',
    });
  });

  it('maps 409 and 422 to kube_conflict and kube_invalid', async () => {
    sim.faults.add({ method: 'PUT', path: webPath, status: 409 });
    const deployment = (await kube().get('Deployment', NS, 'web'))!;
    const conflict = await rejection(
      kube().replace('Deployment', NS, 'web', deployment, { fieldManager: 'sre-bot' }),
    );
    expect(conflict).toMatchObject({ code: 'kube_conflict', status: 409 });
    expect(conflict.message).toContain('Operation cannot be fulfilled on deployments.apps "web"');

    const invalid = await rejection(
      kube().patch(
        'Deployment',
        NS,
        'web',
        { type: 'merge', body: { spec: { replicas: -1 } } },
        { fieldManager: 'sre-bot' },
      ),
    );
    expect(invalid).toMatchObject({ code: 'kube_invalid', status: 422 });
    sim.faults.add({ method: 'PATCH', path: webPath, status: 422 });
    const injected = await rejection(
      kube().patch('Deployment', NS, 'web', { type: 'merge', body: {} }, { fieldManager: 'sre-bot' }),
    );
    expect(injected).toMatchObject({
      code: 'kube_invalid',
      status: 422,
      message: 'patch Deployment web: Deployment.apps "web" is invalid: injected validation failure',
    });
    expect(invalid.message).toBe(
      'patch Deployment web: Deployment.apps "web" is invalid: spec.replicas: Invalid value: -1: must be greater than or equal to 0',
    );
  });

  it('retries a 500 on a read, never on a write', async () => {
    const before = sim.requests.length;
    sim.faults.add({ method: 'GET', path: webPath, status: 500 });
    expect((await kube().get('Deployment', NS, 'web'))?.metadata?.name).toBe('web');
    expect(sim.requests.slice(before).map((request) => request.status)).toEqual([500, 200]);

    sim.faults.add({ method: 'PATCH', path: webPath, status: 500 });
    const error = await rejection(
      kube().patch(
        'Deployment',
        NS,
        'web',
        { type: 'merge', body: { spec: { replicas: 2 } } },
        { fieldManager: 'sre-bot' },
      ),
    );
    expect(error).toMatchObject({ code: 'kube_error', status: 500, retryable: false });
    expect(error.message).toContain('Internal error occurred');
    expect(sim.requests.slice(before).filter((request) => request.method === 'PATCH')).toHaveLength(1);
  });
});
