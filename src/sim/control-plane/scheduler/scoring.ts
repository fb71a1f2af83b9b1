/**
 * Picks the node for a pod among those that fit: NodeResourcesFit's LeastAllocated strategy (the most free CPU
 * and memory after placing the pod, averaged), which spreads replicas across nodes. Ties go to the first node
 * by name, so the sim is deterministic where the real scheduler picks at random.
 */
import type { Pod } from '../../../kube/types.js';
import type { NodeSnapshot } from './node-snapshot.js';
import { nonZeroRequests } from './pod-resources.js';

function freeFraction(allocatable: number | undefined, requested: number): number {
  if (!allocatable || allocatable <= 0) return 0;
  return Math.max(0, allocatable - requested) / allocatable;
}

export function leastAllocatedScore(pod: Pod, snapshot: NodeSnapshot): number {
  const incoming = nonZeroRequests(pod);
  const cpu = freeFraction(
    snapshot.allocatable.get('cpu'),
    snapshot.nonZeroRequested.milliCpu + incoming.milliCpu,
  );
  const memory = freeFraction(
    snapshot.allocatable.get('memory'),
    snapshot.nonZeroRequested.memory + incoming.memory,
  );
  return ((cpu + memory) / 2) * 100;
}

export function pickNode(pod: Pod, feasible: readonly NodeSnapshot[]): NodeSnapshot | undefined {
  let best: { snapshot: NodeSnapshot; score: number } | undefined;
  for (const snapshot of [...feasible].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
    const score = leastAllocatedScore(pod, snapshot);
    if (!best || score > best.score + 1e-9) best = { snapshot, score };
  }
  return best?.snapshot;
}
