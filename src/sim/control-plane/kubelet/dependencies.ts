/**
 * The `depends-on` behaviour: at start the program connects to each service it needs. It fails the way a
 * client library does: no Service ⇒ the DNS lookup fails (`no such host`); a Service without ready endpoints ⇒
 * `connection refused` on its cluster IP; a port the Service does not expose ⇒ the packets go nowhere (`i/o timeout`).
 */
import type { Endpoints, Service } from '../../../kube/types.js';
import type { ClusterApi } from '../../api/cluster-api.js';
import { endpoints } from '../../resources/endpoints.js';
import { services } from '../../resources/services.js';
import type { Dependency } from './behaviour.js';

/** kube-dns's address, where pods send their lookups. */
const CLUSTER_DNS = '10.96.0.10:53';

function hasReadyAddresses(found: Endpoints | undefined): boolean {
  return (found?.subsets ?? []).some((subset) => (subset.addresses ?? []).length > 0);
}

/** The line the program logs before exiting, or undefined when the dependency answers. */
export function dependencyFailure(
  api: ClusterApi,
  podNamespace: string,
  dependency: Dependency,
): string | undefined {
  const namespace = dependency.namespace ?? podNamespace;
  const host = dependency.target.split(':')[0] ?? dependency.service;
  const prefix = `Error: failed to connect to ${dependency.target}: dial tcp`;
  const service = api.find(services, namespace, dependency.service) as Service | undefined;
  const noSuchHost = `${prefix}: lookup ${host} on ${CLUSTER_DNS}: no such host`;
  if (!service) return noSuchHost;
  const ready = hasReadyAddresses(api.find(endpoints, namespace, dependency.service));
  const clusterIp = service.spec?.clusterIP;
  const servicePorts = (service.spec?.ports ?? []).map((p) => p.port);
  const port = dependency.port ?? servicePorts[0] ?? 80;
  // A headless Service resolves to its ready endpoints only: none, no address.
  if (clusterIp === 'None') return ready ? undefined : noSuchHost;
  const address = `${clusterIp ?? host}:${port}`;
  if (servicePorts.length > 0 && !servicePorts.includes(port)) return `${prefix} ${address}: i/o timeout`;
  if (!ready) return `${prefix} ${address}: connect: connection refused`;
  return undefined;
}
