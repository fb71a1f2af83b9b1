/**
 * KubePort over @kubernetes/client-node 1.x: kubeconfig / context / in-cluster service account, the generated
 * typed APIs, errors mapped to coded KubeApiErrors, and a bottleneck limiter that bounds concurrency and retries
 * what is safe to retry (reads on 429/5xx/network errors; writes only when the server refused before acting).
 */
import {
  ApiException,
  AppsV1Api,
  CoordinationV1Api,
  CoreV1Api,
  KubeConfig,
  PatchStrategy,
  setHeaderOptions,
  StorageV1Api,
} from '@kubernetes/client-node';
import Bottleneck from 'bottleneck';
import type { KeySet } from '../domain/snapshot.js';
import { isSensitiveName, redactKnownValues } from '../observe/redact.js';
import { KubeApiError } from '../errors.js';
import { kindOperations, type KindOperations } from './kind-operations.js';
import type {
  DeleteOptions,
  KeySetList,
  Kind,
  KindMap,
  KubePort,
  ListOptions,
  LogOptions,
  Patch,
  WriteOptions,
} from './port.js';
import { toWire } from './wire.js';

export type ClientNodeOptions = {
  /** Path of a kubeconfig file; absent = client-node's default order (KUBECONFIG, ~/.kube/config, in-cluster). */
  kubeconfig?: string;
  /** A kubeconfig as text (tests, the sim). */
  kubeconfigText?: string;
  context?: string;
  /** Concurrent requests at most (default 8). */
  maxConcurrent?: number;
  /** Retries of retryable failures (default 3) and the first back-off delay in ms (default 200, jittered, doubling). */
  retries?: number;
  retryBaseMs?: number;
};

const PATCH_CONTENT_TYPES: Record<Patch['type'], string> = {
  strategic: PatchStrategy.StrategicMergePatch,
  merge: PatchStrategy.MergePatch,
  json: PatchStrategy.JsonPatch,
};

export function loadKubeConfig(options: ClientNodeOptions): KubeConfig {
  const config = new KubeConfig();
  try {
    if (options.kubeconfigText !== undefined) config.loadFromString(options.kubeconfigText);
    else if (options.kubeconfig) config.loadFromFile(options.kubeconfig);
    else config.loadFromDefault();
  } catch (error) {
    throw new KubeApiError(
      'kube_unreachable',
      `cannot load kubeconfig: ${(error as Error).message}`,
      undefined,
      { cause: error },
    );
  }
  if (options.context) {
    if (!config.getContextObject(options.context)) {
      const known =
        config
          .getContexts()
          .map((context) => context.name)
          .join(', ') || 'none';
      throw new KubeApiError(
        'kube_unreachable',
        `kubeconfig has no context "${options.context}" (contexts: ${known})`,
        undefined,
      );
    }
    config.setCurrentContext(options.context);
  }
  const cluster = config.getCurrentCluster();
  // client-node's last resort when it found no KUBECONFIG, no ~/.kube/config and no service account: a cluster
  // named "cluster" at http://localhost:8080. Talking to it gives a confusing TLS error; say what is missing.
  const noneFound =
    options.kubeconfigText === undefined &&
    !options.kubeconfig &&
    cluster?.name === 'cluster' &&
    cluster.server === 'http://localhost:8080' &&
    config.getCurrentUser()?.name === 'user';
  if (!cluster || noneFound) {
    throw new KubeApiError(
      'kube_unreachable',
      'no Kubernetes cluster configured: no kubeconfig found (pass --kubeconfig, set KUBECONFIG, or run in a pod)',
      undefined,
    );
  }
  return config;
}

