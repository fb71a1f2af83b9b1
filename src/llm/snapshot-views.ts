/**
 * Compact, one-line views of snapshot objects for the prompt. A line such as
 * `app ready=false restarts=5 waiting CrashLoopBackOff` costs a fraction of the tokens of the object's JSON and
 * keeps the words a model (and a human reading the request log) looks for. Only fields the snapshot has are
 * shown; annotations, labels and managed fields are never serialized.
 */
import { clip } from '../analyzers/support/evidence.js';
import { currentRevision, revisionHistory } from '../analyzers/support/revisions.js';
import type { EventGroup, Snapshot } from '../domain/snapshot.js';
import type { Container, ContainerStatus, Deployment, EnvVar, Pod, Probe } from '../kube/types.js';

type Amounts = Record<string, string> | undefined;

export const amounts = (values: Amounts): string =>
  Object.entries(values ?? {})
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([key, value]) => `${key}=${value}`)
    .join(',');

function envLine(variable: EnvVar): string {
  const from = variable.valueFrom;
  if (from?.configMapKeyRef)
    return `${variable.name}<-configMap ${from.configMapKeyRef.name}/${from.configMapKeyRef.key}`;
  if (from?.secretKeyRef)
    return `${variable.name}<-secret ${from.secretKeyRef.name}/${from.secretKeyRef.key}`;
  if (from?.fieldRef) return `${variable.name}<-field ${from.fieldRef.fieldPath}`;
  if (from?.resourceFieldRef) return `${variable.name}<-resource ${from.resourceFieldRef.resource}`;
  return clip(`${variable.name}=${variable.value ?? ''}`, 120);
}

function probeLine(kind: string, probe: Probe | undefined): string | undefined {
  if (!probe) return undefined;
  const handler = probe.httpGet
    ? `httpGet :${probe.httpGet.port}${probe.httpGet.path ?? '/'}`
    : probe.tcpSocket
      ? `tcpSocket :${probe.tcpSocket.port}`
      : probe.exec
        ? `exec ${clip(JSON.stringify(probe.exec.command ?? []), 80)}`
        : probe.grpc
          ? `grpc :${probe.grpc.port}`
          : 'no handler';
  const timing = [
    ['delay', probe.initialDelaySeconds],
    ['period', probe.periodSeconds],
    ['timeout', probe.timeoutSeconds],
    ['failures', probe.failureThreshold],
  ]
    .filter(([, value]) => value !== undefined)
    .map(([name, value]) => `${name}=${value}`);
  return [kind, handler, ...timing].join(' ');
}

/** The desired state of one container: what a fix would change. */
export function containerSpecView(container: Container, detailed: boolean): Record<string, unknown> {
  const resources = container.resources;
  const probes = [
    probeLine('readiness', container.readinessProbe),
    probeLine('liveness', container.livenessProbe),
    probeLine('startup', container.startupProbe),
  ].filter((line): line is string => line !== undefined);
  const envFrom = (container.envFrom ?? []).map((source) =>
    source.configMapRef ? `configMap ${source.configMapRef.name}` : `secret ${source.secretRef?.name ?? '?'}`,
  );
  const view: Record<string, unknown> = { name: container.name, image: container.image };
  if (container.command) view.command = clip(container.command.join(' '), 160);
  if (container.args) view.args = clip(container.args.join(' '), 160);
  if (container.env?.length)
    view.env = detailed ? container.env.map(envLine) : container.env.map((env) => env.name);
  if (envFrom.length > 0) view.envFrom = envFrom;
  if (resources?.requests) view.requests = amounts(resources.requests);
  if (resources?.limits) view.limits = amounts(resources.limits);
  if (container.ports?.length)
    view.ports = container.ports.map((port) =>
      port.name ? `${port.containerPort}/${port.name}` : port.containerPort,
    );
  if (detailed && probes.length > 0) view.probes = probes;
  return view;
}

