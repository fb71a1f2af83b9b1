/**
 * The observer: a bounded, redacted Snapshot of a namespace (or one Deployment and what it touches) through the
 * Kubernetes port. A fixed set of list requests, plus capped log reads for unhealthy containers only, so the
 * cost does not grow with the number of pods. What cannot be read (a 403) becomes a gap, not a failure.
 */
import type { ContainerLog, Snapshot } from '../domain/snapshot.js';
import { errorMessage, KubeApiError } from '../errors.js';
import type { KeySetList, Kind, KindMap, KubePort } from '../kube/port.js';
import { templateHash } from '../remediate/basis.js';
import { groupEvents } from './group-events.js';
import { NamespaceNotFoundError, WorkloadNotFoundError, closestNames } from './not-found.js';
import { redactKnownValues, redactText } from './redact.js';
import { collectSensitiveEnvValues, maskInPlace } from './sanitize.js';
import { scopeToDeployment, type NamespaceObjects } from './scope.js';
import { selectLogReads } from './select-logs.js';
import { summarizeNode, summarizeStorageClass } from './summaries.js';

export type ObserveRequest = { namespace: string; deployment?: string | undefined };

export type ObserveLimits = {
  /** Log reads at most (each a tailed, byte-limited request). */
  maxLogReads: number;
  tailLines: number;
  limitBytes: number;
  /** Event groups kept (warnings and newest first). */
  maxEventGroups: number;
};

export const DEFAULT_LIMITS: ObserveLimits = {
  maxLogReads: 6,
  tailLines: 40,
  limitBytes: 16_384,
  maxEventGroups: 120,
};

/**
 * Without these the analyzers are blind to the very failures they exist for (a crash loop lives in pod status):
 * a 403 on them stops the diagnosis with a clear error instead of reporting "no issue found".
 */
const ESSENTIAL_KINDS: ReadonlySet<Kind> = new Set(['Pod', 'Deployment', 'ReplicaSet']);

async function essential<T>(kind: Kind, read: () => Promise<T>): Promise<T> {
  try {
    return await read();
  } catch (error) {
    if (error instanceof KubeApiError && error.code === 'kube_forbidden') {
      throw new KubeApiError(
        'kube_forbidden',
        `${error.message} — cannot diagnose without reading ${kind} objects; grant get/list on them (see manifests/deploy/20-rbac.yaml)`,
        error.status,
        { cause: error },
      );
    }
    throw error;
  }
}

