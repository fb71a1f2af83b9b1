/**
 * The simulated program inside a container, decided when it starts from its behaviour annotations (SPEC §6):
 * what it prints, when it starts answering on its ports, and whether and how it ends — missing variables or
 * unreachable dependencies make it log and exit 1 at once, `exit-code`/`exit-after-seconds` end it on schedule,
 * and a `memory` working set above the memory limit gets it OOMKilled (137) a few seconds in.
 */
import type { Container } from '../../../kube/types.js';
import { parseBytes } from '../../../kube/quantity.js';
import type { ContainerBehaviour } from './behaviour.js';
import type { ProgramPlan } from './runtime-state.js';

/** How long the program takes to grow to its working set. */
export const OOM_AFTER_MS = 3_000;

export type LogLine = { at: number; text: string };

export type ProgramStart = {
  behaviour: ContainerBehaviour;
  container: Container;
  env: ReadonlyMap<string, string>;
  /** Lines the program logs for dependencies it cannot reach (dependencies.ts). */
  dependencyFailures: readonly string[];
  startedAt: number;
  /** Init containers do their job and exit 0 unless told otherwise. */
  init: boolean;
};

export type ProgramOutcome = { lines: LogLine[]; plan: ProgramPlan };

/** Exit codes are a byte, as the kernel reports them (`exit(-1)` is 255). */
function exitByte(code: number): number {
  return ((code % 256) + 256) % 256;
}

export function startProgram(start: ProgramStart): ProgramOutcome {
  const { behaviour, container, env, startedAt } = start;
  const texts = [...behaviour.logLines];
  const missing = behaviour.requiredEnv.filter((name) => (env.get(name) ?? '') === '');
  for (const name of missing) texts.push(behaviour.missingEnvLog.replaceAll('{name}', name));
  if (missing.length === 0) texts.push(...start.dependencyFailures);
  const failsAtStart = missing.length > 0 || start.dependencyFailures.length > 0;

  let end: ProgramPlan['end'];
  if (failsAtStart) {
    end = { at: startedAt, exitCode: 1, reason: 'Error' };
  } else if (behaviour.exit) {
    const exitCode = exitByte(behaviour.exit.code);
    end = {
      at: startedAt + behaviour.exit.afterSeconds * 1000,
      exitCode,
      reason: exitCode === 0 ? 'Completed' : 'Error',
    };
  } else if (start.init) {
    end = { at: startedAt, exitCode: 0, reason: 'Completed' };
  }

  const limit = parseBytes(container.resources?.limits?.memory);
  const oomAt = startedAt + OOM_AFTER_MS;
  if (
    !failsAtStart &&
    behaviour.memoryBytes !== undefined &&
    limit !== undefined &&
    behaviour.memoryBytes > limit &&
    (end === undefined || end.at > oomAt)
  ) {
    end = { at: oomAt, exitCode: 137, reason: 'OOMKilled' };
  }

  return {
    // One millisecond apart, so `--since-time` and `--timestamps` see them in order.
    lines: texts.map((text, index) => ({ at: startedAt + index, text })),
    plan: {
      listensFrom: failsAtStart ? Number.POSITIVE_INFINITY : startedAt + behaviour.startupSeconds * 1000,
      listenPorts: behaviour.listenPorts,
      httpOkPaths: behaviour.httpOkPaths,
      end,
    },
  };
}
