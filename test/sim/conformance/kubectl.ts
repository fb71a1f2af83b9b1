/**
 * Running the real kubectl against a sim from a test. kubectl is started asynchronously (the sim answers from
 * this same process, so a synchronous exec would deadlock), with HOME and --cache-dir in a fresh temporary
 * directory so no discovery cache leaks between tests, and KUBECONFIG pointing at the sim's kubeconfig.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { SimHandle } from '../../../src/sim/sim.js';

export const KUBECTL = '/usr/bin/kubectl';
export const HAVE_KUBECTL = existsSync(KUBECTL);
export const NO_KUBECTL_REASON = `skipped: ${KUBECTL} is not installed (these tests drive the real kubectl 1.32)`;

export type KubectlResult = { code: number | null; stdout: string; stderr: string };

export type KubectlOptions = {
  /** Extra files to write into the working directory first (e.g. manifests for `apply -f`). */
  files?: Record<string, string>;
  /** Standard input. */
  input?: string;
  /** Wall-clock limit; the process is killed after it (default 20 s). */
  timeoutMs?: number;
  /**
   * Move the sim's virtual clock while kubectl runs (`kubectl delete` waiting for the pod to go, `rollout status`
   * waiting for a rollout): `stepMs` of virtual time every `everyMs` of wall time.
   */
  drive?: { stepMs: number; everyMs?: number; when?: () => boolean };
  /**
   * Stop kubectl (SIGTERM) once this holds — for commands that never end on their own (`get -w`, `logs -f`).
   * Checked on every output chunk and every 50 ms (it may look at what the sim received, too).
   */
  until?: (stdout: string) => boolean;
  /** Reuse this discovery cache directory instead of a fresh one (to show what a warm cache sends). */
  cacheDir?: string;
};

/** A kubectl bound to one sim, each call with its own temporary HOME and discovery cache. */
export class Kubectl {
  readonly #sim: SimHandle;
  readonly #dir: string;
  #calls = 0;

  constructor(sim: SimHandle) {
    this.#sim = sim;
    this.#dir = mkdtempSync(join(tmpdir(), 'sre-bot-kubectl-'));
    writeFileSync(join(this.#dir, 'kubeconfig'), sim.kubeconfig, { mode: 0o600 });
  }

  get kubeconfigPath(): string {
    return join(this.#dir, 'kubeconfig');
  }

  /** A directory for a discovery cache that several calls share. */
  newCacheDir(): string {
    return mkdtempSync(join(this.#dir, 'cache-'));
  }

  async run(args: string[], options: KubectlOptions = {}): Promise<KubectlResult> {
    this.#calls += 1;
    const home = mkdtempSync(join(this.#dir, `home-${this.#calls}-`));
    for (const [name, content] of Object.entries(options.files ?? {}))
      writeFileSync(join(home, name), content);
    const cacheDir = options.cacheDir ?? join(home, 'cache');
    const child = spawn(KUBECTL, [...args, `--cache-dir=${cacheDir}`], {
      cwd: home,
      env: { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: home, KUBECONFIG: this.kubeconfigPath },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8');
    child.stderr.setEncoding('utf8');
    const checkUntil = () => {
      if (options.until?.(stdout) && child.exitCode === null) child.kill('SIGTERM');
    };
    child.stdout.on('data', (chunk: string) => {
      stdout += chunk;
      checkUntil();
    });
    child.stderr.on('data', (chunk: string) => {
      stderr += chunk;
    });
    child.stdin.end(options.input ?? '');
    const { drive, until } = options;
    const ticker = setInterval(() => {
      if (until) checkUntil();
      if (drive && (drive.when?.() ?? true)) this.#sim.advance(drive.stepMs);
    }, drive?.everyMs ?? 50);
    const killer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 20_000);
    try {
      const code = await new Promise<number | null>((resolve, reject) => {
        child.once('error', reject);
        child.once('close', (exitCode) => resolve(exitCode));
      });
      return { code, stdout, stderr };
    } finally {
      clearTimeout(killer);
      clearInterval(ticker);
    }
  }

  /** Runs kubectl and fails with its output unless it exits 0. */
  async ok(args: string[], options: KubectlOptions = {}): Promise<string> {
    const result = await this.run(args, options);
    if (result.code !== 0) {
      throw new Error(
        `kubectl ${args.join(' ')} exited ${result.code}\nstdout:\n${result.stdout}\nstderr:\n${result.stderr}`,
      );
    }
    return result.stdout;
  }

  cleanup(): void {
    rmSync(this.#dir, { recursive: true, force: true });
  }
}

/**
 * A kubectl table as objects keyed by header (`NAME`, `READY`, `LAST SEEN`, …). kubectl's tabwriter starts every
 * cell of a column at the header's offset, so cells are cut at those offsets (cells may contain single spaces,
 * like `5 (23s ago)`).
 */
export function table(stdout: string): Record<string, string>[] {
  const lines = stdout.split('\n').filter((line) => line.trim() !== '');
  const header = lines[0];
  if (header === undefined) return [];
  const columns = [...header.matchAll(/\S+(?: \S+)*/g)].map((match) => ({
    name: match[0],
    start: match.index,
  }));
  return lines.slice(1).map((line) =>
    Object.fromEntries(
      columns.map((column, index) => {
        const end = columns[index + 1]?.start ?? line.length;
        return [column.name, line.slice(column.start, end).trim()];
      }),
    ),
  );
}
