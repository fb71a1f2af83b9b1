import { describe, expect, it } from 'vitest';
import { encodeButtonValue, parseButtonValue } from '../../blocks/button-value.js';
import { BLOCK_KINDS, blockId, parseBlockId } from '../../blocks/ids.js';

describe('button values', () => {
  it('round-trip through encode and parse', () => {
    const encoded = encodeButtonValue({
      incidentId: 'inc-payments-payments-mh4k2',
      proposalId: '14599b381795cfa6',
    });
    expect(parseButtonValue(encoded)).toEqual({
      ok: true,
      value: { v: 1, incidentId: 'inc-payments-payments-mh4k2', proposalId: '14599b381795cfa6' },
    });
  });

  it('stay compact and under Slack’s 2,000 characters at the longest ids', () => {
    const encoded = encodeButtonValue({ incidentId: 'i'.repeat(200), proposalId: 'p'.repeat(200) });
    expect(encoded).not.toMatch(/\s/);
    expect(encoded.length).toBeLessThan(2000);
  });

  it('refuse to encode an id the parser would reject', () => {
    expect(() => encodeButtonValue({ incidentId: 'has space', proposalId: 'p' })).toThrow();
    expect(() => encodeButtonValue({ incidentId: 'i'.repeat(201), proposalId: 'p' })).toThrow();
  });

  it.each<[string, unknown]>([
    ['undefined', undefined],
    ['a number', 42],
    ['an empty string', ''],
    ['not JSON', '{"v":1,'],
    ['JSON null', 'null'],
    ['an array', '[1,2]'],
    ['the legacy D7 shape', '{"proposalId":"prop-42"}'],
    ['a future version', '{"v":2,"incidentId":"i","proposalId":"p"}'],
    ['an unknown key', '{"v":1,"incidentId":"i","proposalId":"p","admin":true}'],
    ['an empty id', '{"v":1,"incidentId":"","proposalId":"p"}'],
    ['a non-string id', '{"v":1,"incidentId":7,"proposalId":"p"}'],
    ['too long', `{"v":1,"incidentId":"${'i'.repeat(2000)}","proposalId":"p"}`],
  ])('turn %s into a typed failure, without throwing', (_label, raw) => {
    const parsed = parseButtonValue(raw);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) {
      expect(parsed.error).toBe('malformed_button_value');
      expect(parsed.message.length).toBeGreaterThan(0);
    }
  });
});

describe('block ids', () => {
  it.each(BLOCK_KINDS)('%s carries the revision and parses back', (kind) => {
    expect(parseBlockId(blockId(kind, 7))).toEqual({ kind, revision: 7 });
    expect(blockId(kind, 7)).not.toBe(blockId(kind, 8));
  });

  it.each(['', 'proposal-actions', 'proposal-actions-r', 'other-block-r3', 'proposal-actions-r3x'])(
    'rejects %j',
    (value) => {
      expect(parseBlockId(value)).toBeUndefined();
    },
  );
});
