/**
 * One-line views of the healthy context (other deployments, services, claims, quotas, nodes, key lists): enough
 * for the model to see what exists and what is related, at a few tokens per object.
 */
import type { KeySet, NodeSummary, Snapshot } from '../domain/snapshot.js';
import type { Deployment, PersistentVolumeClaim, ResourceQuota, Service } from '../kube/types.js';
import { amounts } from './snapshot-views.js';

export function deploymentLine(deployment: Deployment): string {
  const status = deployment.status ?? {};
  const images = (deployment.spec?.template.spec?.containers ?? []).map((c) => c.image).join(',');
  return `${deployment.metadata?.name ?? '?'} ${status.availableReplicas ?? 0}/${deployment.spec?.replicas ?? 1} available ${images}`;
}

export function serviceLine(snapshot: Snapshot, service: Service): string {
  const name = service.metadata?.name ?? '?';
  const selector = amounts(service.spec?.selector) || 'none';
  const ports = (service.spec?.ports ?? []).map((p) => `${p.port}->${p.targetPort ?? p.port}`).join(',');
  const subsets = snapshot.endpoints.find((e) => e.metadata?.name === name)?.subsets ?? [];
  const ready = subsets.reduce((total, subset) => total + (subset.addresses?.length ?? 0), 0);
  const notReady = subsets.reduce((total, subset) => total + (subset.notReadyAddresses?.length ?? 0), 0);
  return `${name} selector ${selector} ports ${ports || 'none'} endpoints ready=${ready} notReady=${notReady}`;
}

export function claimLine(claim: PersistentVolumeClaim): string {
  const size = claim.spec?.resources?.requests?.storage ?? '?';
  return `${claim.metadata?.name ?? '?'} ${claim.status?.phase ?? 'Pending'} storageClass=${claim.spec?.storageClassName ?? '(default)'} size=${size}`;
}

export function quotaLine(quota: ResourceQuota): string {
  return `${quota.metadata?.name ?? '?'} hard ${amounts(quota.status?.hard ?? quota.spec?.hard)} used ${amounts(quota.status?.used)}`;
}

export function nodeLine(node: NodeSummary): string {
  const taints = node.taints.map((t) => `${t.key}=${t.value ?? ''}:${t.effect}`).join(',');
  return `${node.name} ready=${node.ready}${node.unschedulable ? ' cordoned' : ''} allocatable ${amounts(node.allocatable)}${taints ? ` taints ${taints}` : ''}`;
}

export function keySetLine(set: KeySet): string {
  return `${set.name}: ${set.keys.length > 0 ? set.keys.join(',') : '(no keys)'}`;
}
