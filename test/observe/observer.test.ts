/**
 * The observer on a real simulated cluster through the client-node adapter: a bounded number of API requests
 * whatever the number of pods, logs only for unhealthy containers and capped, no secret value anywhere in the
 * snapshot (while the names and keys of ConfigMaps and Secrets are there), deployment scoping, 403s and failed
 * log reads as gaps with the diagnosis still running, and not-found errors with close-match suggestions.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { diagnose } from '../../src/diagnosis/diagnose.js';
import type { Snapshot } from '../../src/domain/snapshot.js';
import { KubeApiError } from '../../src/errors.js';
import { createClientNodeKube } from '../../src/kube/client-node-adapter.js';
import type { KubePort } from '../../src/kube/port.js';
import { NamespaceNotFoundError, WorkloadNotFoundError } from '../../src/observe/not-found.js';
import { DEFAULT_LIMITS, observe } from '../../src/observe/observer.js';
import { MASK } from '../../src/observe/redact.js';
import { staleReason } from '../../src/remediate/basis.js';
import { parseScenario } from '../../src/sim/scenario.js';
import { startSim, type SimHandle } from '../../src/sim/sim.js';

const SECRET_CANARY = 'canary-secret-7f3a9c2e';
const ENV_CANARY = 'canary-env-4b1e2d8f';
const CONFIG_CANARY = 'canary-config-9d0e1f2a';
const NOTE_CANARY = 'canary-note-5c6d7e8f';
const CANARY_FORMS = [
  SECRET_CANARY,
  ENV_CANARY,
  CONFIG_CANARY,
  NOTE_CANARY,
  Buffer.from(SECRET_CANARY).toString('base64'),
  Buffer.from(ENV_CANARY).toString('base64'),
];

function namespace(name: string): string {
  return `apiVersion: v1\nkind: Namespace\nmetadata: {name: ${name}}\n`;
}

/** A Deployment whose program exits at start because REQUIRED_CONFIG is missing (CrashLoopBackOff). */
function crashLooping(ns: string, name: string, replicas: number): string {
  return `
apiVersion: apps/v1
kind: Deployment
metadata: {name: ${name}, namespace: ${ns}}
spec:
  replicas: ${replicas}
  selector: {matchLabels: {app: ${name}}}
  template:
    metadata:
      labels: {app: ${name}}
      annotations: {sim.sre-bot.dev/requires-env: REQUIRED_CONFIG}
    spec:
      containers:
      - {name: app, image: registry.example.com/${name}:1.0.0}
`;
}

function healthyDeployment(ns: string, name: string, replicas: number, extraSpec = ''): string {
  return `
apiVersion: apps/v1
kind: Deployment
metadata: {name: ${name}, namespace: ${ns}}
spec:
  replicas: ${replicas}
  selector: {matchLabels: {app: ${name}}}
  template:
    metadata:
      labels: {app: ${name}}
      annotations: {sim.sre-bot.dev/logs: "${name} started"}
    spec:
${extraSpec}
      containers:
      - name: app
        image: registry.example.com/${name}:1.0.0
        ports: [{containerPort: 8080}]
`;
}

function service(ns: string, name: string, app: string): string {
  return `
apiVersion: v1
kind: Service
metadata: {name: ${name}, namespace: ${ns}}
spec:
  selector: {app: ${app}}
  ports: [{port: 80, targetPort: 8080}]
`;
}

function claim(ns: string, name: string): string {
  return `
apiVersion: v1
kind: PersistentVolumeClaim
metadata: {name: ${name}, namespace: ${ns}}
spec:
  accessModes: [ReadWriteOnce]
  resources: {requests: {storage: 1Gi}}
`;
}

function event(ns: string, name: string, kind: string, object: string, message: string): string {
  return `
apiVersion: v1
kind: Event
metadata: {name: ${name}, namespace: ${ns}}
involvedObject: {kind: ${kind}, name: ${object}, namespace: ${ns}}
type: Warning
reason: Custom
message: "${message}"
`;
}

const docs = (...parts: string[]) => parts.join('\n---\n');

