import { describe, expect, it } from 'vitest';
import { buildExecutionLog } from '../../blocks/execution-log.js';
import { checkMessage } from '../../blocks/limits.js';
import { fields, header, message, plainText, section } from '../../blocks/message.js';
import { setEnvProposal } from './fixtures/payments.js';

describe('block constructors', () => {
  it('clip a section to 3,000 characters without breaking its mrkdwn', () => {
    const long = section(`*Title*\n\`\`\`\n${'x &amp; y\n'.repeat(1000)}\`\`\``);
    expect(long.text?.text.length).toBeLessThanOrEqual(3000);
    expect(((long.text?.text ?? '').match(/```/g) ?? []).length % 2).toBe(0);
  });

  it('clip a header to 150 characters of plain text', () => {
    expect(header('h'.repeat(400)).text.text.length).toBeLessThanOrEqual(150);
    expect(plainText('', 10).text.length).toBeGreaterThan(0);
  });

  it('keep at most 10 fields of at most 2,000 characters', () => {
    const block = fields(Array.from({ length: 12 }, (_, index) => [`f${index}`, 'v'.repeat(5000)] as const));
    expect(block.fields).toHaveLength(10);
    for (const field of block.fields ?? []) expect(field.text.length).toBeLessThanOrEqual(2000);
  });

  it('never send an empty fallback text', () => {
    expect(message('   ', []).text).toBe('sre-bot');
  });

  it('keep a message with many long steps within limits', () => {
    const steps = Array.from({ length: 60 }, (_, index) => ({
      kind: 'note' as const,
      at: '2026-11-21T14:05:00.000Z',
      text: `step ${index} ${'<&>'.repeat(120)}`,
    }));
    const log = buildExecutionLog({ proposal: setEnvProposal, approvedBy: 'U0BOB', steps });
    expect(checkMessage(log)).toEqual([]);
    expect(JSON.stringify(log)).toContain('more characters cut');
  });
});
