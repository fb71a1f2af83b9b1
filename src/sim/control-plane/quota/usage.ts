/**
 * What a namespace uses of each resource a quota can name: pod compute resources (non-terminal pods),
 * `count/<resource>[.<group>]` and the legacy object counts (`services`, `configmaps`, `secrets`,
 * `persistentvolumeclaims`, `resourcequotas`), and `requests.storage` of claims.
 */
import type { KubeObject, PersistentVolumeClaim } from '../../../kube/types.js';
import type { ResourceDescriptor } from '../../resources/descriptor.js';
import { resources } from '../../resources/registry.js';
import type { ObjectStore } from '../../store.js';
import { addAmounts, parseAmount, type Amount } from './amounts.js';
import { podUsage, type Usage } from './pod-usage.js';

/** The pre-`count/` names of object counts (quota `services: 5`). */
const LEGACY_COUNT_NAMES: Record<string, string> = {
  'core/services': 'services',
  'core/configmaps': 'configmaps',
  'core/secrets': 'secrets',
  'core/persistentvolumeclaims': 'persistentvolumeclaims',
  'core/resourcequotas': 'resourcequotas',
};

/** Namespaced kinds once each (events are served under two API groups but stored once). */
const COUNTABLE = resources.filter(
  (descriptor, index) =>
    descriptor.namespaced && resources.findIndex((other) => other.storage === descriptor.storage) === index,
);

/** `count/deployments.apps`, `count/pods`. */
export function countName(descriptor: ResourceDescriptor): string {
  return descriptor.group
    ? `count/${descriptor.resource}.${descriptor.group}`
    : `count/${descriptor.resource}`;
}

/** What creating `object` of kind `descriptor` adds to the namespace's usage. */
export function objectUsage(descriptor: ResourceDescriptor, object: KubeObject): Usage {
  if (descriptor.storage === 'core/pods') return podUsage(object);
  const one: Amount = { value: 1, binary: false };
  const usage: Usage = new Map([[countName(descriptor), one]]);
  const legacy = LEGACY_COUNT_NAMES[descriptor.storage];
  if (legacy) usage.set(legacy, one);
  if (descriptor.storage === 'core/persistentvolumeclaims') {
    const storage = parseAmount((object as PersistentVolumeClaim).spec?.resources?.requests?.storage);
    if (storage) usage.set('requests.storage', storage);
  }
  return usage;
}

/** The namespace's current usage of every resource in `names` (absent resources count 0). */
export function namespaceUsage(store: ObjectStore, namespace: string, names: ReadonlySet<string>): Usage {
  const usage: Usage = new Map();
  for (const descriptor of COUNTABLE) {
    if (![...names].some((name) => resourceCountedBy(descriptor, name))) continue;
    for (const object of store.list(descriptor.storage, namespace)) {
      for (const [name, amount] of objectUsage(descriptor, object)) {
        if (names.has(name)) usage.set(name, addAmounts(usage.get(name), amount));
      }
    }
  }
  return usage;
}

const POD_RESOURCES = new Set([
  'pods',
  'count/pods',
  'cpu',
  'memory',
  'ephemeral-storage',
  'requests.cpu',
  'requests.memory',
  'requests.ephemeral-storage',
  'limits.cpu',
  'limits.memory',
  'limits.ephemeral-storage',
]);

function resourceCountedBy(descriptor: ResourceDescriptor, name: string): boolean {
  if (descriptor.storage === 'core/pods') return POD_RESOURCES.has(name);
  if (name === 'requests.storage') return descriptor.storage === 'core/persistentvolumeclaims';
  return name === countName(descriptor) || name === LEGACY_COUNT_NAMES[descriptor.storage];
}
