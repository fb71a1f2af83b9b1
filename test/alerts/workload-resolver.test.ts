/** Alert labels ⇒ workload, through the real API of the simulated cluster. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ReceivedAlert } from '../../src/alerts/received-alert.js';
import { WorkloadResolver, workloadKey } from '../../src/alerts/workload-resolver.js';
import { systemClock, type Clock } from '../../src/clock.js';
import { createClientNodeKube } from '../../src/kube/client-node-adapter.js';
import type { KubePort } from '../../src/kube/port.js';
import { silentLogger } from '../../src/log.js';
import { startSim, type SimHandle } from '../../src/sim/sim.js';
import { podsOf } from './support/harness.js';

let sim: SimHandle;
let kube: KubePort;
let pods: string[];

beforeAll(async () => {
  sim = await startSim({ scenarios: ['payments-missing-env'], advanceMs: 90_000 });
  kube = createClientNodeKube({ kubeconfigText: sim.kubeconfig, retries: 0 });
  pods = await podsOf(kube, 'payments', 'payments');
  await kube.create(
    'Pod',
    'payments',
    {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'debug-shell', namespace: 'payments' },
      spec: { containers: [{ name: 'sh', image: 'busybox:1.36' }] },
    },
    { fieldManager: 'test' },
  );
}, 60_000);

afterAll(async () => {
  await sim?.stop();
});

const alert = (labels: { namespace?: string; pod?: string; deployment?: string }): ReceivedAlert => ({
  fingerprint: 'f',
  status: 'firing',
  alertname: 'Test',
  severity: 'warning',
  summary: undefined,
  namespace: labels.namespace,
  pod: labels.pod,
  deployment: labels.deployment,
});

const resolver = (clock: Clock = systemClock) => new WorkloadResolver(kube, clock, silentLogger());

describe('WorkloadResolver', () => {
  it('follows a pod to its Deployment (Pod ⇒ ReplicaSet ⇒ Deployment)', async () => {
    expect(await resolver().resolve(alert({ namespace: 'payments', pod: pods[0]! }))).toEqual({
      namespace: 'payments',
      deployment: 'payments',
    });
  });

  it('takes a deployment label as is when the Deployment exists, and prefers it to a pod label', async () => {
    const r = resolver();
    expect(await r.resolve(alert({ namespace: 'payments', deployment: 'payments' }))).toEqual({
      namespace: 'payments',
      deployment: 'payments',
    });
    // A pod label on a Deployment alert can be the exporter's own pod: the deployment label wins.
    expect(
      await r.resolve(
        alert({ namespace: 'payments', deployment: 'payments', pod: 'kube-state-metrics-6d5f9c7b8-abcde' }),
      ),
    ).toEqual({ namespace: 'payments', deployment: 'payments' });
  });

  it('is namespace-wide for what is no Deployment: a bare pod, an unknown deployment, no workload label', async () => {
    const r = resolver();
    const namespaceWide = { namespace: 'payments', deployment: undefined };
    expect(await r.resolve(alert({ namespace: 'payments', pod: 'debug-shell' }))).toEqual(namespaceWide);
    expect(await r.resolve(alert({ namespace: 'payments', deployment: 'nope' }))).toEqual(namespaceWide);
    expect(await r.resolve(alert({ namespace: 'payments' }))).toEqual(namespaceWide);
    expect(await r.resolve(alert({}))).toBeUndefined();
  });

  it('maps a pod that is already gone by its name, when that Deployment exists', async () => {
    const r = resolver();
    const hash = pods[0]!.split('-').at(-2)!;
    expect(await r.resolve(alert({ namespace: 'payments', pod: `payments-${hash}-zzzzz` }))).toEqual({
      namespace: 'payments',
      deployment: 'payments',
    });
    expect(await r.resolve(alert({ namespace: 'payments', pod: 'ledger-7c9f6d8b5-zzzzz' }))).toEqual({
      namespace: 'payments',
      deployment: undefined,
    });
  });

  it('caches lookups briefly and shares concurrent ones', async () => {
    let now = 0;
    const clock: Clock = { now: () => new Date(now), sleep: () => Promise.resolve() };
    const r = resolver(clock);
    const before = kube.requestCount;
    const results = await Promise.all(
      Array.from({ length: 50 }, () => r.resolve(alert({ namespace: 'payments', pod: pods[1]! }))),
    );
    expect(new Set(results.map((w) => workloadKey(w!)))).toEqual(new Set(['payments/payments']));
    // One pod read and one ReplicaSet read for fifty alerts.
    expect(kube.requestCount - before).toBe(2);
    await r.resolve(alert({ namespace: 'payments', pod: pods[1]! }));
    expect(kube.requestCount - before).toBe(2);
    now += 61_000;
    await r.resolve(alert({ namespace: 'payments', pod: pods[1]! }));
    expect(kube.requestCount - before).toBe(4);
  });

  it('falls back to the pod name when the API fails, rather than a namespace-wide incident', async () => {
    sim.faults.add({
      method: 'GET',
      path: `/api/v1/namespaces/payments/pods/${pods[0]!}`,
      status: 500,
      count: 5,
    });
    expect(await resolver().resolve(alert({ namespace: 'payments', pod: pods[0]! }))).toEqual({
      namespace: 'payments',
      deployment: 'payments',
    });
    sim.faults.clear();
  });
});
