/**
 * Discovery documents built from the resource registry: aggregated (apidiscovery.k8s.io/v2, what kubectl 1.32
 * asks for first) and legacy (APIVersions / APIGroupList / APIResourceList). Reference §2.
 */
import { apiVersionOf, type ResourceDescriptor, type SubresourceName } from '../resources/descriptor.js';
import { resources } from '../resources/registry.js';

type GroupVersion = { group: string; version: string; resources: ResourceDescriptor[] };

export function groupVersions(): GroupVersion[] {
  const byKey = new Map<string, GroupVersion>();
  for (const descriptor of resources) {
    const key = `${descriptor.group}/${descriptor.version}`;
    let entry = byKey.get(key);
    if (!entry) {
      entry = { group: descriptor.group, version: descriptor.version, resources: [] };
      byKey.set(key, entry);
    }
    entry.resources.push(descriptor);
  }
  return [...byKey.values()];
}

function subresourceKind(descriptor: ResourceDescriptor, subresource: SubresourceName) {
  if (subresource === 'scale') return { group: 'autoscaling', version: 'v1', kind: 'Scale' };
  return { group: descriptor.group, version: descriptor.version, kind: descriptor.kind };
}

function subresourceVerbs(subresource: SubresourceName): string[] {
  return subresource === 'log' ? ['get'] : ['get', 'patch', 'update'];
}

function aggregatedResource(descriptor: ResourceDescriptor) {
  return {
    resource: descriptor.resource,
    singularResource: descriptor.singular,
    scope: descriptor.namespaced ? 'Namespaced' : 'Cluster',
    ...(descriptor.shortNames ? { shortNames: descriptor.shortNames } : {}),
    ...(descriptor.categories ? { categories: descriptor.categories } : {}),
    responseKind: { group: descriptor.group, version: descriptor.version, kind: descriptor.kind },
    verbs: descriptor.verbs,
    ...(descriptor.subresources.length > 0
      ? {
          subresources: descriptor.subresources.map((subresource) => ({
            subresource,
            responseKind: subresourceKind(descriptor, subresource),
            verbs: subresourceVerbs(subresource),
          })),
        }
      : {}),
  };
}

function aggregatedGroup(group: string, entries: GroupVersion[]) {
  return {
    metadata: group ? { name: group } : {},
    versions: entries.map((entry) => ({
      version: entry.version,
      freshness: 'Current',
      resources: entry.resources.map(aggregatedResource),
    })),
  };
}

/** `/api` (core) or `/apis` (named groups) as an APIGroupDiscoveryList. */
export function aggregatedDiscovery(core: boolean) {
  const entries = groupVersions().filter((entry) => (entry.group === '') === core);
  const groups = [...new Set(entries.map((entry) => entry.group))];
  return {
    kind: 'APIGroupDiscoveryList',
    apiVersion: 'apidiscovery.k8s.io/v2',
    metadata: {},
    items: groups.map((group) =>
      aggregatedGroup(
        group,
        entries.filter((entry) => entry.group === group),
      ),
    ),
  };
}

export function legacyCoreVersions(serverAddress: string) {
  return {
    kind: 'APIVersions',
    versions: ['v1'],
    serverAddressByClientCIDRs: [{ clientCIDR: '0.0.0.0/0', serverAddress }],
  };
}

function apiGroup(group: string) {
  const versions = groupVersions()
    .filter((entry) => entry.group === group)
    .map((entry) => ({ groupVersion: `${group}/${entry.version}`, version: entry.version }));
  return { name: group, versions, preferredVersion: versions[0] };
}

export function legacyGroupList() {
  const groups = [...new Set(groupVersions().map((entry) => entry.group))].filter((group) => group !== '');
  return { kind: 'APIGroupList', apiVersion: 'v1', groups: groups.map(apiGroup) };
}

export function legacyGroup(group: string) {
  const found = groupVersions().some((entry) => entry.group === group);
  return found ? { kind: 'APIGroup', apiVersion: 'v1', ...apiGroup(group) } : undefined;
}

export function resourceList(group: string, version: string) {
  const entry = groupVersions().find(
    (candidate) => candidate.group === group && candidate.version === version,
  );
  if (!entry) return undefined;
  const list: Record<string, unknown>[] = [];
  for (const descriptor of entry.resources) {
    list.push({
      name: descriptor.resource,
      singularName: descriptor.singular,
      namespaced: descriptor.namespaced,
      kind: descriptor.kind,
      verbs: descriptor.verbs,
      ...(descriptor.shortNames ? { shortNames: descriptor.shortNames } : {}),
      ...(descriptor.categories ? { categories: descriptor.categories } : {}),
    });
    for (const subresource of descriptor.subresources) {
      const kind = subresourceKind(descriptor, subresource);
      const differs = kind.group !== descriptor.group || kind.version !== descriptor.version;
      list.push({
        name: `${descriptor.resource}/${subresource}`,
        singularName: descriptor.singular,
        namespaced: descriptor.namespaced,
        ...(differs ? { group: kind.group, version: kind.version } : {}),
        kind: kind.kind,
        verbs: subresourceVerbs(subresource),
      });
    }
  }
  return {
    kind: 'APIResourceList',
    apiVersion: 'v1',
    groupVersion: apiVersionOf({ group, version }),
    resources: list,
  };
}
