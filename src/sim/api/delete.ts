/**
 * DELETE with the real server's lifecycle: preconditions, graceful pod deletion (the kubelet finishes it),
 * finalizers (the object is only marked), and propagation policies (the garbage collector deletes dependents;
 * Foreground and Orphan work through the `foregroundDeletion` and `orphan` finalizers, as in Kubernetes).
 */
import type { KubeObject } from '../../kube/types.js';
import { errors } from '../errors.js';
import type { ResourceDescriptor } from '../resources/descriptor.js';
import { normalize } from '../store.js';
import type { ApiContext, DeleteOptions, WriteOptions } from './context.js';
import { toExternal } from './conversion.js';
import { metadataOf } from './object-meta.js';
import { admit } from './write-common.js';

export type DeleteResult = {
  /** The object as deleted, or as it now stands when deletion is pending (marked with deletionTimestamp). */
  object: KubeObject;
  /** True when the object is gone from the store (or would be, for a dry run). */
  removed: boolean;
};

export function deleteObject(
  context: ApiContext,
  descriptor: ResourceDescriptor,
  namespace: string | undefined,
  name: string,
  options: DeleteOptions,
  writeOptions: WriteOptions,
): DeleteResult {
  const scope = descriptor.namespaced ? namespace : undefined;
  const stored = context.store.get(descriptor.storage, scope, name);
  if (!stored) throw errors.notFound(descriptor, name);
  checkPreconditions(descriptor, stored, options);
  admit(context, 'DELETE', descriptor, scope, undefined, toExternal(descriptor, stored), {
    ...writeOptions,
    dryRun: options.dryRun ?? false,
  });

  const marked = markForDeletion(context, descriptor, normalize(stored), options);
  if (marked === 'remove') {
    if (options.dryRun) return { object: toExternal(descriptor, stored), removed: true };
    const removed = context.store.remove(descriptor.storage, scope, name);
    return { object: toExternal(descriptor, removed ?? stored), removed: true };
  }
  if (options.dryRun) return { object: toExternal(descriptor, marked), removed: false };
  return { object: toExternal(descriptor, context.store.put(descriptor.storage, marked)), removed: false };
}

/** Either 'remove' (delete now) or the object to store, marked for deletion. */
function markForDeletion(
  context: ApiContext,
  descriptor: ResourceDescriptor,
  object: KubeObject,
  options: DeleteOptions,
): KubeObject | 'remove' {
  const metadata = metadataOf(object);
  const finalizers = new Set(metadata.finalizers ?? []);
  if (options.propagationPolicy === 'Foreground') finalizers.add('foregroundDeletion');
  if (options.propagationPolicy === 'Orphan') finalizers.add('orphan');

  const graceSeconds = gracePeriod(descriptor, object, options);
  const isNamespace = descriptor.storage === 'core/namespaces';
  if (finalizers.size === 0 && graceSeconds === 0 && !isNamespace) return 'remove';

  const now = context.clock.now();
  const deadline = now + graceSeconds * 1000;
  const current = metadata.deletionTimestamp ? Date.parse(metadata.deletionTimestamp) : undefined;
  // A second delete may shorten a grace period, never lengthen it.
  if (current === undefined || deadline < current) {
    metadata.deletionTimestamp = new Date(Math.floor(deadline / 1000) * 1000)
      .toISOString()
      .replace('.000Z', 'Z');
    metadata.deletionGracePeriodSeconds = graceSeconds;
  }
  if (finalizers.size > 0) metadata.finalizers = [...finalizers];
  if (isNamespace) object.status = { ...(object.status as object | undefined), phase: 'Terminating' };
  return object;
}

/** Only scheduled, non-terminal pods are deleted gracefully; everything else goes at once. */
function gracePeriod(descriptor: ResourceDescriptor, object: KubeObject, options: DeleteOptions): number {
  if (descriptor.storage !== 'core/pods') return 0;
  const spec = object.spec as { nodeName?: string; terminationGracePeriodSeconds?: number } | undefined;
  const phase = (object.status as { phase?: string } | undefined)?.phase;
  if (!spec?.nodeName || phase === 'Succeeded' || phase === 'Failed') return 0;
  return Math.max(0, options.gracePeriodSeconds ?? spec.terminationGracePeriodSeconds ?? 30);
}

function checkPreconditions(
  descriptor: ResourceDescriptor,
  stored: KubeObject,
  options: DeleteOptions,
): void {
  const preconditions = options.preconditions;
  if (!preconditions) return;
  const metadata = stored.metadata ?? {};
  const key = `/registry/${descriptor.resource}/${metadata.namespace ? `${metadata.namespace}/` : ''}${metadata.name}`;
  const fail = (what: string, wanted: string, actual: string | undefined) =>
    errors.conflictWithMessage(
      descriptor,
      metadata.name ?? '',
      `StorageError: invalid object, Code: 4, Key: ${key}, ResourceVersion: 0, AdditionalErrorMsg: Precondition failed: ${what} in precondition: ${wanted}, ${what} in object meta: ${actual ?? ''}`,
    );
  if (preconditions.uid && preconditions.uid !== metadata.uid)
    throw fail('UID', preconditions.uid, metadata.uid);
  if (preconditions.resourceVersion && preconditions.resourceVersion !== metadata.resourceVersion) {
    throw fail('ResourceVersion', preconditions.resourceVersion, metadata.resourceVersion);
  }
}
