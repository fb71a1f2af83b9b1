/**
 * How a simulated container's program behaves, read from the pod's `sim.sre-bot.dev/*` annotations (SPEC §6).
 * A key may end in `.CONTAINER` to apply to that container only; that form wins over the pod-wide key.
 * Malformed values fall back to the default, so a typo makes a well-behaved program rather than a crash.
 */
import type { Container } from '../../../kube/types.js';
import { parseBytes } from '../../../kube/quantity.js';

export const ANNOTATION_PREFIX = 'sim.sre-bot.dev/';
export const DEFAULT_MISSING_ENV_LOG = 'Error: environment variable {name} is not set';
/** The port a program serves on when neither `listen` nor a declared containerPort says otherwise. */
export const DEFAULT_LISTEN_PORT = 8080;

export type Dependency = {
  service: string;
  namespace: string | undefined;
  port: number | undefined;
  target: string;
};

export type ContainerBehaviour = {
  /** Variables that must be set and non-empty at start, else the program logs and exits 1. */
  requiredEnv: string[];
  /** The line printed per missing variable, `{name}` replaced. */
  missingEnvLog: string;
  /** The working set the program grows to a few seconds after start. */
  memoryBytes: number | undefined;
  listenPorts: number[];
  /** Paths answering 200 to HTTP probes; undefined: every path does. */
  httpOkPaths: string[] | undefined;
  /** Seconds before the program answers on its ports. */
  startupSeconds: number;
  /** Set when the program ends by itself. */
  exit: { code: number; afterSeconds: number } | undefined;
  /** Lines printed at start. */
  logLines: string[];
  /** Services that must have ready endpoints at start. */
  dependsOn: Dependency[];
  /** The executables the image has; undefined: any command works. */
  entrypoints: string[] | undefined;
};

function list(value: string | undefined): string[] | undefined {
  if (value === undefined) return undefined;
  return value
    .split(',')
    .map((item) => item.trim())
    .filter((item) => item !== '');
}

function nonNegativeNumber(value: string | undefined): number | undefined {
  if (value === undefined || value.trim() === '') return undefined;
  const parsed = Number(value.trim());
  return Number.isFinite(parsed) && parsed >= 0 ? parsed : undefined;
}

function integer(value: string | undefined): number | undefined {
  if (value === undefined || !/^\s*-?\d+\s*$/.test(value)) return undefined;
  return Number.parseInt(value, 10);
}

function port(value: string): number | undefined {
  const parsed = Number(value);
  return Number.isInteger(parsed) && parsed > 0 && parsed < 65536 ? parsed : undefined;
}

/** `db:5432`, `db`, `db.other-namespace:5432`, `db.other-namespace.svc.cluster.local:5432`. */
export function parseDependency(target: string): Dependency | undefined {
  const [host = '', portText] = target.split(':');
  const labels = host.split('.').filter((label) => label !== '');
  const service = labels[0];
  if (!service) return undefined;
  const namespace = labels[1] && labels[1] !== 'svc' ? labels[1] : undefined;
  return { service, namespace, port: portText === undefined ? undefined : port(portText), target };
}

/** Lines of the `logs` annotation: real newlines, or `\n` typed into a one-line annotation. */
function logLines(value: string | undefined): string[] {
  if (value === undefined) return [];
  const lines = value.replace(/\\n/g, '\n').split('\n');
  while (lines.length > 0 && lines[lines.length - 1]?.trim() === '') lines.pop();
  return lines;
}

export function containerBehaviour(
  annotations: Record<string, string> | undefined,
  container: Container,
): ContainerBehaviour {
  const read = (key: string): string | undefined =>
    annotations?.[`${ANNOTATION_PREFIX}${key}.${container.name}`] ??
    annotations?.[`${ANNOTATION_PREFIX}${key}`];

  const declaredPorts = (container.ports ?? []).map((p) => p.containerPort).filter((p) => p > 0);
  const listenPorts = (list(read('listen')) ?? []).map(port).filter((p): p is number => p !== undefined);
  const exitCode = integer(read('exit-code'));
  const exitAfterSeconds = nonNegativeNumber(read('exit-after-seconds'));
  const memory = read('memory');

  return {
    requiredEnv: list(read('requires-env')) ?? [],
    missingEnvLog: read('missing-env-log') ?? DEFAULT_MISSING_ENV_LOG,
    memoryBytes: memory === undefined ? undefined : parseBytes(memory),
    listenPorts:
      listenPorts.length > 0 ? listenPorts : declaredPorts.length > 0 ? declaredPorts : [DEFAULT_LISTEN_PORT],
    httpOkPaths: list(read('http-ok-paths')),
    startupSeconds: nonNegativeNumber(read('startup-seconds')) ?? 0,
    exit:
      exitCode !== undefined || exitAfterSeconds !== undefined
        ? { code: exitCode ?? 0, afterSeconds: exitAfterSeconds ?? 0 }
        : undefined,
    logLines: logLines(read('logs')),
    dependsOn: (list(read('depends-on')) ?? [])
      .map(parseDependency)
      .filter((d): d is Dependency => d !== undefined),
    entrypoints: list(read('entrypoints')),
  };
}
