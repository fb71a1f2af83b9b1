/* global document, window, localStorage, URLSearchParams, setTimeout, clearTimeout */
// The console page: who you are, which channel you look at, and what happens when you type or click.
import { clickButton, dismissEphemeral, fetchState, sendCommand, watchChanges } from './api.js';
import { escapeHtml, textObjectToHtml } from './mrkdwn.js';
import { channelHtml, compareTs } from './view.js';

const $ = (id) => document.getElementById(id);

const SUGGESTIONS = [
  ['/sre diagnose payments', 'find out what is wrong in the payments namespace'],
  ['/sre diagnose payments --dry-run', 'the same, and preview the fix without changing anything'],
  ['/sre status', 'open incidents and what the bot is doing'],
  ['/sre help', 'everything the bot understands'],
];

const view = {
  data: undefined,
  me: undefined,
  channel: undefined,
  expanded: new Set(),
  lastSeen: {},
  highlight: undefined,
  buttons: new Map(),
  loading: false,
  reloadAgain: false,
};

function fromLocation() {
  // Permalinks look like /archives/C123/p1700000000000100?thread_ts=…
  const match = /^\/archives\/([^/]+)(?:\/p(\d+))?/.exec(window.location.pathname);
  const params = new URLSearchParams(window.location.search);
  if (match) {
    view.channel = match[1];
    if (match[2]) view.highlight = `${match[2].slice(0, -6)}.${match[2].slice(-6)}`;
    const threadTs = params.get('thread_ts');
    if (threadTs) view.expanded.add(threadTs);
  }
  view.me = params.get('user') ?? localStorage.getItem('sre-console-user') ?? undefined;
  view.channel ??= localStorage.getItem('sre-console-channel') ?? undefined;
}

function toast(message) {
  const element = $('toast');
  element.textContent = message;
  element.hidden = false;
  clearTimeout(toast.timer);
  toast.timer = setTimeout(() => (element.hidden = true), 6000);
}

function hint(message, isError = false) {
  const element = $('composer-hint');
  element.textContent = message;
  element.classList.toggle('error', isError);
}

function renderContext(data) {
  view.buttons = new Map();
  const channels = Object.fromEntries(data.channels.map((c) => [c.id, c.name]));
  return {
    me: view.me,
    names: data.names,
    groups: data.groups,
    groupMembers: data.groupMembers,
    channels,
    registerButton: (element, block) => {
      const id = String(view.buttons.size + 1);
      view.buttons.set(id, { element, block });
      return id;
    },
  };
}

function latestTs(channel, data) {
  const stamps = [
    ...channel.messages.map((m) => m.ts),
    ...data.ephemerals.filter((e) => e.channel === channel.id).map((e) => e.ts),
  ];
  return stamps.sort(compareTs).at(-1);
}

function renderSidebar(data) {
  $('workspace-name').textContent = data.team.name;
  const select = $('user-select');
  if (select.options.length !== data.users.length) {
    select.innerHTML = '';
    for (const user of data.users) {
      const option = document.createElement('option');
      option.value = user.id;
      option.textContent = user.name;
      select.append(option);
    }
  }
  select.value = view.me;
  const me = data.users.find((u) => u.id === view.me);
  $('user-title').textContent = me?.title ?? '';
  const lists = { channels: $('channel-list'), dms: $('dm-list') };
  lists.channels.innerHTML = '';
  lists.dms.innerHTML = '';
  for (const channel of data.channels) {
    const button = document.createElement('button');
    button.type = 'button';
    button.dataset.channel = channel.id;
    button.textContent = channel.isDm ? `${data.bot.name}` : `# ${channel.name}`;
    button.classList.toggle('active', channel.id === view.channel);
    const latest = latestTs(channel, data);
    const seen = view.lastSeen[channel.id];
    button.classList.toggle('unread', channel.id !== view.channel && latest !== undefined && latest !== seen);
    const item = document.createElement('li');
    item.append(button);
    (channel.isDm ? lists.dms : lists.channels).append(item);
  }
  $('dm-heading').hidden = lists.dms.children.length === 0;
  const status = $('bot-status');
  status.textContent = data.botConnected
    ? `${data.bot.name} is connected`
    : `${data.bot.name} is not connected`;
  status.classList.toggle('connected', data.botConnected);
}

