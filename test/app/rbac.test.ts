/**
 * Least privilege, checked against the code rather than a list kept beside the manifests:
 *  - the write verbs granted are exactly those the action catalog's plans and the workload lease use (a new
 *    action kind that writes something new fails here until it is granted, and a grant nothing uses fails too);
 *  - every Kubernetes API request the bot really makes — observing and diagnosing, dry run, apply, lease, undo —
 *    recorded at the simulated API server and turned into RBAC attributes as the authorizer would, is allowed;
 *  - Secrets: `list` only.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { parseAllDocuments } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ActionDefinition } from '../../src/actions/action.js';
import { actions } from '../../src/actions/index.js';
import { PlanError, type ActionPlan, type PlanContext } from '../../src/actions/plan.js';
import { createServices, diagnoseDeps, remediationDeps } from '../../src/app/services.js';
import { loadConfig } from '../../src/config.js';
import { diagnose } from '../../src/diagnosis/diagnose.js';
import type { ActionKind } from '../../src/domain/categories.js';
import type { ProposalTarget } from '../../src/domain/proposal.js';
import { createClientNodeKube } from '../../src/kube/client-node-adapter.js';
import type { Deployment, Pod, ReplicaSet } from '../../src/kube/types.js';
import { silentLogger } from '../../src/log.js';
import { applyProposal } from '../../src/remediate/apply-proposal.js';
import { dryRunProposal } from '../../src/remediate/dry-run-proposal.js';
import { undoChange } from '../../src/remediate/undo-change.js';
import { acquireWorkloadLease } from '../../src/remediate/workload-lease.js';
import { startSim, type SimHandle } from '../../src/sim/sim.js';
import { createKeyvStore } from '../../src/store/keyv-store.js';

const DEPLOY_DIR = new URL('../../manifests/deploy/', import.meta.url);
const READ_VERBS = new Set(['get', 'list', 'watch']);

type Rule = { apiGroups?: string[]; resources?: string[]; verbs?: string[]; resourceNames?: string[] };
type Grant = { group: string; resource: string; verb: string };
const grantKey = (g: Grant) => `${g.verb} ${g.group || 'core'}/${g.resource}`;

/** Every rule of every Role and ClusterRole in manifests/deploy, expanded to (group, resource, verb). */
function grantedRules(): { grants: Grant[]; rules: Rule[] } {
  const rules: Rule[] = [];
  for (const file of readdirSync(DEPLOY_DIR).filter((name) => /\.ya?ml$/.test(name))) {
    for (const document of parseAllDocuments(readFileSync(join(DEPLOY_DIR.pathname, file), 'utf8'))) {
      const object = document.toJS() as { kind?: string; rules?: Rule[] } | null;
      if (object?.kind === 'Role' || object?.kind === 'ClusterRole') rules.push(...(object.rules ?? []));
    }
  }
  const grants = rules.flatMap((rule) =>
    (rule.apiGroups ?? []).flatMap((group) =>
      (rule.resources ?? []).flatMap((resource) =>
        (rule.verbs ?? []).map((verb) => ({ group, resource, verb })),
      ),
    ),
  );
  return { grants, rules };
}

/** The API group and resource of each kind an action plan can touch. */
const RESOURCE_OF: Record<ActionPlan['kind'], { group: string; resource: string }> = {
  Deployment: { group: 'apps', resource: 'deployments' },
  Pod: { group: '', resource: 'pods' },
};
const VERB_OF: Record<ActionPlan['operation'], string> = { patch: 'patch', delete: 'delete' };

/** A valid example of every action kind's params: a kind added to the catalog without one fails to compile. */
const EXAMPLES = {
  set_env: {
    name: 'REQUIRED_CONFIG',
    valueFrom: { configMapKeyRef: { name: 'payments-config', key: 'REQUIRED_CONFIG' } },
  },
  set_resources: { limits: { memory: '512Mi' } },
  set_probe: { probe: 'readiness', httpGet: { path: '/healthz', port: 8080 } },
  set_image: { image: 'registry.example.com/payments/api:1.8.1' },
  rollback: { toRevision: 1 },
  restart: {},
  scale: { replicas: 3 },
  delete_pod: {},
  manual: { instruction: 'Ask the database team to rotate the credentials.' },
} satisfies Record<ActionKind, Record<string, unknown>>;

