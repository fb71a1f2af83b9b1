/**
 * What the simulated API server knows about one resource: its discovery data, how it is stored, and the hooks
 * that give it real-cluster behaviour (defaults, validation, field selectors, server-side table columns).
 * One file per resource in this folder; `registry.ts` lists them.
 */
import type { KubeObject } from '../../kube/types.js';
import type { FieldError } from '../errors.js';
import type { ObjectStore } from '../store.js';

export type Verb = 'create' | 'delete' | 'deletecollection' | 'get' | 'list' | 'patch' | 'update' | 'watch';
export type SubresourceName = 'status' | 'scale' | 'log';

export const ALL_VERBS: Verb[] = [
  'create',
  'delete',
  'deletecollection',
  'get',
  'list',
  'patch',
  'update',
  'watch',
];

export type TableColumn = {
  name: string;
  type: 'string' | 'integer' | 'number' | 'date' | 'boolean';
  format: string;
  description: string;
  /** 0 = always shown; 1 = only with `kubectl get -o wide`. */
  priority: 0 | 1;
};

export type TableRowCondition = { type: string; status: string; reason: string; message: string };

/** Server-side printing (kubectl's `get` columns), computed at virtual time `now` (ms since epoch). */
export type TableConverter = {
  columns: TableColumn[];
  cells(object: KubeObject, now: number): unknown[];
  conditions?(object: KubeObject): TableRowCondition[] | undefined;
};

/** What defaulting may use: the virtual time, deterministic randomness and the store (e.g. to allocate IPs). */
export type DefaultingContext = {
  now: number;
  random: () => number;
  store: ObjectStore;
};

export type ResourceDescriptor = {
  group: string;
  version: string;
  /** Plural, lower case: the URL segment (`deployments`). */
  resource: string;
  kind: string;
  singular: string;
  namespaced: boolean;
  shortNames?: string[];
  categories?: string[];
  verbs: Verb[];
  subresources: SubresourceName[];
  /** Storage key; two API views of one kind share it (core and events.k8s.io events). */
  storage: string;
  /**
   * When metadata.generation increases: never (pods), on spec changes, or — Deployments only — on spec or
   * annotation changes (apiserver deployment strategy PrepareForUpdate).
   */
  generation: 'none' | 'spec' | 'spec-or-annotations';
  /** True when `status` is a subresource: writes to the main endpoint keep the stored status and vice versa. */
  statusSubresource: boolean;
  /** Kind-specific field selectors beyond metadata.name / metadata.namespace. */
  fieldSelectors?: Record<string, (object: KubeObject) => string | undefined>;
  table?: TableConverter;
  /** Fills defaults on create (and on update for fields that must never be empty). Mutates `object`. */
  defaults?(object: KubeObject, context: DefaultingContext, old: KubeObject | undefined): void;
  /** Validation of the whole object after defaulting; `old` is set on update. */
  validate?(object: KubeObject, old: KubeObject | undefined): FieldError[];
  /** Converts this API version's form to the stored form, and back (events.k8s.io/v1 ⇄ core/v1 events). */
  toStored?(object: KubeObject): KubeObject;
  fromStored?(object: KubeObject): KubeObject;
};

export function apiVersionOf(descriptor: Pick<ResourceDescriptor, 'group' | 'version'>): string {
  return descriptor.group ? `${descriptor.group}/${descriptor.version}` : descriptor.version;
}

export function storageKey(group: string, resource: string): string {
  return `${group || 'core'}/${resource}`;
}
