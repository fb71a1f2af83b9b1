/**
 * Cluster IP and node port allocation for Services, as the apiserver's allocators do it: random, unique among
 * the services in the store. Cluster IPs come from 10.96.0.0/16, preferring the upper range (offset ≥ 256) the
 * way the real allocator keeps the low band for statically chosen IPs such as 10.96.0.1 and 10.96.0.10.
 */
import type { Service } from '../../kube/types.js';
import type { DefaultingContext } from '../resources/descriptor.js';
import { storageKey } from '../resources/descriptor.js';

export const SERVICE_CIDR = '10.96.0.0/16';
const STATIC_BAND = 256;
const RANGE_SIZE = 65536;
export const NODE_PORT_MIN = 30000;
export const NODE_PORT_MAX = 32767;

const SERVICES = storageKey('', 'services');

function allServices(context: DefaultingContext): Service[] {
  return context.store.list(SERVICES);
}

function ipAt(offset: number): string {
  return `10.96.${Math.floor(offset / 256)}.${offset % 256}`;
}

/** The first free value found by probing upward from a random start within [low, high]. */
function pickFree(
  low: number,
  high: number,
  random: () => number,
  taken: (value: number) => boolean,
): number | undefined {
  const size = high - low + 1;
  const start = Math.floor(random() * size);
  for (let i = 0; i < size; i++) {
    const candidate = low + ((start + i) % size);
    if (!taken(candidate)) return candidate;
  }
  return undefined;
}

export function allocateClusterIP(context: DefaultingContext): string {
  const used = new Set(
    allServices(context).flatMap((s) => [s.spec?.clusterIP, ...(s.spec?.clusterIPs ?? [])]),
  );
  const taken = (offset: number) => used.has(ipAt(offset));
  // Network and broadcast addresses are never handed out.
  const offset =
    pickFree(STATIC_BAND, RANGE_SIZE - 2, context.random, taken) ??
    pickFree(2, STATIC_BAND - 1, context.random, taken);
  if (offset === undefined) throw new Error(`no IP addresses left in ${SERVICE_CIDR}`);
  return ipAt(offset);
}

/** A node port free in every stored service and not in `reserved` (ports already chosen for this service). */
export function allocateNodePort(context: DefaultingContext, reserved: ReadonlySet<number>): number {
  const used = new Set(allServices(context).flatMap((s) => (s.spec?.ports ?? []).map((p) => p.nodePort)));
  const port = pickFree(NODE_PORT_MIN, NODE_PORT_MAX, context.random, (p) => used.has(p) || reserved.has(p));
  if (port === undefined) throw new Error(`no node ports left in ${NODE_PORT_MIN}-${NODE_PORT_MAX}`);
  return port;
}
