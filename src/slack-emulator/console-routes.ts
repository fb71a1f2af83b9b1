/**
 * The console's JSON endpoints: per-user state, a Server-Sent Events stream that says "something changed", and
 * the user's actions — a slash command typed in the composer, a button click, dismissing an ephemeral. Actions
 * go through the same driver tests use, so the browser exercises exactly the signed-request path.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { z } from 'zod';
import { consoleState } from './console-state.js';
import { BodyError, parseBody, readRawBody } from './http/body.js';
import { sendJson } from './http/reply.js';
import type {
  ClickInput,
  ClickResult,
  SlashCommandInput,
  SlashCommandResult,
} from './interactions/driver.js';
import type { EmulatorState } from './state.js';
import type { Workspace } from './workspace.js';

export type ConsoleDeps = {
  state: EmulatorState;
  workspace: Workspace;
  botConnected: () => boolean;
  sendSlashCommand: (input: SlashCommandInput) => Promise<SlashCommandResult>;
  clickButton: (input: ClickInput) => Promise<ClickResult>;
};

const commandInput = z.object({ user: z.string().min(1), channel: z.string().min(1), text: z.string() });
const clickInput = z.object({
  user: z.string().min(1),
  channel: z.string().min(1),
  messageTs: z.string().min(1),
  actionId: z.string().min(1),
  blockId: z.string().optional(),
});
const dismissInput = z.object({ user: z.string().min(1), ts: z.string().min(1) });

async function readInput<T>(request: IncomingMessage, schema: z.ZodType<T>): Promise<T | undefined> {
  try {
    const parsed = schema.safeParse(parseBody(await readRawBody(request), request.headers['content-type']));
    return parsed.success ? parsed.data : undefined;
  } catch (error) {
    if (error instanceof BodyError) return undefined;
    throw error;
  }
}

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

async function runCommand(
  deps: ConsoleDeps,
  request: IncomingMessage,
  response: ServerResponse,
): Promise<void> {
  const input = await readInput(request, commandInput);
  if (!input) return sendJson(response, 400, { ok: false, error: 'expected { user, channel, text }' });
  const text = input.text.trim();
  const command = text.split(/\s+/)[0] ?? '';
  if (!command.startsWith('/'))
    return sendJson(response, 400, {
      ok: false,
      error: `Only slash commands reach the bot here. Try ${deps.workspace.commands[0] ?? '/sre'} help`,
    });
  if (!deps.botConnected())
    return sendJson(response, 503, { ok: false, error: 'The bot is not connected yet.' });
  try {
    const result = await deps.sendSlashCommand({
      user: input.user,
      channel: input.channel,
      command,
      text: text.slice(command.length).trim(),
    });
    sendJson(response, 200, {
      ok: result.status === 200,
      status: result.status,
      ackMs: result.ackMs,
      error: result.error,
    });
  } catch (error) {
    sendJson(response, 400, { ok: false, error: errorMessage(error) });
  }
}

async function runClick(
  deps: ConsoleDeps,
  request: IncomingMessage,
  response: ServerResponse,
): Promise<void> {
  const input = await readInput(request, clickInput);
  if (!input)
    return sendJson(response, 400, { ok: false, error: 'expected { user, channel, messageTs, actionId }' });
  if (!deps.botConnected())
    return sendJson(response, 503, { ok: false, error: 'The bot is not connected yet.' });
  try {
    const { blockId, ...rest } = input;
    const result = await deps.clickButton({ ...rest, ...(blockId !== undefined ? { blockId } : {}) });
    sendJson(response, 200, {
      ok: result.status === 200,
      status: result.status,
      ackMs: result.ackMs,
      error: result.error,
    });
  } catch (error) {
    sendJson(response, 400, { ok: false, error: errorMessage(error) });
  }
}

async function dismiss(deps: ConsoleDeps, request: IncomingMessage, response: ServerResponse): Promise<void> {
  const input = await readInput(request, dismissInput);
  if (!input) return sendJson(response, 400, { ok: false, error: 'expected { user, ts }' });
  const ephemeral = deps.state.findEphemeral(input.user, input.ts);
  if (ephemeral) deps.state.removeEphemeral(ephemeral);
  sendJson(response, 200, { ok: ephemeral !== undefined });
}

function streamEvents(deps: ConsoleDeps, request: IncomingMessage, response: ServerResponse): void {
  response.writeHead(200, {
    'Content-Type': 'text/event-stream; charset=utf-8',
    'Cache-Control': 'no-store',
    Connection: 'keep-alive',
  });
  const send = () => response.write(`data: ${JSON.stringify({ version: deps.state.version })}\n\n`);
  // A burst of changes (post, then update, then a reply) becomes one notification, not one re-fetch each.
  let pending: NodeJS.Timeout | undefined;
  const unsubscribe = deps.state.onChange(() => {
    pending ??= setTimeout(() => {
      pending = undefined;
      send();
    }, 25);
  });
  // Comments keep proxies and the browser from deciding the idle stream is dead.
  const keepAlive = setInterval(() => response.write(': keep-alive\n\n'), 15_000);
  response.write('retry: 1000\n\n');
  send();
  request.on('close', () => {
    unsubscribe();
    clearInterval(keepAlive);
    clearTimeout(pending);
  });
}

/** Handles `/console/...` API paths; false when the path is not one of them. */
export async function handleConsoleApi(
  deps: ConsoleDeps,
  request: IncomingMessage,
  response: ServerResponse,
  url: URL,
): Promise<boolean> {
  const route = `${request.method ?? 'GET'} ${url.pathname}`;
  switch (route) {
    case 'GET /console/state': {
      const user = url.searchParams.get('user') ?? '';
      sendJson(response, 200, consoleState(deps.state, deps.workspace, user, deps.botConnected()));
      return true;
    }
    case 'GET /console/events':
      streamEvents(deps, request, response);
      return true;
    case 'POST /console/command':
      await runCommand(deps, request, response);
      return true;
    case 'POST /console/click':
      await runClick(deps, request, response);
      return true;
    case 'POST /console/dismiss':
      await dismiss(deps, request, response);
      return true;
    default:
      return false;
  }
}
