/**
 * The persistent volume controller, as far as claims go (kubernetes `pkg/controller/volume/persistentvolume`):
 * a Pending claim whose StorageClass exists is dynamically provisioned and bound — `spec.volumeName:
 * pvc-<uid>`, phase Bound, capacity and access modes, `ProvisioningSucceeded` — at once, or for a
 * WaitForFirstConsumer class once a scheduled pod uses it. Otherwise it stays Pending, and every resync
 * (15 s) re-records why, so the events count up as on a real cluster:
 * `FailedBinding no persistent volumes available for this claim and no storage class is set`,
 * `ProvisioningFailed storageclass.storage.k8s.io "fast" not found`, `WaitForFirstConsumer …`.
 * A claim with no class at all is given the default StorageClass, as the retroactive default assignment does.
 */
import type { PersistentVolumeClaim, Pod, StorageClass } from '../../kube/types.js';
import { ApiError } from '../errors.js';
import { persistentVolumeClaims } from '../resources/persistentvolumeclaims.js';
import { pods } from '../resources/pods.js';
import { storageClasses } from '../resources/storageclasses.js';
import type { Controller, ControllerContext } from './controller.js';
import { CONTROLLER_USERS } from './shared/controller-users.js';

const SOURCE = { component: 'persistentvolume-controller' };
const WRITE = { user: CONTROLLER_USERS.persistentVolume };
/** kube-controller-manager's `--pvclaimbinder-sync-period`. */
const RESYNC_MS = 15_000;
const DEFAULT_CLASS_ANNOTATION = 'storageclass.kubernetes.io/is-default-class';

type Verdict =
  | { kind: 'bind'; storageClass: StorageClass }
  | { kind: 'assign-default'; className: string }
  | { kind: 'pending'; type: 'Normal' | 'Warning'; reason: string; message: string };

function defaultStorageClass(classes: readonly StorageClass[]): StorageClass | undefined {
  // With several defaults the newest wins (since 1.26).
  return classes
    .filter((c) => c.metadata?.annotations?.[DEFAULT_CLASS_ANNOTATION] === 'true')
    .sort((a, b) =>
      (a.metadata?.creationTimestamp ?? '') < (b.metadata?.creationTimestamp ?? '') ? 1 : -1,
    )[0];
}

function hasScheduledConsumer(claim: PersistentVolumeClaim, namespacePods: readonly Pod[]): boolean {
  return namespacePods.some(
    (pod) =>
      Boolean(pod.spec?.nodeName) &&
      (pod.spec?.volumes ?? []).some(
        (volume) => volume.persistentVolumeClaim?.claimName === claim.metadata?.name,
      ),
  );
}

function judge(
  claim: PersistentVolumeClaim,
  classes: readonly StorageClass[],
  namespacePods: readonly Pod[],
): Verdict {
  const className = claim.spec?.storageClassName;
  if (className === undefined || className === null) {
    const fallback = defaultStorageClass(classes);
    if (fallback) return { kind: 'assign-default', className: fallback.metadata?.name ?? '' };
  }
  if (!className) {
    const message = 'no persistent volumes available for this claim and no storage class is set';
    return { kind: 'pending', type: 'Normal', reason: 'FailedBinding', message };
  }
  const storageClass = classes.find((c) => c.metadata?.name === className);
  if (!storageClass) {
    const message = `storageclass.storage.k8s.io "${className}" not found`;
    return { kind: 'pending', type: 'Warning', reason: 'ProvisioningFailed', message };
  }
  if (
    storageClass.volumeBindingMode === 'WaitForFirstConsumer' &&
    !hasScheduledConsumer(claim, namespacePods)
  ) {
    const message = 'waiting for first consumer to be created before binding';
    return { kind: 'pending', type: 'Normal', reason: 'WaitForFirstConsumer', message };
  }
  return { kind: 'bind', storageClass };
}

