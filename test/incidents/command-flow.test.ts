/**
 * `/sre` command planning (planCommand): what is acknowledged at once — help, status, diagnose with its target
 * and flags, or a notice for an unknown verb or flag, a malformed name or a namespace the bot may not act in —
 * and the checks the diagnose work makes first against a real (simulated) cluster: an unknown namespace or
 * deployment is a private notice with close matches. Runs on real parts: configuration, store, repository, sim.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SlackMessage } from '../../blocks/message.js';
import { loadConfig } from '../../src/config.js';
import { Incident } from '../../src/domain/incident.js';
import { planCommand } from '../../src/incidents/command-flow.js';
import type { IncidentDeps } from '../../src/incidents/incident-deps.js';
import { IncidentRepository } from '../../src/incidents/incident-repository.js';
import { createClientNodeKube } from '../../src/kube/client-node-adapter.js';
import { silentLogger } from '../../src/log.js';
import { parseScenario } from '../../src/sim/scenario.js';
import { startSim, type SimHandle } from '../../src/sim/sim.js';
import { createKeyvStore } from '../../src/store/keyv-store.js';
import type { StorePort } from '../../src/store/port.js';

const NOW = new Date('2025-01-10T10:00:00Z');
const USAGE = 'Usage: `/sre diagnose NAMESPACE[/DEPLOYMENT] [--dry-run]`, `/sre status`, `/sre help`';

/** Parts of IncidentDeps that planning must never touch before the ack: any use fails the test. */
function notUsed<T extends object>(name: string): T {
  return new Proxy({} as T, {
    get: (_target, property) => {
      throw new Error(`planCommand used ${name}.${String(property)}`);
    },
  });
}

let sim: SimHandle;
let store: StorePort;

beforeAll(async () => {
  sim = await startSim({
    scenarioObjects: [
      {
        name: 'payments',
        path: 'inline',
        objects: parseScenario(`
apiVersion: v1
kind: Namespace
metadata: {name: payments}
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: payments-api, namespace: payments}
spec:
  replicas: 1
  selector: {matchLabels: {app: payments-api}}
  template:
    metadata: {labels: {app: payments-api}}
    spec: {containers: [{name: app, image: registry.example.com/payments:1.0.0}]}
`),
      },
    ],
  });
  store = await createKeyvStore({ kind: 'memory' });
}, 30_000);

afterAll(async () => {
  await store?.close();
  await sim?.stop();
});

function depsFor(env: Record<string, string> = {}): IncidentDeps {
  const config = loadConfig(env);
  return {
    chat: notUsed('chat'),
    incidents: new IncidentRepository(store),
    store,
    kube: createClientNodeKube({ kubeconfigText: sim.kubeconfig }),
    diagnose: () => Promise.reject(new Error('planCommand diagnosed')),
    remediation: notUsed('remediation'),
    isApprover: () => Promise.reject(new Error('planCommand checked approvers')),
    clock: { now: () => NOW, sleep: () => Promise.resolve() },
    logger: silentLogger(),
    settings: {
      approvers: undefined,
      oncall: undefined,
      namespaceAllowed: config.namespaceAllowed,
      namespaces: config.namespaces,
    },
  };
}

const HELP = { approvers: undefined, namespaces: ['*'] };
const plan = (text: string, env: Record<string, string> = {}) =>
  planCommand(depsFor(env), { user: 'U0ALICE', channel: 'C0INCIDENTS', text }, HELP);

