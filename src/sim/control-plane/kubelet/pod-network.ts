/**
 * Pod IPs, as the host-local IPAM of a CNI plugin hands them out: from the node's `podCIDR`, starting at .2
 * (.1 is the bridge), sequentially, skipping addresses still in use and wrapping around. The host IP is the
 * node's InternalIP.
 */
import type { Node } from '../../../kube/types.js';

type NodeAllocator = { base: number[]; size: number; lastOffset: number; inUse: Set<string> };

function parseCidr(cidr: string | undefined): { base: number[]; size: number } | undefined {
  const match = /^(\d+)\.(\d+)\.(\d+)\.(\d+)\/(\d+)$/.exec(cidr ?? '');
  if (!match) return undefined;
  const octets = match.slice(1, 5).map(Number);
  const prefix = Number(match[5]);
  if (octets.some((octet) => octet > 255) || prefix < 8 || prefix > 30) return undefined;
  return { base: octets, size: 2 ** (32 - prefix) };
}

function addressAt(base: number[], offset: number): string {
  const start = ((base[0] ?? 0) << 24) | ((base[1] ?? 0) << 16) | ((base[2] ?? 0) << 8) | (base[3] ?? 0);
  const value = (start + offset) >>> 0;
  return [value >>> 24, (value >>> 16) & 255, (value >>> 8) & 255, value & 255].join('.');
}

export function hostIpOf(node: Node | undefined): string | undefined {
  return node?.status?.addresses?.find((address) => address.type === 'InternalIP')?.address;
}

export class PodNetwork {
  readonly #allocators = new Map<string, NodeAllocator>();

  #allocator(node: Node): NodeAllocator {
    const name = node.metadata?.name ?? '';
    let allocator = this.#allocators.get(name);
    if (!allocator) {
      // A node without a podCIDR (a scenario's own Node object) still gets a distinct, plausible range.
      const index = [...this.#allocators.keys()].length + 100;
      const range = parseCidr(node.spec?.podCIDR) ?? { base: [10, 244, index % 256, 0], size: 256 };
      allocator = { ...range, lastOffset: 1, inUse: new Set() };
      this.#allocators.set(name, allocator);
    }
    return allocator;
  }

  allocate(node: Node): string | undefined {
    const allocator = this.#allocator(node);
    // Offsets 2 … size-2: not the network address, the bridge (.1) or the broadcast address.
    const usable = Math.max(1, allocator.size - 3);
    for (let attempt = 0; attempt < usable; attempt += 1) {
      const offset = 2 + ((allocator.lastOffset - 1 + attempt) % usable);
      const address = addressAt(allocator.base, offset);
      if (allocator.inUse.has(address)) continue;
      allocator.inUse.add(address);
      allocator.lastOffset = offset;
      return address;
    }
    return undefined;
  }

  release(nodeName: string, address: string | undefined): void {
    if (address) this.#allocators.get(nodeName)?.inUse.delete(address);
  }
}