/** Secrets in every place a cluster can repeat them. */
const VAULT = docs(
  namespace('vault'),
  `
apiVersion: v1
kind: Secret
metadata: {name: vault-db, namespace: vault}
stringData: {password: ${SECRET_CANARY}, username: vault-app}
`,
  `
apiVersion: v1
kind: ConfigMap
metadata: {name: vault-settings, namespace: vault}
data: {LOG_LEVEL: debug, api_token: ${CONFIG_CANARY}}
`,
  `
apiVersion: apps/v1
kind: Deployment
metadata:
  name: vault-app
  namespace: vault
  annotations:
    team.example.com/notes: "rotate with password=${NOTE_CANARY}"
    team.example.com/owner: "payments team, 42 services"
    kubectl.kubernetes.io/last-applied-configuration: '{"env":[{"name":"DB_PASSWORD","value":"${ENV_CANARY}"}]}'
spec:
  replicas: 2
  selector: {matchLabels: {app: vault-app}}
  template:
    metadata:
      labels: {app: vault-app}
      annotations:
        sim.sre-bot.dev/requires-env: REQUIRED_CONFIG
        sim.sre-bot.dev/logs: "connecting as vault-app with ${SECRET_CANARY}\\nusing api token ${CONFIG_CANARY}\\nenv DB_PASSWORD=${ENV_CANARY}\\nLOG_LEVEL=debug"
    spec:
      containers:
      - name: app
        image: registry.example.com/vault-app:1.0.0
        env:
        - {name: DB_PASSWORD, value: ${ENV_CANARY}}
        - {name: LOG_LEVEL, value: debug}
        - name: DB_PASSWORD_FROM_SECRET
          valueFrom: {secretKeyRef: {name: vault-db, key: password}}
`,
  event(
    'vault',
    'vault-login',
    'Deployment',
    'vault-app',
    `db login failed for vault-app with ${SECRET_CANARY}`,
  ),
);

/** Two workloads and their neighbours, for scoping. */
const SHOP = docs(
  namespace('shop'),
  healthyDeployment(
    'shop',
    'api',
    2,
    '      volumes: [{name: data, persistentVolumeClaim: {claimName: api-data}}]',
  ),
  healthyDeployment(
    'shop',
    'worker',
    1,
    '      volumes: [{name: data, persistentVolumeClaim: {claimName: worker-data}}]',
  ),
  service('shop', 'api', 'api'),
  // Named like its Deployment but selecting nothing: it belongs to `worker` (its selector is the bug).
  service('shop', 'worker', 'wrkr'),
  service('shop', 'metrics', 'prometheus'),
  claim('shop', 'api-data'),
  claim('shop', 'worker-data'),
  event('shop', 'api-note', 'Deployment', 'api', 'api note'),
  event('shop', 'worker-note', 'Deployment', 'worker', 'worker note'),
  event('shop', 'worker-svc-note', 'Service', 'worker', 'worker service has no endpoints'),
  event('shop', 'metrics-note', 'Service', 'metrics', 'metrics note'),
);

/** A Secret volume that does not exist, next to a Secret whose username is the app's own name. */
const MOUNTS = docs(
  namespace('mounts'),
  `
apiVersion: v1
kind: Secret
metadata: {name: mounts-db, namespace: mounts}
stringData: {username: mounts, password: ${SECRET_CANARY}}
`,
  `
apiVersion: apps/v1
kind: Deployment
metadata: {name: mounts, namespace: mounts}
spec:
  replicas: 1
  selector: {matchLabels: {app: mounts}}
  template:
    metadata:
      labels: {app: mounts}
    spec:
      volumes: [{name: tls-secret, secret: {secretName: mounts-tls}}]
      containers:
      - name: app
        image: registry.example.com/shop/mounts:1.0.0
        volumeMounts: [{name: tls-secret, mountPath: /etc/tls}]
`,
);

/** Many distinct failures next to a healthy deployment: more candidates than the log cap. */
const NOISY = docs(
  namespace('noisy'),
  healthyDeployment('noisy', 'steady', 3),
  ...Array.from({ length: 8 }, (_, index) => crashLooping('noisy', `broken-${index}`, 2)),
);

