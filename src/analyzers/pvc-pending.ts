/**
 * PersistentVolumeClaims that stay Pending (FailedBinding, ProvisioningFailed). Storage is provisioned outside
 * the workload, so the fix is an instruction naming the claim, its class and the classes that exist.
 */
import type { Analyzer } from './analyzer.js';
import type { Finding } from '../domain/finding.js';
import type { Snapshot } from '../domain/snapshot.js';
import type { PersistentVolumeClaim } from '../kube/types.js';
import { kubectl, manualDraft, manualTarget } from './support/drafts.js';
import { eventsFor, warnings } from './support/events.js';
import { eventLine, statusLine } from './support/evidence.js';

/** The Deployment whose pods mount the claim, so the finding belongs to the right workload. */
function consumerOf(snapshot: Snapshot, claim: string): string | undefined {
  return snapshot.deployments.find((d) =>
    d.spec?.template.spec?.volumes?.some((v) => v.persistentVolumeClaim?.claimName === claim),
  )?.metadata?.name;
}

function explain(snapshot: Snapshot, pvc: PersistentVolumeClaim, messages: string): string {
  const className = pvc.spec?.storageClassName;
  const classes =
    snapshot.storageClasses.map((c) => `${c.name}${c.isDefault ? ' (default)' : ''}`).join(', ') || 'none';
  if (
    className &&
    !snapshot.storageClasses.some((c) => c.name === className) &&
    snapshot.storageClasses.length > 0
  ) {
    return `its storageClassName ${className} does not exist (classes: ${classes})`;
  }
  if (/no persistent volumes available|no storage class is set/i.test(messages)) {
    return `no PersistentVolume matches it and no storage class provisions one (classes: ${classes})`;
  }
  return `it is not bound (storage classes: ${classes})`;
}

function findingFor(snapshot: Snapshot, pvc: PersistentVolumeClaim): Finding | undefined {
  const name = pvc.metadata?.name;
  if (name === undefined || (pvc.status?.phase ?? 'Pending') !== 'Pending') return undefined;
  const events = warnings(eventsFor(snapshot, 'PersistentVolumeClaim', name)).filter((e) =>
    ['FailedBinding', 'ProvisioningFailed'].includes(e.reason),
  );
  if (events.length === 0) return undefined;
  const workload = consumerOf(snapshot, name);
  const why = explain(snapshot, pvc, events.map((e) => e.message).join(' '));
  const instruction = `PersistentVolumeClaim ${name} is Pending: ${why}. Set a storageClassName that exists (recreate the claim: it is immutable) or create a matching PersistentVolume.`;
  return {
    analyzer: 'pvc-pending',
    object: { kind: 'PersistentVolumeClaim', name },
    reason: events[0]?.reason ?? 'Pending',
    message: `PersistentVolumeClaim ${name}${workload === undefined ? '' : ` (used by deployment/${workload})`} stays Pending: ${why}.`,
    evidence: [
      statusLine(
        `persistentvolumeclaim/${name} Pending, storageClassName ${pvc.spec?.storageClassName ?? '<none>'}`,
      ),
      ...events.map(eventLine),
    ],
    ...(workload === undefined ? {} : { workload }),
    category: 'pvc_pending',
    specificity: 85,
    confidence: 0.85,
    proposals: [
      manualDraft(
        manualTarget(snapshot, workload),
        instruction,
        [kubectl(snapshot, `describe pvc ${name}`), 'kubectl get storageclass'],
        'Pods that mount the claim cannot be scheduled until it binds.',
      ),
    ],
  };
}

export const pvcPendingAnalyzer: Analyzer = {
  name: 'pvc-pending',
  analyze(snapshot) {
    return snapshot.persistentVolumeClaims.flatMap((pvc) => findingFor(snapshot, pvc) ?? []);
  },
};
