/**
 * `sre-bot diagnose` through the real CLI (`node --import tsx src/cli/main.ts diagnose …`) in a child process,
 * against a simulated cluster served from this test process: the readable report and the `--json` Report (parsed
 * with its zod schema), exit 0 with an issue and on a healthy namespace, exit 1 with one clear line when it
 * cannot diagnose (unknown namespace, unreachable cluster), exit 2 for bad usage, and a missing LLM setting
 * named in one line. Each run starts a node process (~2 s of CPU), so the cases are few and chosen.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Report } from '../../src/domain/report.js';
import { PACKAGE_ROOT } from '../../src/paths.js';
import { simKubeconfig } from '../../src/sim/kubeconfig.js';
import { startSim, type SimHandle } from '../../src/sim/sim.js';

type Run = { code: number | null; stdout: string; stderr: string };

let sim: SimHandle;
let dir: string;
let kubeconfigPath: string;
let unreachableKubeconfig: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'sre-bot-diagnose-'));
  kubeconfigPath = join(dir, 'kubeconfig');
  // The clock stands still unless told: the child reads a cluster a few minutes into its failure.
  sim = await startSim({
    scenarios: ['payments-missing-env', 'healthy'],
    advanceMs: 180_000,
    seed: 7,
    kubeconfigPath,
  });
  // A port nobody listens on.
  const port = await new Promise<number>((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port: free } = server.address() as { port: number };
      server.close(() => resolve(free));
    });
  });
  unreachableKubeconfig = join(dir, 'unreachable');
  writeFileSync(unreachableKubeconfig, simKubeconfig(`http://127.0.0.1:${port}`));
}, 30_000);

afterAll(async () => {
  await sim?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/** Two child processes at a time: each costs about two seconds of CPU to start (tsx, client-node). */
const slots = (() => {
  let active = 0;
  const waiting: (() => void)[] = [];
  return async <T>(work: () => Promise<T>): Promise<T> => {
    if (active >= 2) await new Promise<void>((resolve) => waiting.push(resolve));
    active += 1;
    try {
      return await work();
    } finally {
      active -= 1;
      waiting.shift()?.();
    }
  };
})();

/** `sre-bot diagnose ARGS` with an environment built from scratch (nothing leaks in from the shell). */
function diagnose(args: string[], env: Record<string, string> = {}): Promise<Run> {
  return slots(
    () =>
      new Promise<Run>((resolve, reject) => {
        const child = spawn(
          process.execPath,
          ['--import', 'tsx', join(PACKAGE_ROOT, 'src/cli/main.ts'), 'diagnose', ...args],
          {
            cwd: PACKAGE_ROOT,
            env: {
              PATH: process.env.PATH ?? '/usr/bin:/bin',
              HOME: dir,
              KUBECONFIG: kubeconfigPath,
              STORE_URL: 'memory://',
              ...env,
            },
            stdio: ['ignore', 'pipe', 'pipe'],
          },
        );
        let stdout = '';
        let stderr = '';
        child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
        child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
        child.once('error', reject);
        child.once('close', (code) => resolve({ code, stdout, stderr }));
      }),
  );
}

/** stderr is exactly one line, prefixed `sre-bot: `; returns it. */
function oneLine(run: Run): string {
  expect(run.stderr.endsWith('\n'), run.stderr).toBe(true);
  const lines = run.stderr.trimEnd().split('\n');
  expect(lines, run.stderr).toHaveLength(1);
  expect(lines[0]).toMatch(/^sre-bot: /);
  return lines[0]!;
}

// Each test spawns a CLI (≈2.5 s of CPU to start): on a busy 2-core machine the default 30 s is too tight.
describe('sre-bot diagnose', { concurrent: true, timeout: 90_000 }, () => {
  it('prints a readable report of an issue and exits 0', async () => {
    const run = await diagnose(['payments']);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^sre-bot diagnosis of namespace payments\n/);
    expect(run.stdout).toContain('category: missing_env');
    expect(run.stdout).toContain('Evidence (verbatim from the cluster)');
    expect(run.stdout).toContain('REQUIRED_CONFIG');
    expect(run.stdout).toMatch(/Proposed fix \(low risk\)/);
    expect(run.stdout).toMatch(/\n\d+ finding\(s\) · observed \S+ · \d+ API requests\n/);
    expect(run.stdout).toMatch(
      /To apply it: sre-bot fix payments {3}\(--dry-run shows the server-side diff first\)\n$/,
    );
  });

  it('prints the Report as JSON with --json, scoped to a deployment', async () => {
    const run = await diagnose(['payments/payments', '--json']);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const report = Report.parse(JSON.parse(run.stdout));
    expect(report).toMatchObject({
      namespace: 'payments',
      target: 'payments',
      diagnosis: { hasIssue: true, category: 'missing_env', source: 'rules' },
    });
    expect(report.proposals[0]).toMatchObject({
      action: 'set_env',
      target: { kind: 'Deployment', namespace: 'payments', name: 'payments' },
      params: {
        name: 'REQUIRED_CONFIG',
        valueFrom: { configMapKeyRef: { name: 'payments-config', key: 'REQUIRED_CONFIG' } },
      },
    });
    expect(report.findings.length).toBeGreaterThan(0);
  });

  it('exits 0 on a healthy namespace, saying so (JSON)', async () => {
    const run = await diagnose(['shop', '--json']);
    expect(run.code).toBe(0);
    const report = Report.parse(JSON.parse(run.stdout));
    expect(report.diagnosis).toMatchObject({ hasIssue: false, category: 'none' });
    expect(report.proposals).toEqual([]);
  });

  it('exits 1 with one line and a suggestion for an unknown namespace', async () => {
    const run = await diagnose(['paymnts']);
    expect(run.code).toBe(1);
    expect(run.stdout).toBe('');
    expect(oneLine(run)).toBe(
      'sre-bot: could not diagnose: namespace "paymnts" not found — did you mean "payments"?',
    );
  });

  it('exits 1 with one line when the cluster cannot be reached', async () => {
    const run = await diagnose(['payments'], { KUBECONFIG: unreachableKubeconfig });
    expect(run.code).toBe(1);
    expect(run.stdout).toBe('');
    expect(oneLine(run)).toMatch(
      /^sre-bot: could not diagnose: .*cannot reach the Kubernetes API at http:\/\/127\.0\.0\.1:\d+ \(ECONNREFUSED\)$/,
    );
  });

  it.each<[string, string[], RegExp]>([
    [
      'a malformed target',
      ['Payments/API'],
      /^sre-bot: "Payments\/API" is not NAMESPACE or NAMESPACE\/DEPLOYMENT/,
    ],
    ['an unknown option', ['payments', '--verbose'], /^sre-bot: .*--verbose/],
    ['a second target', ['payments', 'extra'], /^sre-bot: unexpected argument "extra"/],
  ])('exits 2 with one line for bad usage: %s', async (_name, args, line) => {
    const run = await diagnose(args);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(oneLine(run)).toMatch(line);
  });

  it('--llm openai without OPENAI_API_KEY or OPENAI_BASE_URL names the variable in one line', async () => {
    const run = await diagnose(['payments', '--llm', 'openai']);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(oneLine(run)).toMatch(/^sre-bot: OPENAI_API_KEY: is required for LLM_PROVIDER=openai/);
  });
});
