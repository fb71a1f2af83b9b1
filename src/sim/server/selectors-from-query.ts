/** `labelSelector` and `fieldSelector` query parameters ⇒ matchers for ClusterApi.list and watches. */
import type { KubeObject } from '../../kube/types.js';
import type { ListOptions } from '../api/cluster-api.js';
import type { ResourceDescriptor } from '../resources/descriptor.js';
import { parseFieldSelector, parseLabelSelector } from '../selectors.js';

export type Selectors = Required<Pick<ListOptions, 'labelSelector' | 'fieldSelector'>>;

export function selectorsFrom(query: URLSearchParams, descriptor: ResourceDescriptor): Selectors {
  const label = query.get('labelSelector');
  const field = query.get('fieldSelector');
  return {
    labelSelector: label ? parseLabelSelector(label) : () => true,
    fieldSelector: field ? parseFieldSelector(field, descriptor) : () => true,
  };
}

export function matchesSelectors(selectors: Selectors, object: KubeObject): boolean {
  return selectors.labelSelector(object.metadata?.labels) && selectors.fieldSelector(object);
}
