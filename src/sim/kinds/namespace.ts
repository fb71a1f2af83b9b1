/** Namespace behaviour: the name label, the `kubernetes` finalizer, phase Active; DNS-1123 label names. */
import type { KubeObject, Namespace } from '../../kube/types.js';
import type { FieldError } from '../errors.js';
import type { ResourceDescriptor } from '../resources/descriptor.js';
import { dns1123Label, validateObjectName } from './names.js';

export const NAMESPACE_NAME_LABEL = 'kubernetes.io/metadata.name';

/** The name label is (re)written on every create and update, so it can be used to select namespaces by name. */
export function defaultNamespace(object: KubeObject, _context: unknown, old: KubeObject | undefined): void {
  const namespace = object as Namespace;
  const metadata = (namespace.metadata ??= {});
  if (metadata.name) metadata.labels = { ...metadata.labels, [NAMESPACE_NAME_LABEL]: metadata.name };
  if (old) return;
  const spec = (namespace.spec ??= {});
  spec.finalizers ??= ['kubernetes'];
  const status = (namespace.status ??= {});
  status.phase ||= 'Active';
}

export function validateNamespace(object: KubeObject): FieldError[] {
  return validateObjectName(object, dns1123Label);
}

export const namespaceFieldSelectors: NonNullable<ResourceDescriptor['fieldSelectors']> = {
  'status.phase': (object) => (object as Namespace).status?.phase ?? '',
};
