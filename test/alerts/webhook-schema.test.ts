/**
 * The v4 webhook schema against the reference payloads (Alertmanager ≤0.31 and ≥0.34 shapes, verbatim), and
 * what the bot keeps of each alert's labels.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { highestSeverity, isMetaAlert, toReceivedAlert } from '../../src/alerts/received-alert.js';
import { parseWebhook } from '../../src/alerts/webhook-schema.js';
import { wire } from './support/payloads.js';

const fixture = (name: string): string =>
  readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8');

describe('parseWebhook', () => {
  it.each(['am-0.31-first-notification.json', 'am-0.31-some-resolved.json', 'am-0.34-all-resolved.json'])(
    'accepts the reference payload %s, pretty or on the wire (compact, \\u0026-escaped)',
    (name) => {
      const text = fixture(name);
      for (const body of [text, wire(JSON.parse(text))]) {
        const parsed = parseWebhook(body);
        expect(parsed.ok).toBe(true);
        if (!parsed.ok) return;
        expect(parsed.value.version).toBe('4');
        expect(parsed.value.alerts.length).toBeGreaterThan(0);
        expect(parsed.value.alerts[0]!.generatorURL).toContain('&g0.tab=1');
      }
    },
  );

  it('keeps fields it does not know (notification_reason, routeLabels, anything newer)', () => {
    const payload = { ...JSON.parse(fixture('am-0.34-all-resolved.json')), futureField: [1, 2] };
    const parsed = parseWebhook(JSON.stringify(payload));
    expect(parsed.ok && parsed.value['futureField']).toEqual([1, 2]);
    expect(parsed.ok && parsed.value.notification_reason).toBe('all alerts resolved');
  });

  type Payload = {
    version?: string;
    alerts?: { status?: string; fingerprint?: string; labels: Record<string, unknown> }[];
  };
  const alert = (p: Payload, index: number) => p.alerts![index]!;
  it.each([
    ['a missing fingerprint', (p: Payload) => delete alert(p, 0).fingerprint, /^alerts\.0\.fingerprint: /],
    ['an unknown alert status', (p: Payload) => (alert(p, 1).status = 'pending'), /^alerts\.1\.status: /],
    [
      'a label that is not a string',
      (p: Payload) => (alert(p, 0).labels['severity'] = 3),
      /^alerts\.0\.labels\.severity: /,
    ],
    ['another version', (p: Payload) => (p.version = '3'), /^version: only version "4"/],
    ['no alerts array', (p: Payload) => delete p.alerts, /^alerts: /],
  ])('refuses %s with the path of the problem', (_case, change, reason) => {
    const payload = JSON.parse(fixture('am-0.31-first-notification.json')) as Payload;
    change(payload);
    const parsed = parseWebhook(JSON.stringify(payload));
    expect(parsed.ok).toBe(false);
    expect(!parsed.ok && parsed.reason).toMatch(reason);
  });

  it('refuses what is not JSON, and JSON that is not an object', () => {
    expect(parseWebhook('{"alerts": [')).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/^body is not JSON/),
    });
    expect(parseWebhook('[]')).toMatchObject({ ok: false, reason: expect.stringMatching(/^body: /) });
  });
});

describe('toReceivedAlert', () => {
  const alerts = () => {
    const parsed = parseWebhook(fixture('am-0.31-first-notification.json'));
    if (!parsed.ok) throw new Error(parsed.reason);
    return parsed.value.alerts.map(toReceivedAlert);
  };

  it('reads the object from the labels, never kube-state-metrics’ own container/job', () => {
    const [crash, mismatch] = alerts();
    expect(crash).toMatchObject({
      alertname: 'KubePodCrashLooping',
      namespace: 'payments',
      pod: 'payments-api-7c9f6d8b5-x2k9q',
      deployment: undefined,
      severity: 'warning',
      summary: 'Pod is crash looping.',
    });
    // container="kube-rbac-proxy-main" and job="kube-state-metrics" are the exporter's: not read at all.
    expect(mismatch).toMatchObject({ namespace: 'payments', deployment: 'payments-api', pod: undefined });
    expect(JSON.stringify(mismatch)).not.toContain('kube-rbac-proxy-main');
  });

  it('prefers exported_* labels: without honorLabels the plain ones describe the exporter pod', () => {
    const [crash] = JSON.parse(fixture('am-0.31-first-notification.json')).alerts;
    crash.labels = {
      ...crash.labels,
      namespace: 'monitoring',
      pod: 'kube-state-metrics-6d5f9c7b8-abcde',
      exported_namespace: 'payments',
      exported_pod: 'payments-api-7c9f6d8b5-x2k9q',
    };
    expect(toReceivedAlert(crash)).toMatchObject({
      namespace: 'payments',
      pod: 'payments-api-7c9f6d8b5-x2k9q',
    });
  });

  it('ranks severities and recognises Watchdog / InfoInhibitor', () => {
    expect(highestSeverity(['warning', undefined, 'critical', 'info'])).toBe('critical');
    expect(highestSeverity(['info', 'warning'])).toBe('warning');
    expect(highestSeverity([undefined])).toBeUndefined();
    const [crash] = alerts();
    expect(isMetaAlert({ ...crash!, alertname: 'Watchdog', severity: 'none' })).toBe(true);
    expect(isMetaAlert(crash!)).toBe(false);
  });
});