export async function observe(
  kube: KubePort,
  request: ObserveRequest,
  limits = DEFAULT_LIMITS,
): Promise<Snapshot> {
  const startCount = kube.requestCount;
  const { namespace } = request;
  const gaps: string[] = [];
  const tolerate = async <T>(what: string, read: () => Promise<T>, fallback: T): Promise<T> => {
    try {
      return await read();
    } catch (error) {
      // Missing permission on one kind should not stop the diagnosis; anything else is a real failure.
      if (
        error instanceof KubeApiError &&
        (error.code === 'kube_forbidden' || error.code === 'kube_not_found')
      ) {
        gaps.push(error.message.startsWith(what) ? error.message : `${what}: ${error.message}`);
        return fallback;
      }
      throw error;
    }
  };
  const list = <K extends Kind>(kind: K) =>
    ESSENTIAL_KINDS.has(kind)
      ? essential(kind, () => kube.list(kind, namespace))
      : tolerate(`list ${kind}`, () => kube.list(kind, namespace), [] as KindMap[K][]);
  const emptyKeys: KeySetList = { sets: [], scrub: (text) => text };

  if (!(await kube.get('Namespace', undefined, namespace))) {
    const known = await tolerate('list Namespace', () => kube.list('Namespace', undefined), []);
    throw new NamespaceNotFoundError(
      namespace,
      closestNames(
        namespace,
        known.map((item) => item.metadata?.name ?? ''),
      ),
    );
  }

  const [
    deployments,
    replicaSets,
    pods,
    events,
    services,
    endpoints,
    claims,
    quotas,
    configMaps,
    secrets,
    storageClasses,
  ] = await Promise.all([
    list('Deployment'),
    list('ReplicaSet'),
    list('Pod'),
    list('Event'),
    list('Service'),
    list('Endpoints'),
    list('PersistentVolumeClaim'),
    list('ResourceQuota'),
    tolerate('list ConfigMap', () => kube.listKeySets('ConfigMap', namespace), emptyKeys),
    tolerate('list Secret', () => kube.listKeySets('Secret', namespace), emptyKeys),
    tolerate('list StorageClass', () => kube.list('StorageClass', undefined), []),
  ]);

  let objects: NamespaceObjects = {
    deployments,
    replicaSets,
    pods,
    events,
    services,
    endpoints,
    persistentVolumeClaims: claims,
  };
  if (request.deployment) {
    const target = deployments.find((deployment) => deployment.metadata?.name === request.deployment);
    if (!target) {
      const names = deployments.map((deployment) => deployment.metadata?.name ?? '');
      throw new WorkloadNotFoundError(
        namespace,
        request.deployment,
        closestNames(request.deployment, names),
        names,
      );
    }
    objects = scopeToDeployment(objects, target);
  }

  // Nodes only matter when something cannot be scheduled.
  const pending = objects.pods.some((pod) => pod.status?.phase === 'Pending' && !pod.spec?.nodeName);
  const nodes = pending ? await tolerate('list Node', () => kube.list('Node', undefined), []) : [];

  const maskedValues = new Set<string>();
  const scrub = (text: string) =>
    redactText(redactKnownValues(secrets.scrub(configMaps.scrub(text)), maskedValues));
  // Hashed before masking changes the templates: what a proposal's stale check compares with the live object.
  const templateHashes = Object.fromEntries(
    objects.deployments.map((deployment) => [deployment.metadata?.name ?? '', templateHash(deployment)]),
  );
  const workloads = [...objects.deployments, ...objects.replicaSets, ...objects.pods];
  // First collect every sensitive literal env value (scrub reads that set), then mask and scrub for real.
  for (const item of workloads) collectSensitiveEnvValues(item, maskedValues);
  for (const item of workloads) maskInPlace(item, maskedValues, scrub);

  const logs = await readLogs(kube, namespace, objects, limits, scrub, tolerate, (gap) => gaps.push(gap));
  const eventGroups = groupEvents(objects.events, limits.maxEventGroups).map((group) => ({
    ...group,
    message: scrub(group.message),
  }));

  return {
    namespace,
    target: request.deployment ?? null,
    observedAt: new Date().toISOString(),
    deployments: objects.deployments,
    replicaSets: objects.replicaSets,
    pods: objects.pods,
    events: eventGroups,
    services: objects.services,
    endpoints: objects.endpoints,
    configMaps: configMaps.sets,
    secrets: secrets.sets,
    persistentVolumeClaims: objects.persistentVolumeClaims,
    storageClasses: storageClasses.map(summarizeStorageClass),
    resourceQuotas: quotas,
    nodes: nodes.map(summarizeNode),
    logs,
    gaps,
    apiRequests: kube.requestCount - startCount,
    templateHashes,
  };
}

async function readLogs(
  kube: KubePort,
  namespace: string,
  objects: NamespaceObjects,
  limits: ObserveLimits,
  scrub: (text: string) => string,
  tolerate: <T>(what: string, read: () => Promise<T>, fallback: T) => Promise<T>,
  gap: (text: string) => void,
): Promise<ContainerLog[]> {
  const reads = selectLogReads(objects.pods, limits.maxLogReads);
  return Promise.all(
    reads.map(async (read) => {
      const what = `logs of ${read.pod}/${read.container}${read.previous ? ' (previous)' : ''}`;
      const text = await tolerate(
        what,
        () =>
          kube.readLog(namespace, read.pod, {
            container: read.container,
            previous: read.previous,
            tailLines: limits.tailLines,
            limitBytes: limits.limitBytes,
          }),
        '',
      ).catch((error: unknown) => {
        // Any other failure of one log read (a 500, a timeout) loses that evidence only, but says so: it used
        // to vanish without a gap, leaving an empty log that reads like a program that printed nothing.
        gap(`${what}: ${errorMessage(error)}`);
        return '';
      });
      const lines = text
        .split('\n')
        .map((line) => line.trimEnd())
        .filter((line) => line.length > 0)
        .map(scrub);
      return { pod: read.pod, container: read.container, previous: read.previous, lines };
    }),
  );
}