/** The payments-missing-env shape: missing variable, present in a ConfigMap. */
const LOCKED = docs(
  namespace('locked'),
  `
apiVersion: v1
kind: ConfigMap
metadata: {name: locked-config, namespace: locked}
data: {REQUIRED_CONFIG: enabled}
`,
  `
apiVersion: v1
kind: Secret
metadata: {name: locked-db, namespace: locked}
stringData: {password: not-readable-here}
`,
  crashLooping('locked', 'locked', 2),
);

const inline = (name: string, text: string) => ({ name, path: 'inline', objects: parseScenario(text) });

/** Starts a sim on these scenarios, a few virtual minutes in, recording requests. */
async function startWith(scenarios: ReturnType<typeof inline>[]) {
  const handle = await startSim({ scenarioObjects: scenarios, recordRequests: true });
  handle.advance(2 * 60_000);
  return { handle, kube: createClientNodeKube({ kubeconfigText: handle.kubeconfig }) };
}

let sim: SimHandle;
let kube: KubePort;

beforeAll(async () => {
  // Quiet namespaces first: each scenario is applied after the control plane settled the ones before.
  ({ handle: sim, kube } = await startWith([
    inline('empty', namespace('empty')),
    inline('shop', SHOP),
    inline('vault', VAULT),
    inline('locked', LOCKED),
    inline('mounts', MOUNTS),
    inline('noisy', NOISY),
  ]));
}, 60_000);

afterEach(() => {
  sim.faults.clear();
});

afterAll(async () => {
  await sim?.stop();
});

/** Observes and returns the snapshot with the request paths it sent (namespace names generalised). */
async function observed(namespaceName: string, deployment?: string, on = { handle: sim, kube }) {
  on.handle.requests.length = 0;
  const snapshot = await observe(on.kube, { namespace: namespaceName, deployment });
  const paths = on.handle.requests.map((request) =>
    `${request.method} ${request.url.split('?')[0]!}`.replace(
      `/namespaces/${namespaceName}`,
      '/namespaces/NS',
    ),
  );
  return { snapshot, paths };
}

const isLogRead = (path: string) => path.endsWith('/log');

describe('the number of API requests does not grow with the number of pods', () => {
  let scale: Awaited<ReturnType<typeof startWith>>;
  beforeAll(async () => {
    scale = await startWith([
      inline('small', docs(namespace('small'), crashLooping('small', 'api', 5))),
      inline('big', docs(namespace('big'), crashLooping('big', 'api', 60))),
    ]);
  }, 60_000);
  afterAll(async () => {
    await scale?.handle.stop();
  });

  it('5 and 60 replicas of a crash-looping deployment: the same lists, plus capped log reads', async () => {
    const small = await observed('small', undefined, scale);
    const big = await observed('big', undefined, scale);
    expect(small.snapshot.pods).toHaveLength(5);
    expect(big.snapshot.pods).toHaveLength(60);

    // apiRequests (the adapter's count) agrees with what the API server received.
    expect(small.snapshot.apiRequests).toBe(small.paths.length);
    expect(big.snapshot.apiRequests).toBe(big.paths.length);
    // Exactly the same list requests …
    expect(big.paths.filter((path) => !isLogRead(path))).toEqual(
      small.paths.filter((path) => !isLogRead(path)),
    );
    // … and log reads bounded by the cap, not by the pods (replicas failing alike are read once).
    const bigLogs = big.paths.filter(isLogRead).length;
    expect(bigLogs).toBeGreaterThan(0);
    expect(bigLogs).toBeLessThanOrEqual(DEFAULT_LIMITS.maxLogReads);
    expect(big.snapshot.apiRequests).toBeLessThanOrEqual(
      small.snapshot.apiRequests + DEFAULT_LIMITS.maxLogReads,
    );
  });
});

