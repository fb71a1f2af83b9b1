/**
 * The simulated API server's HTTP front: authentication, fault injection, routing to discovery, OpenAPI and
 * resources, and Status errors. Served on loopback by `sre-bot sim` and by tests.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { SimCluster } from '../cluster.js';
import { ApiError, errors } from '../errors.js';
import {
  aggregatedDiscovery,
  legacyCoreVersions,
  legacyGroup,
  legacyGroupList,
  resourceList,
} from './discovery.js';
import { FaultInjector, faultError } from './faults.js';
import { readBody, sendError, sendJson, sendText } from './http-io.js';
import { AGGREGATED_DISCOVERY_CONTENT_TYPE, wantsAggregatedDiscovery } from './negotiation.js';
import { openApiDocument, openApiRoot } from './openapi.js';
import { handleResourceRequest } from './resource.js';
import { parseRoute, type Route } from './route.js';
import { handleSimControl } from './sim-control.js';

export type RequestRecord = {
  method: string;
  /** Path with the query string, as sent. */
  url: string;
  accept: string | undefined;
  contentType: string | undefined;
  userAgent: string | undefined;
  /** The request body (conformance tests compare patch bodies with the transcripts'); absent for GET. */
  body?: string;
  status?: number;
};

export type SimServerOptions = {
  /** Bearer token clients must present; any token is accepted when absent. */
  token?: string;
  faults?: FaultInjector;
  /** Called for every request (conformance tests record them to compare with kubectl transcripts). */
  onRequest?: (record: RequestRecord) => void;
};

export const VERSION_INFO = {
  major: '1',
  minor: '32',
  gitVersion: 'v1.32.0',
  gitCommit: 'sim',
  gitTreeState: 'clean',
  buildDate: '2025-01-01T00:00:00Z',
  goVersion: 'go1.23.4',
  compiler: 'gc',
  platform: 'linux/amd64',
};

export function createSimServer(cluster: SimCluster, options: SimServerOptions = {}): Server {
  const faults = options.faults ?? new FaultInjector();
  const server = createServer((request, response) => {
    const record: RequestRecord = {
      method: request.method ?? 'GET',
      url: request.url ?? '/',
      accept: request.headers.accept,
      contentType: request.headers['content-type'],
      userAgent: request.headers['user-agent'],
    };
    response.on('finish', () => {
      record.status = response.statusCode;
    });
    options.onRequest?.(record);
    handle(cluster, faults, options, request, response, record).catch((error: unknown) =>
      sendError(response, error),
    );
  });
  // Watches and log follows are long-lived; do not let Node's defaults cut them.
  server.requestTimeout = 0;
  server.headersTimeout = 60_000;
  server.keepAliveTimeout = 5_000;
  return server;
}

async function handle(
  cluster: SimCluster,
  faults: FaultInjector,
  options: SimServerOptions,
  request: IncomingMessage,
  response: ServerResponse,
  record: RequestRecord,
): Promise<void> {
  const url = new URL(request.url ?? '/', 'http://sim.local');
  const method = (request.method ?? 'GET').toUpperCase();
  const route = parseRoute(url.pathname);
  const body = method === 'GET' || method === 'HEAD' ? '' : await readBody(request);
  if (body !== '') record.body = body;

  if (route.kind === 'sim-control')
    return handleSimControl(cluster, faults, route.action, method, url, body, response);
  const user = authenticate(request, options.token);

  const fault = faults.take(method, url.pathname);
  if (fault?.delayMs) await new Promise((resolve) => setTimeout(resolve, fault.delayMs));
  if (fault?.status)
    throw faultError(fault, method, url.pathname, route.kind === 'resource' ? route : undefined);
  // Built asynchronously (its schemas come from a lazily imported library), so answered here.
  if (route.kind === 'openapi-document')
    return sendFound(response, await openApiDocument(route.group, route.version));

  dispatch(cluster, route, method, url, request, body, user, response);
}

function dispatch(
  cluster: SimCluster,
  route: Route,
  method: string,
  url: URL,
  request: IncomingMessage,
  body: string,
  user: string,
  response: ServerResponse,
): void {
  const accept = request.headers.accept;
  const host = request.headers.host ?? '127.0.0.1';
  switch (route.kind) {
    case 'version':
      return sendJson(response, 200, VERSION_INFO);
    case 'core-root':
      return wantsAggregatedDiscovery(accept)
        ? sendJson(response, 200, aggregatedDiscovery(true), AGGREGATED_DISCOVERY_CONTENT_TYPE)
        : sendJson(response, 200, legacyCoreVersions(host));
    case 'groups-root':
      return wantsAggregatedDiscovery(accept)
        ? sendJson(response, 200, aggregatedDiscovery(false), AGGREGATED_DISCOVERY_CONTENT_TYPE)
        : sendJson(response, 200, legacyGroupList());
    case 'group':
      return sendFound(response, legacyGroup(route.group));
    case 'group-version':
      return sendFound(response, resourceList(route.group, route.version));
    case 'openapi-root':
      return sendJson(response, 200, openApiRoot());
    case 'resource':
      return handleResourceRequest(
        cluster,
        { method, route, query: url.searchParams, headers: request.headers, body, user },
        response,
      );
    case 'unknown-resource':
    case 'not-found':
    case 'sim-control':
    case 'openapi-document':
      throw errors.unknownPath();
  }
}

function sendFound(response: ServerResponse, document: unknown): void {
  if (document === undefined) throw errors.unknownPath();
  sendJson(response, 200, document);
}

/**
 * The identity behind the bearer token; a wrong token is a 401 as on a real server. Requests without one are
 * let through: kubectl does not send bearer tokens to a plain-HTTP server, and the sim only listens on loopback.
 */
function authenticate(request: IncomingMessage, token: string | undefined): string {
  const header = request.headers.authorization;
  if (header === undefined || token === undefined) return 'system:anonymous';
  if (header === `Bearer ${token}`) return 'sim-admin';
  throw new ApiError(401, 'Unauthorized', 'Unauthorized');
}

export { sendText };
