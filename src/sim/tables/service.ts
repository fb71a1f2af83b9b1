/**
 * `kubectl get services`: NAME TYPE CLUSTER-IP EXTERNAL-IP PORT(S) AGE, wide SELECTOR. Ports print as `80/TCP`, or
 * `80:30080/TCP` with a node port.
 */
import type { KubeObject, Service } from '../../kube/types.js';
import type { TableConverter } from '../resources/descriptor.js';
import { formatLabels } from '../kinds/label-selector.js';
import { ageColumn, ageOf, column, nameColumn, nameOf } from './columns.js';

/** `makePortString`. */
export function servicePorts(service: Service): string {
  const pieces = (service.spec?.ports ?? []).map((p) =>
    p.nodePort ? `${p.port}:${p.nodePort}/${p.protocol ?? ''}` : `${p.port}/${p.protocol ?? ''}`,
  );
  return pieces.length === 0 ? '<none>' : pieces.join(',');
}

/** Load-balancer ingress IPs (else hostnames), de-duplicated and sorted. Never clipped: the server prints wide. */
function loadBalancerAddresses(service: Service): string[] {
  const addresses = (service.status?.loadBalancer?.ingress ?? []).map((i) => i.ip || i.hostname || '');
  return [...new Set(addresses.filter(Boolean))].sort();
}

/** `getServiceExternalIP`. */
export function serviceExternalIP(service: Service): string {
  const externalIPs = service.spec?.externalIPs ?? [];
  switch (service.spec?.type) {
    case 'ClusterIP':
    case 'NodePort':
      return externalIPs.length > 0 ? externalIPs.join(',') : '<none>';
    case 'LoadBalancer': {
      const addresses = [...loadBalancerAddresses(service), ...externalIPs];
      return addresses.length > 0 ? addresses.join(',') : '<pending>';
    }
    case 'ExternalName':
      return service.spec.externalName ?? '';
    default:
      return '<unknown>';
  }
}

export const serviceTable: TableConverter = {
  columns: [
    nameColumn(),
    column(
      'Type',
      'type determines how the Service is exposed. Defaults to ClusterIP. Valid options are ExternalName, ClusterIP, NodePort, and LoadBalancer.',
    ),
    column('Cluster-IP', 'clusterIP is the IP address of the service and is usually assigned randomly.'),
    column(
      'External-IP',
      'externalIPs is a list of IP addresses for which nodes in the cluster will also accept traffic for this service.',
    ),
    column('Port(s)', 'The list of ports that are exposed by this service.'),
    ageColumn(),
    column('Selector', 'Route service traffic to pods with label keys and values matching this selector.', {
      priority: 1,
    }),
  ],
  cells(object: KubeObject, now: number): unknown[] {
    const service = object as Service;
    return [
      nameOf(service),
      service.spec?.type ?? '',
      service.spec?.clusterIPs?.[0] || service.spec?.clusterIP || '<none>',
      serviceExternalIP(service),
      servicePorts(service),
      ageOf(service, now),
      formatLabels(service.spec?.selector),
    ];
  },
};
