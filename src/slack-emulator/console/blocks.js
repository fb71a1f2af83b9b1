// Block Kit to HTML, close enough to Slack's look that a newcomer recognises a Slack message: header,
// section (text, fields, accessory), context, divider, actions (buttons), image, rich_text, markdown, and
// legacy attachments with their colour bar. Buttons are registered through `context.registerButton`, which
// returns the id the page uses to find the button's action_id, block_id and confirm dialog on click.
import { escapeHtml, mrkdwnToHtml, plainToHtml, textObjectToHtml } from './mrkdwn.js';

function button(element, block, context) {
  const id = context.registerButton ? context.registerButton(element, block) : '';
  const style = element.style === 'primary' || element.style === 'danger' ? ` ${element.style}` : '';
  const label = plainToHtml(
    element.text?.text ?? element.action_id ?? 'button',
    element.text?.emoji !== false,
  );
  const title = element.confirm ? ' title="asks for confirmation"' : '';
  return `<button type="button" class="block-button${style}" data-button="${escapeHtml(id)}"${title}>${label}</button>`;
}

function element(item, block, context) {
  if (!item || typeof item !== 'object') return '';
  if (item.type === 'button') return button(item, block, context);
  if (item.type === 'image')
    return `<img class="inline-image" src="${escapeHtml(item.image_url ?? '')}" alt="${escapeHtml(item.alt_text ?? '')}">`;
  if (item.type === 'mrkdwn' || item.type === 'plain_text')
    return `<span>${textObjectToHtml(item, context)}</span>`;
  const label = item.placeholder?.text ?? item.type;
  return `<span class="unsupported-element" title="not emulated">${escapeHtml(label)} ▾</span>`;
}

function richTextElements(elements, context) {
  return (elements ?? [])
    .map((item) => {
      let html;
      if (item.type === 'text') html = escapeHtml(item.text ?? '').replace(/\n/g, '<br>');
      else if (item.type === 'link')
        html = `<a href="${escapeHtml(/^(https?:|mailto:)/i.test(item.url ?? '') ? item.url : '#')}" target="_blank" rel="noopener noreferrer">${escapeHtml(item.text ?? item.url ?? '')}</a>`;
      else if (item.type === 'user') html = mrkdwnToHtml(`<@${item.user_id}>`, context);
      else if (item.type === 'usergroup') html = mrkdwnToHtml(`<!subteam^${item.usergroup_id}>`, context);
      else if (item.type === 'channel') html = mrkdwnToHtml(`<#${item.channel_id}>`, context);
      else if (item.type === 'broadcast') html = mrkdwnToHtml(`<!${item.range}>`, context);
      else if (item.type === 'emoji') html = mrkdwnToHtml(`:${item.name}:`, context);
      else html = '';
      const style = item.style ?? {};
      if (style.code) html = `<code>${html}</code>`;
      if (style.bold) html = `<b>${html}</b>`;
      if (style.italic) html = `<i>${html}</i>`;
      if (style.strike) html = `<s>${html}</s>`;
      return html;
    })
    .join('');
}

function richText(block, context) {
  return (block.elements ?? [])
    .map((part) => {
      if (part.type === 'rich_text_section') return `<div>${richTextElements(part.elements, context)}</div>`;
      if (part.type === 'rich_text_preformatted')
        return `<pre class="code-block">${richTextElements(part.elements, context)}</pre>`;
      if (part.type === 'rich_text_quote')
        return `<div class="quote">${richTextElements(part.elements, context)}</div>`;
      if (part.type === 'rich_text_list') {
        const tag = part.style === 'ordered' ? 'ol' : 'ul';
        const items = (part.elements ?? []).map(
          (item) => `<li>${richTextElements(item.elements, context)}</li>`,
        );
        return `<${tag}>${items.join('')}</${tag}>`;
      }
      return '';
    })
    .join('');
}

