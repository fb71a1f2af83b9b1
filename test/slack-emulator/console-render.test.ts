/**
 * The console's rendering modules (browser ES modules, no build step) run unchanged under Node: mrkdwn and Block
 * Kit to HTML, including the escaping that keeps bot-supplied text from becoming markup.
 */
import { describe, expect, it } from 'vitest';

type RenderContext = {
  me?: string;
  names?: Record<string, string>;
  groups?: Record<string, string>;
  groupMembers?: Record<string, string[]>;
  channels?: Record<string, string>;
  registerButton?: (element: Record<string, unknown>, block: Record<string, unknown>) => string;
};
type MrkdwnModule = { mrkdwnToHtml(text: string, context?: RenderContext): string };
type BlocksModule = {
  renderBlocks(blocks: unknown[], context?: RenderContext): string;
  renderMessageBody(
    message: { text?: string; blocks?: unknown[]; attachments?: unknown[] },
    context?: RenderContext,
  ): string;
};

// Imported by URL: they are plain .js files with no type declarations, so the compiler must not resolve them.
const consoleModule = (name: string) =>
  new URL(`../../src/slack-emulator/console/${name}`, import.meta.url).href;
const { mrkdwnToHtml } = (await import(consoleModule('mrkdwn.js'))) as MrkdwnModule;
const { renderBlocks, renderMessageBody } = (await import(consoleModule('blocks.js'))) as BlocksModule;

const context: RenderContext = {
  me: 'U0ALICE',
  names: { U0ALICE: 'alice', U0BOB: 'bob' },
  groups: { S0ONCALL: 'sre-oncall' },
  groupMembers: { S0ONCALL: ['U0BOB'] },
  channels: { C0INCIDENTS: 'incidents' },
};

describe('mrkdwn', () => {
  it('formats bold, italics, strike, code and emoji', () => {
    expect(mrkdwnToHtml('*Root cause:* _maybe_ ~not~ `kubectl` :fire:', context)).toBe(
      '<b>Root cause:</b> <i>maybe</i> <s>not</s> <code>kubectl</code> 🔥',
    );
  });

  it('leaves markers inside words and code alone', () => {
    expect(mrkdwnToHtml('REQUIRED_CONFIG and snake_case_name', context)).toBe(
      'REQUIRED_CONFIG and snake_case_name',
    );
    expect(mrkdwnToHtml('```\nlog: *not bold*\n```', context)).toBe(
      '<pre class="code-block">log: *not bold*\n</pre>',
    );
  });

  it('renders mentions by name, highlighting the current user', () => {
    const html = mrkdwnToHtml(
      '*Approved by <@U0ALICE>* cc <@U0BOB> <!subteam^S0ONCALL> in <#C0INCIDENTS> <!here>',
      context,
    );
    expect(html).toBe(
      '<b>Approved by <span class="mention user self">@alice</span></b> cc <span class="mention user">@bob</span> ' +
        '<span class="mention group">@sre-oncall</span> in <span class="mention channel">#incidents</span> ' +
        '<span class="mention special self">@here</span>',
    );
  });

  it('renders links and decodes Slack entities without letting markup through', () => {
    expect(mrkdwnToHtml('<https://grafana.example/d?a=1&amp;b=2|Grafana> and <mailto:x@y.z>', context)).toBe(
      '<a href="https://grafana.example/d?a=1&amp;b=2" target="_blank" rel="noopener noreferrer">Grafana</a> and ' +
        '<a href="mailto:x@y.z" target="_blank" rel="noopener noreferrer">x@y.z</a>',
    );
    expect(mrkdwnToHtml('rate &gt; 0.5 &amp;&amp; up &lt; 1', context)).toBe(
      'rate &gt; 0.5 &amp;&amp; up &lt; 1',
    );
    expect(mrkdwnToHtml('<javascript:alert(1)|click> <img src=x onerror=alert(1)>', context)).not.toMatch(
      /<img|<a /,
    );
    expect(mrkdwnToHtml('> quoted\nplain', context)).toBe('<span class="quote">quoted</span><br>plain');
  });
});

describe('Block Kit', () => {
  it('renders header, section with fields, context, divider and actions, registering each button', () => {
    const registered: string[] = [];
    const html = renderBlocks(
      [
        { type: 'header', text: { type: 'plain_text', text: 'payments <down>' } },
        {
          type: 'section',
          text: { type: 'mrkdwn', text: '*Cause*' },
          fields: [
            { type: 'mrkdwn', text: '*Namespace:*\npayments' },
            { type: 'plain_text', text: 'Risk: low' },
          ],
        },
        { type: 'context', elements: [{ type: 'mrkdwn', text: 'by <@U0BOB>' }] },
        { type: 'divider' },
        {
          type: 'actions',
          block_id: 'p1',
          elements: [
            {
              type: 'button',
              action_id: 'approve',
              style: 'primary',
              text: { type: 'plain_text', text: 'Approve' },
            },
            {
              type: 'button',
              action_id: 'reject',
              style: 'danger',
              text: { type: 'plain_text', text: 'Reject' },
            },
          ],
        },
        { type: 'video' },
      ],
      {
        ...context,
        registerButton: (element, block) => {
          registered.push(`${String(block['block_id'])}/${String(element['action_id'])}`);
          return String(registered.length);
        },
      },
    );
    expect(registered).toEqual(['p1/approve', 'p1/reject']);
    expect(html).toContain('<div class="block header">payments &lt;down&gt;</div>');
    expect(html).toContain(
      '<div class="fields"><div><b>Namespace:</b><br>payments</div><div>Risk: low</div></div>',
    );
    expect(html).toContain(
      '<div class="block context"><span>by <span class="mention user">@bob</span></span></div>',
    );
    expect(html).toContain('<hr class="block divider">');
    expect(html).toContain(
      '<button type="button" class="block-button primary" data-button="1">Approve</button>',
    );
    expect(html).toContain(
      '<button type="button" class="block-button danger" data-button="2">Reject</button>',
    );
    expect(html).toContain('[video block: not shown by the emulator]');
  });

  it('shows text when a message has no blocks, and attachments with their colour bar', () => {
    expect(renderMessageBody({ text: 'hello *world*' }, context)).toBe(
      '<div class="block section-text">hello <b>world</b></div>',
    );
    const html = renderMessageBody(
      { text: 'x', attachments: [{ color: '#EF311F', text: 'firing' }] },
      context,
    );
    expect(html).toContain(
      '<div class="attachment" style="border-left-color:#EF311F"><div>firing</div></div>',
    );
  });
});
