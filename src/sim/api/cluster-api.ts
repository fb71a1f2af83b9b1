/**
 * The verbs of the simulated API server over the store: get, list, create, replace, patch, delete and the
 * status/scale subresources, with the real server's semantics (resourceVersion preconditions, generation,
 * status split, dry run, admission). The HTTP layer and the in-process controllers both go through here, so a
 * controller's write looks to a watcher exactly like a client's.
 */
import type { KubeObject } from '../../kube/types.js';
import type { VirtualClock } from '../clock.js';
import { errors } from '../errors.js';
import type { ResourceDescriptor } from '../resources/descriptor.js';
import { namespaces } from '../resources/namespaces.js';
import type { ObjectStore } from '../store.js';
import { createObject } from './create.js';
import { deleteObject, type DeleteResult } from './delete.js';
import type { AdmissionPlugin, ApiContext, DeleteOptions, WriteOptions } from './context.js';
import { patchObject, type PatchRequest } from './patch.js';
import { replaceObject } from './replace.js';
import { toExternal } from './conversion.js';

export type ListOptions = {
  labelSelector?: (labels: Record<string, string> | undefined) => boolean;
  fieldSelector?: (object: KubeObject) => boolean;
  /** List the snapshot at this resourceVersion (a continue token's), not the latest state. */
  resourceVersion?: number;
};

export type ListResult = { items: KubeObject[]; resourceVersion: string };

export class ClusterApi implements ApiContext {
  readonly admission: AdmissionPlugin[] = [];
  readonly #writeListeners = new Set<() => void>();

  constructor(
    readonly store: ObjectStore,
    readonly clock: VirtualClock,
    readonly random: () => number = Math.random,
  ) {}

  addAdmission(plugin: AdmissionPlugin): void {
    this.admission.push(plugin);
  }

  /** Called after every persisted write, whoever made it: the control plane schedules a reconcile. */
  onWrite(listener: () => void): () => void {
    this.#writeListeners.add(listener);
    return () => this.#writeListeners.delete(listener);
  }

  get(descriptor: ResourceDescriptor, namespace: string | undefined, name: string): KubeObject {
    const found = this.find(descriptor, namespace, name);
    if (!found) throw errors.notFound(descriptor, name);
    return found;
  }

  /** The object in this API version's form, or undefined; never throws for a missing object. */
  find(descriptor: ResourceDescriptor, namespace: string | undefined, name: string): KubeObject | undefined {
    const stored = this.store.get(descriptor.storage, descriptor.namespaced ? namespace : undefined, name);
    return stored ? toExternal(descriptor, stored) : undefined;
  }

  list(descriptor: ResourceDescriptor, namespace: string | undefined, options: ListOptions = {}): ListResult {
    const scope = descriptor.namespaced ? namespace : undefined;
    const atVersion = options.resourceVersion;
    const resourceVersion = String(atVersion ?? this.store.resourceVersion);
    const snapshot =
      atVersion === undefined
        ? this.store.list(descriptor.storage, scope)
        : this.store.listAt(descriptor.storage, scope, atVersion);
    if (!snapshot) throw errors.gone('The resourceVersion for the provided list is too old.');
    const items: KubeObject[] = [];
    for (const stored of snapshot) {
      const object = toExternal(descriptor, stored);
      if (options.labelSelector && !options.labelSelector(object.metadata?.labels)) continue;
      if (options.fieldSelector && !options.fieldSelector(object)) continue;
      items.push(object);
    }
    return { items, resourceVersion };
  }

  create(
    descriptor: ResourceDescriptor,
    namespace: string | undefined,
    body: KubeObject,
    options: WriteOptions = {},
  ): KubeObject {
    return this.#notify(options, createObject(this, descriptor, namespace, body, options));
  }

  /** PUT: the whole object (main endpoint) or only its status (`subresource: 'status'`). */
  replace(
    descriptor: ResourceDescriptor,
    namespace: string | undefined,
    name: string,
    body: KubeObject,
    options: WriteOptions = {},
    subresource?: 'status',
  ): KubeObject {
    return this.#notify(
      options,
      replaceObject(this, descriptor, namespace, name, body, options, subresource),
    );
  }

  /** PATCH of any type; server-side apply creates a missing object (`created` tells the HTTP layer 201). */
  patch(request: PatchRequest, options: WriteOptions = {}): { object: KubeObject; created: boolean } {
    const result = patchObject(this, request, options);
    this.#notify(options, result.object);
    return result;
  }

  delete(
    descriptor: ResourceDescriptor,
    namespace: string | undefined,
    name: string,
    options: DeleteOptions = {},
    writeOptions: WriteOptions = {},
  ): DeleteResult {
    const result = deleteObject(this, descriptor, namespace, name, options, writeOptions);
    if (!options.dryRun) this.#emitWrite();
    return result;
  }

  /** True when `namespace` exists (namespaced writes need it). */
  namespaceExists(namespace: string): boolean {
    return this.store.get(namespaces.storage, undefined, namespace) !== undefined;
  }

  #notify<T>(options: WriteOptions, result: T): T {
    if (!options.dryRun) this.#emitWrite();
    return result;
  }

  #emitWrite(): void {
    for (const listener of this.#writeListeners) listener();
  }
}
