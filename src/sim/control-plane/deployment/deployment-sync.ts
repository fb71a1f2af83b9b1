/**
 * One sync of one Deployment: the working copy the steps read and change (as the Go controller mutates its
 * copy in place between API calls), and the writes they make — all through the ClusterApi, status through the
 * status subresource — plus the Deployment's events.
 */
import type { Deployment, ReplicaSet } from '../../../kube/types.js';
import { deployments } from '../../resources/deployments.js';
import { replicaSets } from '../../resources/replicasets.js';
import type { ControllerContext } from '../controller.js';
import { CONTROLLER_USERS } from '../shared/controller-users.js';
import { isControlledBy } from '../shared/owner-references.js';

const SOURCE = { component: 'deployment-controller' };
const WRITE = { user: CONTROLLER_USERS.deployment };

export class DeploymentSync {
  deployment: Deployment;

  constructor(
    readonly context: ControllerContext,
    deployment: Deployment,
  ) {
    this.deployment = structuredClone(deployment);
  }

  get namespace(): string {
    return this.deployment.metadata?.namespace ?? '';
  }

  get name(): string {
    return this.deployment.metadata?.name ?? '';
  }

  get uid(): string | undefined {
    return this.deployment.metadata?.uid;
  }

  now(): number {
    return this.context.clock.now();
  }

  nowTime(): string {
    return this.context.clock.nowTime();
  }

  /** The ReplicaSets this Deployment controls, as stored now. */
  ownedReplicaSets(): ReplicaSet[] {
    return (this.context.api.list(replicaSets, this.namespace).items as ReplicaSet[]).filter((rs) =>
      isControlledBy(rs, this.uid),
    );
  }

  /** `UpdateStatus` with the working copy (status, and the revision annotation — see the status strategy). */
  updateStatus(): void {
    const stored = this.context.api.replace(
      deployments,
      this.namespace,
      this.name,
      this.deployment,
      WRITE,
      'status',
    );
    this.deployment = structuredClone(stored);
  }

  createReplicaSet(replicaSet: ReplicaSet): ReplicaSet {
    return this.context.api.create(replicaSets, this.namespace, replicaSet, WRITE);
  }

  updateReplicaSet(replicaSet: ReplicaSet): ReplicaSet {
    const name = replicaSet.metadata?.name ?? '';
    return this.context.api.replace(replicaSets, this.namespace, name, replicaSet, WRITE);
  }

  deleteReplicaSet(replicaSet: ReplicaSet): void {
    this.context.api.delete(replicaSets, this.namespace, replicaSet.metadata?.name ?? '', {}, WRITE);
  }

  findReplicaSet(name: string): ReplicaSet | undefined {
    return this.context.api.find(replicaSets, this.namespace, name);
  }

  normalEvent(reason: string, message: string): void {
    this.context.events.normal(this.deployment, reason, message, SOURCE);
  }

  warningEvent(reason: string, message: string): void {
    this.context.events.warning(this.deployment, reason, message, SOURCE);
  }
}
