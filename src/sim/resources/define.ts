import { ALL_VERBS, storageKey, type ResourceDescriptor } from './descriptor.js';

type Required = Pick<
  ResourceDescriptor,
  'group' | 'version' | 'resource' | 'kind' | 'singular' | 'namespaced'
>;

/** A descriptor with the common defaults filled: every verb, no subresources, own storage, spec generation. */
export function defineResource(spec: Required & Partial<ResourceDescriptor>): ResourceDescriptor {
  return {
    verbs: ALL_VERBS,
    subresources: [],
    storage: storageKey(spec.group, spec.resource),
    generation: 'spec',
    statusSubresource: false,
    ...spec,
  };
}
