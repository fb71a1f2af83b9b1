/**
 * The core of the scripted LLM servers: real HTTP on 127.0.0.1 (so the real `openai` and `ollama` SDKs run
 * end to end), a queue of scripted replies consumed one per request, and a record of every request body so a
 * test can assert on exactly what would have left the process. The provider files only shape the bodies.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { countTokens } from '../../src/llm/token-count.js';

/** What one request gets back. Content covers JSON, fenced JSON, prose and invalid JSON alike. */
export type ScriptedReply =
  | {
      kind: 'content';
      content: string;
      promptTokens?: number;
      completionTokens?: number;
      truncated?: boolean;
      /** OpenAI only: the model refused (content is then null). */
      refusal?: string;
    }
  | { kind: 'status'; status: number; message?: string; headers?: Record<string, string> }
  | { kind: 'hang'; ms?: number };

export const reply = {
  json: (value: unknown): ScriptedReply => ({ kind: 'content', content: JSON.stringify(value) }),
  text: (content: string): ScriptedReply => ({ kind: 'content', content }),
  fenced: (value: unknown, prose = 'Here is my analysis.'): ScriptedReply => ({
    kind: 'content',
    content: `${prose}\n\n\`\`\`json\n${JSON.stringify(value, null, 2)}\n\`\`\`\n\nLet me know if you need more.`,
  }),
  status: (status: number, headers: Record<string, string> = {}, message?: string): ScriptedReply => ({
    kind: 'status',
    status,
    headers,
    ...(message !== undefined ? { message } : {}),
  }),
  /** Never answers (until `ms` passes or the server closes): longer than any client timeout in the tests. */
  hang: (ms = 60_000): ScriptedReply => ({ kind: 'hang', ms }),
};

export type RecordedRequest = {
  method: string;
  path: string;
  headers: IncomingMessage['headers'];
  raw: string;
  body: unknown;
};

export type ChatMessage = { role: string; content: string };

/** How a provider turns a reply into its HTTP body. */
export type Dialect = {
  paths: readonly string[];
  success(
    request: { model: string; messages: ChatMessage[] },
    reply: Extract<ScriptedReply, { kind: 'content' }>,
    promptTokens: number,
  ): unknown;
  error(status: number, message: string): unknown;
};

export type ScriptedServer = {
  /** http://127.0.0.1:PORT */
  url: string;
  requests: RecordedRequest[];
  enqueue(...replies: ScriptedReply[]): void;
  /** Replies not consumed yet. */
  readonly pending: number;
  close(): Promise<void>;
};

function readBody(request: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    request.on('error', reject);
  });
}

function send(
  response: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  response.writeHead(status, { 'content-type': 'application/json', ...headers });
  response.end(JSON.stringify(body));
}

export async function startScriptedServer(
  dialect: Dialect,
  initial: readonly ScriptedReply[],
): Promise<ScriptedServer> {
  const queue: ScriptedReply[] = [...initial];
  const requests: RecordedRequest[] = [];
  const timers = new Set<NodeJS.Timeout>();

  const server = createServer((request, response) => {
    void (async () => {
      const raw = await readBody(request);
      let body: unknown;
      try {
        body = JSON.parse(raw);
      } catch {
        body = undefined;
      }
      const path = (request.url ?? '').split('?')[0] ?? '';
      requests.push({ method: request.method ?? '', path, headers: request.headers, raw, body });
      if (request.method !== 'POST' || !dialect.paths.includes(path)) {
        send(response, 404, dialect.error(404, `scripted server: no route ${request.method} ${path}`));
        return;
      }
      const next = queue.shift();
      // 400 is not retryable: a test that under-scripts its replies fails loudly instead of retrying quietly.
      if (!next) return send(response, 400, dialect.error(400, 'scripted server: no reply queued'));
      if (next.kind === 'status') {
        return send(
          response,
          next.status,
          dialect.error(next.status, next.message ?? `scripted ${next.status}`),
          next.headers,
        );
      }
      if (next.kind === 'hang') {
        const timer = setTimeout(() => response.destroy(), next.ms ?? 60_000);
        timers.add(timer);
        response.on('close', () => clearTimeout(timer));
        return;
      }
      const { model, messages } = body as { model: string; messages: ChatMessage[] };
      const promptTokens =
        next.promptTokens ?? messages.reduce((total, message) => total + countTokens(message.content), 0);
      send(response, 200, dialect.success({ model, messages }, next, promptTokens));
    })();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    enqueue: (...replies) => queue.push(...replies),
    get pending() {
      return queue.length;
    },
    close: async () => {
      for (const timer of timers) clearTimeout(timer);
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