export function createClientNodeKube(options: ClientNodeOptions = {}): KubePort {
  const config = loadKubeConfig(options);
  const operations = kindOperations({
    core: config.makeApiClient(CoreV1Api),
    apps: config.makeApiClient(AppsV1Api),
    coordination: config.makeApiClient(CoordinationV1Api),
    storage: config.makeApiClient(StorageV1Api),
  });
  const core = config.makeApiClient(CoreV1Api);
  const limiter = new Bottleneck({ maxConcurrent: options.maxConcurrent ?? 8 });
  const retries = options.retries ?? 3;
  const retryBaseMs = options.retryBaseMs ?? 200;
  const server = config.getCurrentCluster()?.server ?? 'the cluster';
  let requestCount = 0;

  limiter.on('failed', (error: unknown, job) => {
    const mapped = error instanceof KubeApiError ? error : undefined;
    if (!mapped?.retryable || job.retryCount >= retries) return undefined;
    // Full jitter: spreads retries of many callers instead of synchronising them.
    return Math.round(Math.random() * retryBaseMs * 2 ** job.retryCount);
  });

  async function call<T>(what: string, work: () => Promise<T>, safeToRetry: boolean): Promise<T> {
    return limiter.schedule(async () => {
      requestCount += 1;
      try {
        return await work();
      } catch (error) {
        throw mapError(error, what, server, safeToRetry);
      }
    });
  }

  function ops(kind: Kind): KindOperations {
    return operations[kind];
  }

  return {
    get requestCount() {
      return requestCount;
    },
    async list<K extends Kind>(kind: K, namespace: string | undefined, listOptions: ListOptions = {}) {
      const result = await call(`list ${kind}`, () => ops(kind).list(namespace, listOptions), true);
      return toWire<{ items: KindMap[K][] }>(result).items ?? [];
    },
    async get<K extends Kind>(kind: K, namespace: string | undefined, name: string) {
      try {
        return toWire<KindMap[K]>(
          await call(`get ${kind} ${name}`, () => ops(kind).read(namespace, name), true),
        );
      } catch (error) {
        if (error instanceof KubeApiError && error.status === 404) return undefined;
        throw error;
      }
    },
    async listKeySets(kind: 'ConfigMap' | 'Secret', namespace: string): Promise<KeySetList> {
      const list =
        kind === 'Secret'
          ? await call('list Secret', () => core.listNamespacedSecret({ namespace }), true)
          : await call('list ConfigMap', () => core.listNamespacedConfigMap({ namespace }), true);
      const sets: KeySet[] = list.items.map((item) => ({
        name: item.metadata?.name ?? '',
        keys: keysOf(item as { data?: object; binaryData?: object; stringData?: object }),
        ...('type' in item && typeof item.type === 'string' ? { type: item.type } : {}),
      }));
      // Values are dropped here, in the adapter; only a closure that masks them survives, for scrubbing text.
      const values = kind === 'Secret' ? secretValues(list.items) : sensitiveConfigValues(list.items);
      return { sets, scrub: (text) => redactKnownValues(text, values) };
    },
    async readLog(namespace: string, pod: string, logOptions: LogOptions) {
      return call(
        `read logs of ${pod}`,
        () =>
          core.readNamespacedPodLog({
            name: pod,
            namespace,
            container: logOptions.container,
            ...(logOptions.previous ? { previous: true } : {}),
            ...(logOptions.tailLines !== undefined ? { tailLines: logOptions.tailLines } : {}),
            ...(logOptions.limitBytes !== undefined ? { limitBytes: logOptions.limitBytes } : {}),
          }),
        true,
      );
    },
    async create<K extends Kind>(
      kind: K,
      namespace: string | undefined,
      object: KindMap[K],
      writeOptions: WriteOptions,
    ) {
      const result = await call(
        `create ${kind}`,
        () => ops(kind).create(namespace, object, writeParams(writeOptions)),
        false,
      );
      return toWire<KindMap[K]>(result);
    },
    async replace<K extends Kind>(
      kind: K,
      namespace: string | undefined,
      name: string,
      object: KindMap[K],
      writeOptions: WriteOptions,
    ) {
      const result = await call(
        `update ${kind} ${name}`,
        () => ops(kind).replace(namespace, name, object, writeParams(writeOptions)),
        false,
      );
      return toWire<KindMap[K]>(result);
    },
    async patch<K extends Kind>(
      kind: K,
      namespace: string | undefined,
      name: string,
      patch: Patch,
      writeOptions: WriteOptions,
    ) {
      const result = await call(
        `patch ${kind} ${name}`,
        () =>
          ops(kind).patch(
            namespace,
            name,
            patch.body,
            writeParams(writeOptions),
            setHeaderOptions('Content-Type', PATCH_CONTENT_TYPES[patch.type]),
          ),
        false,
      );
      return toWire<KindMap[K]>(result);
    },
    async delete(kind: Kind, namespace: string | undefined, name: string, deleteOptions: DeleteOptions = {}) {
      await call(
        `delete ${kind} ${name}`,
        () =>
          ops(kind).delete(namespace, name, {
            ...(deleteOptions.dryRun ? { dryRun: 'All' } : {}),
            ...(deleteOptions.gracePeriodSeconds !== undefined
              ? { gracePeriodSeconds: deleteOptions.gracePeriodSeconds }
              : {}),
            ...(deleteOptions.preconditions ? { body: { preconditions: deleteOptions.preconditions } } : {}),
          }),
        false,
      );
    },
  };
}

