// Slack mrkdwn to HTML: *bold*, _italic_, ~strike~, `code`, ```code blocks```, > quotes, :emoji:, links and
// mentions (<@U…>, <!subteam^S…>, <#C…>, <!here>, <!date^…|fallback>, <url|label>).
//
// Everything that becomes markup is cut out first and held in numbered slots; the rest is entity-decoded
// (Slack sends &amp; &lt; &gt;) and HTML-escaped, formatted, and the slots are put back. That order is what keeps
// bot-supplied text (pod logs, PromQL with < and >) from ever becoming HTML.
import { emojify } from './emoji.js';

export function escapeHtml(text) {
  return String(text)
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

/** Slack's three control-character escapes, back to the characters they stand for. */
export function decodeSlackEntities(text) {
  return String(text).replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
}

function safeHref(url) {
  return /^(https?:|mailto:)/i.test(url) ? url : '#';
}

function mention(kind, label, highlight) {
  return `<span class="mention ${kind}${highlight ? ' self' : ''}">${escapeHtml(label)}</span>`;
}

/** One `<…>` sequence: a mention, a link, or (when it is neither) literal text. */
function special(inner, context) {
  const [target = '', ...rest] = inner.split('|');
  const label = rest.length > 0 ? decodeSlackEntities(rest.join('|')) : undefined;
  if (/^@[UW][A-Z0-9]+$/.test(target)) {
    const id = target.slice(1);
    const name = context.names?.[id] ?? label?.replace(/^@/, '') ?? id;
    return mention('user', `@${name}`, id === context.me);
  }
  if (target.startsWith('!subteam^')) {
    const id = target.slice('!subteam^'.length);
    const handle = context.groups?.[id] ?? label?.replace(/^@/, '') ?? id;
    const members = context.groupMembers?.[id] ?? [];
    return mention('group', `@${handle}`, members.includes(context.me));
  }
  if (/^#C[A-Z0-9]+$/.test(target)) {
    const id = target.slice(1);
    return mention('channel', `#${context.channels?.[id] ?? label ?? id}`, false);
  }
  if (target === '!here' || target === '!channel' || target === '!everyone')
    return mention('special', `@${target.slice(1)}`, true);
  if (target.startsWith('!date^')) return escapeHtml(label ?? target);
  if (/^(https?:|mailto:)/i.test(target)) {
    const href = decodeSlackEntities(target);
    const text = label ?? href.replace(/^mailto:/i, '');
    return `<a href="${escapeHtml(safeHref(href))}" target="_blank" rel="noopener noreferrer">${escapeHtml(text)}</a>`;
  }
  return escapeHtml(`<${decodeSlackEntities(inner)}>`);
}

// Slot markers are private-use characters, which no Slack text carries (they are stripped from input anyway).
const SLOT = /\uE000(\d+)\uE001/g;

export function mrkdwnToHtml(text, context = {}) {
  const slots = [];
  const hold = (html) => `\uE000${slots.push(html) - 1}\uE001`;
  let s = String(text ?? '').replace(/[\uE000\uE001]/g, '');
  s = s.replace(/```\n?([\s\S]*?)```/g, (_match, code) =>
    hold(`<pre class="code-block">${escapeHtml(decodeSlackEntities(code))}</pre>`),
  );
  s = s.replace(/`([^`\n]+)`/g, (_match, code) =>
    hold(`<code>${escapeHtml(decodeSlackEntities(code))}</code>`),
  );
  s = s.replace(/<([^<>\n]+)>/g, (_match, inner) => hold(special(inner, context)));
  s = escapeHtml(decodeSlackEntities(s));
  s = s
    .split('\n')
    .map((line) =>
      /^&gt; ?/.test(line) ? `<span class="quote">${line.replace(/^&gt; ?/, '')}</span>` : line,
    )
    .join('\n');
  // A marker opens after start/space/punctuation and closes before end/space/punctuation, like Slack's.
  s = s.replace(/(^|[\s(\uE001>])\*(?=\S)([^*\n]*?\S)\*(?=$|[\s.,;:!?)\uE000<])/gm, '$1<b>$2</b>');
  s = s.replace(/(^|[\s(\uE001>])_(?=\S)([^_\n]*?\S)_(?=$|[\s.,;:!?)\uE000<])/gm, '$1<i>$2</i>');
  s = s.replace(/(^|[\s(\uE001>])~(?=\S)([^~\n]*?\S)~(?=$|[\s.,;:!?)\uE000<])/gm, '$1<s>$2</s>');
  s = emojify(s);
  s = s.replace(/\n/g, '<br>');
  // Slots may hold slots (none do today); one pass is enough for what is held above.
  return s.replace(SLOT, (_match, index) => slots[Number(index)] ?? '');
}

/** A plain_text object's text: escaped, with emoji shortcodes unless `emoji: false`. */
export function plainToHtml(text, emoji = true) {
  const escaped = escapeHtml(text ?? '').replace(/\n/g, '<br>');
  return emoji ? emojify(escaped) : escaped;
}

/** A Block Kit text object (mrkdwn or plain_text) as HTML. */
export function textObjectToHtml(object, context) {
  if (!object || typeof object !== 'object') return '';
  if (object.type === 'mrkdwn') return mrkdwnToHtml(object.text, context);
  return plainToHtml(object.text, object.emoji !== false);
}
