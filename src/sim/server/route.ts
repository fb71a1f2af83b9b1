/**
 * Parses a request path into what it addresses: discovery, OpenAPI, or a resource (group, version, namespace,
 * resource, name, subresource), following the apiserver's URL layout.
 */
import { findResource } from '../resources/registry.js';
import type { ResourceDescriptor } from '../resources/descriptor.js';

export type ResourceRoute = {
  kind: 'resource';
  group: string;
  version: string;
  descriptor: ResourceDescriptor;
  namespace: string | undefined;
  name: string | undefined;
  subresource: string | undefined;
};

export type Route =
  | { kind: 'version' }
  | { kind: 'core-root' }
  | { kind: 'groups-root' }
  | { kind: 'group'; group: string }
  | { kind: 'group-version'; group: string; version: string }
  | { kind: 'openapi-root' }
  | { kind: 'openapi-document'; group: string; version: string }
  | { kind: 'sim-control'; action: string }
  | ResourceRoute
  | { kind: 'unknown-resource' }
  | { kind: 'not-found' };

/** Subresources of a namespace object: `/api/v1/namespaces/{name}/status` is not a namespaced `status` resource. */
const NAMESPACE_SUBRESOURCES = new Set(['status', 'finalize']);

export function parseRoute(pathname: string): Route {
  const segments = pathname
    .split('/')
    .filter((segment) => segment.length > 0)
    .map(decodeURIComponent);
  const [first, second, third] = segments;
  if (first === 'version' && segments.length === 1) return { kind: 'version' };
  if (first === 'healthz' || first === 'readyz' || first === 'livez')
    return { kind: 'sim-control', action: 'health' };
  if (first === '_sim' && second) return { kind: 'sim-control', action: second };
  if (first === 'openapi') {
    if (second !== 'v3') return { kind: 'not-found' };
    if (segments.length === 2) return { kind: 'openapi-root' };
    if (third === 'api' && segments.length === 4)
      return { kind: 'openapi-document', group: '', version: segments[3]! };
    if (third === 'apis' && segments.length === 5) {
      return { kind: 'openapi-document', group: segments[3]!, version: segments[4]! };
    }
    return { kind: 'not-found' };
  }
  if (first === 'api') {
    if (segments.length === 1) return { kind: 'core-root' };
    if (second !== 'v1') return { kind: 'not-found' };
    if (segments.length === 2) return { kind: 'group-version', group: '', version: 'v1' };
    return resourceRoute('', 'v1', segments.slice(2));
  }
  if (first === 'apis') {
    if (segments.length === 1) return { kind: 'groups-root' };
    if (segments.length === 2) return { kind: 'group', group: second! };
    if (segments.length === 3) return { kind: 'group-version', group: second!, version: third! };
    return resourceRoute(second!, third!, segments.slice(3));
  }
  return { kind: 'not-found' };
}

function resourceRoute(group: string, version: string, rest: string[]): Route {
  let namespace: string | undefined;
  let path = rest;
  // `namespaces/{ns}/{resource}…` addresses a namespaced resource, unless what follows is a namespace subresource.
  if (path[0] === 'namespaces' && path.length >= 3 && !NAMESPACE_SUBRESOURCES.has(path[2]!)) {
    namespace = path[1];
    path = path.slice(2);
  }
  const [resource, name, subresource, ...extra] = path;
  if (!resource || extra.length > 0) return { kind: 'not-found' };
  const descriptor = findResource(group, version, resource);
  if (!descriptor) return { kind: 'unknown-resource' };
  if (namespace !== undefined && !descriptor.namespaced) return { kind: 'not-found' };
  return { kind: 'resource', group, version, descriptor, namespace, name, subresource };
}
