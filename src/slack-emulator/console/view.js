// Messages as HTML: author line, body, reactions, thread summary and (when expanded) the thread itself.
// Channel messages and the current user's ephemerals are interleaved by ts, as Slack shows them.
import { renderMessageBody } from './blocks.js';
import { EMOJI } from './emoji.js';
import { escapeHtml, mrkdwnToHtml } from './mrkdwn.js';

const AVATAR_COLOURS = [
  '#4a154b',
  '#1264a3',
  '#2eb67d',
  '#e01e5a',
  '#ecb22e',
  '#36c5f0',
  '#7c3085',
  '#0b4c8c',
];

// Letters rather than emoji: they render on machines without an emoji font (headless browsers, minimal Linux).
function avatar(name, isBot) {
  if (isBot) return `<div class="avatar bot-avatar">${escapeHtml(name.slice(0, 1).toUpperCase())}</div>`;
  const hash = [...name].reduce((sum, char) => sum + char.charCodeAt(0), 0);
  const colour = AVATAR_COLOURS[hash % AVATAR_COLOURS.length];
  return `<div class="avatar" style="background:${colour}">${escapeHtml(name.slice(0, 1).toUpperCase())}</div>`;
}

export function timeOf(ts) {
  const date = new Date(Number(String(ts).split('.')[0]) * 1000);
  return date.toLocaleTimeString([], { hour: '2-digit', minute: '2-digit', second: '2-digit' });
}

function reactions(list) {
  if (!list || list.length === 0) return '';
  const items = list.map(
    (r) =>
      `<span class="reaction" title=":${escapeHtml(r.name)}:">${EMOJI[r.name] ?? `:${escapeHtml(r.name)}:`} ${r.count}</span>`,
  );
  return `<div class="reactions">${items.join('')}</div>`;
}

function excerpt(text, context) {
  const short = String(text ?? '')
    .split('\n')[0]
    .slice(0, 80);
  return mrkdwnToHtml(short, context);
}

/** One ephemeral: only the current user sees it, and can dismiss it. */
function ephemeralHtml(item, data, context) {
  const fromSlackbot = item.from === 'slackbot';
  const name = fromSlackbot ? 'Slackbot' : data.bot.name;
  return `<div class="message ephemeral" data-ts="${escapeHtml(item.ts)}" data-ephemeral="true">
    ${fromSlackbot ? '<div class="avatar slackbot-avatar">S</div>' : avatar(name, true)}
    <div>
      <div class="only-you">Only visible to you<button type="button" data-dismiss="${escapeHtml(item.ts)}">Dismiss</button></div>
      <div class="meta"><span class="author">${escapeHtml(name)}</span>${fromSlackbot ? '' : '<span class="badge">APP</span>'}<time>${timeOf(item.ts)}</time>${item.edited ? '<span class="edited">(edited)</span>' : ''}</div>
      <div class="content">${renderMessageBody(item, context)}</div>
    </div>
  </div>`;
}

function messageHtml(message, data, context, options) {
  const name = data.names[message.user] ?? message.user;
  const isBroadcastInChannel = message.broadcast && !options.inThread;
  const root = isBroadcastInChannel ? options.roots.get(message.threadTs) : undefined;
  const broadcastNote = isBroadcastInChannel
    ? `<div class="broadcast-note">replied to a thread: ${root ? excerpt(root.text, context) : ''} <button type="button" class="thread-toggle" data-thread="${escapeHtml(message.threadTs)}">view thread</button></div>`
    : message.broadcast
      ? '<div class="broadcast-note">Also sent to the channel</div>'
      : '';
  const replies = options.inThread ? [] : (message.replies ?? []);
  const threadEphemerals = options.inThread ? [] : options.threadEphemerals(message.ts);
  const replyCount = replies.length + threadEphemerals.length;
  let thread = '';
  if (!options.inThread && message.threadTs === undefined && replyCount > 0) {
    const expanded = options.expanded.has(message.ts);
    const label = expanded
      ? 'Hide thread'
      : `${replies.length} ${replies.length === 1 ? 'reply' : 'replies'}`;
    thread = `<button type="button" class="thread-toggle" data-thread="${escapeHtml(message.ts)}">${label}</button>`;
    if (expanded) {
      const items = [
        ...replies.map((reply) => ({
          ts: reply.ts,
          html: messageHtml(reply, data, context, { ...options, inThread: true }),
        })),
        ...threadEphemerals.map((item) => ({ ts: item.ts, html: ephemeralHtml(item, data, context) })),
      ].sort((a, b) => compareTs(a.ts, b.ts));
      thread += `<div class="thread" data-thread-of="${escapeHtml(message.ts)}">${items.map((i) => i.html).join('')}</div>`;
    }
  }
  return `<div class="message${message.isBot ? ' bot' : ''}" data-ts="${escapeHtml(message.ts)}">
    ${avatar(name, message.isBot)}
    <div>
      <div class="meta"><span class="author">${escapeHtml(name)}</span>${message.isBot ? '<span class="badge">APP</span>' : ''}<time>${timeOf(message.ts)}</time>${message.edited ? '<span class="edited">(edited)</span>' : ''}</div>
      ${broadcastNote}
      <div class="content">${renderMessageBody(message, context)}</div>
      ${reactions(message.reactions)}
      ${thread}
    </div>
  </div>`;
}

export function compareTs(a, b) {
  const [as = '0', am = '0'] = String(a).split('.');
  const [bs = '0', bm = '0'] = String(b).split('.');
  return Number(as) - Number(bs) || Number(am) - Number(bm);
}

/** The channel pane: top-level messages, broadcasts and the user's ephemerals, oldest first. */
export function channelHtml(channel, data, context, expanded) {
  const ephemerals = data.ephemerals.filter((e) => e.channel === channel.id);
  const roots = new Map(channel.messages.filter((m) => m.threadTs === undefined).map((m) => [m.ts, m]));
  const options = {
    inThread: false,
    expanded,
    roots,
    threadEphemerals: (ts) => ephemerals.filter((e) => e.threadTs === ts),
  };
  const items = [
    ...channel.messages.map((m) => ({ ts: m.ts, html: messageHtml(m, data, context, options) })),
    ...ephemerals
      .filter((e) => e.threadTs === undefined || !roots.has(e.threadTs))
      .map((e) => ({ ts: e.ts, html: ephemeralHtml(e, data, context) })),
  ].sort((a, b) => compareTs(a.ts, b.ts));
  return items.map((item) => item.html).join('');
}
