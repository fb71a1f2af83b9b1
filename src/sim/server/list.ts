/** GET on a collection: selectors, limit/continue pagination, Tables. Reference §6.4, §6.5. */
import type { ServerResponse } from 'node:http';
import type { KubeObject } from '../../kube/types.js';
import type { SimCluster } from '../cluster.js';
import { errors } from '../errors.js';
import { apiVersionOf } from '../resources/descriptor.js';
import { wantsTable } from './negotiation.js';
import type { ResourceRoute } from './route.js';
import { parseIncludeObject, toTable } from './table.js';
import { sendJson } from './http-io.js';
import { selectorsFrom } from './selectors-from-query.js';

type ContinueToken = { resourceVersion: number; after: string };

const EXPIRED_CONTINUE =
  'The provided continue parameter is too old to display a consistent list result. You can start a new list without the continue parameter.';

export function handleList(
  cluster: SimCluster,
  route: ResourceRoute,
  query: URLSearchParams,
  accept: string | undefined,
  response: ServerResponse,
): void {
  const { descriptor } = route;
  const selectors = selectorsFrom(query, descriptor);
  const token = decodeContinue(query.get('continue'));
  if (token && token.resourceVersion < cluster.store.oldestResumableVersion)
    throw errors.gone(EXPIRED_CONTINUE);
  // A continuation lists the first page's snapshot, so pages never skip or repeat objects changed in between.
  const { items, resourceVersion } = cluster.api.list(descriptor, route.namespace, {
    ...selectors,
    ...(token ? { resourceVersion: token.resourceVersion } : {}),
  });

  const start = token ? items.findIndex((item) => keyOf(item) > token.after) : 0;
  const remaining = start === -1 ? [] : items.slice(start);
  const limit = Number(query.get('limit') ?? '0');
  const page = limit > 0 ? remaining.slice(0, limit) : remaining;
  const more = limit > 0 && remaining.length > limit;
  const listVersion = token ? String(token.resourceVersion) : resourceVersion;
  const continueToken = more
    ? encodeContinue({ resourceVersion: Number(listVersion), after: keyOf(page[page.length - 1]!) })
    : undefined;

  if (wantsTable(accept)) {
    sendJson(
      response,
      200,
      toTable(descriptor, page, {
        now: cluster.clock.now(),
        include: parseIncludeObject(query.get('includeObject')),
        resourceVersion: listVersion,
        ...(continueToken ? { continueToken } : {}),
        withColumns: query.get('noHeaders') !== 'true',
      }),
    );
    return;
  }
  sendJson(response, 200, {
    kind: `${descriptor.kind}List`,
    apiVersion: apiVersionOf(descriptor),
    metadata: {
      resourceVersion: listVersion,
      ...(continueToken
        ? { continue: continueToken, remainingItemCount: remaining.length - page.length }
        : {}),
    },
    items: page,
  });
}

function keyOf(object: KubeObject): string {
  return `${object.metadata?.namespace ?? ''}/${object.metadata?.name ?? ''}`;
}

function encodeContinue(token: ContinueToken): string {
  return Buffer.from(JSON.stringify(token)).toString('base64url');
}

function decodeContinue(value: string | null): ContinueToken | undefined {
  if (!value) return undefined;
  try {
    const parsed = JSON.parse(Buffer.from(value, 'base64url').toString('utf8')) as Partial<ContinueToken>;
    if (typeof parsed.resourceVersion === 'number' && typeof parsed.after === 'string') {
      return { resourceVersion: parsed.resourceVersion, after: parsed.after };
    }
  } catch {
    // fall through to the same answer a real server gives for a token it cannot read
  }
  throw errors.badRequest(`continue key is not valid: ${value}`);
}
