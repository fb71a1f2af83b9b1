import { describe, expect, it } from 'vitest';
import { manual } from '../../src/actions/manual.js';
import { PlanError } from '../../src/actions/plan.js';
import { deploymentTarget, livePayments, planContext } from './fixtures.js';

const INSTRUCTION = {
  instruction: 'Create ConfigMap ledger-config with the key DATABASE_URL, then restart the deployment.',
  commands: ['kubectl -n ledger create configmap ledger-config --from-literal=DATABASE_URL=…'],
};

describe('manual params, risk and description', () => {
  it.each([
    ['an instruction', { instruction: 'Ask the platform team to raise the quota.' }],
    ['an instruction with commands', INSTRUCTION],
  ])('accepts %s', (_label, params) => {
    expect(manual.params.safeParse(params).success).toBe(true);
  });

  it.each([
    ['an empty instruction', { instruction: '' }],
    ['no instruction', { commands: ['kubectl get pods'] }],
    [
      'more than five commands',
      { instruction: 'x', commands: Array.from({ length: 6 }, () => 'kubectl get pods') },
    ],
    ['an instruction over 2000 characters', { instruction: 'x'.repeat(2001) }],
    ['an unknown field', { instruction: 'x', run: true }],
  ])('rejects %s', (_label, params) => {
    expect(manual.params.safeParse(params).success).toBe(false);
  });

  it('describes itself by its instruction, at low risk', () => {
    expect(manual.risk(INSTRUCTION)).toBe('low');
    expect(manual.describe(deploymentTarget(), INSTRUCTION)).toBe(INSTRUCTION.instruction);
  });
});

describe('manual plan', () => {
  it('never plans, whatever the live object', () => {
    const { deployment, replicaSets, pods } = livePayments();
    for (const context of [
      planContext(deploymentTarget(), { deployment, replicaSets }),
      planContext({ kind: 'Pod', namespace: 'payments', name: pods[0]!.metadata!.name! }, { pod: pods[0]! }),
      planContext({ kind: 'Namespace', namespace: 'payments', name: 'payments' }, {}),
    ]) {
      expect(() => manual.plan(INSTRUCTION, context)).toThrow(
        new PlanError('a manual instruction is never executed by the bot'),
      );
    }
  });
});
