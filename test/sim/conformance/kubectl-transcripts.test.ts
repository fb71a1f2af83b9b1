/**
 * Replays the 40 kubectl 1.32 transcripts (test/fixtures/kubectl-1.32-transcripts.txt) against the sim with the
 * real kubectl, one fresh sim per command, in the state the transcript's command found its server in (the setup
 * steps below). For each command: the requests kubectl sent — method, path, query parameters, Accept,
 * Content-Type and, where the state allows it, the body — must be the transcript's, modulo names, uids,
 * resourceVersions, random watch timeouts and timestamps; and kubectl must succeed (or fail) with output of the
 * same shape. Like in the transcripts, the first command runs on a cold discovery cache and every other one on
 * a warm cache (warmed inside the test, in its own directory).
 *
 * Where the transcripts' logging fake was simpler than a real server (no Table for events, no real rollout),
 * the expected output below is the real cluster's, and the comment says so.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { pods } from '../../../src/sim/resources/pods.js';
import { deployments } from '../../../src/sim/resources/deployments.js';
import type { SimHandle } from '../../../src/sim/sim.js';
import { DEP_YAML, startDemo, type DemoOptions } from './demo-fixture.js';
import {
  HAVE_KUBECTL,
  Kubectl,
  NO_KUBECTL_REASON,
  table,
  type KubectlOptions,
  type KubectlResult,
} from './kubectl.js';
import {
  comparable,
  comparableBody,
  type ComparableRequest,
  loadTranscripts,
  type Renames,
  type Transcript,
} from './transcripts.js';

const AGGREGATED_DISCOVERY_ACCEPT =
  'application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList,application/json;g=apidiscovery.k8s.io;v=v2beta1;as=APIGroupDiscoveryList,application/json';

type Context = {
  sim: SimHandle;
  kubectl: Kubectl;
  /** The transcript's `web-5d8f7c9b6-abcde` and `web-5d8f7c9b6-fghij`: the two live pods, by name. */
  pod1: string;
  pod2: string;
  cacheDir: string;
};

type Case = {
  /** Must equal the transcript's command line (checked), so fixture and cases cannot drift apart. */
  command: string;
  fixture?: DemoOptions;
  /** kubectl commands run first, on the same discovery cache (they are not compared). */
  setup?: string[][];
  /** The first transcript was captured on a cold discovery cache. */
  coldCache?: boolean;
  run?: (context: Context) => KubectlOptions;
  /** Expected exit code (default 0). */
  exit?: number;
  expectOutput: (result: KubectlResult, context: Context) => void;
  /**
   * Bodies are compared after this (default: as they are, volatile fields scrubbed); `false` when the body
   * depends on history the transcript's fake did not have, with the reason.
   */
  body?: ((body: unknown) => unknown) | { skip: string };
  /**
   * The transcripts' fake kept no managedFields. A real server does, so kubectl's first server-side apply of an
   * object it client-side applied before also moves the field ownership to its `kubectl` Apply manager: a JSON
   * patch of metadata.managedFields, then the apply again (kubectl `migrateToSSAIfNecessary`). Those two
   * requests follow the transcript's.
   */
  migratesManagedFields?: boolean;
};

const PODS_HEADER = ['NAME', 'READY', 'STATUS', 'RESTARTS', 'AGE'];

function expectRunningPods(stdout: string, names: string[]): void {
  const [header] = stdout.split('\n');
  expect(header?.trim().split(/\s{2,}/)).toEqual(PODS_HEADER);
  const rows = table(stdout);
  expect(rows.map((row) => row.NAME)).toEqual(names);
  for (const row of rows) {
    expect(row).toMatchObject({ READY: '1/1', STATUS: 'Running', RESTARTS: '0' });
    expect(row.AGE).toMatch(/^\d+[smhd]/);
  }
}

function lines(text: string): string[] {
  return text.split('\n').filter((line) => line.trim() !== '');
}