describe('planCommand: acknowledged at once', () => {
  it.each(['', '   ', 'help', '  help  ', 'help me please'])('%j ⇒ the help, and no work', (text) => {
    const result = plan(text);
    expect(result.ack.text).toMatch(/sre-bot: Kubernetes incident help|\/sre diagnose/);
    expect(JSON.stringify(result.ack.blocks)).toContain('/sre status');
    expect(result.work).toBeUndefined();
  });

  it.each<[string, string]>([
    ['diagnose payments', '`payments`'],
    ['diagnose payments/payments-api', '`payments/payments-api`'],
    ['  diagnose   payments  ', '`payments`'],
    ['diagnose payments --dry-run', '`payments`'],
    ['diagnose --dry-run payments/payments-api', '`payments/payments-api`'],
    // Deployment names are DNS-1123 subdomains: dots are allowed (namespaces are labels: they are not).
    ['diagnose payments/api.v2', '`payments/api.v2`'],
  ])('%j ⇒ acknowledged as diagnosing %s, with work to do', (text, subject) => {
    const result = plan(text);
    expect(result.ack.text).toBe(`:mag: Diagnosing ${subject}… the incident will appear in this channel.`);
    expect(result.work).toBeTypeOf('function');
  });

  it.each<[string, string]>([
    ['restart payments', 'unknown command "restart"'],
    ['Diagnose payments', 'unknown command "Diagnose"'],
    ['diagnose', 'diagnose needs one NAMESPACE or NAMESPACE/DEPLOYMENT'],
    ['diagnose --dry-run', 'diagnose needs one NAMESPACE or NAMESPACE/DEPLOYMENT'],
    ['diagnose payments ledger', 'diagnose needs one NAMESPACE or NAMESPACE/DEPLOYMENT'],
    ['diagnose payments --force', 'unknown option --force'],
    ['diagnose payments --dry-run=false', 'unknown option --dry-run=false'],
    ['diagnose payments --yes --all', 'unknown option --yes --all'],
    ['diagnose Payments', '"Payments" is not NAMESPACE or NAMESPACE/DEPLOYMENT'],
    ['diagnose payments/', '"payments/" is not NAMESPACE or NAMESPACE/DEPLOYMENT'],
    ['diagnose /payments-api', '"/payments-api" is not NAMESPACE or NAMESPACE/DEPLOYMENT'],
    ['diagnose payments/api/v2', '"payments/api/v2" is not NAMESPACE or NAMESPACE/DEPLOYMENT'],
    ['diagnose pay_ments', '"pay_ments" is not NAMESPACE or NAMESPACE/DEPLOYMENT'],
    ['diagnose -payments', '"-payments" is not NAMESPACE or NAMESPACE/DEPLOYMENT'],
    ['diagnose payments/API', '"payments/API" is not NAMESPACE or NAMESPACE/DEPLOYMENT'],
    ['diagnose pay.ments', '"pay.ments" is not NAMESPACE or NAMESPACE/DEPLOYMENT'],
  ])('%j ⇒ "%s" with the usage, and no work', (text, problem) => {
    const result = plan(text);
    expect(result.ack.text).toBe(`⚠️ ${problem}\n${USAGE}`);
    expect(result.work).toBeUndefined();
  });

  it('does not let a command smuggle a Slack mention into the reply', () => {
    const result = plan('diagnose <!channel>');
    expect(result.ack.text).not.toContain('<!channel>');
    expect(result.ack.text).toContain('&lt;!channel&gt;');
  });

  it.each<[string, Record<string, string>, string]>([
    ['diagnose kube-system', {}, '`kube-system`'],
    ['diagnose kube-node-lease/x', {}, '`kube-node-lease`'],
    ['diagnose ledger', { SRE_NAMESPACES: 'payments,checkout' }, '`ledger`'],
  ])('%j with %j ⇒ not allowed there, and no work', (text, env, namespace) => {
    const result = plan(text, env);
    expect(result.ack.text).toMatch(
      new RegExp(`^🚫 The bot may not act in ${namespace}\\. Allowed: .*SRE_NAMESPACES`),
    );
    expect(result.work).toBeUndefined();
  });

  it('lists the allowed namespaces in that notice', () => {
    expect(plan('diagnose ledger', { SRE_NAMESPACES: 'payments,checkout' }).ack.text).toContain(
      'Allowed: `payments`, `checkout`',
    );
  });
});

describe('planCommand: the work after the ack', () => {
  it('status lists the open incidents', async () => {
    const repository = new IncidentRepository(store);
    for (const [id, state] of [
      ['inc-20250110-0950-open', 'proposed'],
      ['inc-20250110-0900-done', 'resolved'],
    ] as const) {
      await repository.save(
        Incident.parse({
          id,
          namespace: 'payments',
          target: id.endsWith('open') ? 'payments-api' : 'other',
          trigger: { kind: 'cli', user: 'alice' },
          state,
          createdAt: '2025-01-10T09:50:00Z',
          updatedAt: '2025-01-10T09:50:00Z',
        }),
      );
    }
    const result = plan('status');
    expect(result.ack.text).toBe('Looking up open incidents…');
    const reply = (await result.work!()) as SlackMessage;
    expect(reply.text).toBe('1 open incident');
    const text = JSON.stringify(reply.blocks);
    expect(text).toContain('*payments/payments-api*  ·  fix proposed  ·  10m old');
    expect(text).not.toContain('payments/other');
  });

  it('an unknown namespace is a private notice with close matches, before any incident', async () => {
    const reply = await plan('diagnose paymnts').work!();
    expect(reply?.text).toBe('⚠️ Namespace `paymnts` does not exist. Did you mean `payments`?');
  });

  it('an unknown deployment is a private notice with close matches', async () => {
    const reply = await plan('diagnose payments/payments-apl').work!();
    expect(reply?.text).toBe(
      `⚠️ deployment \`payments-apl\` not found in namespace \`payments\`. Did you mean \`payments/payments-api\`?\n${USAGE}`,
    );
  });
});
