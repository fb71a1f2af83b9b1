/**
 * The simulated etcd: every object of every kind, one global resourceVersion, and a bounded history of changes
 * so watches can resume from a resourceVersion (older than the history ⇒ 410 Gone, as a compacted etcd answers).
 *
 * Stored objects are deep-frozen: readers get references without copying, and code that wants to change an
 * object must copy it first (structuredClone), which makes accidental writes around the API fail loudly.
 */
import { isDeepStrictEqual } from 'node:util';
import type { KubeObject } from '../kube/types.js';

export type ChangeType = 'ADDED' | 'MODIFIED' | 'DELETED';

export type StoreChange = {
  readonly type: ChangeType;
  /** Storage key of the kind (ResourceDescriptor.storage), e.g. `apps/deployments`, `core/events`. */
  readonly storage: string;
  readonly object: KubeObject;
  /** The object before this change (absent for ADDED): lets watchers with selectors see an object stop matching. */
  readonly previous?: KubeObject;
  readonly resourceVersion: number;
};

export type StoredObject = KubeObject & { metadata: NonNullable<KubeObject['metadata']> & { name: string } };

const ALL_NAMESPACES = '\u0000all';
const HISTORY_CAPACITY = 20_000;
const FIRST_RESOURCE_VERSION = 1000;

export class ObjectStore {
  #resourceVersion = FIRST_RESOURCE_VERSION;
  readonly #objects = new Map<string, Map<string, StoredObject>>();
  /** storage ⇒ (namespace or ALL_NAMESPACES) ⇒ objects in key order; dropped on every write to that storage. */
  readonly #sortedViews = new Map<string, Map<string, StoredObject[]>>();
  readonly #history: StoreChange[] = [];
  readonly #listeners = new Set<(change: StoreChange) => void>();

  /** The store's current revision: what a list reports as `metadata.resourceVersion`. */
  get resourceVersion(): number {
    return this.#resourceVersion;
  }

  /** The oldest resourceVersion a watch can still resume from. */
  get oldestResumableVersion(): number {
    return this.#history[0] ? this.#history[0].resourceVersion - 1 : this.#resourceVersion;
  }

  get(storage: string, namespace: string | undefined, name: string): StoredObject | undefined {
    return this.#bucket(storage).get(key(namespace, name));
  }

