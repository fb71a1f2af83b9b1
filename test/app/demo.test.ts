/**
 * startDemo as `sre-bot demo` uses it: the namespaces its scenarios create (what the banner tells a user to
 * diagnose), the bot on loopback only (the demo's signing secret is public), and a console port already in use
 * failing before anything else starts — so a running demo's kubeconfig is not overwritten.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { networkInterfaces, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDemo, type Demo } from '../../src/app/demo.js';

let demo: Demo;
const kubeconfigPath = join(mkdtempSync(join(tmpdir(), 'sre-bot-demo-')), 'kubeconfig');

beforeAll(async () => {
  demo = await startDemo({
    scenarios: ['checkout-oom', 'ledger-missing-configmap'],
    kubeconfigPath,
    fast: true,
  });
}, 60_000);

afterAll(async () => {
  await demo?.stop();
});

describe('startDemo', () => {
  it('knows the namespaces its scenarios create, in order', () => {
    expect(demo.namespaces).toEqual(['checkout', 'ledger']);
  });

  it('serves the bot on loopback only', async () => {
    const port = new URL(demo.botUrl).port;
    const external = Object.values(networkInterfaces())
      .flat()
      .find((address) => address && address.family === 'IPv4' && !address.internal);
    expect((await fetch(`http://127.0.0.1:${port}/healthz`)).status).toBe(200);
    if (external) {
      const refused = await fetch(`http://${external.address}:${port}/healthz`).catch(
        (error: unknown) => error,
      );
      expect(refused).toBeInstanceOf(Error);
    }
  });

  it('a console port in use fails first: the running demo keeps its cluster and kubeconfig', async () => {
    const before = readFileSync(kubeconfigPath, 'utf8');
    const port = Number(new URL(demo.emulator.url).port);
    const failure = await startDemo({ consolePort: port, kubeconfigPath, fast: true }).catch(
      (error: unknown) => error,
    );
    expect((failure as NodeJS.ErrnoException).code).toBe('EADDRINUSE');
    expect(readFileSync(kubeconfigPath, 'utf8')).toBe(before);
    expect((await fetch(`${demo.sim.url}/version`)).status).toBe(200);
  });
});