function introHtml(data, channel) {
  const chips = SUGGESTIONS.map(
    ([usage, description]) =>
      `<button type="button" class="chip" data-suggest="${usage}" title="${description}">${usage}</button>`,
  ).join('');
  const me = data.users.find((u) => u.id === view.me);
  return `<div class="intro">
    <h2>This is the beginning of ${channel.isDm ? 'your conversation with the bot' : `#${escapeHtml(channel.name)}`}</h2>
    <p>Ask the bot to look at a namespace by typing a slash command below, for example:</p>
    <p>${chips}</p>
    <p>You are <b>${escapeHtml(me?.name ?? view.me)}</b>${me?.title ? ` (${escapeHtml(me.title)})` : ''}. Use <b>You are</b> at the top left to
    see the same conversation as someone else: only approvers can approve a fix.</p>
  </div>`;
}

function renderMessages(data) {
  const channel = data.channels.find((c) => c.id === view.channel);
  const pane = $('messages');
  const atBottom = pane.scrollHeight - pane.scrollTop - pane.clientHeight < 40;
  if (!channel) {
    pane.innerHTML = '';
    return;
  }
  $('channel-title').textContent = channel.isDm ? data.bot.name : `# ${channel.name}`;
  $('channel-topic').textContent = channel.isDm
    ? 'direct messages with the bot'
    : 'incidents, diagnoses and fixes';
  $('composer-input').placeholder =
    `Message ${channel.isDm ? data.bot.name : `#${channel.name}`} — try /sre help`;
  const context = renderContext(data);
  const html = channelHtml(channel, data, context, view.expanded);
  pane.innerHTML = introHtml(data, channel) + html;
  view.lastSeen[channel.id] = latestTs(channel, data);
  if (view.highlight) {
    const target = pane.querySelector(`[data-ts="${view.highlight}"]`);
    if (target) {
      target.classList.add('highlight');
      target.scrollIntoView({ block: 'center' });
      view.highlight = undefined;
      return;
    }
  }
  if (atBottom) pane.scrollTop = pane.scrollHeight;
}

function render() {
  const data = view.data;
  if (!data) return;
  if (!data.users.some((u) => u.id === view.me)) {
    // First visit (or a user that no longer exists): be the first configured user, and fetch their view.
    view.me = data.users[0]?.id;
    if (view.me !== undefined) void reload();
  }
  if (!data.channels.some((c) => c.id === view.channel))
    view.channel = data.channels.find((c) => !c.isDm)?.id;
  renderSidebar(data);
  renderMessages(data);
}

/** Fetches the state; changes that arrive meanwhile trigger exactly one more fetch afterwards. */
async function reload() {
  if (view.loading) {
    view.reloadAgain = true;
    return;
  }
  view.loading = true;
  try {
    view.data = await fetchState(view.me ?? '');
    render();
  } catch (error) {
    hint(`Lost contact with the emulator (${error.message}); retrying…`, true);
  } finally {
    view.loading = false;
    if (view.reloadAgain) {
      view.reloadAgain = false;
      void reload();
    }
  }
}

function confirmDialog(confirm, context) {
  return new Promise((resolve) => {
    const dialog = $('confirm');
    $('confirm-title').innerHTML = textObjectToHtml(
      confirm.title ?? { type: 'plain_text', text: 'Are you sure?' },
      context,
    );
    $('confirm-text').innerHTML = textObjectToHtml(confirm.text, context);
    $('confirm-ok').innerHTML = textObjectToHtml(
      confirm.confirm ?? { type: 'plain_text', text: 'Confirm' },
      context,
    );
    $('confirm-deny').innerHTML = textObjectToHtml(
      confirm.deny ?? { type: 'plain_text', text: 'Cancel' },
      context,
    );
    $('confirm-ok').className = confirm.style === 'danger' ? 'danger' : 'primary';
    dialog.returnValue = '';
    dialog.addEventListener('close', () => resolve(dialog.returnValue === 'confirm'), { once: true });
    dialog.showModal();
  });
}

