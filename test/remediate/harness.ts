/**
 * Remediation against a real simulated cluster, fast: `startSim` (virtual clock that only moves when told), the
 * real client-node adapter over HTTP, a memory store, and a Clock whose `sleep` advances the sim — so a
 * verification that waits minutes of cluster time takes a fraction of a second.
 */
import type { Clock } from '../../src/clock.js';
import { diagnose } from '../../src/diagnosis/diagnose.js';
import type { Proposal } from '../../src/domain/proposal.js';
import type { Report } from '../../src/domain/report.js';
import { createClientNodeKube } from '../../src/kube/client-node-adapter.js';
import type { KubePort } from '../../src/kube/port.js';
import type { Deployment, KubeObject } from '../../src/kube/types.js';
import type { RemediationDeps } from '../../src/remediate/deps.js';
import { loadScenario, type Scenario } from '../../src/sim/scenario.js';
import { startSim, type SimHandle } from '../../src/sim/sim.js';
import { createKeyvStore } from '../../src/store/keyv-store.js';
import type { StorePort } from '../../src/store/port.js';

export type Harness = {
  sim: SimHandle;
  kube: KubePort;
  store: StorePort;
  clock: Clock;
  /** Remediation deps as the composition root builds them, with a short verification for tests. */
  deps(overrides?: Partial<RemediationDeps>): RemediationDeps;
  /** A rules-only diagnosis of the namespace, as `/sre diagnose` or `sre-bot fix` would start. */
  diagnose(namespace: string, deployment?: string): Promise<Report>;
  /** The Deployment as stored in the sim (not through the client): the ground truth for "unchanged". */
  stored(namespace: string, name: string): Deployment;
  revisions(namespace: string): string[];
  /** Moves virtual time in steps, so the control plane runs what falls due in between. */
  advance(seconds: number, stepSeconds?: number): void;
  stop(): Promise<void>;
};

export const allowAll = () => true;

export function simClock(sim: SimHandle): Clock {
  return {
    now: () => new Date(sim.cluster.clock.now()),
    sleep: async (ms) => {
      sim.advance(ms);
      await new Promise((resolve) => setImmediate(resolve));
    },
  };
}

/** A public scenario with some of its objects edited (the "wrong value" variants). */
export function scenarioVariant(
  name: string,
  edit: (object: KubeObject) => KubeObject | undefined,
): Scenario {
  const scenario = loadScenario(name);
  return {
    ...scenario,
    name: `${scenario.name}-variant`,
    objects: scenario.objects.map((object) => edit(structuredClone(object)) ?? object),
  };
}

export async function startHarness(
  options: { scenarios?: string[]; scenarioObjects?: Scenario[]; advanceMs?: number; seed?: number } = {},
): Promise<Harness> {
  const sim = await startSim({
    ...(options.scenarios ? { scenarios: options.scenarios } : {}),
    ...(options.scenarioObjects ? { scenarioObjects: options.scenarioObjects } : {}),
    advanceMs: options.advanceMs ?? 180_000,
    seed: options.seed ?? 7,
  });
  // No retries: a test that injects a fault wants to see exactly one answer per request.
  const kube = createClientNodeKube({ kubeconfigText: sim.kubeconfig, retries: 0 });
  const store = await createKeyvStore({ kind: 'memory' });
  const clock = simClock(sim);
  const diagnoseWith = (port: KubePort) => async (namespace: string, deployment: string | null) =>
    (
      await diagnose(
        { kube: port, allowedNamespaces: allowAll },
        { namespace, ...(deployment ? { deployment } : {}) },
      )
    ).report;
  return {
    sim,
    kube,
    store,
    clock,
    deps: (overrides = {}) => ({
      kube,
      store,
      clock,
      holder: 'bot-a@test',
      leaseSeconds: 60,
      diagnose: diagnoseWith(overrides.kube ?? kube),
      verify: { timeoutSeconds: 300, settleSeconds: 10, pollSeconds: 1 },
      ...overrides,
    }),
    diagnose: (namespace, deployment) => diagnoseWith(kube)(namespace, deployment ?? null),
    stored: (namespace, name) => {
      const found = sim.cluster.store.get('apps/deployments', namespace, name);
      if (!found) throw new Error(`deployment ${namespace}/${name} is not in the sim`);
      const copy: Deployment = structuredClone(found);
      return copy;
    },
    revisions: (namespace) =>
      sim.cluster.store
        .list('apps/replicasets', namespace)
        .map((rs) => rs.metadata.annotations?.['deployment.kubernetes.io/revision'] ?? '?')
        .sort(),
    advance: (seconds, stepSeconds = 1) => {
      for (let elapsed = 0; elapsed < seconds; elapsed += stepSeconds) sim.advance(stepSeconds * 1000);
    },
    stop: async () => {
      await store.close();
      await sim.stop();
    },
  };
}

/** The top proposal of a report, failing the test clearly when there is none. */
export function topProposal(report: Report): Proposal {
  const top = report.proposals[0];
  if (!top) throw new Error(`no proposal: ${report.diagnosis.summary}`);
  return top;
}

/** What must not move when a change is refused. */
export function fingerprint(deployment: Deployment) {
  return {
    resourceVersion: deployment.metadata?.resourceVersion,
    generation: deployment.metadata?.generation,
    annotations: deployment.metadata?.annotations,
    template: deployment.spec?.template,
    replicas: deployment.spec?.replicas,
  };
}

export type PatchCall = {
  kind: string;
  name: string;
  dryRun: boolean; /** `ok`, or the error code the server's answer mapped to (`kube_conflict` …). */
  outcome: string;
};

/**
 * The port with its writes recorded (kind, name, dry run, and the error code when the server refused), and an
 * optional hook run just before each real (non-dry-run) Deployment patch goes out: the place to make a
 * "concurrent" write land between the bot's read and its patch.
 */
export function recordingKube(
  kube: KubePort,
  beforeDeploymentPatch?: (call: number) => Promise<void> | void,
): { kube: KubePort; patches: PatchCall[]; leaseWrites: string[] } {
  const patches: PatchCall[] = [];
  const leaseWrites: string[] = [];
  let deploymentPatches = 0;
  const recorded: KubePort = {
    ...kube,
    get requestCount() {
      return kube.requestCount;
    },
    patch: async (kind, namespace, name, patch, options) => {
      const dryRun = options.dryRun ?? false;
      if (kind === 'Deployment' && !dryRun) {
        deploymentPatches += 1;
        await beforeDeploymentPatch?.(deploymentPatches);
      }
      try {
        const result = await kube.patch(kind, namespace, name, patch, options);
        patches.push({ kind, name, dryRun, outcome: 'ok' });
        return result;
      } catch (error) {
        patches.push({ kind, name, dryRun, outcome: (error as { code?: string }).code ?? 'error' });
        throw error;
      }
    },
    create: async (kind, namespace, object, options) => {
      if (kind === 'Lease') leaseWrites.push('create');
      return kube.create(kind, namespace, object, options);
    },
    replace: async (kind, namespace, name, object, options) => {
      if (kind === 'Lease')
        leaseWrites.push(
          `replace by ${(object as { spec?: { holderIdentity?: string } }).spec?.holderIdentity}`,
        );
      return kube.replace(kind, namespace, name, object, options);
    },
  };
  return { kube: recorded, patches, leaseWrites };
}
