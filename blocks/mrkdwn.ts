/**
 * mrkdwn text safety. Everything that comes from the cluster, the LLM or an alert goes through `escapeMrkdwn`
 * (or a clipping helper that escapes) before it is put in a message: `&`, `<` and `>` are Slack control
 * characters, so an unescaped `<!channel>` in a log line would ping a whole channel and `a < b` would vanish.
 */

/** Slack's three reserved characters, as the entities Slack asks for. */
export function escapeMrkdwn(raw: string): string {
  return raw.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** The note appended to clipped text: it says how much is missing, so nobody mistakes it for the whole. */
export function cutNote(cutCharacters: number): string {
  return `… [${cutCharacters.toLocaleString('en-US')} more characters cut]`;
}

/**
 * Escapes `raw` and clips it so the result is at most `max` characters, note included. The cut is made on the
 * raw text, so an entity such as `&amp;` is never split and a surrogate pair (emoji) is never halved.
 */
export function escapeAndClip(raw: string, max: number): string {
  const escaped = escapeMrkdwn(raw);
  if (escaped.length <= max) return escaped;
  const budget = Math.max(0, max - cutNote(raw.length).length);
  let used = 0;
  let end = 0;
  for (const character of raw) {
    const width = escapeMrkdwn(character).length;
    if (used + width > budget) break;
    used += width;
    end += character.length;
  }
  return `${escapeMrkdwn(raw.slice(0, end))}${cutNote(raw.length - end)}`;
}

/**
 * Clips mrkdwn that is already built (escaped data plus our own `<@U…>`, `<!date^…>` and code fences) to `max`
 * characters: the cut backs off out of an entity or an angle-bracket token, and closes a code block left open.
 */
export function clipMrkdwn(mrkdwn: string, max: number): string {
  if (mrkdwn.length <= max) return mrkdwn;
  const fence = '\n```';
  let end = Math.max(0, max - cutNote(mrkdwn.length).length - fence.length);
  if (isHighSurrogate(mrkdwn.charCodeAt(end - 1))) end -= 1;
  const head = mrkdwn.slice(0, end);
  const openEntity = /&[a-z#0-9]*$/.exec(head);
  if (openEntity) end = openEntity.index;
  const lastOpen = head.lastIndexOf('<');
  if (lastOpen > head.lastIndexOf('>') && lastOpen < end) end = lastOpen;
  const kept = mrkdwn.slice(0, end);
  const insideCode = (kept.match(/```/g) ?? []).length % 2 === 1;
  return `${kept}${insideCode ? fence : ''}${cutNote(mrkdwn.length - end)}`;
}

/** Raw (unescaped) text clipped to `max` characters with an ellipsis, never halving a surrogate pair. */
export function clipRaw(raw: string, max: number): string {
  if (raw.length <= max) return raw;
  let end = Math.max(0, max - 1);
  if (isHighSurrogate(raw.charCodeAt(end - 1))) end -= 1;
  return `${raw.slice(0, end)}…`;
}

function isHighSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff;
}

/**
 * A multi-line code block of raw lines: escaped, with any run of three backticks broken by a zero-width space
 * (it would close the block early), whole lines kept while they fit in `max` characters, fences included, and
 * a last line saying how many lines and characters were left out.
 */
export function codeBlock(rawLines: readonly string[], max = 3000): string {
  const lines = rawLines.map((line) => escapeMrkdwn(neutralizeFences(line)));
  const open = '```\n';
  const close = '\n```';
  const whole = `${open}${lines.join('\n')}${close}`;
  if (whole.length <= max) return whole;
  const noteRoom = 60;
  const budget = max - open.length - close.length - noteRoom;
  const kept: string[] = [];
  let used = 0;
  for (const line of lines) {
    if (used + line.length + 1 > budget) break;
    kept.push(line);
    used += line.length + 1;
  }
  if (kept.length === 0) {
    const first = rawLines[0] ?? '';
    kept.push(escapeAndClip(neutralizeFences(first), budget));
  }
  const omitted = lines.length - kept.length;
  const omittedChars = lines.slice(kept.length).reduce((total, line) => total + line.length + 1, 0);
  const note = `… ${omitted.toLocaleString('en-US')} more lines (${omittedChars.toLocaleString('en-US')} characters) cut`;
  return `${open}${[...kept, note].join('\n')}${close}`;
}

/** Inline code for a raw value: backticks cannot be escaped inside inline code, so they become `ˋ`. */
export function inlineCode(raw: string, max = 500): string {
  const text = escapeAndClip(raw.replace(/`/g, 'ˋ'), max);
  return text.length > 0 ? `\`${text}\`` : '';
}

function neutralizeFences(line: string): string {
  return line.replace(/```/g, '`\u200b``');
}

const USER_ID = /^[UW][A-Z0-9]{2,}$/;
const USER_GROUP_ID = /^S[A-Z0-9]{2,}$/;

/**
 * A mention of a Slack user (`U…`/`W…`) or user group (`S…`); anything else (`sre-bot`, `alertmanager`,
 * `cli:alice`) is shown as escaped text, so an actor never turns into a broken or forged mention.
 */
export function mention(id: string): string {
  if (USER_ID.test(id)) return `<@${id}>`;
  if (USER_GROUP_ID.test(id)) return `<!subteam^${id}>`;
  return escapeMrkdwn(id.startsWith('cli:') ? `${id.slice(4)} (CLI)` : id);
}

/** A bullet list of already-built mrkdwn items. */
export function bullets(items: readonly string[]): string {
  return items.map((item) => `• ${item}`).join('\n');
}
