/* global fetch, EventSource, setTimeout, clearTimeout */
// The console's conversation with the emulator: state per user, a change stream, and the user's actions.

async function postJson(path, body) {
  const response = await fetch(path, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });
  let json = {};
  try {
    json = await response.json();
  } catch {
    // An empty or non-JSON answer still has a status worth reporting.
  }
  return { httpStatus: response.status, ...json };
}

export async function fetchState(user) {
  const response = await fetch(`/console/state?user=${encodeURIComponent(user)}`);
  if (!response.ok) throw new Error(`state: HTTP ${response.status}`);
  return response.json();
}

export const sendCommand = (user, channel, text) => postJson('/console/command', { user, channel, text });

export const clickButton = (user, channel, messageTs, actionId, blockId) =>
  postJson('/console/click', { user, channel, messageTs, actionId, blockId });

export const dismissEphemeral = (user, ts) => postJson('/console/dismiss', { user, ts });

/**
 * Calls `onChange(version)` whenever the workspace changes. Server-Sent Events do the work; if the stream
 * breaks (emulator restarting), a slow poll keeps the page alive until EventSource reconnects on its own.
 */
export function watchChanges(onChange) {
  let fallback;
  const poll = () => {
    onChange(undefined);
    fallback = setTimeout(poll, 2000);
  };
  const source = new EventSource('/console/events');
  source.onmessage = (event) => {
    clearTimeout(fallback);
    fallback = undefined;
    try {
      onChange(JSON.parse(event.data).version);
    } catch {
      onChange(undefined);
    }
  };
  source.onerror = () => {
    if (fallback === undefined) fallback = setTimeout(poll, 2000);
  };
  return () => {
    source.close();
    clearTimeout(fallback);
  };
}