/** Drop the last-applied annotation the scenario loader (like `kubectl apply`) put on the fixture Deployment. */
function withoutLastApplied(body: unknown): unknown {
  return JSON.parse(
    JSON.stringify(body, (key, value: unknown) =>
      key === 'kubectl.kubernetes.io/last-applied-configuration' ? undefined : value,
    ),
  );
}

const watchUntil =
  (context: Context, what: RegExp, minLines: number) =>
  (stdout: string): boolean =>
    lines(stdout).length >= minLines &&
    context.sim.requests.some((request) => what.test(request.url) && request.url.includes('watch=true'));

const CASES: Case[] = [
  {
    command: 'get pods -n demo',
    coldCache: true,
    expectOutput: (result, { pod1, pod2 }) => expectRunningPods(result.stdout, [pod1, pod2]),
  },
  {
    command: 'get pods -n demo',
    expectOutput: (result, { pod1, pod2 }) => expectRunningPods(result.stdout, [pod1, pod2]),
  },
  {
    command: 'get deploy -n demo -o yaml',
    expectOutput: (result) => {
      expect(lines(result.stdout).slice(0, 4)).toEqual([
        'apiVersion: v1',
        'items:',
        '- apiVersion: apps/v1',
        '  kind: Deployment',
      ]);
      expect(result.stdout).not.toContain('managedFields');
    },
  },
  {
    command: 'get pod web-5d8f7c9b6-abcde -n demo',
    expectOutput: (result, { pod1 }) => expectRunningPods(result.stdout, [pod1]),
  },
  {
    command: 'get pods -n demo -l app=web --field-selector status.phase=Running -o name',
    expectOutput: (result, { pod1, pod2 }) =>
      expect(lines(result.stdout)).toEqual([`pod/${pod1}`, `pod/${pod2}`]),
  },
  {
    command: 'describe deploy/web -n demo',
    expectOutput: (result) => {
      const out = lines(result.stdout);
      expect(out[0]).toMatch(/^Name:\s+web$/);
      expect(out[1]).toMatch(/^Namespace:\s+demo$/);
      expect(out[2]).toMatch(/^CreationTimestamp:\s+\w{3}, \d\d \w{3} \d{4} \d\d:\d\d:\d\d \+0000$/);
      expect(out[3]).toMatch(/^Labels:\s+app=web$/);
      // What the fake could not show: the ReplicaSets found through ownerReferences, the conditions, events.
      expect(result.stdout).toMatch(/NewReplicaSet:\s+web-\w+ \(2\/2 replicas created\)/);
      expect(result.stdout).toMatch(/Progressing\s+True\s+NewReplicaSetAvailable/);
      expect(result.stdout).toMatch(
        /ScalingReplicaSet\s+\S+\s+deployment-controller\s+Scaled up replica set/,
      );
    },
  },
  {
    command: 'describe pod web-5d8f7c9b6-abcde -n demo',
    expectOutput: (result, { pod1 }) => {
      const out = lines(result.stdout);
      expect(out[0]).toBe(`Name:             ${pod1}`);
      expect(out[1]).toMatch(/^Namespace:\s+demo$/);
      expect(result.stdout).toMatch(/^Node:\s+node-\d\/10\.0\.0\.\d$/m);
      expect(result.stdout).toMatch(/^Start Time:\s+\w{3}, \d\d \w{3} \d{4} \d\d:\d\d:\d\d \+0000$/m);
      expect(result.stdout).toMatch(/Started\s+\S+\s+kubelet\s+Started container web/);
    },
  },
  {
    command: 'logs web-5d8f7c9b6-abcde -n demo',
    fixture: { logs: 'log line 1\nline 2' },
    expectOutput: (result) => expect(lines(result.stdout)).toEqual(['log line 1', 'line 2']),
  },
  {
    command: 'logs web-5d8f7c9b6-abcde -n demo --previous -c web',
    // A previous run exists only when the container has restarted: it exits after 30 s, restarts 10 s later.
    fixture: { logs: 'log line 1\nline 2', exitAfterSeconds: 30, advanceMs: 60_000 },
    expectOutput: (result) => expect(lines(result.stdout)).toEqual(['log line 1', 'line 2']),
  },
  {
    command: 'logs deploy/web -n demo --tail=10',
    fixture: { logs: 'log line 1\nline 2' },
    expectOutput: (result, { pod1 }) => {
      expect(lines(result.stdout)).toEqual(['log line 1', 'line 2']);
      expect(result.stderr).toContain(`Found 2 pods, using pod/${pod1}`);
    },
  },
  {
    command: 'logs -f web-5d8f7c9b6-abcde -n demo --timestamps --since=5m',
    fixture: { logs: 'log line 1\nline 2' },
    // A follow never ends on its own: stop kubectl once both lines arrived.
    run: () => ({ until: (stdout) => lines(stdout).length >= 2 }),
    exit: -1,
    expectOutput: (result) => {
      const out = lines(result.stdout);
      expect(out).toHaveLength(2);
      expect(out[0]).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z log line 1$/);
      expect(out[1]).toMatch(/Z line 2$/);
    },
  },
  {
    command: 'set env deploy/web -n demo K=V',
    expectOutput: (result) => expect(result.stdout).toBe('deployment.apps/web env updated\n'),
  },
  {
    command: 'set env deploy/web -n demo A-',
    setup: [['set', 'env', 'deploy/web', '-n', 'demo', 'K=V']],
    expectOutput: (result) => expect(result.stdout).toBe('deployment.apps/web env updated\n'),
  },
  {
    command: 'set env deploy/web -n demo Z=1 --dry-run=server',
    setup: [
      ['set', 'env', 'deploy/web', '-n', 'demo', 'K=V'],
      ['set', 'env', 'deploy/web', '-n', 'demo', 'A-'],
    ],
    expectOutput: (result) =>
      expect(result.stdout).toBe('deployment.apps/web env updated (server dry run)\n'),
  },
  {
    command:
      'patch deploy web -n demo --type=strategic -p {"spec":{"template":{"spec":{"containers":[{"name":"web","image":"nginx:1.26"}]}}}}',
    expectOutput: (result) => expect(result.stdout).toBe('deployment.apps/web patched\n'),
  },
  {
    command: 'patch deploy web -n demo --type=merge -p {"spec":{"replicas":3}}',
    expectOutput: (result) => expect(result.stdout).toBe('deployment.apps/web patched\n'),
  },
  {
    command: 'patch deploy web -n demo --type=json -p [{"op":"replace","path":"/spec/replicas","value":2}]',
    setup: [['patch', 'deploy', 'web', '-n', 'demo', '--type=merge', '-p', '{"spec":{"replicas":3}}']],
    expectOutput: (result) => expect(result.stdout).toBe('deployment.apps/web patched\n'),
  },
  {
    // The replicas are already 2: the server returns the object unchanged and kubectl notices.
    command: 'patch deploy web -n demo -p {"spec":{"replicas":2}}',
    expectOutput: (result) => expect(result.stdout).toBe('deployment.apps/web patched (no change)\n'),
  },
  {
    // kubectl 1.32 `patch` prints no "(server dry run)" suffix (as in the transcript).
    command: 'patch deploy web -n demo -p {"spec":{"replicas":4}} --dry-run=server',
    expectOutput: (result, { sim }) => {
      expect(result.stdout).toBe('deployment.apps/web patched\n');
      expect(sim.cluster.api.get(deployments, 'demo', 'web').spec).toMatchObject({ replicas: 2 });
    },
  },
  {
    command: 'scale deploy/web -n demo --replicas=3',
    expectOutput: (result) => expect(result.stdout).toBe('deployment.apps/web scaled\n'),
  },
  {
    command: 'scale deploy web -n demo --replicas=2 --current-replicas=3',
    setup: [['scale', 'deploy/web', '-n', 'demo', '--replicas=3']],
    expectOutput: (result) => expect(result.stdout).toBe('deployment.apps/web scaled\n'),
    // status.replicas is whatever the controllers reached; the fake's was frozen.
    body: (body) => ({ ...(body as Record<string, unknown>), status: '<status>' }),
  },
  {
    command: 'scale deploy web -n demo --replicas=2 --dry-run=server',
    expectOutput: (result) => expect(result.stdout).toBe('deployment.apps/web scaled (server dry run)\n'),
  },
  {
    // The fake never observed the spec; here a rollout is under way (set env, clock stopped) and cannot finish.
    command: 'rollout status deploy/web -n demo --timeout=2s',
    setup: [['set', 'env', 'deploy/web', '-n', 'demo', 'K=V']],
    exit: 1,
    expectOutput: (result) => {
      expect(result.stdout).toBe(
        'Waiting for deployment "web" rollout to finish: 1 out of 2 new replicas have been updated...\n',
      );
      expect(result.stderr).toBe('error: timed out waiting for the condition\n');
    },
  },
  {
    command: 'rollout history deploy/web -n demo',
    expectOutput: (result) =>
      expect(result.stdout.split('\n').map((line) => line.trimEnd())).toEqual([
        'deployment.apps/web',
        'REVISION  CHANGE-CAUSE',
        '1         <none>',
        '2         <none>',
        '',
        '',
      ]),
  },
  {
    command: 'rollout undo deploy/web -n demo',
    expectOutput: (result) => expect(result.stdout).toBe('deployment.apps/web rolled back\n'),
    body: withoutLastApplied,
  },
  {
    // Revision 2 is no longer current after an undo to revision 1 (which became revision 3).
    command: 'rollout undo deploy/web -n demo --to-revision=2 --dry-run=server',
    setup: [['rollout', 'undo', 'deploy/web', '-n', 'demo']],
    expectOutput: (result) =>
      expect(result.stdout).toBe('deployment.apps/web rolled back (server dry run)\n'),
    body: {
      skip: 'the fake kept revision "2" on the Deployment after the undo; a real server moves it to "3"',
    },
  },
  {
    command: 'rollout restart deploy/web -n demo',
    expectOutput: (result) => expect(result.stdout).toBe('deployment.apps/web restarted\n'),
  },
  {
    // kubectl waits for the pod to be gone: the kubelet needs virtual time to stop it.
    command: 'delete pod web-5d8f7c9b6-abcde -n demo',
    // Time starts moving once kubectl watches, so it sees the pod terminating first, as in the transcript.
    run: ({ sim }) => {
      const before = sim.requests.length;
      const watching = () => sim.requests.slice(before).some((request) => request.url.includes('watch=true'));
      return { drive: { stepMs: 2_000, when: watching } };
    },
    expectOutput: (result, { pod1 }) => expect(result.stdout).toBe(`pod "${pod1}" deleted\n`),
  },
  {
    command: 'delete pod web-5d8f7c9b6-fghij -n demo --dry-run=server',
    expectOutput: (result, { pod2, sim }) => {
      expect(result.stdout).toBe(`pod "${pod2}" deleted (server dry run)\n`);
      expect(sim.cluster.api.get(pods, 'demo', pod2).metadata?.deletionTimestamp).toBeUndefined();
    },
  },
  {
    command: 'delete pod nope -n demo',
    exit: 1,
    expectOutput: (result) =>
      expect(result.stderr).toBe('Error from server (NotFound): pods "nope" not found\n'),
  },
  {
    command: 'apply -f dep.yaml',
    expectOutput: (result) => expect(result.stdout).toBe('deployment.apps/api created\n'),
  },
  {
    command: 'apply -f dep.yaml',
    setup: [['apply', '-f', 'dep.yaml']],
    expectOutput: (result) => expect(result.stdout).toBe('deployment.apps/api unchanged\n'),
  },
  {
    command: 'apply -f dep.yaml --dry-run=server',
    setup: [['apply', '-f', 'dep.yaml']],
    expectOutput: (result) => expect(result.stdout).toBe('deployment.apps/api unchanged (server dry run)\n'),
  },
  {
    command: 'apply -f dep.yaml --validate=false',
    setup: [['apply', '-f', 'dep.yaml']],
    expectOutput: (result) => expect(result.stdout).toBe('deployment.apps/api unchanged\n'),
  },
  {
    // The object was client-side applied, so kubectl also saves the last-applied annotation (second PATCH).
    command: 'apply --server-side -f dep.yaml',
    setup: [['apply', '-f', 'dep.yaml']],
    migratesManagedFields: true,
    expectOutput: (result) => expect(result.stdout).toBe('deployment.apps/api serverside-applied\n'),
  },
  {
    command: 'apply --server-side --force-conflicts --dry-run=server -f dep.yaml',
    setup: [['apply', '-f', 'dep.yaml']],
    migratesManagedFields: true,
    expectOutput: (result) =>
      expect(result.stdout).toBe('deployment.apps/api serverside-applied (server dry run)\n'),
  },
  {
    // The fake served no event Table (kubectl fell back to NAME/AGE); a real server's columns are these.
    command: 'get events -n demo',
    expectOutput: (result) => {
      const rows = table(result.stdout);
      expect(lines(result.stdout)[0]?.split(/\s{2,}/)).toEqual([
        'LAST SEEN',
        'TYPE',
        'REASON',
        'OBJECT',
        'MESSAGE',
      ]);
      expect(rows).toContainEqual(
        expect.objectContaining({ TYPE: 'Normal', REASON: 'ScalingReplicaSet', OBJECT: 'deployment/web' }),
      );
    },
  },
  {
    command: 'events -n demo',
    expectOutput: (result) => {
      expect(lines(result.stdout)[0]?.split(/\s{2,}/)).toEqual([
        'LAST SEEN',
        'TYPE',
        'REASON',
        'OBJECT',
        'MESSAGE',
      ]);
      expect(result.stdout).toMatch(
        /Normal\s+Pulled\s+Pod\/web-\S+\s+Successfully pulled image "nginx:1.25"/,
      );
    },
  },
  {
    command: 'get pods -n demo -w',
    run: (context) => ({ until: watchUntil(context, /\/pods\?/, 3) }),
    exit: -1,
    expectOutput: (result, { pod1, pod2 }) => expectRunningPods(result.stdout, [pod1, pod2]),
  },
  {
    // The transcript's fake served no schemas (its explain stopped after these three lines); the sim serves
    // component schemas with the GVK, so the field resolves as on a real cluster (descriptions aside).
    command: 'explain deployment.spec.replicas',
    expectOutput: (result) => {
      expect(lines(result.stdout).slice(0, 5)).toEqual([
        'GROUP:      apps',
        'KIND:       Deployment',
        'VERSION:    v1',
        'FIELD: replicas <integer>',
        'DESCRIPTION:',
      ]);
    },
  },
];

