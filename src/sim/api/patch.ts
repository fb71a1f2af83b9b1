/**
 * PATCH: apply the patch to the current object, then store the result through the replace path. A patched
 * object whose resourceVersion differs from the stored one (the patch carried a stale one) is a 409 Conflict.
 */
import type { KubeObject } from '../../kube/types.js';
import { errors } from '../errors.js';
import { applyPatch, type PatchType } from '../patch/index.js';
import { serverSideApply } from '../patch/server-side-apply.js';
import { apiVersionOf, type ResourceDescriptor } from '../resources/descriptor.js';
import type { ApiContext, WriteOptions } from './context.js';
import { createObject } from './create.js';
import { toExternal } from './conversion.js';
import { replaceObject } from './replace.js';

export type PatchRequest = {
  descriptor: ResourceDescriptor;
  namespace: string | undefined;
  name: string;
  type: PatchType;
  /** The parsed patch document (JSON patch: an array of operations). */
  body: unknown;
  subresource?: 'status';
};

export function patchObject(
  context: ApiContext,
  request: PatchRequest,
  options: WriteOptions,
): { object: KubeObject; created: boolean } {
  const { descriptor, namespace, name, type, body, subresource } = request;
  if (options.force && type !== 'apply') {
    throw errors.invalid('PatchOptions', 'meta.k8s.io', '', [
      {
        field: 'force',
        reason: 'FieldValueForbidden',
        message: 'Forbidden: may not be specified for non-apply patch',
      },
    ]);
  }
  if (type === 'apply' && !options.fieldManager) {
    throw errors.invalid('PatchOptions', 'meta.k8s.io', '', [
      {
        field: 'fieldManager',
        reason: 'FieldValueRequired',
        message: 'Required value: is required for apply patch',
      },
    ]);
  }

  const scope = descriptor.namespaced ? namespace : undefined;
  const stored = context.store.get(descriptor.storage, scope, name);
  if (!stored) {
    if (type !== 'apply') throw errors.notFound(descriptor, name);
    const applied = serverSideApply(
      undefined,
      body as KubeObject,
      applyOptions(context, descriptor, options),
    );
    return { object: createObject(context, descriptor, namespace, applied, options), created: true };
  }

  const existing = toExternal(descriptor, stored);
  const patched =
    type === 'apply'
      ? serverSideApply(existing, body as KubeObject, applyOptions(context, descriptor, options))
      : (applyPatch(type, existing, body, descriptor.kind) as KubeObject);
  if (!patched || typeof patched !== 'object' || Array.isArray(patched)) throw errors.patchRejected();

  const patchedVersion = patched.metadata?.resourceVersion;
  if (patchedVersion !== undefined && patchedVersion !== existing.metadata?.resourceVersion) {
    throw errors.conflict(descriptor, name);
  }
  const replaceOptions = type === 'apply' ? { ...options, managedFieldsRecorded: true } : options;
  const object = replaceObject(context, descriptor, namespace, name, patched, replaceOptions, subresource);
  return { object, created: false };
}

function applyOptions(context: ApiContext, descriptor: ResourceDescriptor, options: WriteOptions) {
  return {
    manager: options.fieldManager ?? 'unknown',
    force: options.force ?? false,
    apiVersion: apiVersionOf(descriptor),
    time: context.clock.nowTime(),
    kind: descriptor.kind,
  };
}
