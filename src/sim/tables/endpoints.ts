/** `kubectl get endpoints`: NAME ENDPOINTS AGE, ENDPOINTS like `10.244.1.5:8080,10.244.2.7:8080 + 1 more...`. */
import type { Endpoints, KubeObject } from '../../kube/types.js';
import type { TableConverter } from '../resources/descriptor.js';
import { ageColumn, ageOf, column, nameColumn, nameOf } from './columns.js';

const SHOWN = 3;

/** `net.JoinHostPort`: IPv6 addresses get brackets. */
const joinHostPort = (ip: string, port: number): string =>
  ip.includes(':') ? `[${ip}]:${port}` : `${ip}:${port}`;

/** `formatEndpoints`: the first three ready `ip:port` pairs over all subsets, then `+ N more...`. */
export function formatEndpoints(endpoints: Endpoints): string {
  const subsets = endpoints.subsets ?? [];
  if (subsets.length === 0) return '<none>';
  const shown: string[] = [];
  let count = 0;
  for (const subset of subsets) {
    const addresses = subset.addresses ?? [];
    // Headless services may have no ports: then the bare IPs are listed.
    const ports = subset.ports?.length ? subset.ports.map((p) => p.port) : [undefined];
    for (const port of ports) {
      count += addresses.length;
      for (const address of addresses) {
        if (shown.length === SHOWN) break;
        shown.push(port === undefined ? address.ip : joinHostPort(address.ip, port));
      }
    }
  }
  const listed = shown.join(',');
  return count > SHOWN ? `${listed} + ${count - SHOWN} more...` : listed;
}

export const endpointsTable: TableConverter = {
  columns: [
    nameColumn(),
    column(
      'Endpoints',
      'The set of all endpoints is the union of all subsets. Addresses are placed into subsets according to the IPs they share. A single address with multiple ports, some of which are ready and some of which are not (because they come from different containers) will result in the address being displayed in different subsets for the different ports.',
    ),
    ageColumn(),
  ],
  cells(object: KubeObject, now: number): unknown[] {
    const endpoints = object as Endpoints;
    return [nameOf(endpoints), formatEndpoints(endpoints), ageOf(endpoints, now)];
  },
};
