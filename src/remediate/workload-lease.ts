/**
 * One remediation at a time per workload, across every replica of the bot: a coordination.k8s.io Lease named
 * after the Deployment, in its namespace. Creation and takeover go through the API server's optimistic
 * concurrency, so two replicas can never both hold it; an expired lease (a replica died mid-fix) can be taken over.
 */
import type { Clock } from '../clock.js';
import { KubeApiError, SreBotError } from '../errors.js';
import type { KubePort } from '../kube/port.js';
import type { Lease } from '../kube/types.js';

export class LeaseHeldError extends SreBotError {
  constructor(
    readonly holder: string,
    readonly until: Date,
    workload: string,
  ) {
    super(
      'kube_conflict',
      `another remediation of ${workload} is in progress (held by ${holder} until ${until.toISOString()})`,
    );
  }
}

export type WorkloadLease = {
  readonly name: string;
  renew(): Promise<void>;
  release(): Promise<void>;
};

const FIELD_MANAGER = 'sre-bot';

export function leaseName(deployment: string): string {
  return `sre-bot-remediation-${deployment}`.slice(0, 253);
}

/** Kubernetes MicroTime: exactly six fractional digits (a real API server rejects three). */
export function microTime(date: Date): string {
  return date.toISOString().replace(/\.(\d{3})Z$/, '.$1000Z');
}

/**
 * The holder identity of one remediation: the replica's identity plus what this holding is for. A replica-wide
 * identity let a second fix (or an Undo) on the same workload re-enter the lease while the first still held it,
 * and its release then freed the first one's.
 */
export function leaseHolder(replica: string, purpose: string): string {
  return `${replica}/${purpose}`.slice(0, 253);
}

export async function acquireWorkloadLease(
  kube: KubePort,
  clock: Clock,
  target: { namespace: string; deployment: string },
  holder: string,
  durationSeconds: number,
): Promise<WorkloadLease> {
  const name = leaseName(target.deployment);
  const workload = `${target.namespace}/${target.deployment}`;
  const spec = (transitions: number, acquired: Date) => ({
    holderIdentity: holder,
    leaseDurationSeconds: durationSeconds,
    acquireTime: microTime(acquired),
    renewTime: microTime(clock.now()),
    leaseTransitions: transitions,
  });

  const existing = await kube.get('Lease', target.namespace, name);
  if (!existing) {
    try {
      await kube.create(
        'Lease',
        target.namespace,
        {
          metadata: { name, labels: { 'app.kubernetes.io/managed-by': 'sre-bot' } },
          spec: spec(0, clock.now()),
        },
        { fieldManager: FIELD_MANAGER },
      );
    } catch (error) {
      // Someone created it between our read and our create: they hold it.
      if (error instanceof KubeApiError && error.code === 'kube_conflict')
        throw heldBy(await kube.get('Lease', target.namespace, name), workload);
      throw error;
    }
  } else {
    const holderNow = existing.spec?.holderIdentity;
    if (holderNow && holderNow !== holder && !expired(existing, clock.now()))
      throw heldBy(existing, workload);
    try {
      await kube.replace(
        'Lease',
        target.namespace,
        name,
        {
          ...existing,
          spec: spec((existing.spec?.leaseTransitions ?? 0) + (holderNow === holder ? 0 : 1), clock.now()),
        },
        { fieldManager: FIELD_MANAGER },
      );
    } catch (error) {
      if (error instanceof KubeApiError && error.code === 'kube_conflict')
        throw heldBy(await kube.get('Lease', target.namespace, name), workload);
      throw error;
    }
  }

  return {
    name,
    async renew() {
      const current = await kube.get('Lease', target.namespace, name);
      if (current?.spec?.holderIdentity !== holder) return;
      await kube.replace(
        'Lease',
        target.namespace,
        name,
        { ...current, spec: { ...current.spec, renewTime: microTime(clock.now()) } },
        { fieldManager: FIELD_MANAGER },
      );
    },
    async release() {
      const current = await kube.get('Lease', target.namespace, name);
      if (current?.spec?.holderIdentity !== holder) return;
      try {
        await kube.delete('Lease', target.namespace, name, {
          preconditions: { resourceVersion: current.metadata?.resourceVersion },
        });
      } catch (error) {
        // Already gone, or just taken over after expiring: either way it is not ours to delete.
        if (!(
          error instanceof KubeApiError &&
          (error.code === 'kube_not_found' || error.code === 'kube_conflict')
        ))
          throw error;
      }
    },
  };
}

function expiresAt(lease: Lease): Date {
  const renewed = Date.parse(lease.spec?.renewTime ?? lease.spec?.acquireTime ?? '');
  const duration = (lease.spec?.leaseDurationSeconds ?? 0) * 1000;
  return new Date((Number.isNaN(renewed) ? 0 : renewed) + duration);
}

function expired(lease: Lease, now: Date): boolean {
  return expiresAt(lease).getTime() <= now.getTime();
}

function heldBy(lease: Lease | undefined, workload: string): LeaseHeldError {
  return new LeaseHeldError(
    lease?.spec?.holderIdentity ?? 'another process',
    lease ? expiresAt(lease) : new Date(),
    workload,
  );
}
