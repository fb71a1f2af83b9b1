/**
 * The `pods/{name}/log` endpoint's data: the API server's container validation (`validateContainer`), then the
 * kubelet's choice of which instance to read (`validateContainerLogStatus`): `previous` → the running one → the
 * terminated one → the last terminated one → an error naming why the container is waiting. All errors are 400s
 * with the real messages (reference §3.5).
 */
import type { ContainerStatus, Pod } from '../../../kube/types.js';
import type { ClusterApi } from '../../api/cluster-api.js';
import type { VirtualClock } from '../../clock.js';
import { errors } from '../../errors.js';
import { pods } from '../../resources/pods.js';
import type { PodLogOptions, PodLogSource } from '../pod-logs.js';
import type { LogBook } from './log-book.js';
import { formatLine, renderLog } from './log-format.js';
import type { LogLine } from './program.js';

function chooseContainer(pod: Pod, requested: string | undefined): string {
  const podName = pod.metadata?.name ?? '';
  const containers = (pod.spec?.containers ?? []).map((c) => c.name);
  const all = [...(pod.spec?.initContainers ?? []).map((c) => c.name), ...containers];
  if (requested) {
    if (!all.includes(requested))
      throw errors.badRequest(`container ${requested} is not valid for pod ${podName}`);
    return requested;
  }
  if (containers.length === 1) return containers[0] ?? '';
  if (containers.length === 0)
    throw errors.badRequest(`a container name must be specified for pod ${podName}`);
  throw errors.badRequest(
    `a container name must be specified for pod ${podName}, choose one of: [${all.join(' ')}]`,
  );
}

/** The containerID whose log is read, or the kubelet's error. */
function containerIdToRead(pod: Pod, container: string, previous: boolean): string {
  const podName = pod.metadata?.name ?? '';
  const statuses: ContainerStatus[] = [
    ...(pod.status?.containerStatuses ?? []),
    ...(pod.status?.initContainerStatuses ?? []),
  ];
  const status = statuses.find((s) => s.name === container);
  const fail = (message: string) => errors.badRequest(message);
  if (!status) throw fail(`container "${container}" in pod "${podName}" is not available`);
  const last = status.lastState?.terminated;
  const { waiting, running, terminated } = status.state ?? {};
  if (previous) {
    if (!last?.containerID)
      throw fail(`previous terminated container "${container}" in pod "${podName}" not found`);
    return last.containerID;
  }
  if (running) return status.containerID ?? '';
  if (terminated) {
    if (terminated.containerID) return terminated.containerID;
    if (last?.containerID) return last.containerID;
    throw fail(`container "${container}" in pod "${podName}" is terminated`);
  }
  if (last) {
    if (!last.containerID) throw fail(`container "${container}" in pod "${podName}" is terminated`);
    return last.containerID;
  }
  if (waiting) {
    const why =
      waiting.reason === 'ErrImagePull'
        ? "image can't be pulled"
        : waiting.reason === 'ImagePullBackOff'
          ? 'trying and failing to pull image'
          : (waiting.reason ?? '');
    throw fail(`container "${container}" in pod "${podName}" is waiting to start: ${why}`);
  }
  throw fail(`container "${container}" in pod "${podName}" is waiting to start - no logs yet`);
}

export function createPodLogSource(api: ClusterApi, clock: VirtualClock, book: LogBook): PodLogSource {
  /** The containerID to read, or undefined for a pod not bound to a node (the API server answers empty). */
  function resolve(namespace: string, podName: string, options: PodLogOptions): string | undefined {
    const pod = api.get(pods, namespace, podName) as Pod;
    const container = chooseContainer(pod, options.container);
    if (!pod.spec?.nodeName) return undefined;
    return containerIdToRead(pod, container, options.previous ?? false);
  }

  return {
    read(namespace, podName, options) {
      const containerId = resolve(namespace, podName, options);
      if (containerId === undefined) return '';
      return renderLog(book.lines(containerId), options, clock.now());
    },
    follow(namespace, podName, options, onText, onEnd) {
      const containerId = resolve(namespace, podName, options);
      if (containerId === undefined) {
        onEnd?.();
        return () => undefined;
      }
      const render = (lines: readonly LogLine[]) =>
        onText(lines.map((line) => formatLine(line, options.timestamps)).join(''));
      return book.follow(containerId, render, onEnd);
    },
  };
}
