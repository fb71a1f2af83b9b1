/**
 * The endpoints controller (kubernetes `pkg/controller/endpoint`): one Endpoints object per Service with a
 * selector, named after it, listing the selected pods that have an IP — ready ones in `addresses`, the others in
 * `notReadyAddresses` (all in `addresses` with publishNotReadyAddresses) — with ports resolved from each
 * Service port's targetPort (a name is looked up among the pod's container ports; a pod without it is left out
 * of that port). No selected pod ⇒ no subsets. Endpoints it manages carry the last-change-trigger-time
 * annotation; they are deleted with their Service.
 */
import { isDeepStrictEqual } from 'node:util';
import type { Endpoints, Pod, Service } from '../../kube/types.js';
import { ApiError } from '../errors.js';
import { endpoints as endpointsResource } from '../resources/endpoints.js';
import { pods as podsResource } from '../resources/pods.js';
import { services } from '../resources/services.js';
import { normalize } from '../store.js';
import type { Controller, ControllerContext } from './controller.js';
import { CONTROLLER_USERS } from './shared/controller-users.js';
import { isPodReady, isPodTerminal } from './shared/pod-state.js';

type Subset = NonNullable<Endpoints['subsets']>[number];
type EndpointAddress = NonNullable<Subset['addresses']>[number];
type EndpointPort = NonNullable<Subset['ports']>[number];
type ServicePort = NonNullable<NonNullable<Service['spec']>['ports']>[number];

const TRIGGER_TIME_ANNOTATION = 'endpoints.kubernetes.io/last-change-trigger-time';
const HEADLESS_LABEL = 'service.kubernetes.io/headless';
const WRITE = { user: CONTROLLER_USERS.endpoints };

function selects(selector: Record<string, string>, pod: Pod): boolean {
  return Object.entries(selector).every(([key, value]) => pod.metadata?.labels?.[key] === value);
}

/** `podutil.FindPort`: a numeric targetPort as is, a named one from the pod's container ports. */
function podPort(pod: Pod, servicePort: ServicePort): number | undefined {
  const target = servicePort.targetPort ?? servicePort.port;
  if (typeof target === 'number') return target;
  if (/^\d+$/.test(target)) return Number(target);
  const protocol = servicePort.protocol ?? 'TCP';
  for (const container of pod.spec?.containers ?? []) {
    const match = container.ports?.find(
      (port) => port.name === target && (port.protocol ?? 'TCP') === protocol,
    );
    if (match) return match.containerPort;
  }
  return undefined;
}

function addressOf(pod: Pod, service: Service): EndpointAddress {
  const spec = pod.spec ?? { containers: [] };
  return {
    ip: pod.status?.podIP ?? '',
    ...(spec.hostname && spec.subdomain === service.metadata?.name ? { hostname: spec.hostname } : {}),
    ...(spec.nodeName ? { nodeName: spec.nodeName } : {}),
    targetRef: {
      kind: 'Pod',
      namespace: pod.metadata?.namespace,
      name: pod.metadata?.name,
      uid: pod.metadata?.uid,
    },
  };
}

const compareAddresses = (a: EndpointAddress, b: EndpointAddress): number =>
  a.ip !== b.ip ? (a.ip < b.ip ? -1 : 1) : (a.targetRef?.uid ?? '') < (b.targetRef?.uid ?? '') ? -1 : 1;

/** Subsets grouped by identical port lists (`RepackSubsets`), addresses sorted by IP. */
function computeSubsets(service: Service, selected: readonly Pod[]): Subset[] {
  const publishNotReady = service.spec?.publishNotReadyAddresses === true;
  const servicePorts = service.spec?.ports ?? [];
  const groups = new Map<
    string,
    { ports: EndpointPort[]; ready: EndpointAddress[]; notReady: EndpointAddress[] }
  >();
  const add = (ports: EndpointPort[], pod: Pod): void => {
    const key = JSON.stringify(ports);
    const group = groups.get(key) ?? { ports, ready: [], notReady: [] };
    groups.set(key, group);
    (publishNotReady || isPodReady(pod) ? group.ready : group.notReady).push(addressOf(pod, service));
  };
  for (const pod of selected) {
    if (servicePorts.length === 0) {
      // Only headless Services may list addresses without ports.
      if (service.spec?.clusterIP === 'None') add([], pod);
      continue;
    }
    for (const servicePort of servicePorts) {
      const port = podPort(pod, servicePort);
      if (port === undefined) continue;
      const endpointPort: EndpointPort = {
        ...(servicePort.name ? { name: servicePort.name } : {}),
        port,
        protocol: servicePort.protocol ?? 'TCP',
        ...(servicePort.appProtocol ? { appProtocol: servicePort.appProtocol } : {}),
      };
      add([endpointPort], pod);
    }
  }
  return [...groups.values()].map(({ ports, ready, notReady }) => ({
    ...(ready.length > 0 ? { addresses: ready.sort(compareAddresses) } : {}),
    ...(notReady.length > 0 ? { notReadyAddresses: notReady.sort(compareAddresses) } : {}),
    ...(ports.length > 0 ? { ports } : {}),
  }));
}

