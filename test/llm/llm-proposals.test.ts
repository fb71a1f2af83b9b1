import { describe, expect, it } from 'vitest';
import { validateLlmProposals } from '../../src/diagnosis/llm-proposals.js';
import type { LlmProposal } from '../../src/llm/parse-llm-output.js';
import { paymentsSnapshot } from './fixtures/snapshots.js';

const snapshot = paymentsSnapshot();
const restart: LlmProposal = {
  action: 'restart',
  target: { kind: 'Deployment', name: 'payments', container: null },
  params: '{}',
  rationale: 'r',
};

describe('validateLlmProposals', () => {
  it('fills the diagnosed namespace, decodes JSON-text params and accepts object params', () => {
    const result = validateLlmProposals(
      [
        restart,
        {
          action: 'scale',
          target: { kind: 'Deployment', name: 'payments' },
          params: { replicas: 3 },
          rationale: 'r',
        },
      ],
      { snapshot, workload: 'payments', allowedNamespaces: () => true },
    );
    expect(result.rejected).toEqual([]);
    expect(result.proposals.map((p) => [p.action, p.target, p.params])).toEqual([
      ['restart', { kind: 'Deployment', namespace: 'payments', name: 'payments' }, {}],
      ['scale', { kind: 'Deployment', namespace: 'payments', name: 'payments' }, { replicas: 3 }],
    ]);
  });

  it('accepts only manual steps when no workload was diagnosed', () => {
    const manual: LlmProposal = {
      action: 'manual',
      target: { kind: 'Namespace', name: 'payments' },
      params: '{"instruction":"Check the node pool."}',
      rationale: 'r',
    };
    const result = validateLlmProposals([restart, manual], {
      snapshot,
      workload: undefined,
      allowedNamespaces: () => true,
    });
    expect(result.proposals.map((p) => p.action)).toEqual(['manual']);
    expect(result.rejected.map((r) => r.reason)).toEqual([
      'no workload was diagnosed, so only manual steps are accepted from the model',
    ]);
  });

  it('refuses a namespace the configuration does not allow', () => {
    const result = validateLlmProposals([restart], {
      snapshot,
      workload: 'payments',
      allowedNamespaces: () => false,
    });
    expect(result.rejected[0]!.reason).toMatch(/not in the allowed namespaces/);
  });

  it('refuses params that are JSON but not an object, and proposals beyond the third', () => {
    const result = validateLlmProposals([{ ...restart, params: '[1]' }, restart, restart, restart], {
      snapshot,
      workload: 'payments',
      allowedNamespaces: () => true,
    });
    expect(result.rejected.map((r) => r.reason)).toEqual([
      'params must be a JSON object',
      'more than 3 proposals',
    ]);
    // The same change twice is one proposal.
    expect(result.proposals).toHaveLength(1);
  });
});
