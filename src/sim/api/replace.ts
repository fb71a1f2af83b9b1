/** PUT (and the second half of PATCH): optimistic concurrency, status split, generation, no-op detection. */
import { isDeepStrictEqual } from 'node:util';
import type { KubeObject } from '../../kube/types.js';
import { errors } from '../errors.js';
import { apiVersionOf, type ResourceDescriptor } from '../resources/descriptor.js';
import { normalize } from '../store.js';
import type { ApiContext, WriteOptions } from './context.js';
import { toExternal, toStored } from './conversion.js';
import { metadataOf } from './object-meta.js';
import { admit, defaultAndValidate, stampManagedFields } from './write-common.js';

export function replaceObject(
  context: ApiContext,
  descriptor: ResourceDescriptor,
  namespace: string | undefined,
  name: string,
  body: KubeObject,
  options: WriteOptions,
  subresource?: 'status',
): KubeObject {
  const scope = descriptor.namespaced ? namespace : undefined;
  const stored = context.store.get(descriptor.storage, scope, name);
  if (!stored) throw errors.notFound(descriptor, name);
  const existing = toExternal(descriptor, stored);

  const incoming = normalize(body);
  const incomingMetadata = metadataOf(incoming);
  if (incomingMetadata.name !== undefined && incomingMetadata.name !== name) {
    throw errors.badRequest(
      `the name of the object (${incomingMetadata.name}) does not match the name on the URL (${name})`,
    );
  }
  const precondition = incomingMetadata.resourceVersion;
  if (precondition && precondition !== existing.metadata?.resourceVersion)
    throw errors.conflict(descriptor, name);

  const next = mergeWithExisting(descriptor, existing, incoming, subresource);
  if (subresource !== 'status') defaultAndValidate(context, descriptor, next, existing);
  if (subresource !== 'status') bumpGeneration(descriptor, existing, next);
  admit(context, 'UPDATE', descriptor, scope, next, existing, options);

  const stamped = stampManagedFields(context, descriptor, existing, next, {
    ...options,
    ...(subresource ? { subresource } : {}),
  });
  const storedForm = toStored(descriptor, stamped);
  if (options.dryRun) return toExternal(descriptor, storedForm);
  // An update that clears the last finalizer of an object being deleted completes the deletion — unless a grace
  // period is still running (a terminating pod's kubelet status updates), as in `ShouldDeleteDuringUpdate`.
  // Namespaces are finalized through `spec.finalizers` (the namespace controller empties it when the content is gone).
  const specFinalizers = (next.spec as { finalizers?: string[] } | undefined)?.finalizers ?? [];
  if (
    next.metadata?.deletionTimestamp &&
    (next.metadata.finalizers ?? []).length === 0 &&
    !(descriptor.storage === 'core/namespaces' && specFinalizers.length > 0) &&
    !existing.metadata?.deletionGracePeriodSeconds
  ) {
    const removed = context.store.remove(descriptor.storage, scope, name);
    return toExternal(descriptor, removed ?? storedForm);
  }
  return toExternal(descriptor, context.store.put(descriptor.storage, storedForm));
}

/**
 * The object to store: the client's version, with server-owned metadata kept, and with `status` taken from the
 * side that owns it (main endpoint: the stored status; `/status`: only the status changes).
 */
function mergeWithExisting(
  descriptor: ResourceDescriptor,
  existing: KubeObject,
  incoming: KubeObject,
  subresource: 'status' | undefined,
): KubeObject {
  const existingMetadata = existing.metadata ?? {};
  if (subresource === 'status') {
    const metadata = { ...existingMetadata };
    // Deployments' status strategy resets only spec and labels: the deployment controller writes the revision
    // annotation along with the status (real clusters show `generation: 1` after the first rollout).
    if (descriptor.storage === 'apps/deployments') metadata.annotations = incoming.metadata?.annotations;
    return normalize({ ...existing, status: incoming.status, metadata });
  }
  const next: KubeObject = { ...incoming, apiVersion: apiVersionOf(descriptor), kind: descriptor.kind };
  if (descriptor.statusSubresource) {
    if (existing.status === undefined) delete next.status;
    else next.status = existing.status;
  }
  const metadata = metadataOf(next);
  metadata.name = existingMetadata.name;
  if (existingMetadata.namespace !== undefined) metadata.namespace = existingMetadata.namespace;
  metadata.uid = existingMetadata.uid;
  metadata.creationTimestamp = existingMetadata.creationTimestamp;
  metadata.resourceVersion = existingMetadata.resourceVersion;
  if (existingMetadata.generation !== undefined) metadata.generation = existingMetadata.generation;
  else delete metadata.generation;
  if (existingMetadata.deletionTimestamp) {
    metadata.deletionTimestamp = existingMetadata.deletionTimestamp;
    if (existingMetadata.deletionGracePeriodSeconds !== undefined) {
      metadata.deletionGracePeriodSeconds = existingMetadata.deletionGracePeriodSeconds;
    }
  } else {
    delete metadata.deletionTimestamp;
    delete metadata.deletionGracePeriodSeconds;
  }
  if (metadata.managedFields === undefined && existingMetadata.managedFields !== undefined) {
    metadata.managedFields = existingMetadata.managedFields;
  }
  return normalize(next);
}

function bumpGeneration(descriptor: ResourceDescriptor, existing: KubeObject, next: KubeObject): void {
  if (descriptor.generation === 'none') return;
  const specChanged = !isDeepStrictEqual(existing.spec, next.spec);
  const annotationsChanged =
    descriptor.generation === 'spec-or-annotations' &&
    !isDeepStrictEqual(existing.metadata?.annotations ?? {}, next.metadata?.annotations ?? {});
  if (specChanged || annotationsChanged) {
    metadataOf(next).generation = (existing.metadata?.generation ?? 0) + 1;
  }
}