/** The `markdown` block takes standard Markdown; the common subset maps onto mrkdwn well enough to read. */
function markdown(text, context) {
  const converted = String(text ?? '')
    .replace(/\*\*(.+?)\*\*/g, '*$1*')
    .replace(/\[([^\]]+)\]\((https?:[^)]+)\)/g, '<$2|$1>');
  return mrkdwnToHtml(converted, context);
}

function block(item, context) {
  switch (item?.type) {
    case 'header':
      return `<div class="block header">${textObjectToHtml(item.text, context)}</div>`;
    case 'section': {
      const text = item.text ? `<div class="section-text">${textObjectToHtml(item.text, context)}</div>` : '';
      const fields = Array.isArray(item.fields)
        ? `<div class="fields">${item.fields.map((field) => `<div>${textObjectToHtml(field, context)}</div>`).join('')}</div>`
        : '';
      const accessory = item.accessory
        ? `<div class="accessory">${element(item.accessory, item, context)}</div>`
        : '';
      return `<div class="block section"><div class="section-main">${text}${fields}</div>${accessory}</div>`;
    }
    case 'context':
      return `<div class="block context">${(item.elements ?? []).map((e) => element(e, item, context)).join('')}</div>`;
    case 'divider':
      return '<hr class="block divider">';
    case 'actions':
      return `<div class="block actions">${(item.elements ?? []).map((e) => element(e, item, context)).join('')}</div>`;
    case 'image': {
      const title = item.title
        ? `<div class="image-title">${textObjectToHtml(item.title, context)}</div>`
        : '';
      return `<div class="block image">${title}<img src="${escapeHtml(item.image_url ?? '')}" alt="${escapeHtml(item.alt_text ?? '')}"></div>`;
    }
    case 'rich_text':
      return `<div class="block rich-text">${richText(item, context)}</div>`;
    case 'markdown':
      return `<div class="block markdown">${markdown(item.text, context)}</div>`;
    default:
      return `<div class="block unsupported">[${escapeHtml(item?.type ?? 'unknown')} block: not shown by the emulator]</div>`;
  }
}

export function renderBlocks(blocks, context = {}) {
  return (blocks ?? []).map((item) => block(item, context)).join('');
}

function attachment(item, context) {
  const color = /^#?[0-9a-f]{3,8}$/i.test(item.color ?? '')
    ? item.color.startsWith('#')
      ? item.color
      : `#${item.color}`
    : item.color === 'danger'
      ? '#e01e5a'
      : item.color === 'good'
        ? '#2eb67d'
        : item.color === 'warning'
          ? '#ecb22e'
          : '#dddddd';
  const parts = [];
  if (item.title) parts.push(`<div class="attachment-title">${escapeHtml(item.title)}</div>`);
  if (item.text) parts.push(`<div>${mrkdwnToHtml(item.text, context)}</div>`);
  if (Array.isArray(item.fields))
    parts.push(
      `<div class="fields">${item.fields
        .map(
          (f) => `<div><b>${escapeHtml(f.title ?? '')}</b><br>${mrkdwnToHtml(f.value ?? '', context)}</div>`,
        )
        .join('')}</div>`,
    );
  if (Array.isArray(item.blocks)) parts.push(renderBlocks(item.blocks, context));
  if (parts.length === 0 && item.fallback) parts.push(`<div>${escapeHtml(item.fallback)}</div>`);
  return `<div class="attachment" style="border-left-color:${escapeHtml(color)}">${parts.join('')}</div>`;
}

/** A whole message body: blocks when it has them (Slack then shows `text` only in notifications), else text. */
export function renderMessageBody(message, context = {}) {
  const body =
    Array.isArray(message.blocks) && message.blocks.length > 0
      ? renderBlocks(message.blocks, context)
      : `<div class="block section-text">${mrkdwnToHtml(message.text ?? '', context)}</div>`;
  const attachments = (message.attachments ?? []).map((item) => attachment(item, context)).join('');
  return body + attachments;
}
