/**
 * The garbage collector (kubernetes `pkg/controller/garbagecollector`, reference §6.7):
 *
 * - Background: a dependent whose owners are all gone is deleted (Deployment ⇒ ReplicaSets ⇒ Pods, pods
 *   gracefully — the kubelet finishes them); with some owner left it just drops the dangling references.
 * - Foreground: an owner carrying the `foregroundDeletion` finalizer has its dependents deleted (themselves in
 *   foreground when they have dependents of their own), then loses the finalizer once no dependent with
 *   `blockOwnerDeletion` remains — the API server then removes it.
 * - Orphan: an owner carrying the `orphan` finalizer has its reference stripped from every dependent, then
 *   loses the finalizer.
 */
import type { KubeObject } from '../../../kube/types.js';
import type { DeleteOptions } from '../../api/context.js';
import { ApiError } from '../../errors.js';
import type { Controller, ControllerContext } from '../controller.js';
import { CONTROLLER_USERS } from '../shared/controller-users.js';
import { withoutOwnerRefs } from '../shared/owner-references.js';
import { isKnownKind, ObjectGraph, type Node } from './object-graph.js';

const FOREGROUND = 'foregroundDeletion';
const ORPHAN = 'orphan';
const WRITE = { user: CONTROLLER_USERS.garbageCollector };

const isDeleting = (object: KubeObject): boolean => Boolean(object.metadata?.deletionTimestamp);
const hasFinalizer = (object: KubeObject, finalizer: string): boolean =>
  object.metadata?.finalizers?.includes(finalizer) ?? false;

export function createGarbageCollector(context: ControllerContext): Controller {
  const { api } = context;

  const replace = ({ descriptor, object }: Node, next: KubeObject): void => {
    api.replace(descriptor, object.metadata?.namespace, object.metadata?.name ?? '', next, WRITE);
  };

  const remove = ({ descriptor, object }: Node, options: DeleteOptions): void => {
    api.delete(descriptor, object.metadata?.namespace, object.metadata?.name ?? '', options, WRITE);
  };

  const withoutFinalizer = (object: KubeObject, finalizer: string): KubeObject => {
    const copy = structuredClone(object);
    copy.metadata!.finalizers = (copy.metadata?.finalizers ?? []).filter((f) => f !== finalizer);
    return copy;
  };

  /** Orphan: strip the owner's reference from its dependents, then let the owner go. */
  const orphanDependents = (graph: ObjectGraph, owner: Node): void => {
    const uid = owner.object.metadata?.uid ?? '';
    for (const dependent of graph.dependentsOf(uid))
      replace(dependent, withoutOwnerRefs(dependent.object, new Set([uid])));
    replace(owner, withoutFinalizer(owner.object, ORPHAN));
  };

  /** Foreground: the owner goes once no blocking dependent is left (deleting them is the dependents' pass). */
  const finishForegroundDeletion = (graph: ObjectGraph, owner: Node): void => {
    const uid = owner.object.metadata?.uid;
    const blocking = graph
      .dependentsOf(uid)
      .some((dependent) =>
        dependent.object.metadata?.ownerReferences?.some(
          (r) => r.uid === uid && r.blockOwnerDeletion === true,
        ),
      );
    if (!blocking) replace(owner, withoutFinalizer(owner.object, FOREGROUND));
  };

  /** `attemptToDeleteItem`: a dependent whose owners are gone or being deleted in the foreground. */
  const collectDependent = (graph: ObjectGraph, node: Node): void => {
    const references = node.object.metadata?.ownerReferences ?? [];
    const dangling = new Set<string>();
    const waiting = new Set<string>();
    let solid = 0;
    for (const reference of references) {
      const owner = graph.owner(node.object, reference);
      if (!owner) {
        if (isKnownKind(reference)) dangling.add(reference.uid);
        else solid += 1;
      } else if (isDeleting(owner.object) && hasFinalizer(owner.object, FOREGROUND)) {
        waiting.add(reference.uid);
      } else {
        solid += 1;
      }
    }
    if (dangling.size === 0 && waiting.size === 0) return;
    if (solid > 0) {
      replace(node, withoutOwnerRefs(node.object, new Set([...dangling, ...waiting])));
      return;
    }
    if (isDeleting(node.object)) return;
    const hasDependents = graph.dependentsOf(node.object.metadata?.uid).length > 0;
    let policy: DeleteOptions['propagationPolicy'] =
      waiting.size > 0 && hasDependents ? 'Foreground' : 'Background';
    // A dependent already asked for a policy of its own (by its finalizers) keeps it.
    if (hasFinalizer(node.object, ORPHAN)) policy = 'Orphan';
    else if (hasFinalizer(node.object, FOREGROUND)) policy = 'Foreground';
    remove(node, { propagationPolicy: policy });
  };

  const guarded = (work: () => void): void => {
    try {
      work();
    } catch (error) {
      // Gone in the meantime, or refused: the next pass looks again, as the real collector re-queues.
      if (!(error instanceof ApiError)) throw error;
    }
  };

  return {
    name: 'garbage-collector',
    reconcile() {
      const graph = new ObjectGraph(api.store);
      for (const node of graph.nodes) {
        const object = node.object;
        if (isDeleting(object) && hasFinalizer(object, ORPHAN)) guarded(() => orphanDependents(graph, node));
        else if (isDeleting(object) && hasFinalizer(object, FOREGROUND)) {
          guarded(() => finishForegroundDeletion(graph, node));
        }
      }
      // Owners removed above are noticed in the next round (the control plane repeats until nothing changes).
      for (const node of graph.nodes) {
        if ((node.object.metadata?.ownerReferences ?? []).length > 0)
          guarded(() => collectDependent(graph, node));
      }
    },
  };
}