function writeParams(options: WriteOptions): { dryRun?: string; fieldManager: string } {
  return { fieldManager: options.fieldManager, ...(options.dryRun ? { dryRun: 'All' } : {}) };
}

/**
 * Secret keys that hold identifiers, not credentials (`username: inventory`, `host: db`). Their values are usually
 * the app's or namespace's own name: masking them turned every event about the workload into
 * `Secret [REDACTED]/[REDACTED]-db` and image names into `shop/[REDACTED]:2.0.4`, and hid nothing.
 */
const IDENTIFIER_KEY = /^(user(name)?|login|host(name)?|port|database|db(name)?|namespace|region|email)$/i;

/** Decoded secret values (Secret `data` is base64), longest first so overlapping values mask fully. */
function secretValues(
  items: { data?: Record<string, string>; stringData?: Record<string, string> }[],
): string[] {
  const values: string[] = [];
  for (const item of items) {
    for (const [key, encoded] of Object.entries(item.data ?? {})) {
      if (IDENTIFIER_KEY.test(key)) continue;
      const decoded = Buffer.from(encoded, 'base64').toString('utf8');
      values.push(decoded, encoded);
    }
    for (const [key, value] of Object.entries(item.stringData ?? {}))
      if (!IDENTIFIER_KEY.test(key)) values.push(value);
  }
  return values.sort((a, b) => b.length - a.length);
}

function sensitiveConfigValues(items: { data?: Record<string, string> }[]): string[] {
  const values: string[] = [];
  for (const item of items) {
    for (const [key, value] of Object.entries(item.data ?? {})) if (isSensitiveName(key)) values.push(value);
  }
  return values.sort((a, b) => b.length - a.length);
}

function keysOf(item: { data?: object; binaryData?: object; stringData?: object }): string[] {
  return [
    ...new Set([
      ...Object.keys(item.data ?? {}),
      ...Object.keys(item.binaryData ?? {}),
      ...Object.keys(item.stringData ?? {}),
    ]),
  ].sort();
}

/** ApiException / network failures ⇒ KubeApiError with the Status message and a code callers can branch on. */
function mapError(error: unknown, what: string, server: string, safeToRetry: boolean): KubeApiError {
  if (error instanceof KubeApiError) return error;
  if (error instanceof ApiException) {
    const status = error.code;
    const message = statusMessage(error.body) ?? `HTTP ${status}`;
    const code =
      status === 403 || status === 401
        ? 'kube_forbidden'
        : status === 404
          ? 'kube_not_found'
          : status === 409
            ? 'kube_conflict'
            : status === 422 || status === 400
              ? 'kube_invalid'
              : 'kube_error';
    // 429 means the server did nothing; 5xx on a read is safe to repeat, on a write it may have applied.
    const retryable = status === 429 || (safeToRetry && status >= 500);
    return new KubeApiError(code, `${what}: ${message}`, status, { cause: error, retryable });
  }
  const networkCode = (error as { code?: string } | undefined)?.code;
  const detail = error instanceof Error ? error.message : String(error);
  return new KubeApiError(
    'kube_unreachable',
    `${what}: cannot reach the Kubernetes API at ${server} (${networkCode ?? detail})`,
    undefined,
    // A refused connection never reached the server, so even a write is safe to repeat.
    { cause: error, retryable: safeToRetry || networkCode === 'ECONNREFUSED' },
  );
}

function statusMessage(body: unknown): string | undefined {
  if (typeof body !== 'string' || body === '') return undefined;
  try {
    const parsed = JSON.parse(body) as { message?: unknown };
    return typeof parsed.message === 'string' ? parsed.message : body.slice(0, 300);
  } catch {
    return body.slice(0, 300);
  }
}
