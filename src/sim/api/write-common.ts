/** Steps shared by create, replace and patch. */
import type { KubeObject } from '../../kube/types.js';
import { ApiError, errors } from '../errors.js';
import { apiVersionOf, type ResourceDescriptor } from '../resources/descriptor.js';
import { recordUpdate } from '../patch/managed-fields.js';
import type { ApiContext, Operation, WriteOptions } from './context.js';

const SYSTEM_NAMESPACES_IMMORTAL = new Set(['default', 'kube-system', 'kube-public', 'kube-node-lease']);

/** Namespaced writes need a live namespace (apiserver NamespaceLifecycle admission). */
export function checkNamespace(
  context: ApiContext,
  descriptor: ResourceDescriptor,
  namespace: string,
  name: string,
): void {
  const found = context.store.get('core/namespaces', undefined, namespace);
  if (!found) throw errors.notFound({ group: '', resource: 'namespaces' }, namespace);
  if (found.metadata.deletionTimestamp && !SYSTEM_NAMESPACES_IMMORTAL.has(namespace)) {
    throw errors.forbidden(
      descriptor,
      name,
      `unable to create new content in namespace ${namespace} because it is being terminated`,
    );
  }
}

export function defaultAndValidate(
  context: ApiContext,
  descriptor: ResourceDescriptor,
  object: KubeObject,
  old: KubeObject | undefined,
): void {
  descriptor.defaults?.(
    object,
    { now: context.clock.now(), random: context.random, store: context.store },
    old,
  );
  const problems = descriptor.validate?.(object, old) ?? [];
  if (problems.length > 0) {
    throw errors.invalid(descriptor.kind, descriptor.group, object.metadata?.name ?? '', problems);
  }
}

export function admit(
  context: ApiContext,
  operation: Operation,
  descriptor: ResourceDescriptor,
  namespace: string | undefined,
  object: KubeObject | undefined,
  old: KubeObject | undefined,
  options: WriteOptions,
): void {
  for (const plugin of context.admission) {
    try {
      plugin.admit(
        {
          operation,
          descriptor,
          namespace,
          object,
          old,
          dryRun: options.dryRun ?? false,
          user: options.user ?? 'system:admin',
        },
        context,
      );
    } catch (error) {
      if (error instanceof ApiError) throw error;
      throw errors.internal(`admission plugin "${plugin.name}" failed: ${String(error)}`);
    }
  }
}

/**
 * Records which manager wrote which fields (`metadata.managedFields`, operation Update), as every non-apply write
 * on a real server does; server-side apply records its own entries (see ../patch/server-side-apply.ts). Events
 * are skipped: they are written constantly by the control plane and nobody applies them.
 */
export function stampManagedFields(
  context: ApiContext,
  descriptor: ResourceDescriptor,
  old: KubeObject | undefined,
  next: KubeObject,
  options: WriteOptions & { subresource?: string },
): KubeObject {
  if (options.managedFieldsRecorded || descriptor.storage === 'core/events') return next;
  const manager = options.fieldManager ?? options.user ?? 'unknown';
  return recordUpdate(
    old,
    next,
    manager,
    apiVersionOf(descriptor),
    context.clock.nowTime(),
    options.subresource,
  );
}