  /**
   * Objects of one kind, ordered by namespace then name (etcd key order), optionally in one namespace. Sorted
   * views are cached per kind until its next write: controllers list the same kinds many times per settle round.
   */
  list(storage: string, namespace?: string): StoredObject[] {
    let views = this.#sortedViews.get(storage);
    if (!views) {
      views = new Map();
      this.#sortedViews.set(storage, views);
    }
    const viewKey = namespace ?? ALL_NAMESPACES;
    let view = views.get(viewKey);
    if (!view) {
      let all = views.get(ALL_NAMESPACES);
      if (!all) {
        all = [...this.#bucket(storage).entries()]
          .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
          .map(([, object]) => object);
        views.set(ALL_NAMESPACES, all);
      }
      view = namespace === undefined ? all : all.filter((object) => object.metadata.namespace === namespace);
      views.set(viewKey, view);
    }
    // A copy: callers may sort or splice what they get.
    return view.slice();
  }

  count(storage: string): number {
    return this.#bucket(storage).size;
  }

  /**
   * Stores `object` (a new one, or a replacement), stamping the next resourceVersion. A replacement deep-equal to
   * what is stored (ignoring resourceVersion and managedFields timestamps) is a no-op: no new version, no watch event, and
   * the stored object is returned — kubectl relies on this to print "(no change)".
   */
  put(storage: string, object: KubeObject): StoredObject {
    const metadata = object.metadata;
    if (!metadata?.name) throw new Error(`store.put(${storage}): object has no metadata.name`);
    const bucket = this.#bucket(storage);
    const objectKey = key(metadata.namespace, metadata.name);
    const previous = bucket.get(objectKey);
    if (previous && sameContent(previous, object)) return previous;
    this.#resourceVersion += 1;
    const stored = deepFreeze(
      normalize({ ...object, metadata: { ...metadata, resourceVersion: String(this.#resourceVersion) } }),
    ) as StoredObject;
    bucket.set(objectKey, stored);
    this.#sortedViews.delete(storage);
    this.#record({
      type: previous ? 'MODIFIED' : 'ADDED',
      storage,
      object: stored,
      ...(previous ? { previous } : {}),
      resourceVersion: this.#resourceVersion,
    });
    return stored;
  }

  /** Removes an object; the DELETED event carries its last state with a new resourceVersion. */
  remove(storage: string, namespace: string | undefined, name: string): StoredObject | undefined {
    const bucket = this.#bucket(storage);
    const objectKey = key(namespace, name);
    const previous = bucket.get(objectKey);
    if (!previous) return undefined;
    bucket.delete(objectKey);
    this.#sortedViews.delete(storage);
    this.#resourceVersion += 1;
    const last = deepFreeze(
      normalize({
        ...previous,
        metadata: { ...previous.metadata, resourceVersion: String(this.#resourceVersion) },
      }),
    ) as StoredObject;
    this.#record({
      type: 'DELETED',
      storage,
      object: last,
      previous,
      resourceVersion: this.#resourceVersion,
    });
    return last;
  }

  /**
   * Changes after `resourceVersion`, oldest first; `undefined` when the history no longer reaches back that far
   * (the caller answers 410 Gone).
   */
  changesSince(resourceVersion: number): StoreChange[] | undefined {
    if (resourceVersion < this.oldestResumableVersion) return undefined;
    // History is ordered by resourceVersion: binary-search the first change after the requested one.
    let low = 0;
    let high = this.#history.length;
    while (low < high) {
      const middle = (low + high) >> 1;
      if (this.#history[middle]!.resourceVersion <= resourceVersion) low = middle + 1;
      else high = middle;
    }
    return this.#history.slice(low);
  }

  /**
   * Objects of one kind as they were at `resourceVersion` — the consistent snapshot a list continuation promises
   * (etcd serves the next page at the first page's revision) — rebuilt from the current state by undoing the
   * changes made since; undefined when the history no longer reaches back that far.
   */
  listAt(
    storage: string,
    namespace: string | undefined,
    resourceVersion: number,
  ): StoredObject[] | undefined {
    const changes = this.changesSince(resourceVersion);
    if (!changes) return undefined;
    const objects = new Map(
      this.list(storage, namespace).map((o) => [key(o.metadata.namespace, o.metadata.name), o]),
    );
    for (const change of changes.toReversed()) {
      const { namespace: changeNamespace, name } = change.object.metadata ?? {};
      if (change.storage !== storage || (namespace !== undefined && changeNamespace !== namespace)) continue;
      if (change.previous) objects.set(key(changeNamespace, name!), change.previous as StoredObject);
      else objects.delete(key(changeNamespace, name!));
    }
    return [...objects.values()].sort(byKey);
  }

  /** Calls `listener` synchronously after every change; returns the unsubscribe function. */
  subscribe(listener: (change: StoreChange) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  #record(change: StoreChange): void {
    this.#history.push(change);
    if (this.#history.length > HISTORY_CAPACITY)
      this.#history.splice(0, this.#history.length - HISTORY_CAPACITY);
    for (const listener of this.#listeners) listener(change);
  }

  #bucket(storage: string): Map<string, StoredObject> {
    let bucket = this.#objects.get(storage);
    if (!bucket) {
      bucket = new Map();
      this.#objects.set(storage, bucket);
    }
    return bucket;
  }
}

function key(namespace: string | undefined, name: string): string {
  return `${namespace ?? ''}/${name}`;
}

function byKey(a: StoredObject, b: StoredObject): number {
  const left = key(a.metadata.namespace, a.metadata.name);
  const right = key(b.metadata.namespace, b.metadata.name);
  return left < right ? -1 : left > right ? 1 : 0;
}

function sameContent(stored: StoredObject, candidate: KubeObject): boolean {
  // Only the managedFields timestamps are ignored (apiserver `IgnoreManagedFieldsTimestampsTransformer`): a write
  // that changes who manages what — a first server-side apply of unchanged values, kubectl's client-side-apply
  // → server-side-apply migration — is a real write, or kubectl would migrate again on every apply.
  const strip = (object: KubeObject) => {
    const { resourceVersion: _rv, managedFields, ...metadata } = object.metadata ?? {};
    const managers = managedFields?.map(({ time: _time, ...entry }) => entry);
    return { ...object, metadata: { ...metadata, ...(managers ? { managedFields: managers } : {}) } };
  };
  return isDeepStrictEqual(strip(stored), strip(normalize(candidate)));
}

/** A deep copy in JSON form: what the API would send back (undefined fields dropped). */
export function normalize<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}
