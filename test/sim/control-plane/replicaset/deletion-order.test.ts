/** The order in which a ReplicaSet deletes surplus pods (`ActivePodsWithRanks`). */
import { describe, expect, it } from 'vitest';
import type { Pod } from '../../../../src/kube/types.js';
import { rankForDeletion } from '../../../../src/sim/control-plane/replicaset/deletion-order.js';

const NOW = Date.parse('2026-01-01T12:00:00Z');
const ago = (ms: number): string => new Date(NOW - ms).toISOString().replace('.000Z', 'Z');

function pod(
  name: string,
  options: {
    node?: string;
    phase?: string;
    readyFor?: number;
    createdAgo?: number;
    restarts?: number;
    cost?: string;
  } = {},
): Pod {
  return {
    metadata: {
      name,
      uid: `uid-${name}`,
      creationTimestamp: ago(options.createdAgo ?? 3_600_000),
      ...(options.cost
        ? { annotations: { 'controller.kubernetes.io/pod-deletion-cost': options.cost } }
        : {}),
    },
    spec: { containers: [{ name: 'app' }], ...(options.node ? { nodeName: options.node } : {}) },
    status: {
      phase: options.phase ?? 'Pending',
      ...(options.readyFor !== undefined
        ? { conditions: [{ type: 'Ready', status: 'True', lastTransitionTime: ago(options.readyFor) }] }
        : {}),
      ...(options.restarts
        ? { containerStatuses: [{ name: 'app', restartCount: options.restarts } as never] }
        : {}),
    },
  };
}

const names = (pods: Pod[]): string[] => pods.map((p) => p.metadata!.name!);

describe('deletion order', () => {
  it('unscheduled < pending < running-not-ready < ready', () => {
    const pods = [
      pod('ready', { node: 'n1', phase: 'Running', readyFor: 60_000 }),
      pod('running', { node: 'n1', phase: 'Running' }),
      pod('pending', { node: 'n1', phase: 'Pending' }),
      pod('unscheduled'),
    ];
    expect(names(rankForDeletion(pods, [], NOW))).toEqual(['unscheduled', 'pending', 'running', 'ready']);
  });

  it('prefers a lower pod-deletion-cost, then the more recently ready, then more restarts, then the newer', () => {
    const base = { node: 'n1', phase: 'Running', readyFor: 3_600_000 };
    expect(
      names(
        rankForDeletion(
          [pod('cheap', { ...base, cost: '-5' }), pod('dear', { ...base, cost: '10' })],
          [],
          NOW,
        ),
      ),
    ).toEqual(['cheap', 'dear']);
    expect(
      names(rankForDeletion([pod('old', base), pod('fresh', { ...base, readyFor: 5_000 })], [], NOW)),
    ).toEqual(['fresh', 'old']);
    expect(
      names(rankForDeletion([pod('calm', base), pod('flappy', { ...base, restarts: 4 })], [], NOW)),
    ).toEqual(['flappy', 'calm']);
    const pending = { node: 'n1', phase: 'Pending' };
    expect(
      names(
        rankForDeletion(
          [
            pod('older', { ...pending, createdAgo: 7_200_000 }),
            pod('newer', { ...pending, createdAgo: 60_000 }),
          ],
          [],
          NOW,
        ),
      ),
    ).toEqual(['newer', 'older']);
  });

  it('deletes first from the node that runs more pods of the same Deployment', () => {
    const running = { phase: 'Running', readyFor: 3_600_000 };
    const crowded = pod('crowded', { ...running, node: 'n1' });
    const alone = pod('alone', { ...running, node: 'n2' });
    const sibling = pod('sibling', { ...running, node: 'n1' });
    expect(names(rankForDeletion([alone, crowded], [alone, crowded, sibling], NOW))).toEqual([
      'crowded',
      'alone',
    ]);
  });
});