function stateText(state: ContainerStatus['state'], messageChars: number): string {
  if (state?.waiting)
    return `waiting ${state.waiting.reason ?? ''}${state.waiting.message ? `: ${clip(state.waiting.message, messageChars)}` : ''}`;
  if (state?.terminated) {
    const { reason, exitCode, message } = state.terminated;
    return `terminated ${reason ?? ''} (exit code ${exitCode})${message ? `: ${clip(message, messageChars)}` : ''}`;
  }
  return state?.running ? 'running' : 'unknown';
}

export function containerStatusLine(status: ContainerStatus, messageChars: number): string {
  const last = status.lastState?.terminated ? `; last ${stateText(status.lastState, messageChars)}` : '';
  return `${status.name} ready=${status.ready} restarts=${status.restartCount} ${stateText(status.state, messageChars)}${last}`;
}

/** A pod is healthy when it runs (or completed) with every container ready and never restarted. */
export function podIsHealthy(pod: Pod): boolean {
  const phase = pod.status?.phase;
  if (phase === 'Succeeded') return true;
  const statuses = pod.status?.containerStatuses ?? [];
  return phase === 'Running' && statuses.length > 0 && statuses.every((s) => s.ready && s.restartCount === 0);
}

export function podView(pod: Pod, messageChars: number): Record<string, unknown> {
  const status = pod.status;
  const view: Record<string, unknown> = { name: pod.metadata?.name, phase: status?.phase ?? 'Unknown' };
  if (status?.reason) view.reason = status.reason;
  if (status?.message) view.message = clip(status.message, messageChars);
  const unscheduled = status?.conditions?.find((c) => c.type === 'PodScheduled' && c.status === 'False');
  if (unscheduled)
    view.scheduling = clip(`${unscheduled.reason ?? ''}: ${unscheduled.message ?? ''}`, messageChars);
  const containers = [...(status?.initContainerStatuses ?? []), ...(status?.containerStatuses ?? [])];
  if (containers.length > 0) view.containers = containers.map((c) => containerStatusLine(c, messageChars));
  return view;
}

export function deploymentStatusView(snapshot: Snapshot, deployment: Deployment): Record<string, unknown> {
  const status = deployment.status ?? {};
  const view: Record<string, unknown> = {
    replicas: `desired ${deployment.spec?.replicas ?? 1}, updated ${status.updatedReplicas ?? 0}, ready ${status.readyReplicas ?? 0}, available ${status.availableReplicas ?? 0}`,
  };
  const conditions = (status.conditions ?? [])
    .filter((c) => c.status !== 'True' || c.reason === 'ProgressDeadlineExceeded')
    .map((c) => clip(`${c.type}=${c.status} ${c.reason ?? ''}: ${c.message ?? ''}`, 200));
  if (conditions.length > 0) view.conditions = conditions;
  const current = currentRevision(snapshot, deployment)?.number;
  const history = revisionHistory(snapshot, deployment);
  if (history.length > 0) {
    view.revisions = history.map((revision) => {
      const images = (revision.template?.spec?.containers ?? []).map((c) => c.image).join(',');
      return `${revision.number}${revision.number === current ? ' (current)' : ''}: ${images} available=${revision.available}`;
    });
  }
  return view;
}

export function eventLineView(event: EventGroup, messageChars: number): string {
  const container = event.fieldPath
    ? `{${event.fieldPath.replace(/^spec\.(init)?[cC]ontainers\{(.*)\}$/, '$2')}}`
    : '';
  return `${event.type} ${event.reason} ${event.object.kind.toLowerCase()}/${event.object.name}${container} x${event.count}: ${clip(event.message, messageChars)}`;
}

/** Warnings first, then the loudest, then the newest; ties broken by text so the order is deterministic. */
export function compareEvents(a: EventGroup, b: EventGroup): number {
  if (a.type !== b.type)
    return a.type === 'Warning' ? -1 : b.type === 'Warning' ? 1 : a.type.localeCompare(b.type);
  return (
    b.count - a.count ||
    (b.lastSeen ?? '').localeCompare(a.lastSeen ?? '') ||
    `${a.object.name}${a.reason}${a.message}`.localeCompare(`${b.object.name}${b.reason}${b.message}`)
  );
}
