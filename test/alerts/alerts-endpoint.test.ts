/**
 * The HTTP contract of POST /alerts on a real bot: off without ALERTS_TOKEN, bearer auth, a capped body,
 * zod-validated v4 payloads with the reason in the 400, and a fast 200 before any work is done.
 */
import { request as httpRequest } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBot } from '../../src/app/bot.js';
import { createServices } from '../../src/app/services.js';
import { loadConfig } from '../../src/config.js';
import { silentLogger } from '../../src/log.js';
import { ALERTS_TOKEN, sample, startHarness, type Harness } from './support/harness.js';
import { kubeDeploymentReplicasMismatch, kubeQuotaExceeded, notification, wire } from './support/payloads.js';

let harness: Harness;

beforeAll(async () => {
  harness = await startHarness();
}, 60_000);

afterAll(async () => {
  await harness?.stop();
});

const valid = () => notification([kubeQuotaExceeded('payments')]);
const rejected = async (reason: string) =>
  sample(await harness.metrics(), 'sre_bot_alerts_rejected_total', { reason }) ?? 0;

describe('POST /alerts: authentication', () => {
  it.each([
    ['a wrong token', 'not-the-token-0123456789abcdef'],
    ['a token that is a prefix of the real one', 'test-alerts-token'],
    ['no Authorization header', null],
  ])('refuses %s with 401 and does nothing', async (_case, token) => {
    const before = await rejected('auth');
    const response = await harness.postAlerts(valid(), { token });
    expect(response.status).toBe(401);
    expect(response.headers.get('www-authenticate')).toBe('Bearer realm="sre-bot"');
    expect(await response.json()).toEqual({ ok: false, error: 'unauthorized' });
    await harness.idle();
    expect(harness.emulator.calls('chat.postMessage')).toHaveLength(0);
    expect(await rejected('auth')).toBe(before + 1);
  });

  it('refuses Basic credentials carrying the right token', async () => {
    const response = await fetch(`${harness.url}/alerts`, {
      method: 'POST',
      headers: { Authorization: `Basic ${Buffer.from(`x:${ALERTS_TOKEN}`).toString('base64')}` },
      body: wire(valid()),
    });
    expect(response.status).toBe(401);
  });
});

describe('POST /alerts: payload validation', () => {
  it('answers 400 with the reason for a payload that is not the v4 webhook', async () => {
    const before = await rejected('malformed');
    const missingFingerprint = notification([kubeQuotaExceeded('payments')]);
    delete (missingFingerprint['alerts'] as Record<string, unknown>[])[0]!['fingerprint'];
    const response = await harness.postAlerts(missingFingerprint);
    expect(response.status).toBe(400);
    const body = (await response.json()) as { error: string; reason: string };
    expect(body.error).toBe('invalid_payload');
    expect(body.reason).toMatch(/^alerts\.0\.fingerprint: /);
    expect(await rejected('malformed')).toBe(before + 1);
  });

  it('names the unsupported version', async () => {
    const response = await harness.postAlerts({ ...valid(), version: '3' });
    expect(response.status).toBe(400);
    expect(((await response.json()) as { reason: string }).reason).toBe(
      'version: only version "4" of the Alertmanager webhook is supported',
    );
  });

  it('says when the body is not JSON', async () => {
    const response = await harness.postAlerts(undefined, { body: '{"version":"4",' });
    expect(response.status).toBe(400);
    expect(((await response.json()) as { reason: string }).reason).toMatch(/^body is not JSON: /);
  });

  it('tolerates fields it does not know (newer Alertmanagers add some)', async () => {
    const payload = {
      ...valid(),
      notification_reason: 'first notification',
      routeLabels: {},
      someFutureField: { nested: true },
    };
    const response = await harness.postAlerts(payload);
    expect(response.status).toBe(200);
    await harness.idle();
  });
});