/** Pods the Service sends traffic to: selected, with an IP, not finished and not being deleted. */
function selectedPods(allPods: readonly Pod[], selector: Record<string, string>): Pod[] {
  return allPods.filter(
    (pod) =>
      selects(selector, pod) &&
      Boolean(pod.status?.podIP) &&
      !isPodTerminal(pod) &&
      !pod.metadata?.deletionTimestamp,
  );
}

export function createEndpointsController(context: ControllerContext): Controller {
  const { api, clock } = context;

  const syncService = (service: Service, existing: Endpoints | undefined): void => {
    const namespace = service.metadata?.namespace;
    const name = service.metadata?.name ?? '';
    const allPods = api.list(podsResource, namespace).items as Pod[];
    const subsets = computeSubsets(service, selectedPods(allPods, service.spec?.selector ?? {}));
    const labels = {
      ...service.metadata?.labels,
      ...(service.spec?.clusterIP === 'None' ? { [HEADLESS_LABEL]: '' } : {}),
    };
    const unchanged =
      existing &&
      isDeepStrictEqual(normalize(existing.subsets ?? []), normalize(subsets)) &&
      isDeepStrictEqual(existing.metadata?.labels ?? {}, labels) &&
      existing.metadata?.annotations?.[TRIGGER_TIME_ANNOTATION] !== undefined;
    if (unchanged) return;
    const body: Endpoints = {
      ...(existing ? structuredClone(existing) : {}),
      apiVersion: 'v1',
      kind: 'Endpoints',
      metadata: {
        ...existing?.metadata,
        name,
        namespace,
        labels: Object.keys(labels).length > 0 ? labels : undefined,
        annotations: { ...existing?.metadata?.annotations, [TRIGGER_TIME_ANNOTATION]: clock.nowTime() },
      },
      subsets: subsets.length > 0 ? subsets : undefined,
    };
    if (existing) api.replace(endpointsResource, namespace, name, body, WRITE);
    else api.create(endpointsResource, namespace, body, WRITE);
  };

  return {
    name: 'endpoint-controller',
    reconcile() {
      const allEndpoints = api.list(endpointsResource, undefined).items as Endpoints[];
      const endpointsByKey = new Map(
        allEndpoints.map((e) => [`${e.metadata?.namespace}/${e.metadata?.name}`, e]),
      );
      const serviceKeys = new Set<string>();
      for (const service of api.list(services, undefined).items as Service[]) {
        const key = `${service.metadata?.namespace}/${service.metadata?.name}`;
        serviceKeys.add(key);
        // Services without a selector have hand-made Endpoints (or the API server's own, for `kubernetes`).
        if (!service.spec?.selector || Object.keys(service.spec.selector).length === 0) continue;
        if (service.metadata?.deletionTimestamp) continue;
        try {
          syncService(service, endpointsByKey.get(key));
        } catch (error) {
          // Refused writes (e.g. in a terminating namespace) are retried next round, like a requeue.
          if (!(error instanceof ApiError)) throw error;
        }
      }
      for (const [key, endpoints] of endpointsByKey) {
        const managed = endpoints.metadata?.annotations?.[TRIGGER_TIME_ANNOTATION] !== undefined;
        if (!managed || serviceKeys.has(key) || endpoints.metadata?.deletionTimestamp) continue;
        api.delete(
          endpointsResource,
          endpoints.metadata?.namespace,
          endpoints.metadata?.name ?? '',
          {},
          WRITE,
        );
      }
    },
  };
}
