/** Conversion between a descriptor's API form and the stored form (only events have two forms). */
import type { KubeObject } from '../../kube/types.js';
import { apiVersionOf, type ResourceDescriptor } from '../resources/descriptor.js';

export function toExternal(descriptor: ResourceDescriptor, stored: KubeObject): KubeObject {
  const converted = descriptor.fromStored ? descriptor.fromStored(stored) : stored;
  if (converted.apiVersion === apiVersionOf(descriptor) && converted.kind === descriptor.kind)
    return converted;
  return { ...converted, apiVersion: apiVersionOf(descriptor), kind: descriptor.kind };
}

export function toStored(descriptor: ResourceDescriptor, external: KubeObject): KubeObject {
  return descriptor.toStored ? descriptor.toStored(external) : external;
}
