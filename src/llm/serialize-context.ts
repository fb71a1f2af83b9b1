/**
 * The healthy context of the prompt data: everything outside the failing workloads, summarised (pods as counts)
 * and capped per level, with what is related to the failing workloads (its Services, the ConfigMaps and
 * Secrets it references) listed before the rest. Empty sections are left out: they cost tokens and say nothing.
 */
import { templateReferences } from '../analyzers/support/config-references.js';
import { deploymentNameOfPod, findDeployment } from '../analyzers/support/workloads.js';
import type { KeySet, Snapshot } from '../domain/snapshot.js';
import type { Service } from '../kube/types.js';
import { workloadObjects } from './serialize-focus.js';
import type { Level } from './serialize-levels.js';
import { claimLine, deploymentLine, keySetLine, nodeLine, quotaLine, serviceLine } from './context-lines.js';
import { compareEvents, eventLineView, podIsHealthy, podView } from './snapshot-views.js';

type Section = Record<string, unknown>;

/** Adds `name: items` (and `nameNotShown: n`) only when there is something to say. */
function capped(
  section: Section,
  name: string,
  items: readonly string[] | readonly Section[],
  limit: number,
): void {
  if (items.length === 0) return;
  if (limit > 0) section[name] = items.slice(0, limit);
  if (items.length > limit) section[`${name}NotShown`] = items.length - limit;
}

function relatedFirst<T>(items: readonly T[], related: (item: T) => boolean, name: (item: T) => string): T[] {
  return [...items].sort((a, b) => Number(related(b)) - Number(related(a)) || name(a).localeCompare(name(b)));
}

export function contextView(snapshot: Snapshot, focus: ReadonlySet<string>, level: Level): Section {
  const section: Section = {};
  const templates = [...focus].map((name) => findDeployment(snapshot, name)?.spec?.template);
  const references = new Set(
    templates.flatMap((template) => templateReferences(template).map((r) => `${r.kind}/${r.name}`)),
  );
  const focusLabels = templates.map((template) => template?.metadata?.labels ?? {});
  const selects = (service: Service) => {
    const selector = Object.entries(service.spec?.selector ?? {});
    return (
      selector.length > 0 &&
      focusLabels.some((labels) => selector.every(([key, value]) => labels[key] === value))
    );
  };
  const keyLines = (sets: readonly KeySet[], kind: string) =>
    relatedFirst(
      sets,
      (set) => references.has(`${kind}/${set.name}`),
      (set) => set.name,
    ).map(keySetLine);

  const deployments = snapshot.deployments
    .filter((deployment) => !focus.has(deployment.metadata?.name ?? ''))
    .sort((a, b) => (a.metadata?.name ?? '').localeCompare(b.metadata?.name ?? ''));
  capped(section, 'deployments', deployments.map(deploymentLine), level.contextDeployments);

  const otherPods = snapshot.pods.filter((pod) => !focus.has(deploymentNameOfPod(snapshot, pod) ?? ''));
  if (otherPods.length > 0) {
    const healthy = otherPods.filter(podIsHealthy).length;
    section.otherPods = `${otherPods.length} pods, ${healthy} healthy`;
  }
  const unhealthy = otherPods
    .filter((pod) => !podIsHealthy(pod))
    .sort((a, b) => (a.metadata?.name ?? '').localeCompare(b.metadata?.name ?? ''));
  capped(
    section,
    'unhealthyPods',
    unhealthy.map((pod) => podView(pod, level.messageChars)),
    level.unhealthyOthers,
  );

  const services = relatedFirst(snapshot.services, selects, (service) => service.metadata?.name ?? '');
  capped(
    section,
    'services',
    services.map((service) => serviceLine(snapshot, service)),
    level.contextServices,
  );
  capped(section, 'configMaps', keyLines(snapshot.configMaps, 'ConfigMap'), level.keySets);
  capped(section, 'secrets', keyLines(snapshot.secrets, 'Secret'), level.keySets);
  capped(section, 'persistentVolumeClaims', snapshot.persistentVolumeClaims.map(claimLine), level.otherLines);
  capped(section, 'resourceQuotas', snapshot.resourceQuotas.map(quotaLine), level.otherLines);
  capped(section, 'nodes', snapshot.nodes.map(nodeLine), level.otherLines);
  const classes = snapshot.storageClasses.map(
    (c) => `${c.name}${c.isDefault ? ' (default)' : ''} ${c.provisioner}`,
  );
  capped(section, 'storageClasses', classes, level.otherLines);

  const focusObjects = new Set([...focus].flatMap((name) => [...workloadObjects(snapshot, name)]));
  const events = snapshot.events
    .filter(({ object }) => !focusObjects.has(`${object.kind}/${object.name}`))
    .sort(compareEvents);
  capped(
    section,
    'events',
    events.map((event) => eventLineView(event, level.messageChars)),
    level.contextEvents,
  );
  capped(section, 'gaps', snapshot.gaps, level.otherLines);
  return section;
}
