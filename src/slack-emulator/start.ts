/**
 * `startSlackEmulator`: a local stand-in for a Slack workspace. The bot's WebClient points at `apiUrl`; tests
 * and the browser console drive the bot through signed requests to its `/slack/events`; everything that happens
 * is inspectable in-process.
 */
import type { Server } from 'node:http';
import { FaultQueue, type FaultSpec } from './faults.js';
import { createInspection, type Inspection } from './inspect.js';
import { postToBot, type BotReply } from './interactions/bot-request.js';
import {
  clickButton,
  sendSlashCommand,
  type ClickInput,
  type ClickResult,
  type DriverContext,
  type SlashCommandInput,
  type SlashCommandResult,
} from './interactions/driver.js';
import { ResponseUrls } from './interactions/response-urls.js';
import { createTsGenerator } from './message-ts.js';
import { slackLimitsChecker, type MessageChecker } from './message-check.js';
import { DEFAULT_CHANNELS, DEFAULTS, type RateLimitOptions, type SlackEmulatorOptions } from './options.js';
import { RateTracker } from './rate.js';
import { listen, type ServerDeps } from './server.js';
import { signedHeaders, unixSeconds } from './signing.js';
import { EmulatorState } from './state.js';
import { createWorkspace, type Workspace } from './workspace.js';

export type RawBotRequest = {
  body: string;
  /** Unix seconds to sign with (default now). */
  timestamp?: number;
  /** false: no signature headers. */
  sign?: boolean;
  /** Send this signature instead of the right one. */
  signature?: string;
  contentType?: string;
};

export type SlackEmulator = Inspection & {
  /** Base URL, e.g. http://127.0.0.1:41234 — the console is served at `/`. */
  url: string;
  /** The Web API base for `slackApiUrl` (ends with `/api/`, as the WebClient requires). */
  apiUrl: string;
  botToken: string;
  signingSecret: string;
  workspace: Workspace;
  setBotUrl(url: string | undefined): void;
  /** Arm a fault for the next call(s) of a Web API method. */
  failNext(spec: FaultSpec): void;
  sendSlashCommand(input: SlashCommandInput): Promise<SlashCommandResult>;
  clickButton(input: ClickInput): Promise<ClickResult>;
  /** POST an arbitrary body to the bot, signed (or not) as asked: for testing the bot's request verification. */
  postToBot(request: RawBotRequest): Promise<BotReply>;
  /** Signature headers for `body` at `timestamp` (unix seconds, default now). */
  signedHeaders(body: string, timestamp?: number): Record<string, string>;
  /** Forget messages, ephemerals, logs, rates and faults (channels and users stay). */
  reset(): void;
  stop(): Promise<void>;
};

function rateLimitOf(option: SlackEmulatorOptions['rateLimit']): Required<RateLimitOptions> | undefined {
  if (option === undefined || option === false) return undefined;
  if (option === true) return { ...DEFAULTS.rateLimit };
  return {
    perSecond: option.perSecond ?? DEFAULTS.rateLimit.perSecond,
    burst: option.burst ?? DEFAULTS.rateLimit.burst,
  };
}

function checkerOf(option: SlackEmulatorOptions['checkMessage']): MessageChecker | undefined {
  if (option === null) return undefined;
  return option ?? slackLimitsChecker;
}

function closeServer(server: Server): Promise<void> {
  return new Promise((resolve, reject) => {
    server.close((error) => (error ? reject(error) : resolve()));
    // Open SSE streams from the console would otherwise keep close() waiting forever.
    server.closeAllConnections();
  });
}

export async function startSlackEmulator(options: SlackEmulatorOptions = {}): Promise<SlackEmulator> {
  const now = options.now ?? Date.now;
  const host = options.host ?? DEFAULTS.host;
  const botToken = options.botToken ?? DEFAULTS.botToken;
  const signingSecret = options.signingSecret ?? DEFAULTS.signingSecret;
  const ackTimeoutMs = options.ackTimeoutMs ?? DEFAULTS.ackTimeoutMs;
  const workspace = createWorkspace(options);
  const state = new EmulatorState(options.channels ?? DEFAULT_CHANNELS, now);
  const rate = new RateTracker(rateLimitOf(options.rateLimit));
  const faults = new FaultQueue();
  const checker = checkerOf(options.checkMessage);
  const nextTs = createTsGenerator(now);
  let botUrl = options.botUrl;

  // The handlers need the base URL (permalinks, response_urls), known only once the port is bound.
  const ready: { deps?: ServerDeps } = {};
  const { server, port } = await listen(
    () => {
      if (!ready.deps) throw new Error('slack emulator: request before start-up finished');
      return ready.deps;
    },
    options.port ?? 0,
    host,
  );
  const url = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
  const methodContext = { state, workspace, rate, checker, nextTs, now, baseUrl: url };
  const responseUrls = new ResponseUrls(url, workspace.team.id, now);
  const driver: DriverContext = {
    ...methodContext,
    signingSecret,
    botUrl: () => botUrl,
    responseUrls,
    ackTimeoutMs,
  };
  const send = (input: SlashCommandInput) => sendSlashCommand(driver, input);
  const click = (input: ClickInput) => clickButton(driver, input);
  ready.deps = {
    api: { ...methodContext, botToken, faults },
    interactions: methodContext,
    responseUrls,
    console: {
      state,
      workspace,
      botConnected: () => botUrl !== undefined,
      sendSlashCommand: send,
      clickButton: click,
    },
  };

  return {
    ...createInspection(state, rate),
    url,
    apiUrl: `${url}/api/`,
    botToken,
    signingSecret,
    workspace,
    setBotUrl: (next) => {
      botUrl = next;
      state.touch();
    },
    failNext: (spec) => faults.add(spec),
    sendSlashCommand: send,
    clickButton: click,
    postToBot: (request) => {
      if (!botUrl) throw new Error('slack emulator: no botUrl configured (pass botUrl or call setBotUrl)');
      return postToBot({ ...request, url: botUrl, signingSecret, timeoutMs: ackTimeoutMs, now });
    },
    signedHeaders: (body, timestamp) => signedHeaders(signingSecret, body, timestamp ?? unixSeconds(now())),
    reset: () => {
      rate.reset();
      faults.clear();
      responseUrls.clear();
      state.reset();
    },
    stop: () => closeServer(server),
  };
}
