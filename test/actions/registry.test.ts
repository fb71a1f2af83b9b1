/** The fix catalog: every action kind of SPEC §4 is registered exactly once, with a coherent definition. */
import { describe, expect, it } from 'vitest';
import { actionFor, actions } from '../../src/actions/index.js';
import { ACTION_KINDS } from '../../src/domain/categories.js';

// SPEC §4, spelled out here so that a kind dropped from the domain enum fails too.
const SPEC_KINDS = [
  'set_env',
  'set_resources',
  'set_probe',
  'set_image',
  'rollback',
  'restart',
  'scale',
  'delete_pod',
  'manual',
];

describe('the action registry', () => {
  it('has every SPEC action kind once, and nothing else', () => {
    const kinds = actions.map((action) => action.kind);
    expect([...kinds].sort()).toEqual([...SPEC_KINDS].sort());
    expect(new Set(kinds).size).toBe(kinds.length);
    expect([...ACTION_KINDS].sort()).toEqual([...SPEC_KINDS].sort());
  });

  it.each(SPEC_KINDS)('actionFor(%s) finds its definition', (kind) => {
    const definition = actionFor(kind as (typeof ACTION_KINDS)[number]);
    expect(definition.kind).toBe(kind);
    expect(definition.targets.length).toBeGreaterThan(0);
  });

  it('fails loudly for a kind it does not know', () => {
    expect(() => actionFor('drop_database' as never)).toThrow('no action definition for drop_database');
  });

  it('only container-editing kinds need a container, and they target Deployments', () => {
    const needing = actions.filter((action) => action.needsContainer).map((action) => action.kind);
    expect(needing.sort()).toEqual(['set_env', 'set_image', 'set_probe', 'set_resources']);
    for (const action of actions.filter((candidate) => candidate.needsContainer))
      expect(action.targets).toEqual(['Deployment']);
  });

  it('every params schema is strict: unknown fields are refused', () => {
    for (const action of actions) {
      const result = action.params.safeParse({ unexpectedField: true });
      expect(result.success, action.kind).toBe(false);
    }
  });
});
