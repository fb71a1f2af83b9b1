/** checkMessage must catch each limit, or the invariant tests that expect no violations prove nothing. */
import { describe, expect, it } from 'vitest';
import { checkMessage } from '../../blocks/limits.js';

const text = (value: string, type = 'mrkdwn') => ({ type, text: value });
const plain = (value: string) => text(value, 'plain_text');
const button = (overrides: Record<string, unknown> = {}) => ({
  type: 'button',
  action_id: 'proposal-approve',
  text: plain('Approve'),
  value: '{}',
  ...overrides,
});
const valid = {
  text: 'fallback',
  blocks: [
    { type: 'header', text: plain('Header') },
    { type: 'section', text: text('Body'), block_id: 'a' },
    { type: 'section', fields: [text('x'), text('y')] },
    { type: 'context', elements: [text('ctx')] },
    { type: 'divider' },
    { type: 'actions', block_id: 'b', elements: [button(), button({ action_id: 'proposal-reject' })] },
  ],
};
const withBlock = (block: unknown) => ({ text: 'fallback', blocks: [block] });
const confirmWith = (overrides: Record<string, unknown>) =>
  withBlock({
    type: 'actions',
    elements: [
      button({
        confirm: {
          title: plain('t'),
          text: plain('x'),
          confirm: plain('ok'),
          deny: plain('no'),
          ...overrides,
        },
      }),
    ],
  });

describe('checkMessage', () => {
  it('accepts a valid message', () => {
    expect(checkMessage(valid)).toEqual([]);
  });

  it.each<[string, unknown]>([
    ['message', 'not an object'],
    ['fallback-text', { blocks: [] }],
    ['fallback-text', { text: '   ', blocks: [] }],
    ['fallback-text', { text: 'x'.repeat(40_001) }],
    ['block-count', { text: 'x', blocks: Array.from({ length: 51 }, () => ({ type: 'divider' })) }],
    ['block', withBlock({ text: plain('no type') })],
    ['block-id', withBlock({ type: 'divider', block_id: 'x'.repeat(256) })],
    [
      'block-id-unique',
      {
        text: 'x',
        blocks: [
          { type: 'divider', block_id: 'a' },
          { type: 'divider', block_id: 'a' },
        ],
      },
    ],
    ['header', withBlock({ type: 'header', text: plain('h'.repeat(151)) })],
    ['header', withBlock({ type: 'header', text: text('mrkdwn header') })],
    ['section', withBlock({ type: 'section' })],
    ['section-text', withBlock({ type: 'section', text: text('') })],
    ['section-text', withBlock({ type: 'section', text: text('s'.repeat(3001)) })],
    ['section-fields', withBlock({ type: 'section', fields: Array.from({ length: 11 }, () => text('f')) })],
    ['field-text', withBlock({ type: 'section', fields: [text('f'.repeat(2001))] })],
    [
      'context-elements',
      withBlock({ type: 'context', elements: Array.from({ length: 11 }, () => text('c')) }),
    ],
    ['context-elements', withBlock({ type: 'context', elements: [] })],
    ['context-text', withBlock({ type: 'context', elements: [text('')] })],
    [
      'actions-elements',
      withBlock({
        type: 'actions',
        elements: Array.from({ length: 26 }, (_, i) => button({ action_id: `a${i}` })),
      }),
    ],
    ['action-id-unique', withBlock({ type: 'actions', elements: [button(), button()] })],
    ['action-id', withBlock({ type: 'actions', elements: [button({ action_id: 'a'.repeat(256) })] })],
    ['button-text', withBlock({ type: 'actions', elements: [button({ text: plain('b'.repeat(76)) })] })],
    ['button-text', withBlock({ type: 'actions', elements: [button({ text: text('*mrkdwn*') })] })],
    ['button-value', withBlock({ type: 'actions', elements: [button({ value: 'v'.repeat(2001) })] })],
    ['button-style', withBlock({ type: 'actions', elements: [button({ style: 'green' })] })],
    ['button-text', withBlock({ type: 'section', text: text('s'), accessory: button({ text: plain('') }) })],
    ['confirm-title', confirmWith({ title: plain('t'.repeat(101)) })],
    ['confirm-text', confirmWith({ text: plain('t'.repeat(301)) })],
    ['confirm-confirm', confirmWith({ confirm: plain('c'.repeat(31)) })],
    ['confirm-deny', confirmWith({ deny: plain('d'.repeat(31)) })],
    ['confirm-style', confirmWith({ style: 'green' })],
  ])('reports %s', (rule, message) => {
    expect(checkMessage(message).map((violation) => violation.rule)).toContain(rule);
  });

  it('gives a path to each violation', () => {
    const [violation] = checkMessage(confirmWith({ text: plain('t'.repeat(301)) }));
    expect(violation?.path).toBe('blocks[0].elements[0].confirm.text');
  });
});