function planFixtures(): Omit<PlanContext, 'target'> {
  const template = {
    metadata: { labels: { app: 'payments' } },
    spec: {
      containers: [
        {
          name: 'app',
          image: 'registry.example.com/payments/api:1.8.2',
          env: [{ name: 'LOG_LEVEL', value: 'info' }],
          resources: { limits: { memory: '256Mi' } },
          readinessProbe: { httpGet: { path: '/', port: 8080 } },
        },
      ],
    },
  };
  const deployment: Deployment = {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'payments', namespace: 'payments', uid: 'd-1', resourceVersion: '42', annotations: {} },
    spec: { replicas: 2, selector: { matchLabels: { app: 'payments' } }, template },
  };
  const replicaSet = (revision: number): ReplicaSet => ({
    apiVersion: 'apps/v1',
    kind: 'ReplicaSet',
    metadata: {
      name: `payments-${revision}`,
      namespace: 'payments',
      annotations: { 'deployment.kubernetes.io/revision': String(revision) },
      ownerReferences: [
        { apiVersion: 'apps/v1', kind: 'Deployment', name: 'payments', uid: 'd-1', controller: true },
      ],
    },
    spec: { selector: { matchLabels: { app: 'payments' } }, template },
  });
  const pod: Pod = {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: 'payments-2-abcde', namespace: 'payments', uid: 'p-1' },
    spec: template.spec,
  };
  return {
    deployment,
    replicaSets: [replicaSet(1), replicaSet(2)],
    pod,
    incidentId: 'inc-1',
    approvedBy: 'U0ALICE',
    now: new Date(0),
  };
}

/** What each catalog action's plan writes: (verb, group, resource), from the plans themselves. */
function writesOfTheCatalog(): Grant[] {
  const writes: Grant[] = [];
  const catalog: readonly ActionDefinition[] = actions;
  for (const action of catalog) {
    const params = action.params.parse(EXAMPLES[action.kind]);
    const kind = action.targets.includes('Deployment') ? 'Deployment' : action.targets[0]!;
    const target: ProposalTarget = {
      kind,
      namespace: 'payments',
      name: kind === 'Pod' ? 'payments-2-abcde' : 'payments',
      ...(action.needsContainer ? { container: 'app' } : {}),
    };
    let plan: ActionPlan;
    try {
      plan = action.plan(params, { ...planFixtures(), target });
    } catch (error) {
      // Only `manual` may refuse to plan: it is never executed, so it needs no permission.
      expect(error).toBeInstanceOf(PlanError);
      expect(action.kind).toBe('manual');
      continue;
    }
    writes.push({ ...RESOURCE_OF[plan.kind], verb: VERB_OF[plan.operation] });
  }
  return writes;
}

/** RBAC request attributes of one API request, as the apiserver's RequestInfoFactory derives them. */
function attributes(method: string, url: string): Grant {
  const path = url.split('?')[0]!;
  const query = new URLSearchParams(url.split('?')[1] ?? '');
  const parts = path.split('/').filter(Boolean);
  const [prefix, ...rest] = parts;
  const group = prefix === 'api' ? '' : rest.shift()!;
  rest.shift(); // version
  if (rest[0] === 'namespaces' && rest.length > 2) rest.splice(0, 2);
  const [resource, name, subresource] = rest;
  const collection = name === undefined;
  const verb =
    method === 'GET'
      ? collection
        ? query.get('watch') === 'true'
          ? 'watch'
          : 'list'
        : 'get'
      : ({
          POST: 'create',
          PUT: 'update',
          PATCH: 'patch',
          DELETE: collection ? 'deletecollection' : 'delete',
        }[method] ?? method.toLowerCase());
  return { group, resource: subresource ? `${resource}/${subresource}` : resource!, verb };
}

let sim: SimHandle;
let recorded: Grant[] = [];