describe('logs', () => {
  it('are read only for unhealthy containers, never more than the cap', async () => {
    const { snapshot, paths } = await observed('noisy');
    const logPods = new Set(snapshot.logs.map((log) => log.pod));
    expect(snapshot.logs).toHaveLength(DEFAULT_LIMITS.maxLogReads);
    expect(paths.filter(isLogRead)).toHaveLength(DEFAULT_LIMITS.maxLogReads);
    for (const pod of logPods) expect(pod).toMatch(/^broken-\d-/);
    // One representative per failing workload: no two reads of replicas of one ReplicaSet failing alike.
    const podsPerWorkload = new Map<string, Set<string>>();
    for (const { pod } of snapshot.logs) {
      const workload = pod.replace(/-[a-z0-9]+-[a-z0-9]+$/, '');
      podsPerWorkload.set(workload, (podsPerWorkload.get(workload) ?? new Set()).add(pod));
    }
    for (const pods of podsPerWorkload.values()) expect(pods.size).toBe(1);
    // A crash-looping container's previous run holds the evidence.
    expect(snapshot.logs[0]).toMatchObject({
      previous: true,
      lines: ['Error: environment variable REQUIRED_CONFIG is not set'],
    });
  });

  it('honour a smaller cap', async () => {
    const snapshot = await observe(kube, { namespace: 'noisy' }, { ...DEFAULT_LIMITS, maxLogReads: 2 });
    expect(snapshot.logs).toHaveLength(2);
  });

  it('are not read at all in a healthy namespace', async () => {
    const { snapshot, paths } = await observed('shop');
    expect(snapshot.logs).toEqual([]);
    expect(paths.filter(isLogRead)).toEqual([]);
  });

  it('a log read that fails is a gap, and the rest of the snapshot stands', async () => {
    const retrying = createClientNodeKube({ kubeconfigText: sim.kubeconfig, retries: 0 });
    sim.faults.add({
      method: 'GET',
      path: '/api/v1/namespaces/locked/pods/.+/log$',
      regex: true,
      status: 500,
      count: Infinity,
    });
    const snapshot = await observe(retrying, { namespace: 'locked' });
    expect(snapshot.pods).toHaveLength(2);
    expect(snapshot.logs.every((log) => log.lines.length === 0)).toBe(true);
    expect(snapshot.gaps.some((gap) => gap.startsWith('logs of locked-'))).toBe(true);
  });
});

describe('secret values never reach the snapshot', () => {
  let snapshot: Snapshot;
  beforeAll(async () => {
    snapshot = await observe(kube, { namespace: 'vault' });
  });

  it('the cluster really holds the canaries (so the test can fail)', async () => {
    const live = JSON.stringify(await kube.list('Deployment', 'vault'));
    for (const canary of [SECRET_CANARY, ENV_CANARY, CONFIG_CANARY, NOTE_CANARY])
      expect(live).toContain(canary);
  });

  it('in no form anywhere in the snapshot', () => {
    const text = JSON.stringify(snapshot);
    for (const form of CANARY_FORMS) expect(text).not.toContain(form);
  });

  it('Secret and ConfigMap names and keys are there', () => {
    expect(snapshot.secrets).toContainEqual(
      expect.objectContaining({ name: 'vault-db', keys: ['password', 'username'] }),
    );
    expect(snapshot.configMaps).toContainEqual({ name: 'vault-settings', keys: ['LOG_LEVEL', 'api_token'] });
  });

  it('a Secret value printed by the program and repeated in an event is masked, the rest of the line kept', () => {
    const lines = snapshot.logs.flatMap((log) => log.lines);
    expect(lines).toContain(`connecting as vault-app with ${MASK}`);
    expect(lines).toContain(`using api token ${MASK}`);
    expect(lines).toContain(`env DB_PASSWORD=${MASK}`);
    expect(lines).toContain('LOG_LEVEL=debug');
    expect(snapshot.events.map((group) => group.message)).toContain(
      `db login failed for vault-app with ${MASK}`,
    );
  });

  it('sensitive literal env values are masked in deployments, replica sets and pods; others are kept', () => {
    const containers = [
      ...snapshot.deployments.map((item) => item.spec?.template.spec?.containers ?? []),
      ...snapshot.replicaSets.map((item) => item.spec?.template?.spec?.containers ?? []),
      ...snapshot.pods.map((item) => item.spec?.containers ?? []),
    ].flat();
    expect(containers.length).toBeGreaterThanOrEqual(4);
    for (const container of containers) {
      expect(container.env).toEqual([
        { name: 'DB_PASSWORD', value: MASK },
        { name: 'LOG_LEVEL', value: 'debug' },
        {
          name: 'DB_PASSWORD_FROM_SECRET',
          valueFrom: { secretKeyRef: { name: 'vault-db', key: 'password' } },
        },
      ]);
    }
  });

  it('a proposal made from the masked snapshot is not stale against the live Deployment', async () => {
    const { report } = await diagnose({ kube, allowedNamespaces: () => true }, { namespace: 'vault' });
    const proposal = report.proposals.find((candidate) => candidate.target.kind === 'Deployment');
    expect(proposal?.basis?.templateHash).toBeDefined();
    const live = await kube.get('Deployment', 'vault', 'vault-app');
    expect(staleReason(proposal!.basis, { deployment: live! })).toBeUndefined();
  });

  it('annotations are scrubbed, last-applied masked whole, ordinary ones kept', () => {
    const annotations = snapshot.deployments[0]!.metadata!.annotations!;
    expect(annotations['team.example.com/notes']).toBe(`rotate with password=${MASK}`);
    expect(annotations['team.example.com/owner']).toBe('payments team, 42 services');
    expect(annotations['kubectl.kubernetes.io/last-applied-configuration']).toBe(MASK);
    expect(
      snapshot.deployments[0]!.spec!.template.metadata!.annotations!['sim.sre-bot.dev/requires-env'],
    ).toBe('REQUIRED_CONFIG');
  });
});