const transcripts = loadTranscripts();

describe.skipIf(!HAVE_KUBECTL)(
  `kubectl 1.32 transcripts against the sim ${HAVE_KUBECTL ? '' : NO_KUBECTL_REASON}`,
  () => {
    let sim: SimHandle | undefined;
    let kubectl: Kubectl | undefined;
    afterEach(async () => {
      kubectl?.cleanup();
      await sim?.stop();
      sim = undefined;
      kubectl = undefined;
    });

    it('has one case per transcript command, in order', () => {
      expect(transcripts).toHaveLength(40);
      expect(CASES.map((c) => c.command)).toEqual(transcripts.map((t) => t.command));
    });

    transcripts.forEach((transcript, index) => {
      const testCase = CASES[index];
      it(`#${index + 1} kubectl ${transcript.command}`, async () => {
        if (!testCase) throw new Error(`no case for transcript #${index + 1}`);
        sim = await startDemo(testCase.fixture);
        kubectl = new Kubectl(sim);
        const context = await prepare(sim, kubectl, testCase);
        const args = transcript.args.map((arg) =>
          arg.replace('web-5d8f7c9b6-abcde', context.pod1).replace('web-5d8f7c9b6-fghij', context.pod2),
        );
        const first = sim.requests.length;
        const result = await kubectl.run(args, {
          files: { 'dep.yaml': DEP_YAML },
          cacheDir: context.cacheDir,
          ...testCase.run?.(context),
        });
        const sent = sim.requests.slice(first);

        const expectedExit = testCase.exit ?? 0;
        // -1: kubectl was stopped by the test (a watch or a follow), so it has no exit code of its own.
        if (expectedExit === -1) expect(result.code, result.stderr).not.toBe(0);
        else expect(result.code, `${result.stdout}\n${result.stderr}`).toBe(expectedExit);
        testCase.expectOutput(result, context);

        compareRequests(transcript, sent, renamesFor(context), testCase);
        expect(sim.cluster.controlPlane.lastError).toBeUndefined();
      });
    });
  },
);