beforeAll(async () => {
  sim = await startSim({ scenarios: ['payments-missing-env'], advanceMs: 90_000, recordRequests: true });
  const kube = createClientNodeKube({ kubeconfigText: sim.kubeconfig });
  const config = loadConfig({ STORE_URL: 'memory://', SRE_VERIFY_SETTLE_SECONDS: '0' });
  const store = await createKeyvStore({ kind: 'memory' });
  const services = createServices(config, { kube, llm: undefined, store, logger: silentLogger() });
  const remediation = await remediationDeps(services, 'rbac-test@host');
  sim.requests.length = 0;

  // Everything the bot does against a cluster: observe + diagnose, dry run, apply (lease, re-read, patch),
  // renew and release the lease, a lease taken over after expiry, undo.
  const { report } = await diagnose(diagnoseDeps(services), {
    namespace: 'payments',
    deployment: 'payments',
  });
  const proposal = report.proposals[0]!;
  await dryRunProposal(kube, proposal, { incidentId: 'inc-rbac', approvedBy: 'U0ALICE', now: new Date() });
  const applied = await applyProposal(remediation, {
    incidentId: 'inc-rbac',
    proposal,
    approvedBy: 'U0ALICE',
    expectedCategory: report.diagnosis.category,
  });
  if (applied.status !== 'applied') throw new Error(`not applied: ${applied.message}`);
  await applied.lease.renew();
  await applied.lease.release();
  // Another replica's lease, left to expire (it died mid-fix), is taken over a minute later.
  const workload = { namespace: 'payments', deployment: 'payments' };
  await acquireWorkloadLease(kube, services.clock, workload, 'other@host', 1);
  const later: typeof services.clock = { ...services.clock, now: () => new Date(Date.now() + 60_000) };
  const takeover = await acquireWorkloadLease(kube, later, workload, 'rbac-test@host', 60);
  await takeover.release();
  const undone = await undoChange(remediation, {
    namespace: 'payments',
    deployment: 'payments',
    actor: 'U0ALICE',
    undoId: applied.change.undoId!,
  });
  if (undone.status !== 'undone') throw new Error(`not undone: ${undone.message}`);
  recorded = sim.requests.map((request) => attributes(request.method, request.url));
  await store.close();
}, 60_000);

afterAll(async () => {
  await sim?.stop();
});

describe('RBAC in manifests/deploy', () => {
  it('grants exactly the write verbs the action plans and the workload lease use', () => {
    const { grants } = grantedRules();
    const grantedWrites = new Set(grants.filter((g) => !READ_VERBS.has(g.verb)).map(grantKey));
    const leaseWrites = recorded.filter((g) => g.resource === 'leases' && !READ_VERBS.has(g.verb));
    // The lease is also read by name (get): that read is part of the lock, granted beside its writes.
    const leaseReads = recorded.filter((g) => g.resource === 'leases' && READ_VERBS.has(g.verb));
    const needed = new Set([...writesOfTheCatalog(), ...leaseWrites].map(grantKey));
    expect([...grantedWrites].sort()).toEqual([...needed].sort());
    expect(new Set(leaseWrites.map((g) => g.verb))).toEqual(new Set(['create', 'update', 'delete']));
    expect(new Set(leaseReads.map((g) => g.verb))).toEqual(new Set(['get']));
  });

  it('allows every API request the bot made while observing, dry-running, applying, locking and undoing', () => {
    const { grants } = grantedRules();
    const granted = new Set(grants.map(grantKey));
    expect(recorded.length).toBeGreaterThan(10);
    const refused = [...new Set(recorded.map(grantKey))].filter((key) => !granted.has(key));
    expect(refused).toEqual([]);
    // And the recording really covers the writes (so the check above is not vacuous).
    expect(new Set(recorded.filter((g) => !READ_VERBS.has(g.verb)).map(grantKey))).toEqual(
      new Set([
        'patch apps/deployments',
        'create coordination.k8s.io/leases',
        'update coordination.k8s.io/leases',
        'delete coordination.k8s.io/leases',
      ]),
    );
  });

  it('gives Secrets nothing but list, and nothing anywhere by wildcard', () => {
    const { grants, rules } = grantedRules();
    expect(grants.filter((g) => g.resource === 'secrets').map((g) => g.verb)).toEqual(['list']);
    for (const rule of rules) {
      for (const field of [rule.apiGroups, rule.resources, rule.verbs])
        expect(field ?? []).not.toContain('*');
      expect(rule.resourceNames).toBeUndefined();
    }
    // Reads are get/list only: the bot keeps no informers, so no watch.
    expect(new Set(grants.filter((g) => READ_VERBS.has(g.verb)).map((g) => g.verb))).toEqual(
      new Set(['get', 'list']),
    );
  });
});