describe('redaction keeps the evidence readable', () => {
  it('Kubernetes messages about a missing Secret and the workload name survive; the diagnosis reads them', async () => {
    const { report, snapshot } = await diagnose(
      { kube, allowedNamespaces: () => true },
      { namespace: 'mounts' },
    );
    const messages = snapshot.events.map((group) => group.message);
    expect(messages).toContain(
      'MountVolume.SetUp failed for volume "tls-secret" : secret "mounts-tls" not found',
    );
    expect(messages.some((message) => message.startsWith('Successfully assigned mounts/mounts-'))).toBe(true);
    expect(JSON.stringify(snapshot)).not.toContain(SECRET_CANARY);
    expect(report.diagnosis).toMatchObject({ hasIssue: true, category: 'missing_config' });
    expect(report.diagnosis.evidence.join('\n')).toContain('secret "mounts-tls" not found');
  });
});

describe('scoping to one deployment', () => {
  const names = (items: { metadata?: { name?: string } }[]) =>
    items.map((item) => item.metadata?.name).sort();

  it('keeps its ReplicaSets, pods, Services, Endpoints, claims and events only', async () => {
    const whole = (await observed('shop')).snapshot;
    const { snapshot } = await observed('shop', 'api');
    expect(snapshot.target).toBe('api');
    expect(names(snapshot.deployments)).toEqual(['api']);
    expect(snapshot.replicaSets.length).toBeGreaterThan(0);
    expect(names(snapshot.replicaSets).every((name) => name!.startsWith('api-'))).toBe(true);
    expect(snapshot.pods).toHaveLength(2);
    expect(names(snapshot.pods).every((name) => name!.startsWith('api-'))).toBe(true);
    expect(names(snapshot.services)).toEqual(['api']);
    expect(names(snapshot.endpoints)).toEqual(['api']);
    expect(names(snapshot.persistentVolumeClaims)).toEqual(['api-data']);
    const objects = new Set(snapshot.events.map((group) => `${group.object.kind}/${group.object.name}`));
    expect(objects.has('Deployment/api')).toBe(true);
    for (const object of objects)
      expect(object).toMatch(/^(Deployment|ReplicaSet|Pod|Service|PersistentVolumeClaim)\/api(-|$)/);
    // The namespace-wide view did have the others.
    expect(names(whole.deployments)).toEqual(['api', 'worker']);
    expect(names(whole.services)).toEqual(['api', 'metrics', 'worker']);
    expect(whole.events.some((group) => group.object.name === 'metrics')).toBe(true);
  });

  it('keeps a same-named Service whose selector matches nothing, and its events', async () => {
    const { snapshot } = await observed('shop', 'worker');
    expect(names(snapshot.deployments)).toEqual(['worker']);
    expect(names(snapshot.pods).every((name) => name!.startsWith('worker-'))).toBe(true);
    expect(names(snapshot.services)).toEqual(['worker']);
    expect(names(snapshot.persistentVolumeClaims)).toEqual(['worker-data']);
    expect(snapshot.events.map((group) => group.message)).toContain('worker service has no endpoints');
    expect(snapshot.events.map((group) => group.message)).not.toContain('api note');
  });
});

