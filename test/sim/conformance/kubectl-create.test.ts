/**
 * `kubectl create <generator>` sends protobuf bodies (typed clients). With the real kubectl 1.32: the manual fix
 * sre-bot proposes for ledger-missing-configmap — `kubectl create configmap …` — is accepted and the pods start,
 * and the other everyday generators create what `kubectl get` then shows.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSim, type SimHandle } from '../../../src/sim/sim.js';
import { HAVE_KUBECTL, Kubectl, NO_KUBECTL_REASON } from './kubectl.js';

describe.skipIf(!HAVE_KUBECTL)(
  `kubectl create (protobuf bodies) ${HAVE_KUBECTL ? '' : NO_KUBECTL_REASON}`,
  () => {
    let sim: SimHandle;
    let kubectl: Kubectl;

    beforeAll(async () => {
      sim = await startSim({ scenarios: ['ledger-missing-configmap'], seed: 5, advanceMs: 60_000 });
      kubectl = new Kubectl(sim);
    });
    afterAll(async () => {
      kubectl.cleanup();
      await sim.stop();
    });

    const ready = async (namespace: string) =>
      JSON.parse(await kubectl.ok(['-n', namespace, 'get', 'pods', '-o', 'json'])).items.map(
        (pod: { status: { containerStatuses?: { ready: boolean }[] } }) =>
          pod.status.containerStatuses?.every((container) => container.ready) ?? false,
      ) as boolean[];

    it('the manual fix for a missing ConfigMap: create configmap, and the pods start', async () => {
      expect((await ready('ledger')).some(Boolean)).toBe(false);
      expect(
        await kubectl.ok([
          '-n',
          'ledger',
          'create',
          'configmap',
          'ledger-settings',
          '--from-literal=LEDGER_DB_HOST=db.ledger.svc',
        ]),
      ).toBe('configmap/ledger-settings created\n');
      const configMap = JSON.parse(
        await kubectl.ok(['-n', 'ledger', 'get', 'configmap', 'ledger-settings', '-o', 'json']),
      );
      expect(configMap.data).toEqual({ LEDGER_DB_HOST: 'db.ledger.svc' });
      sim.advance(120_000);
      const states = await ready('ledger');
      expect(states.length).toBeGreaterThan(0);
      expect(states.every(Boolean)).toBe(true);
    });

    it('namespace, secret, deployment (also --replicas=0), service, serviceaccount, quota, role', async () => {
      const created = [
        await kubectl.ok(['create', 'namespace', 'gen']),
        await kubectl.ok(['-n', 'gen', 'create', 'secret', 'generic', 'db', '--from-literal=password=pw']),
        await kubectl.ok([
          '-n',
          'gen',
          'create',
          'deployment',
          'web',
          '--image=nginx:1.27',
          '--port=8080',
          '--replicas=2',
        ]),
        await kubectl.ok(['-n', 'gen', 'create', 'deployment', 'idle', '--image=busybox', '--replicas=0']),
        await kubectl.ok(['-n', 'gen', 'create', 'service', 'clusterip', 'web', '--tcp=80:8080']),
        await kubectl.ok(['-n', 'gen', 'create', 'serviceaccount', 'bot']),
        await kubectl.ok(['-n', 'gen', 'create', 'quota', 'q', '--hard=pods=10']),
        await kubectl.ok(['-n', 'gen', 'create', 'role', 'reader', '--verb=get', '--resource=pods']),
      ].join('');
      expect(created).toBe(
        [
          'namespace/gen created',
          'secret/db created',
          'deployment.apps/web created',
          'deployment.apps/idle created',
          'service/web created',
          'serviceaccount/bot created',
          'resourcequota/q created',
          'role.rbac.authorization.k8s.io/reader created',
          '',
        ].join('\n'),
      );
      sim.advance(60_000);
      const web = JSON.parse(await kubectl.ok(['-n', 'gen', 'get', 'deployment', 'web', '-o', 'json']));
      expect(web.spec.replicas).toBe(2);
      expect(web.spec.template.spec.containers[0]).toMatchObject({
        image: 'nginx:1.27',
        ports: [{ containerPort: 8080 }],
      });
      expect(web.status.readyReplicas).toBe(2);
      const idle = JSON.parse(await kubectl.ok(['-n', 'gen', 'get', 'deployment', 'idle', '-o', 'json']));
      expect(idle.spec.replicas).toBe(0);
      const endpoints = JSON.parse(await kubectl.ok(['-n', 'gen', 'get', 'endpoints', 'web', '-o', 'json']));
      expect(endpoints.subsets[0].addresses).toHaveLength(2);
      const secret = JSON.parse(await kubectl.ok(['-n', 'gen', 'get', 'secret', 'db', '-o', 'json']));
      expect(Buffer.from(secret.data.password, 'base64').toString()).toBe('pw');
    });

    it('--dry-run=server with a protobuf body persists nothing', async () => {
      expect(
        await kubectl.ok([
          '-n',
          'gen',
          'create',
          'configmap',
          'dry',
          '--from-literal=a=b',
          '--dry-run=server',
        ]),
      ).toBe('configmap/dry created (server dry run)\n');
      const get = await kubectl.run(['-n', 'gen', 'get', 'configmap', 'dry']);
      expect(get.stderr).toContain('NotFound');
    });
  },
);
