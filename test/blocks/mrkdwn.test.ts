import { describe, expect, it } from 'vitest';
import {
  clipMrkdwn,
  clipRaw,
  codeBlock,
  cutNote,
  escapeAndClip,
  escapeMrkdwn,
  inlineCode,
  mention,
} from '../../blocks/mrkdwn.js';

/** True when no `&…;` entity or `<…>` token is cut open at the end of the kept text. */
function endsCleanly(text: string): boolean {
  const kept = text.replace(/… \[[\d,]+ more characters cut\]$/, '').replace(/\n```$/, '');
  return !/&[a-z#0-9]*$/.test(kept) && kept.lastIndexOf('<') <= kept.lastIndexOf('>');
}

describe('escapeMrkdwn', () => {
  it('escapes the three control characters, & first', () => {
    expect(escapeMrkdwn('a < b && c > d <!channel> &lt;')).toBe(
      'a &lt; b &amp;&amp; c &gt; d &lt;!channel&gt; &amp;lt;',
    );
  });
});

describe('escapeAndClip', () => {
  it('leaves short text whole', () => {
    expect(escapeAndClip('x < y', 100)).toBe('x &lt; y');
  });

  it('never exceeds the limit and never splits an entity, at every limit', () => {
    const raw = '<<&&>>'.repeat(40);
    for (let max = 30; max < 200; max += 1) {
      const clipped = escapeAndClip(raw, max);
      expect(clipped.length, `max ${max}`).toBeLessThanOrEqual(max);
      expect(endsCleanly(clipped), clipped).toBe(true);
    }
  });

  it('says how many characters were cut', () => {
    const clipped = escapeAndClip('a'.repeat(1000), 100);
    const kept = clipped.replace(/… \[.*$/, '').length;
    expect(clipped.endsWith(cutNote(1000 - kept))).toBe(true);
  });

  it('does not halve an emoji', () => {
    const clipped = escapeAndClip('🔥'.repeat(100), 60);
    expect(clipped).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])/);
  });
});

describe('clipMrkdwn', () => {
  it('backs out of an entity, a mention and a date token', () => {
    const built = `${'x'.repeat(40)} &amp; <@U0BOB> <!date^1795269720^{time}|14:02 UTC> ${'y'.repeat(200)}`;
    for (let max = 40; max < 140; max += 1) {
      const clipped = clipMrkdwn(built, max);
      expect(clipped.length).toBeLessThanOrEqual(max);
      expect(endsCleanly(clipped), clipped).toBe(true);
    }
  });

  it('closes a code block it cut open', () => {
    const built = `*Evidence*\n\`\`\`\n${'log line\n'.repeat(100)}\`\`\``;
    const clipped = clipMrkdwn(built, 200);
    expect((clipped.match(/```/g) ?? []).length % 2).toBe(0);
    expect(clipped.length).toBeLessThanOrEqual(200);
  });
});

describe('codeBlock', () => {
  it('keeps triple backticks in the data from closing the block', () => {
    const block = codeBlock(['before ``` after', 'x < y']);
    expect(block.startsWith('```\n') && block.endsWith('\n```')).toBe(true);
    expect(block.slice(4, -4)).not.toContain('```');
    expect(block).toContain('x &lt; y');
  });

  it('keeps whole lines within the limit and counts what it left out', () => {
    const lines = Array.from({ length: 500 }, (_, index) => `line ${index} & more`);
    const block = codeBlock(lines, 1000);
    expect(block.length).toBeLessThanOrEqual(1000);
    expect(block).toContain('line 0 &amp; more');
    const kept = block.split('\n').filter((line) => line.startsWith('line ')).length;
    expect(block).toContain(`… ${500 - kept} more lines`);
  });

  it('clips a single line longer than the limit', () => {
    expect(codeBlock(['<'.repeat(5000)], 500).length).toBeLessThanOrEqual(500);
  });
});

describe('inlineCode and clipRaw', () => {
  it('inline code cannot be closed early by a backtick in the data', () => {
    expect(inlineCode('a `b` c')).toBe('`a ˋbˋ c`');
  });

  it('clipRaw keeps surrogate pairs whole', () => {
    expect(clipRaw('ab🔥cd', 4)).toBe('ab…');
    expect(clipRaw('short', 10)).toBe('short');
  });
});

describe('mention', () => {
  it.each([
    ['U024BE7LH', '<@U024BE7LH>'],
    ['W0ENTERPRISE', '<@W0ENTERPRISE>'],
    ['S0614TZR7', '<!subteam^S0614TZR7>'],
    ['sre-bot', 'sre-bot'],
    ['cli:alice', 'alice (CLI)'],
    ['<!channel>', '&lt;!channel&gt;'],
    ['u024be7lh', 'u024be7lh'],
  ])('%s → %s', (id, expected) => {
    expect(mention(id)).toBe(expected);
  });
});
