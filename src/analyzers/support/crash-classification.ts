/**
 * What a container's terminations say: exit codes 126/127/128 (and RunContainerError) are the command itself,
 * 137/143 are signals from outside, anything else is the program's own error. Only the first is a root cause.
 */
import type { ContainerStatus } from '../../kube/types.js';
import { lastTermination } from './containers.js';
import { clip } from './evidence.js';

export type Crash = { summary: string; specificity: number; confidence: number; commandProblem: boolean };

const START_FAILURE =
  /executable file not found|no such file or directory|permission denied|exec format error/i;

export function isCrashing(status: ContainerStatus): boolean {
  const ended = lastTermination(status);
  // OOM kills belong to the oom analyzer, which knows the limit that was hit.
  if (ended?.reason === 'OOMKilled') return false;
  const waiting = status.state?.waiting?.reason;
  if (waiting === 'CrashLoopBackOff' || waiting === 'RunContainerError') return true;
  if (!ended) return false;
  if (status.state?.terminated) return ended.exitCode !== 0;
  return ended.exitCode !== 0 && status.restartCount > 0 && !status.ready;
}

/** The runtime's long OCI error reduced to the part a human acts on: `exec: "x": executable file not found in $PATH`. */
function startFailure(message: string): string {
  const exec = /exec: "[^"]*": [^:]+(?: in \$PATH)?/.exec(message)?.[0];
  return exec ?? clip(message, 240);
}

/** Exit codes mean different things: 126/127/128 are the command itself, 137/143 are signals from outside. */
export function classifyCrash(status: ContainerStatus, killedByProbe: boolean): Crash {
  const ended = lastTermination(status);
  const waiting = status.state?.waiting;
  const runtimeMessage = [waiting?.message, ended?.message].find((m) => m && START_FAILURE.test(m));
  if (waiting?.reason === 'RunContainerError' || ended?.reason === 'StartError' || runtimeMessage) {
    const why = startFailure(
      runtimeMessage ?? waiting?.message ?? ended?.message ?? 'the runtime could not start it',
    );
    return { summary: `cannot be started: ${why}`, specificity: 85, confidence: 0.9, commandProblem: true };
  }
  const code = ended?.exitCode;
  if (code === 126 || code === 127) {
    const what = code === 126 ? 'is not executable' : 'was not found';
    return {
      summary: `exits with code ${code}: its command ${what}`,
      specificity: 70,
      confidence: 0.8,
      commandProblem: true,
    };
  }
  if (code === 137 && killedByProbe) {
    const summary = 'is restarted by the kubelet after failing its liveness probe (exit code 137)';
    return { summary, specificity: 20, confidence: 0.6, commandProblem: false };
  }
  if (code === 137 || code === 143) {
    const signal = code === 137 ? 'SIGKILL' : 'SIGTERM';
    return {
      summary: `is killed by ${signal} (exit code ${code})`,
      specificity: 20,
      confidence: 0.5,
      commandProblem: false,
    };
  }
  const codeText = code === undefined ? 'keeps exiting' : `keeps exiting with code ${code}`;
  return { summary: codeText, specificity: code === 0 ? 35 : 30, confidence: 0.6, commandProblem: false };
}