describe('POST /alerts: body size', () => {
  const oversize = (bytes: number) => {
    const alerts = [];
    const base = kubeQuotaExceeded('payments');
    for (let i = 0; wire(notification(alerts)).length < bytes; i += 1)
      alerts.push({
        ...base,
        fingerprint: i.toString(16).padStart(16, '0'),
        annotations: { description: 'x'.repeat(4000) },
      });
    return notification(alerts);
  };

  it('refuses a body over 1 MiB with 413', async () => {
    const before = await rejected('too_large');
    const response = await harness.postAlerts(oversize(1024 * 1024 + 10_000));
    expect(response.status).toBe(413);
    expect(await response.json()).toMatchObject({ ok: false, error: 'too_large' });
    expect(await rejected('too_large')).toBe(before + 1);
  });

  it('refuses a streamed body (no Content-Length) as soon as it passes the cap', async () => {
    const status = await new Promise<number>((resolve, reject) => {
      const url = new URL(`${harness.url}/alerts`);
      const request = httpRequest(
        {
          host: url.hostname,
          port: url.port,
          path: '/alerts',
          method: 'POST',
          headers: {
            Authorization: `Bearer ${ALERTS_TOKEN}`,
            'Transfer-Encoding': 'chunked',
          },
        },
        (response) => {
          response.resume();
          resolve(response.statusCode ?? 0);
          request.destroy();
        },
      );
      request.on('error', reject);
      // 64 KiB chunks, far more than the cap, but the answer must come before the client has sent them all.
      const chunk = Buffer.alloc(64 * 1024, 'x');
      let sent = 0;
      const pump = () => {
        while (sent < 64 && request.write(chunk)) sent += 1;
        if (sent < 64) request.once('drain', pump);
        else request.end();
      };
      pump();
    });
    expect(status).toBe(413);
  });

  it('accepts a large but legal notification', async () => {
    const response = await harness.postAlerts(oversize(900 * 1024));
    expect(response.status).toBe(200);
    await harness.idle();
  });
});

describe('POST /alerts: answered before the work is done', () => {
  it('answers 200 at once even when the cluster is slow; the incident follows', async () => {
    // The workload lookup takes 1.5 s: Alertmanager must not wait for it.
    harness.sim.faults.add({
      method: 'GET',
      path: '/apis/apps/v1/namespaces/payments/deployments/payments',
      delayMs: 1500,
    });
    const alert = kubeDeploymentReplicasMismatch('payments', 'payments');
    const recorded = async () =>
      (await harness.bot.deps.incidents.openAbout('payments', 'payments'))?.alerts[alert.fingerprint];
    const started = performance.now();
    const response = await harness.postAlerts(notification([alert]));
    const elapsed = performance.now() - started;
    expect(response.status).toBe(200);
    expect(elapsed).toBeLessThan(1000);
    expect(await recorded()).toBeUndefined();
    expect(harness.bot.tracker.size).toBeGreaterThan(0);
    await harness.idle();
    // On payments/payments' incident — or on the namespace-wide card an earlier quota alert opened about it.
    expect(await recorded()).toBe('firing');
  });
});

describe('POST /alerts: off without ALERTS_TOKEN', () => {
  it('is a 404, like any unknown path, and /healthz still answers', async () => {
    const off = await startHarness({ env: { ALERTS_TOKEN: '' }, sim: harness.sim });
    try {
      const response = await off.postAlerts(valid());
      expect(response.status).toBe(404);
      expect((await fetch(`${off.url}/healthz`)).status).toBe(200);
      await off.idle();
      expect(off.emulator.calls('chat.postMessage')).toHaveLength(0);
    } finally {
      await off.stop();
    }
  });

  it('ALERTS_TOKEN without SLACK_CHANNEL stops start-up with a line naming the variable', async () => {
    const config = loadConfig({
      SLACK_BOT_TOKEN: harness.emulator.botToken,
      SLACK_SIGNING_SECRET: harness.emulator.signingSecret,
      SLACK_API_URL: harness.emulator.apiUrl,
      ALERTS_TOKEN,
      STORE_URL: 'memory://',
      PORT: '0',
    });
    const services = createServices(config, {
      kube: harness.kube,
      llm: undefined,
      store: harness.store,
      logger: silentLogger(),
    });
    await expect(createBot(services, { botId: 'B0SREBOT', botUserId: 'U0SREBOT' })).rejects.toThrow(
      /^SLACK_CHANNEL: is required when ALERTS_TOKEN is set/,
    );
  });

  it('a GET is not an Alertmanager notification', async () => {
    const response = await fetch(`${harness.url}/alerts`);
    expect(response.status).toBe(404);
  });
});