async function prepare(sim: SimHandle, kubectl: Kubectl, testCase: Case): Promise<Context> {
  const cacheDir = kubectl.newCacheDir();
  const files = { 'dep.yaml': DEP_YAML };
  if (!testCase.coldCache) {
    // Warm the discovery cache the way any earlier command would have.
    await kubectl.ok(['api-resources', '-o', 'name'], { cacheDir });
  }
  for (const step of testCase.setup ?? []) await kubectl.ok(step, { cacheDir, files });
  const live = sim.cluster.api
    .list(pods, 'demo')
    .items.filter((pod) => pod.metadata?.labels?.app === 'web' && !pod.metadata.deletionTimestamp)
    .map((pod) => pod.metadata!.name!)
    .sort();
  expect(live.length).toBeGreaterThanOrEqual(2);
  return { sim, kubectl, pod1: live[0]!, pod2: live[1]!, cacheDir };
}

function renamesFor(context: Context): Renames {
  const deployment = context.sim.cluster.api.get(deployments, 'demo', 'web');
  return new Map([
    [context.pod1, 'web-5d8f7c9b6-abcde'],
    [context.pod2, 'web-5d8f7c9b6-fghij'],
    [deployment.metadata!.uid!, 'dep-web'],
  ]);
}

/** What kubectl sends after the transcript's requests to migrate client-side-apply ownership (see the case). */
function managedFieldsMigration(transcript: Transcript): ComparableRequest[] {
  const apply = transcript.requests.find((request) => request.url.includes('fieldManager=kubectl&'));
  if (!apply) throw new Error(`no server-side apply request in "${transcript.command}"`);
  const reapply = comparable(apply, new Map());
  const migrate: ComparableRequest = {
    ...reapply,
    contentType: 'application/json-patch+json',
    query: reapply.query.filter((parameter) => !parameter.startsWith('force=')),
  };
  return [migrate, reapply];
}

function compareRequests(
  transcript: Transcript,
  sent: SimHandle['requests'],
  renames: Renames,
  testCase: Case,
): void {
  const noRenames: Renames = new Map();
  const expected = transcript.requests.map((request) => {
    const shape = comparable(request, noRenames);
    // The logging fake did not record Accept on discovery requests; the reference gives the real one (§2.2).
    if (request.accept === undefined) shape.accept = AGGREGATED_DISCOVERY_ACCEPT;
    return shape;
  });
  if (testCase.migratesManagedFields) expected.push(...managedFieldsMigration(transcript));
  const actual = sent.map((request) => comparable(request, renames));
  expect(actual).toEqual(expected);

  if (testCase.body && 'skip' in testCase.body) return;
  const adjust = testCase.body ?? ((body: unknown) => body);
  transcript.requests.forEach((request, index) => {
    const expectedBody = comparableBody(request.body, noRenames);
    if (expectedBody === undefined) return;
    const actualBody = comparableBody(sent[index]?.body, renames);
    expect(adjust(actualBody), `body of ${request.method} ${request.url}`).toEqual(adjust(expectedBody));
  });
}
