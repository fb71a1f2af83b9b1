/**
 * Watch streams (reference §6.6): one JSON event per line, headers flushed at once, resumable from a
 * resourceVersion (410 as an ERROR event when the history is gone), selector-aware (an object that stops matching
 * is DELETED for this watcher), Tables when asked, bookmarks when allowed.
 */
import type { ServerResponse } from 'node:http';
import type { KubeObject } from '../../kube/types.js';
import { toExternal } from '../api/conversion.js';
import type { SimCluster } from '../cluster.js';
import { errors } from '../errors.js';
import { apiVersionOf } from '../resources/descriptor.js';
import type { StoreChange } from '../store.js';
import { wantsTable } from './negotiation.js';
import type { ResourceRoute } from './route.js';
import { matchesSelectors, selectorsFrom } from './selectors-from-query.js';
import { parseIncludeObject, toTable } from './table.js';

/** Real servers cap watches at 30–60 minutes; clients reconnect. */
const DEFAULT_TIMEOUT_SECONDS = 1800;
const BOOKMARK_INTERVAL_MS = 30_000;

export function handleWatch(
  cluster: SimCluster,
  route: ResourceRoute,
  query: URLSearchParams,
  accept: string | undefined,
  response: ServerResponse,
): void {
  const { descriptor } = route;
  const selectors = selectorsFrom(query, descriptor);
  const asTable = wantsTable(accept);
  const include = parseIncludeObject(query.get('includeObject'));
  const bookmarks = query.get('allowWatchBookmarks') === 'true';
  const namespace = descriptor.namespaced ? route.namespace : undefined;
  let sentColumns = false;

  const inScope = (object: KubeObject) => namespace === undefined || object.metadata?.namespace === namespace;
  const matches = (object: KubeObject) => inScope(object) && matchesSelectors(selectors, object);

  const write = (type: string, object: unknown) => {
    response.write(`${JSON.stringify({ type, object })}\n`);
  };
  const send = (type: 'ADDED' | 'MODIFIED' | 'DELETED', stored: KubeObject) => {
    const object = toExternal(descriptor, stored);
    if (!asTable) return write(type, object);
    write(
      type,
      toTable(descriptor, [object], { now: cluster.clock.now(), include, withColumns: !sentColumns }),
    );
    sentColumns = true;
  };
  const deliver = (change: StoreChange) => {
    if (change.storage !== descriptor.storage) return;
    const isMatch = change.type !== 'DELETED' && matches(change.object);
    const wasMatch = change.previous !== undefined && matches(change.previous);
    if (change.type === 'DELETED') {
      if (wasMatch) send('DELETED', change.object);
    } else if (isMatch) {
      send(wasMatch ? 'MODIFIED' : 'ADDED', change.object);
    } else if (wasMatch) {
      send('DELETED', change.object);
    }
  };

  response.writeHead(200, {
    'Content-Type': 'application/json',
    'Transfer-Encoding': 'chunked',
    'Cache-Control': 'no-cache, private',
  });
  response.flushHeaders();

  const requested = query.get('resourceVersion');
  if (!requested || requested === '0') {
    for (const object of cluster.store.list(descriptor.storage, namespace)) {
      if (matches(object)) send('ADDED', object);
    }
  } else {
    const history = cluster.store.changesSince(Number(requested));
    if (!history) {
      const gone = errors.gone(
        `too old resource version: ${requested} (${cluster.store.oldestResumableVersion})`,
      );
      write('ERROR', gone.status);
      response.end();
      return;
    }
    for (const change of history) deliver(change);
  }

  const unsubscribe = cluster.store.subscribe(deliver);
  const bookmark = () =>
    write('BOOKMARK', {
      kind: descriptor.kind,
      apiVersion: apiVersionOf(descriptor),
      metadata: { resourceVersion: String(cluster.store.resourceVersion), creationTimestamp: null },
    });
  const bookmarkTimer = bookmarks ? setInterval(bookmark, BOOKMARK_INTERVAL_MS) : undefined;
  const timeoutSeconds = Number(query.get('timeoutSeconds') ?? DEFAULT_TIMEOUT_SECONDS);
  const timeout = setTimeout(() => {
    if (bookmarks) bookmark();
    response.end();
  }, timeoutSeconds * 1000);

  // `close` on the response (not the request) is what tells a disconnected watcher (reference §0.6).
  response.on('close', () => {
    unsubscribe();
    clearTimeout(timeout);
    if (bookmarkTimer) clearInterval(bookmarkTimer);
  });
}
