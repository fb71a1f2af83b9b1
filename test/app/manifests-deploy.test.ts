/**
 * manifests/deploy is applied for real: `kubectl apply --dry-run=server -f manifests/deploy/` with the real
 * kubectl 1.32 against the simulated cluster, which validates RBAC objects as the apiserver does (so a broken
 * rule or binding is refused, as the last test shows). The Deployment is checked for what the spec asks of it.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { parseAllDocuments } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Deployment } from '../../src/kube/types.js';
import { startSim, type SimHandle } from '../../src/sim/sim.js';
import { HAVE_KUBECTL, kubectl } from './support/kubectl.js';

const DIR = 'manifests/deploy/';
let sim: SimHandle;

type Manifest = { kind: string; metadata: { name: string; namespace?: string } };

function objects(): Manifest[] {
  return readdirSync(DIR)
    .filter((file) => file.endsWith('.yaml'))
    .flatMap((file) =>
      parseAllDocuments(readFileSync(`${DIR}${file}`, 'utf8')).map((doc) => doc.toJS() as Manifest | null),
    )
    .filter((object): object is Manifest => object !== null);
}

beforeAll(async () => {
  sim = await startSim();
}, 30_000);

afterAll(async () => {
  await sim?.stop();
});

describe.skipIf(!HAVE_KUBECTL)('kubectl apply --dry-run=server -f manifests/deploy/', () => {
  it('succeeds for every object once the namespace exists (as on any cluster)', async () => {
    const namespace = await kubectl(sim.kubeconfig, ['apply', '-f', `${DIR}00-namespace.yaml`]);
    expect(namespace.stderr).toBe('');
    expect(namespace.code).toBe(0);

    const run = await kubectl(sim.kubeconfig, ['apply', '--dry-run=server', '-f', DIR]);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const lines = run.stdout.trim().split('\n');
    expect(lines).toHaveLength(objects().length);
    for (const line of lines) expect(line).toMatch(/ (created|unchanged|configured) \(server dry run\)$/);
    expect(lines).toEqual(
      expect.arrayContaining([
        'serviceaccount/sre-bot created (server dry run)',
        'clusterrole.rbac.authorization.k8s.io/sre-bot-observe created (server dry run)',
        'clusterrole.rbac.authorization.k8s.io/sre-bot-remediate created (server dry run)',
        'clusterrolebinding.rbac.authorization.k8s.io/sre-bot-observe created (server dry run)',
        'deployment.apps/sre-bot created (server dry run)',
        'service/sre-bot created (server dry run)',
      ]),
    );
    // A dry run persists nothing.
    const sa = await kubectl(sim.kubeconfig, ['get', 'serviceaccount', 'sre-bot', '-n', 'sre-bot']);
    expect(sa.stderr).toContain('NotFound');
  });

  it('is not a rubber stamp: the sim refuses RBAC objects the apiserver would refuse', async () => {
    const broken = `${DIR}../../test/app/fixtures/broken-rbac.yaml`;
    const run = await kubectl(sim.kubeconfig, ['apply', '--dry-run=server', '-f', broken]);
    expect(run.code).not.toBe(0);
    expect(run.stderr).toContain(
      'ClusterRole.rbac.authorization.k8s.io "no-verbs" is invalid: rules[0].verbs: Required value: verbs must contain at least one value',
    );
    expect(run.stderr).toContain(
      'ClusterRoleBinding.rbac.authorization.k8s.io "bad-binding" is invalid: [roleRef.kind: Unsupported value: "Role": supported values: "ClusterRole", subjects[0].namespace: Required value]',
    );
  });

  it('a binding’s roleRef cannot change once created', async () => {
    await kubectl(sim.kubeconfig, ['apply', '-f', `${DIR}00-namespace.yaml`]);
    const rbac = await kubectl(sim.kubeconfig, ['apply', '-f', `${DIR}20-rbac.yaml`]);
    expect(rbac.code).toBe(0);
    const patch = await kubectl(sim.kubeconfig, [
      'patch',
      'clusterrolebinding',
      'sre-bot-observe',
      '--type=merge',
      '-p',
      '{"roleRef":{"name":"sre-bot-remediate"}}',
    ]);
    expect(patch.code).not.toBe(0);
    expect(patch.stderr).toContain(
      'roleRef: Invalid value: rbac.RoleRef{APIGroup:"rbac.authorization.k8s.io", Kind:"ClusterRole", Name:"sre-bot-remediate"}: cannot change roleRef',
    );
  });
});

describe('the Deployment', () => {
  const deployment = () => objects().find((o) => o.kind === 'Deployment') as unknown as Deployment;

  it('runs non-root on a read-only root filesystem, with probes on /healthz, resources and env from a Secret', () => {
    const spec = deployment().spec!.template.spec!;
    const [container] = spec.containers;
    expect(spec.serviceAccountName).toBe('sre-bot');
    expect(spec.securityContext).toMatchObject({
      runAsNonRoot: true,
      seccompProfile: { type: 'RuntimeDefault' },
    });
    expect(container!.securityContext).toMatchObject({
      readOnlyRootFilesystem: true,
      allowPrivilegeEscalation: false,
      capabilities: { drop: ['ALL'] },
    });
    expect(container!.readinessProbe?.httpGet?.path).toBe('/healthz');
    expect(container!.livenessProbe?.httpGet?.path).toBe('/healthz');
    expect(container!.resources?.requests).toBeDefined();
    expect(container!.resources?.limits?.['memory']).toBeDefined();
    expect(container!.envFrom).toEqual([{ secretRef: { name: 'sre-bot' } }]);
    // A read-only root needs somewhere to write: the SQLite store lives on a volume.
    const store = container!.env?.find((e) => e.name === 'STORE_URL')?.value ?? '';
    const mounts = container!.volumeMounts?.map((m) => m.mountPath) ?? [];
    expect(mounts.some((path) => store.startsWith(`sqlite://${path}/`))).toBe(true);
  });

  it('applying the directory never touches the Secret: re-applying it must not reset the real tokens', () => {
    expect(objects().map((o) => o.kind)).not.toContain('Secret');
  });

  it('the example Secret holds placeholders for every token the bot reads, and nothing real', () => {
    const secret = parseAllDocuments(readFileSync(`${DIR}examples/secret.example.yaml`, 'utf8'))
      .map((doc) => doc.toJS() as { kind: string; stringData: Record<string, string> })
      .find((o) => o.kind === 'Secret')!;
    expect(Object.keys(secret.stringData).sort()).toEqual([
      'ALERTS_TOKEN',
      'SLACK_BOT_TOKEN',
      'SLACK_SIGNING_SECRET',
    ]);
    for (const value of Object.values(secret.stringData)) expect(value).toMatch(/REPLACE-ME/);
  });
});
