/** Close matches for a mistyped namespace or deployment, and the messages that carry them. */
import { describe, expect, it } from 'vitest';
import { closestNames, NamespaceNotFoundError, WorkloadNotFoundError } from '../../src/observe/not-found.js';

const NAMESPACES = ['payments', 'payments-staging', 'checkout', 'default', 'kube-system', 'ledger'];

describe('closestNames', () => {
  it.each<[string, string[], string[]]>([
    ['paymnts', NAMESPACES, ['payments']],
    ['payment', NAMESPACES, ['payments', 'payments-staging']],
    ['checkuot', NAMESPACES, ['checkout']],
    ['ledgr', NAMESPACES, ['ledger']],
    ['zzzzzz', NAMESPACES, []],
    ['', [], []],
    ['a', ['a1', 'a2', 'a3', 'a4'], ['a1', 'a2', 'a3']],
  ])('%s ⇒ %j', (wanted, names, expected) => {
    expect(closestNames(wanted, names)).toEqual(expected);
  });
});

describe('not-found errors', () => {
  it.each<[Error, string]>([
    [
      new NamespaceNotFoundError('paymnts', ['payments']),
      'namespace "paymnts" not found — did you mean "payments"?',
    ],
    [new NamespaceNotFoundError('x', []), 'namespace "x" not found'],
    [
      new NamespaceNotFoundError('pay', ['payments', 'payroll']),
      'namespace "pay" not found — did you mean "payments" or "payroll"?',
    ],
    [
      new WorkloadNotFoundError('shop', 'ap', ['api'], ['api', 'web']),
      'deployment "ap" not found in namespace "shop" — did you mean "api"?',
    ],
    [
      new WorkloadNotFoundError('shop', 'zzz', [], ['api', 'web']),
      'deployment "zzz" not found in namespace "shop" (deployments there: api, web)',
    ],
    [
      new WorkloadNotFoundError('shop', 'zzz', [], []),
      'deployment "zzz" not found in namespace "shop" (it has no deployments)',
    ],
  ])('%s', (error, message) => {
    expect(error.message).toBe(message);
    expect((error as NamespaceNotFoundError).code).toBe('kube_not_found');
  });
});
