/** Requests on resources: the verbs, mapped from HTTP method and path shape onto ClusterApi. */
import type { IncomingHttpHeaders, ServerResponse } from 'node:http';
import type { KubeObject } from '../../kube/types.js';
import type { SimCluster } from '../cluster.js';
import type { ResourceDescriptor } from '../resources/descriptor.js';
import { errors } from '../errors.js';
import { parsePatchBody, patchTypeFromContentType, SUPPORTED_PATCH_CONTENT_TYPES } from '../patch/index.js';
import { handleList } from './list.js';
import { handleLogs } from './logs.js';
import { wantsTable } from './negotiation.js';
import type { ResourceRoute } from './route.js';
import { readScale, writeScale } from './scale.js';
import { parseIncludeObject, toTable } from './table.js';
import { selectorsFrom } from './selectors-from-query.js';
import { checkMicroTimes } from './micro-time.js';
import { handleWatch } from './watch.js';
import { deleteOptionsFrom, writeOptionsFrom } from './write-options.js';
import { parseJsonBody, sendJson } from './http-io.js';

export type ResourceRequest = {
  method: string;
  route: ResourceRoute;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
  body: string;
  user: string;
};

/** Resources whose DELETE answers with the object even when it is gone at once (apiserver ReturnDeletedObject). */
const RETURNS_DELETED_OBJECT = new Set(['core/pods', 'core/services', 'core/namespaces']);

export function handleResourceRequest(
  cluster: SimCluster,
  request: ResourceRequest,
  response: ServerResponse,
): void {
  const { method, route, query, headers } = request;
  const { descriptor, namespace, name, subresource } = route;
  const accept = headers.accept;
  if (subresource && !descriptor.subresources.includes(subresource as never)) throw errors.unknownPath();
  if (descriptor.namespaced && name !== undefined && namespace === undefined) throw errors.unknownPath();

  if (method === 'GET') {
    if (name === undefined) {
      const watching = query.get('watch') === 'true' || query.get('watch') === '1';
      return watching
        ? handleWatch(cluster, route, query, accept, response)
        : handleList(cluster, route, query, accept, response);
    }
    if (subresource === 'log') return handleLogs(cluster, namespace!, name, query, response);
    if (subresource === 'scale')
      return sendJson(response, 200, readScale(cluster, descriptor, namespace, name));
    const object = cluster.api.get(descriptor, namespace, name);
    if (wantsTable(accept)) {
      const table = toTable(descriptor, [object], {
        now: cluster.clock.now(),
        include: parseIncludeObject(query.get('includeObject')),
        ...(object.metadata?.resourceVersion ? { resourceVersion: object.metadata.resourceVersion } : {}),
        withColumns: true,
      });
      return sendJson(response, 200, table);
    }
    return sendJson(response, 200, object);
  }

  const options = writeOptionsFrom(query, headers, request.user);
  if (method === 'POST' && name === undefined) {
    const created = cluster.api.create(descriptor, namespace, objectBody(descriptor, request.body), options);
    return sendJson(response, 201, created);
  }
  if (name === undefined) {
    if (method === 'DELETE') return deleteCollection(cluster, request, response);
    throw errors.methodNotAllowed();
  }
  if (method === 'PUT') {
    if (subresource === 'scale') {
      return sendJson(
        response,
        200,
        writeScale(
          cluster,
          descriptor,
          namespace,
          name,
          { kind: 'replace', body: parseJsonBody(request.body) },
          options,
        ),
      );
    }
    const status = subresource === 'status' ? 'status' : undefined;
    return sendJson(
      response,
      200,
      cluster.api.replace(descriptor, namespace, name, objectBody(descriptor, request.body), options, status),
    );
  }
  if (method === 'PATCH') {
    const type = patchTypeFromContentType(headers['content-type']);
    if (!type) throw errors.unsupportedMediaType(SUPPORTED_PATCH_CONTENT_TYPES);
    const body = parsePatchBody(type, request.body);
    if (subresource === 'scale') {
      return sendJson(
        response,
        200,
        writeScale(cluster, descriptor, namespace, name, { kind: 'patch', type, body }, options),
      );
    }
    const result = cluster.api.patch(
      {
        descriptor,
        namespace,
        name,
        type,
        body,
        ...(subresource === 'status' ? { subresource: 'status' as const } : {}),
      },
      options,
    );
    return sendJson(response, result.created ? 201 : 200, result.object);
  }
  if (method === 'DELETE') {
    const deleteOptions = deleteOptionsFrom(
      query,
      request.body.trim() ? parseJsonBody(request.body, 'DeleteOptions') : {},
    );
    const result = cluster.api.delete(descriptor, namespace, name, deleteOptions, options);
    if (!result.removed || RETURNS_DELETED_OBJECT.has(descriptor.storage))
      return sendJson(response, 200, result.object);
    return sendJson(response, 200, successStatus(route, result.object));
  }
  throw errors.methodNotAllowed();
}

function deleteCollection(cluster: SimCluster, request: ResourceRequest, response: ServerResponse): void {
  const { route, query } = request;
  const deleteOptions = deleteOptionsFrom(
    query,
    request.body.trim() ? parseJsonBody(request.body, 'DeleteOptions') : {},
  );
  const options = writeOptionsFrom(query, request.headers, request.user);
  const listed = cluster.api.list(route.descriptor, route.namespace, selectorsFrom(query, route.descriptor));
  for (const object of listed.items) {
    cluster.api.delete(
      route.descriptor,
      object.metadata?.namespace,
      object.metadata!.name!,
      deleteOptions,
      options,
    );
  }
  sendJson(response, 200, { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Success' });
}

function successStatus(route: ResourceRoute, object: KubeObject) {
  return {
    kind: 'Status',
    apiVersion: 'v1',
    metadata: {},
    status: 'Success',
    details: {
      name: object.metadata?.name,
      ...(route.descriptor.group ? { group: route.descriptor.group } : {}),
      kind: route.descriptor.resource,
      uid: object.metadata?.uid,
    },
  };
}

/** A POST/PUT body decoded as the real server's decoder would (MicroTime fields are strict). */
function objectBody(descriptor: ResourceDescriptor, text: string): KubeObject {
  const parsed = parseJsonBody(text);
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) {
    throw errors.badRequest('the body of the request must be a JSON object');
  }
  checkMicroTimes(descriptor, parsed as KubeObject);
  return parsed as KubeObject;
}
