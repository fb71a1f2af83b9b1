/**
 * A snapshot of every object that can own or be owned, indexed by uid, for one garbage-collector pass: which
 * owners exist, which objects have dependents, and each owner's dependents.
 */
import type { KubeObject, OwnerReference } from '../../../kube/types.js';
import type { ResourceDescriptor } from '../../resources/descriptor.js';
import { resources } from '../../resources/registry.js';
import type { ObjectStore } from '../../store.js';

export type Node = { descriptor: ResourceDescriptor; object: KubeObject };

/** One descriptor per stored kind; events neither own nor are owned, and there are many of them. */
const OWNABLE_KINDS = resources.filter(
  (descriptor, index) =>
    descriptor.storage !== 'core/events' &&
    resources.findIndex((other) => other.storage === descriptor.storage) === index,
);

const KNOWN_KINDS = new Set(resources.map((descriptor) => `${descriptor.group}/${descriptor.kind}`));

/** Whether the sim serves the owner's kind; references to unknown kinds are never treated as dangling. */
export function isKnownKind(reference: OwnerReference): boolean {
  const slash = reference.apiVersion.indexOf('/');
  const group = slash >= 0 ? reference.apiVersion.slice(0, slash) : '';
  return KNOWN_KINDS.has(`${group}/${reference.kind}`);
}

export class ObjectGraph {
  readonly nodes: Node[] = [];
  readonly #byUid = new Map<string, Node>();
  readonly #dependents = new Map<string, Node[]>();

  constructor(store: ObjectStore) {
    for (const descriptor of OWNABLE_KINDS) {
      for (const object of store.list(descriptor.storage)) {
        const node = { descriptor, object };
        this.nodes.push(node);
        if (object.metadata.uid) this.#byUid.set(object.metadata.uid, node);
        for (const reference of object.metadata.ownerReferences ?? []) {
          const list = this.#dependents.get(reference.uid) ?? [];
          list.push(node);
          this.#dependents.set(reference.uid, list);
        }
      }
    }
  }

  /** The owner a reference points at, if it exists (same uid; namespaced owners only in the same namespace). */
  owner(dependent: KubeObject, reference: OwnerReference): Node | undefined {
    const node = this.#byUid.get(reference.uid);
    if (!node) return undefined;
    const ownerNamespace = node.object.metadata?.namespace;
    return ownerNamespace === undefined || ownerNamespace === dependent.metadata?.namespace
      ? node
      : undefined;
  }

  dependentsOf(ownerUid: string | undefined): Node[] {
    return ownerUid === undefined ? [] : (this.#dependents.get(ownerUid) ?? []);
  }
}