async function onButton(element) {
  const entry = view.buttons.get(element.dataset.button);
  const ts = element.closest('[data-ts]')?.dataset.ts;
  if (!entry || !ts) return;
  if (entry.element.confirm) {
    const confirmed = await confirmDialog(entry.element.confirm, { me: view.me, names: view.data.names });
    if (!confirmed) return;
  }
  if (entry.element.url) window.open(entry.element.url, '_blank', 'noopener');
  element.disabled = true;
  const result = await clickButton(view.me, view.channel, ts, entry.element.action_id, entry.block.block_id);
  element.disabled = false;
  if (!result.ok) toast(`The bot did not accept the click: ${result.error ?? `HTTP ${result.status}`}`);
}

async function onSubmit(event) {
  event.preventDefault();
  const input = $('composer-input');
  const text = input.value.trim();
  if (!text) return;
  $('suggestions').hidden = true;
  $('composer-send').disabled = true;
  hint(`Sending ${text.split(/\s+/)[0]} to the bot…`);
  try {
    const result = await sendCommand(view.me, view.channel, text);
    if (result.ok) {
      input.value = '';
      hint(`The bot acknowledged in ${result.ackMs} ms.`);
    } else hint(result.error ?? `The bot answered HTTP ${result.status}`, true);
  } catch (error) {
    hint(`Could not reach the emulator: ${error.message}`, true);
  } finally {
    $('composer-send').disabled = false;
    input.focus();
  }
}

function showSuggestions() {
  const input = $('composer-input');
  const list = $('suggestions');
  const value = input.value;
  const matches = value.startsWith('/')
    ? SUGGESTIONS.filter(([usage]) => usage.startsWith(value.trim()) || value === '/')
    : [];
  list.hidden = matches.length === 0 || SUGGESTIONS.some(([usage]) => usage === value);
  list.innerHTML = matches
    .map(
      ([usage, description]) =>
        `<li><button type="button" data-suggest="${usage}"><span class="usage">${usage}</span><span class="description">${description}</span></button></li>`,
    )
    .join('');
}

function useSuggestion(usage) {
  const input = $('composer-input');
  input.value = usage;
  $('suggestions').hidden = true;
  input.focus();
}

function wire() {
  $('user-select').addEventListener('change', (event) => {
    view.me = event.target.value;
    localStorage.setItem('sre-console-user', view.me);
    void reload();
  });
  for (const list of [$('channel-list'), $('dm-list')])
    list.addEventListener('click', (event) => {
      const button = event.target.closest('[data-channel]');
      if (!button) return;
      view.channel = button.dataset.channel;
      localStorage.setItem('sre-console-channel', view.channel);
      render();
    });
  $('messages').addEventListener('click', (event) => {
    const target = event.target.closest('[data-button],[data-thread],[data-dismiss],[data-suggest]');
    if (!target) return;
    if (target.dataset.button) void onButton(target);
    else if (target.dataset.suggest) useSuggestion(target.dataset.suggest);
    else if (target.dataset.dismiss) void dismissEphemeral(view.me, target.dataset.dismiss);
    else if (target.dataset.thread) {
      const ts = target.dataset.thread;
      if (view.expanded.has(ts)) view.expanded.delete(ts);
      else view.expanded.add(ts);
      render();
    }
  });
  $('suggestions').addEventListener('click', (event) => {
    const target = event.target.closest('[data-suggest]');
    if (target) useSuggestion(target.dataset.suggest);
  });
  $('composer').addEventListener('submit', (event) => void onSubmit(event));
  $('composer-input').addEventListener('input', showSuggestions);
  $('composer-input').addEventListener('keydown', (event) => {
    if (event.key === 'Escape') $('suggestions').hidden = true;
  });
}

fromLocation();
wire();
watchChanges((version) => {
  if (version === undefined || version !== view.data?.version) void reload();
});
void reload();
$('composer-input').focus();
