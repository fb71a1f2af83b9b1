/**
 * One HTTP server for everything Slack is to the bot and to a person: the Web API (`/api/<method>`),
 * response_urls (`/commands/…`, `/actions/…`), and the browser console (`/`, `/console/…`, `/archives/…`).
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readConsoleAsset } from './console-assets.js';
import { handleConsoleApi, type ConsoleDeps } from './console-routes.js';
import { sendJson, sendText } from './http/reply.js';
import { handleResponseUrl } from './interactions/response-url-route.js';
import type { ResponseUrls } from './interactions/response-urls.js';
import type { MethodContext } from './web-api/method.js';
import { handleApiRequest, type ApiRouterContext } from './web-api/router.js';

export type ServerDeps = {
  api: ApiRouterContext;
  interactions: MethodContext;
  responseUrls: ResponseUrls;
  console: ConsoleDeps;
};

async function serveAsset(response: ServerResponse, name: string): Promise<void> {
  const asset = await readConsoleAsset(name);
  if (!asset) return sendText(response, 404, `no console asset ${name}`);
  response.writeHead(200, {
    'Content-Type': asset.contentType,
    'Content-Length': String(asset.body.length),
    'Cache-Control': 'no-store',
  });
  response.end(asset.body);
}

async function route(deps: ServerDeps, request: IncomingMessage, response: ServerResponse): Promise<void> {
  const url = new URL(request.url ?? '/', 'http://emulator');
  const method = request.method ?? 'GET';
  const api = /^\/api\/([A-Za-z0-9._]+)$/.exec(url.pathname);
  if (api?.[1] !== undefined) {
    if (method !== 'POST' && method !== 'GET')
      return sendJson(response, 405, { ok: false, error: 'method_not_allowed' });
    return handleApiRequest(request, response, api[1], deps.api, url.searchParams);
  }
  if (method === 'POST' && /^\/(commands|actions)\//.test(url.pathname)) {
    const target = deps.responseUrls.get(url.pathname);
    if (!target) return sendJson(response, 404, { ok: false, error: 'no_such_url' });
    return handleResponseUrl(request, response, target, deps.interactions);
  }
  if (url.pathname.startsWith('/console/') && (await handleConsoleApi(deps.console, request, response, url)))
    return;
  if (method !== 'GET') return sendText(response, 404, 'not found');
  // Permalinks (chat.getPermalink) open the console too; the page reads the channel from the path.
  if (url.pathname === '/' || url.pathname.startsWith('/archives/'))
    return serveAsset(response, 'index.html');
  const asset = /^\/console\/([^/]+)$/.exec(url.pathname);
  if (asset?.[1] !== undefined) return serveAsset(response, asset[1]);
  if (url.pathname === '/favicon.ico') {
    response.writeHead(204);
    return void response.end();
  }
  sendText(response, 404, 'not found');
}

export async function listen(
  deps: () => ServerDeps,
  port: number,
  host: string,
): Promise<{ server: Server; port: number }> {
  const server = createServer((request, response) => {
    route(deps(), request, response).catch((error: unknown) => {
      // A bug in the emulator must show up as a 500 the test sees, not a hung request.
      if (!response.headersSent)
        sendJson(response, 500, {
          ok: false,
          error: 'emulator_error',
          detail: error instanceof Error ? error.message : String(error),
        });
      else response.end();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  return { server, port: (server.address() as AddressInfo).port };
}
