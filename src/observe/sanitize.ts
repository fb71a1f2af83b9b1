/**
 * Masks sensitive literal env values in pod templates and pods before anything else sees them, and collects
 * those values so text that repeats them (a log line printing its config) can be scrubbed too.
 *
 * Works in place: the observer owns what the Kubernetes port returns (fresh objects for every call), and
 * copying hundreds of pods twice per diagnosis was most of its cost.
 */
import type { Container, ContainerStatus, PodTemplateSpec } from '../kube/types.js';
import { isSecretFlag, isSensitiveName, MASK } from './redact.js';

export type WithPodSpec = {
  metadata?: { annotations?: Record<string, string> };
  spec?: { template?: PodTemplateSpec; containers?: Container[]; initContainers?: Container[] };
};

type WithPodStatus = {
  status?: {
    message?: string;
    containerStatuses?: ContainerStatus[];
    initContainerStatuses?: ContainerStatus[];
  };
};

function podSpecOf(object: WithPodSpec) {
  return object.spec?.template?.spec ?? object.spec;
}

function sensitiveVariables(object: WithPodSpec) {
  return containersOf(object)
    .flatMap((container) => container.env ?? [])
    .filter(
      (variable) => variable.value !== undefined && variable.value !== '' && isSensitiveName(variable.name),
    );
}

function containersOf(object: WithPodSpec): Container[] {
  const podSpec = podSpecOf(object);
  return [...(podSpec?.containers ?? []), ...(podSpec?.initContainers ?? [])];
}

type ExecHolder = { exec?: { command?: string[] } } | undefined;

function scrubContainer(container: Container, scrubText: (text: string) => string): void {
  for (const variable of container.env ?? []) {
    if (variable.value !== undefined && variable.value !== MASK) variable.value = scrubText(variable.value);
  }
  if (container.command) container.command = scrubArguments(container.command, scrubText);
  if (container.args) container.args = scrubArguments(container.args, scrubText);
  const lifecycle = container.lifecycle;
  const holders: ExecHolder[] = [
    container.livenessProbe,
    container.readinessProbe,
    container.startupProbe,
    lifecycle?.postStart,
    lifecycle?.preStop,
  ];
  for (const holder of holders) {
    if (holder?.exec?.command) holder.exec.command = scrubArguments(holder.exec.command, scrubText);
  }
}

/** A flag naming a secret (`--db-password`) masks the next argument, its value. */
function scrubArguments(list: readonly string[], scrubText: (text: string) => string): string[] {
  return list.map((argument, index) =>
    index > 0 && isSecretFlag(list[index - 1]!) && !argument.startsWith('-') ? MASK : scrubText(argument),
  );
}

/** Adds the sensitive literal env values of `object` to `found`, changing nothing. */
export function collectSensitiveEnvValues(object: WithPodSpec, found: Set<string>): void {
  for (const variable of sensitiveVariables(object)) found.add(variable.value!);
}

/**
 * Masks, in place, sensitive literal env values (collected into `found`) and scrubs annotation values (object and
 * pod template) and pod status messages with `scrubText`: annotations are free text anyone can write, secrets
 * included, and termination messages are the program's output.
 */
export function maskInPlace<T extends object>(
  object: T,
  found: Set<string>,
  scrubText: (text: string) => string,
): T {
  const target = object as T & WithPodSpec;
  for (const variable of sensitiveVariables(target)) {
    found.add(variable.value!);
    variable.value = MASK;
  }
  // Whatever the name, a value can carry a credential (REDIS_URL=redis://:pw@…, --db-password …, a Secret's
  // value pasted into a literal): every literal in a container spec is scrubbed like a log line.
  for (const container of containersOf(target)) scrubContainer(container, scrubText);
  for (const annotations of [target.metadata?.annotations, target.spec?.template?.metadata?.annotations]) {
    if (!annotations) continue;
    for (const [key, value] of Object.entries(annotations)) {
      // The last-applied annotation repeats the whole manifest, env values included.
      annotations[key] =
        key === 'kubectl.kubernetes.io/last-applied-configuration' || isSensitiveName(key)
          ? MASK
          : scrubText(value);
    }
  }
  // A container's termination message is the program's own words (with FallbackToLogsOnError, its last log
  // lines): scrubbed like a log line, or whatever the logs had masked came back through the pod status.
  const { status: podStatus } = object as WithPodStatus;
  if (podStatus?.message !== undefined) podStatus.message = scrubText(podStatus.message);
  for (const status of [
    ...(podStatus?.containerStatuses ?? []),
    ...(podStatus?.initContainerStatuses ?? []),
  ]) {
    for (const state of [status.state, status.lastState]) {
      if (state?.waiting?.message !== undefined) state.waiting.message = scrubText(state.waiting.message);
      if (state?.terminated?.message !== undefined)
        state.terminated.message = scrubText(state.terminated.message);
    }
  }
  return object;
}