export function createPersistentVolumeClaimController(context: ControllerContext): Controller {
  const { api, clock, events } = context;
  /** When each Pending claim was last looked at (by uid): the next look is a resync period later. */
  const lastAttempt = new Map<string, number>();

  const bind = (claim: PersistentVolumeClaim, storageClass: StorageClass): void => {
    const namespace = claim.metadata?.namespace;
    const name = claim.metadata?.name ?? '';
    const volumeName = `pvc-${claim.metadata?.uid}`;
    const provisioner = storageClass.provisioner;
    const bound = structuredClone(claim);
    bound.metadata = {
      ...bound.metadata,
      annotations: {
        ...bound.metadata?.annotations,
        'pv.kubernetes.io/bind-completed': 'yes',
        'pv.kubernetes.io/bound-by-controller': 'yes',
        'volume.beta.kubernetes.io/storage-provisioner': provisioner,
        'volume.kubernetes.io/storage-provisioner': provisioner,
      },
    };
    bound.spec = { ...bound.spec, volumeName };
    const updated = api.replace(persistentVolumeClaims, namespace, name, bound, WRITE);
    events.normal(
      claim,
      'ProvisioningSucceeded',
      `Successfully provisioned volume ${volumeName} using ${provisioner}`,
      SOURCE,
    );
    const status = {
      phase: 'Bound',
      accessModes: claim.spec?.accessModes,
      capacity: { storage: claim.spec?.resources?.requests?.storage },
    };
    api.replace(persistentVolumeClaims, namespace, name, { ...updated, status }, WRITE, 'status');
  };

  const assignDefaultClass = (claim: PersistentVolumeClaim, className: string): void => {
    const copy = structuredClone(claim);
    copy.spec = { ...copy.spec, storageClassName: className };
    api.replace(persistentVolumeClaims, claim.metadata?.namespace, claim.metadata?.name ?? '', copy, WRITE);
  };

  const markPending = (claim: PersistentVolumeClaim): void => {
    if (claim.status?.phase) return;
    const body = { ...structuredClone(claim), status: { ...claim.status, phase: 'Pending' } };
    api.replace(
      persistentVolumeClaims,
      claim.metadata?.namespace,
      claim.metadata?.name ?? '',
      body,
      WRITE,
      'status',
    );
  };

  const sync = (claim: PersistentVolumeClaim, classes: readonly StorageClass[]): void => {
    const uid = claim.metadata?.uid ?? '';
    const last = lastAttempt.get(uid);
    if (last !== undefined && clock.now() < last + RESYNC_MS) return;
    const namespacePods = api.list(pods, claim.metadata?.namespace).items as Pod[];
    const verdict = judge(claim, classes, namespacePods);
    if (verdict.kind === 'assign-default') {
      assignDefaultClass(claim, verdict.className);
      return;
    }
    if (verdict.kind === 'bind') {
      lastAttempt.delete(uid);
      bind(claim, verdict.storageClass);
      return;
    }
    lastAttempt.set(uid, clock.now());
    markPending(claim);
    events.record(claim, verdict.type, verdict.reason, verdict.message, SOURCE);
  };

  return {
    name: 'persistentvolume-controller',
    reconcile() {
      const classes = api.list(storageClasses, undefined).items as StorageClass[];
      const live = new Set<string>();
      for (const claim of api.list(persistentVolumeClaims, undefined).items as PersistentVolumeClaim[]) {
        live.add(claim.metadata?.uid ?? '');
        if (claim.metadata?.deletionTimestamp || claim.status?.phase === 'Bound' || claim.spec?.volumeName)
          continue;
        try {
          sync(claim, classes);
        } catch (error) {
          if (!(error instanceof ApiError)) throw error;
        }
      }
      for (const uid of lastAttempt.keys()) if (!live.has(uid)) lastAttempt.delete(uid);
    },
    nextWakeup() {
      let earliest: number | undefined;
      for (const last of lastAttempt.values()) {
        const at = last + RESYNC_MS;
        if (at > clock.now() && (earliest === undefined || at < earliest)) earliest = at;
      }
      return earliest;
    },
  };
}
