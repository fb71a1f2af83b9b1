/**
 * The real kubectl against a sim: spawned asynchronously (the sim answers from this process; a synchronous exec
 * would deadlock), with a fresh temporary HOME and discovery cache so nothing leaks between runs.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const KUBECTL = '/usr/bin/kubectl';
export const HAVE_KUBECTL = existsSync(KUBECTL);

export type KubectlRun = { code: number | null; stdout: string; stderr: string };

export async function kubectl(kubeconfig: string, args: string[], timeoutMs = 30_000): Promise<KubectlRun> {
  const home = mkdtempSync(join(tmpdir(), 'sre-bot-kubectl-'));
  try {
    const kubeconfigPath = join(home, 'kubeconfig');
    writeFileSync(kubeconfigPath, kubeconfig, { mode: 0o600 });
    const child = spawn(KUBECTL, [...args, `--cache-dir=${join(home, 'cache')}`], {
      cwd: process.cwd(),
      env: { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: home, KUBECONFIG: kubeconfigPath },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    clearTimeout(timer);
    return { code, stdout, stderr };
  } finally {
    rmSync(home, { recursive: true, force: true });
  }
}