describe('what cannot be read', () => {
  it('a 403 on Secrets becomes a gap, and the diagnosis still runs', async () => {
    sim.faults.add({
      method: 'GET',
      path: '/api/v1/namespaces/locked/secrets',
      status: 403,
      count: Infinity,
    });
    const { report, snapshot } = await diagnose(
      { kube, allowedNamespaces: () => true },
      { namespace: 'locked' },
    );
    expect(snapshot.secrets).toEqual([]);
    expect(snapshot.gaps).toHaveLength(1);
    expect(snapshot.gaps[0]).toMatch(/^list Secret: .*forbidden/i);
    expect(snapshot.configMaps).toContainEqual({ name: 'locked-config', keys: ['REQUIRED_CONFIG'] });
    expect(report.diagnosis).toMatchObject({ hasIssue: true, category: 'missing_env' });
    expect(report.proposals[0]).toMatchObject({ action: 'set_env', params: { name: 'REQUIRED_CONFIG' } });
  });

  it.each([
    ['pods', '/api/v1/namespaces/locked/pods', 'Pod'],
    ['deployments', '/apis/apps/v1/namespaces/locked/deployments', 'Deployment'],
    ['replicasets', '/apis/apps/v1/namespaces/locked/replicasets', 'ReplicaSet'],
  ])(
    'a 403 on %s stops the diagnosis: without them "no issue found" would hide failures',
    async (_name, path, kind) => {
      sim.faults.add({ method: 'GET', path, status: 403, count: Infinity });
      const failure = await diagnose({ kube, allowedNamespaces: () => true }, { namespace: 'locked' }).catch(
        (error: unknown) => error,
      );
      expect(failure).toBeInstanceOf(KubeApiError);
      expect((failure as KubeApiError).code).toBe('kube_forbidden');
      expect((failure as Error).message).toMatch(/forbidden/i);
      expect((failure as Error).message).toContain(`cannot diagnose without reading ${kind} objects`);
      // One prefix, not "list Pod: list Pod: …".
      expect((failure as Error).message).not.toMatch(/(list \w+: ).*\1/);
    },
  );

  it('any other failure of a list is an error, not a gap', async () => {
    const noRetries = createClientNodeKube({ kubeconfigText: sim.kubeconfig, retries: 0 });
    sim.faults.add({ method: 'GET', path: '/api/v1/namespaces/locked/pods', status: 500, count: Infinity });
    const failure = await observe(noRetries, { namespace: 'locked' }).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(KubeApiError);
    expect((failure as KubeApiError).code).toBe('kube_error');
  });
});

describe('not found', () => {
  it.each<[string, string[]]>([
    ['shp', ['shop']],
    ['vaults', ['vault']],
    ['nothing-like-it', []],
  ])('namespace %s ⇒ NamespaceNotFoundError suggesting %j', async (wanted, suggestions) => {
    const failure = await observe(kube, { namespace: wanted }).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(NamespaceNotFoundError);
    expect((failure as NamespaceNotFoundError).suggestions).toEqual(suggestions);
    expect((failure as Error).message).toContain(`namespace "${wanted}" not found`);
    if (suggestions.length > 0)
      expect((failure as Error).message).toContain(`did you mean "${suggestions[0]}"`);
  });

  it.each<[string, string, string[], RegExp]>([
    ['shop', 'wroker', ['worker'], /did you mean "worker"\?/],
    ['shop', 'ap', ['api'], /did you mean "api"\?/],
    ['shop', 'checkout-service', [], /\(deployments there: api, worker\)/],
    ['empty', 'api', [], /\(it has no deployments\)/],
  ])('deployment %s/%s ⇒ WorkloadNotFoundError suggesting %j', async (ns, wanted, suggestions, hint) => {
    const failure = await observe(kube, { namespace: ns, deployment: wanted }).catch(
      (error: unknown) => error,
    );
    expect(failure).toBeInstanceOf(WorkloadNotFoundError);
    expect((failure as WorkloadNotFoundError).suggestions).toEqual(suggestions);
    expect((failure as Error).message).toContain(`deployment "${wanted}" not found in namespace "${ns}"`);
    expect((failure as Error).message).toMatch(hint);
  });
});
