/**
 * POST /alerts end to end: real Alertmanager payloads over HTTP into a real bot (createBot, real Kubernetes
 * client against the simulated cluster, Slack emulator). One workload, one incident: repeats change nothing,
 * other alerts on the workload join it in place, resolutions are threaded, and the incident ends with one
 * summary and one on-call ping when all its alerts have resolved.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Incident } from '../../src/domain/incident.js';
import type { EmulatedMessage } from '../../src/slack-emulator/index.js';
import { CHANNEL, podsOf, sample, startHarness, type Harness } from './support/harness.js';
import {
  kubeContainerWaiting,
  kubeDeploymentReplicasMismatch,
  kubePodCrashLooping,
  kubePodNotReady,
  kubeQuotaExceeded,
  notification,
  resolved,
} from './support/payloads.js';

let harness: Harness;
let paymentsPods: string[];

beforeAll(async () => {
  harness = await startHarness({ scenarios: ['payments-missing-env', 'frontend-bad-image'] });
  paymentsPods = await podsOf(harness.kube, 'payments', 'payments');
}, 60_000);

afterAll(async () => {
  await harness?.stop();
});

const roots = (): EmulatedMessage[] =>
  harness.emulator.messages(CHANNEL).filter((m) => m.threadTs === undefined);
const rootFor = (workload: string) => roots().filter((m) => m.text.includes(workload));
const posts = () => harness.emulator.calls('chat.postMessage').length;

async function incidentOf(message: EmulatedMessage): Promise<Incident> {
  const all = await harness.bot.deps.incidents.listOpen();
  const found = all.find((incident) => incident.slack?.ts === message.ts);
  if (found) return found;
  throw new Error(`no open incident for message ${message.ts}`);
}

describe('alerts ⇒ incidents', () => {
  let root: EmulatedMessage;
  let incidentId: string;
  const crash = () => kubePodCrashLooping('payments', paymentsPods[0]!, 'app');
  const mismatch = () => kubeDeploymentReplicasMismatch('payments', 'payments');
  const notReady = () => kubePodNotReady('payments', paymentsPods[1]!);

  it('a KubePodCrashLooping payload opens ONE incident on the owning deployment, diagnosed, with a proposal', async () => {
    expect(paymentsPods).toHaveLength(2);
    const response = await harness.postAlerts(notification([crash()]));
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ ok: true, alerts: 1 });
    await harness.idle();

    const cards = roots();
    expect(cards).toHaveLength(1);
    root = cards[0]!;
    expect(root.channel).toBe(CHANNEL);
    // The pod was followed to its Deployment: the incident is on payments/payments, not on the pod.
    expect(root.text).toContain('payments/payments');
    const incident = await incidentOf(root);
    incidentId = incident.id;
    expect(incident).toMatchObject({
      namespace: 'payments',
      target: 'payments',
      state: 'proposed',
      severity: 'warning',
      trigger: { kind: 'alert', alertnames: ['KubePodCrashLooping'], fingerprints: [crash().fingerprint] },
      alerts: { [crash().fingerprint]: 'firing' },
    });
    expect(incident.report?.diagnosis.category).toBe('missing_env');
    expect(incident.report?.proposals[0]?.action).toBe('set_env');
    // The card shows the diagnosis, the alert and the buttons.
    const card = JSON.stringify(root.blocks);
    expect(card).toContain('REQUIRED_CONFIG');
    expect(card).toContain('alerts: 1 firing');
    expect(card).toContain('KubePodCrashLooping');
    const buttons = root.blocks.find((block) => block.type === 'actions');
    expect(JSON.stringify(buttons)).toContain('Approve');
  });

  it('50 repeats (Alertmanager re-sends, HA duplicates) open nothing and post nothing', async () => {
    const before = { posts: posts(), updates: harness.emulator.calls('chat.update').length };
    const dedupBefore = sample(await harness.metrics(), 'sre_bot_alerts_deduplicated_total') ?? 0;
    const responses = await Promise.all(
      Array.from({ length: 50 }, () => harness.postAlerts(notification([crash()]))),
    );
    expect(responses.map((r) => r.status)).toEqual(Array(50).fill(200));
    await harness.idle();
    expect(posts()).toBe(before.posts);
    expect(harness.emulator.calls('chat.update').length).toBe(before.updates);
    expect(roots()).toHaveLength(1);
    const dedup = sample(await harness.metrics(), 'sre_bot_alerts_deduplicated_total') ?? 0;
    expect(dedup - dedupBefore).toBe(50);
  });

  it('other alerts on the same workload join the incident: root updated in place, no new post', async () => {
    const before = posts();
    // kube-state-metrics' own `container="kube-rbac-proxy-main"` must not matter; the pod one maps to its owner.
    const response = await harness.postAlerts(notification([crash(), mismatch(), notReady()]));
    expect(response.status).toBe(200);
    await harness.idle();
    expect(posts()).toBe(before);
    expect(roots()).toHaveLength(1);
    const updated = harness.emulator.message(CHANNEL, root.ts)!;
    expect(JSON.stringify(updated.blocks)).toContain('alerts: 3 firing');
    const incident = (await harness.bot.deps.incidents.get(incidentId))!;
    expect(incident.alerts).toEqual({
      [crash().fingerprint]: 'firing',
      [mismatch().fingerprint]: 'firing',
      [notReady().fingerprint]: 'firing',
    });
    expect(incident.trigger).toMatchObject({
      alertnames: ['KubePodCrashLooping', 'KubeDeploymentReplicasMismatch', 'KubePodNotReady'],
    });
    expect(incident.state).toBe('proposed');
  });

  it('a resolved alert is threaded under the incident; the incident stays open while others fire', async () => {
    const response = await harness.postAlerts(notification([resolved(crash()), mismatch(), notReady()]));
    expect(response.status).toBe(200);
    await harness.idle();
    const reply = await harness.emulator.waitForReply(CHANNEL, root.ts, (m) => m.text.startsWith('Resolved'));
    expect(reply.text).toBe('Resolved: KubePodCrashLooping. 2 alerts still firing.');
    expect(reply.broadcast).toBe(false);
    expect(roots()).toHaveLength(1);
    const incident = (await harness.bot.deps.incidents.get(incidentId))!;
    expect(incident.state).toBe('proposed');
    expect(incident.alerts[crash().fingerprint]).toBe('resolved');
    expect(JSON.stringify(harness.emulator.message(CHANNEL, root.ts)!.blocks)).toContain(
      '2 firing, 1 resolved',
    );
  });

  it('all resolved ⇒ the incident ends as resolved, with the summary and the on-call ping exactly once', async () => {
    const all = notification([resolved(crash()), resolved(mismatch()), resolved(notReady())]);
    await harness.postAlerts(all);
    await harness.idle();
    // Alertmanager may deliver the "all resolved" notification again (HA peers): nothing more happens.
    await harness.postAlerts(all);
    await harness.postAlerts(all);
    await harness.idle();

    const incident = (await harness.bot.deps.incidents.get(incidentId))!;
    expect(incident.state).toBe('resolved');
    expect(incident.audit.at(-1)).toMatchObject({ actor: 'alertmanager', action: 'alerts resolved' });
    const thread = harness.emulator.replies(CHANNEL, root.ts);
    const pings = thread.filter((m) => m.text.includes('<!subteam^S0SREONCALL>'));
    expect(pings).toHaveLength(1);
    expect(pings[0]!.text).toContain('Incident summary');
    expect(thread.filter((m) => m.text.startsWith('Resolved:'))).toHaveLength(2);
    // The card no longer offers Approve.
    const card = harness.emulator.message(CHANNEL, root.ts)!;
    expect(card.blocks.some((block) => block.type === 'actions')).toBe(false);
    expect(await harness.bot.deps.incidents.openFor('payments', 'payments')).toBeUndefined();
  });

  it('a KubeContainerWaiting alert opens an incident on its own workload (image pull)', async () => {
    const [pod] = await podsOf(harness.kube, 'frontend', 'frontend');
    const waiting = kubeContainerWaiting('frontend', pod!, 'web', 'ImagePullBackOff');
    await harness.postAlerts(notification([waiting]));
    await harness.idle();
    const [card] = rootFor('frontend/frontend');
    expect(card).toBeDefined();
    const incident = await incidentOf(card!);
    expect(incident).toMatchObject({ namespace: 'frontend', target: 'frontend', state: 'proposed' });
    expect(incident.report?.diagnosis.category).toBe('image_pull');
  });

  it('while a fix runs, a resolution is threaded but the incident record is left to the fix', async () => {
    const [pod] = await podsOf(harness.kube, 'frontend', 'frontend');
    const waiting = kubeContainerWaiting('frontend', pod!, 'web', 'ImagePullBackOff');
    const [card] = rootFor('frontend/frontend');
    const incident = await incidentOf(card!);
    // As if Approve had been pressed and the rollout were being verified.
    const verifying = await harness.bot.deps.incidents.save({ ...incident, state: 'verifying' });
    await harness.postAlerts(notification([resolved(waiting)]));
    await harness.idle();
    const reply = await harness.emulator.waitForReply(CHANNEL, card!.ts, (m) =>
      m.text.startsWith('Resolved'),
    );
    expect(reply.text).toBe('Resolved: KubeContainerWaiting. No alert is firing.');
    expect(await harness.bot.deps.incidents.get(incident.id)).toEqual(verifying);
  });

  it('an alert that names no workload (namespace only) opens a namespace-wide incident', async () => {
    const quota = kubeQuotaExceeded('payments', 'critical');
    await harness.postAlerts(notification([quota]));
    await harness.idle();
    const [card] = rootFor('payments (namespace)');
    expect(card).toBeDefined();
    const incident = await incidentOf(card!);
    expect(incident).toMatchObject({ namespace: 'payments', target: null, severity: 'critical' });
    expect(incident.trigger).toMatchObject({ kind: 'alert', alertnames: ['KubeQuotaExceeded'] });
  });

  it('Watchdog and cluster-level alerts (no namespace) open nothing', async () => {
    const before = posts();
    const watchdog = {
      ...kubeQuotaExceeded('monitoring', 'none'),
      labels: { alertname: 'Watchdog', prometheus: 'monitoring/k8s', severity: 'none' },
      fingerprint: 'aaaaaaaaaaaaaaaa',
    };
    const overcommit = {
      ...watchdog,
      labels: { alertname: 'KubeCPUOvercommit', prometheus: 'monitoring/k8s', severity: 'warning' },
      fingerprint: 'bbbbbbbbbbbbbbbb',
    };
    const response = await harness.postAlerts(notification([watchdog, overcommit]));
    expect(response.status).toBe(200);
    await harness.idle();
    expect(posts()).toBe(before);
  });
});
