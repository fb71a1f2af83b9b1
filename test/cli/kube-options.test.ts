/** The cluster flags repeated in the commands the CLI suggests, quoted for a POSIX shell where needed. */
import { describe, expect, it } from 'vitest';
import { clusterFlags } from '../../src/cli/kube-options.js';
import { parseTarget } from '../../src/cli/target.js';

describe('clusterFlags', () => {
  it.each<[string, { kubeconfig?: string; context?: string }, string]>([
    ['nothing given', {}, ''],
    ['a plain path', { kubeconfig: '.sim/kubeconfig' }, ' --kubeconfig .sim/kubeconfig'],
    ['both', { kubeconfig: '/k/c', context: 'prod-eu' }, ' --kubeconfig /k/c --context prod-eu'],
    ['a path with a space', { kubeconfig: '/my dir/kc' }, " --kubeconfig '/my dir/kc'"],
    ['a quote and $', { context: "it's $HOME" }, ` --context 'it'\\''s $HOME'`],
  ])('%s', (_name, values, expected) => {
    expect(clusterFlags(values)).toBe(expected);
  });
});

describe('parseTarget', () => {
  it('takes one NAMESPACE[/DEPLOYMENT]', () => {
    expect(parseTarget(['payments/api'])).toEqual({ namespace: 'payments', deployment: 'api' });
    expect(parseTarget(['payments'])).toEqual({ namespace: 'payments', deployment: undefined });
  });

  it('refuses a second argument instead of ignoring it', () => {
    expect(() => parseTarget(['payments', 'orders'])).toThrow('unexpected argument "orders"');
  });
});
