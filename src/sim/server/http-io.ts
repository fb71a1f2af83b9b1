/** Reading request bodies and writing JSON / Status responses. */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { ApiError, errors } from '../errors.js';
import { decodeKubernetesProtobuf, PROTOBUF_CONTENT_TYPE } from './protobuf.js';

/** The real apiserver refuses bodies over 3 MiB. */
export const MAX_BODY_BYTES = 3 * 1024 * 1024;

/**
 * The request body as text. A protobuf body (kubectl's typed clients: `kubectl create configmap …`) is decoded
 * to the JSON it encodes, so every handler reads JSON.
 */
export async function readBody(request: IncomingMessage): Promise<string> {
  const bytes = await readBodyBytes(request);
  if (request.headers['content-type']?.split(';')[0]?.trim() === PROTOBUF_CONTENT_TYPE && bytes.length > 0)
    return JSON.stringify(decodeKubernetesProtobuf(bytes));
  return bytes.toString('utf8');
}

async function readBodyBytes(request: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    const buffer = chunk as Buffer;
    size += buffer.length;
    if (size > MAX_BODY_BYTES)
      throw new ApiError(413, 'RequestEntityTooLarge', 'Request entity too large: limit is 3145728');
    chunks.push(buffer);
  }
  return Buffer.concat(chunks);
}

export function parseJsonBody(text: string, what = 'object'): unknown {
  if (text.trim() === '') return {};
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw errors.badRequest(`the ${what} could not be decoded: ${(error as Error).message}`);
  }
}

export function sendJson(
  response: ServerResponse,
  status: number,
  body: unknown,
  contentType = 'application/json',
  headers: Record<string, string> = {},
): void {
  const text = JSON.stringify(body);
  response.writeHead(status, {
    'Content-Type': contentType,
    'Content-Length': Buffer.byteLength(text),
    'Cache-Control': 'no-cache, private',
    ...headers,
  });
  response.end(text);
}

export function sendError(response: ServerResponse, error: unknown): void {
  const apiError =
    error instanceof ApiError
      ? error
      : errors.internal(error instanceof Error ? error.message : String(error));
  const headers: Record<string, string> = {};
  const retryAfter = apiError.status.details?.retryAfterSeconds;
  if (retryAfter !== undefined) headers['Retry-After'] = String(retryAfter);
  if (response.headersSent) {
    response.end();
    return;
  }
  sendJson(response, apiError.code, apiError.status, 'application/json', headers);
}

export function sendText(response: ServerResponse, status: number, text: string): void {
  response.writeHead(status, { 'Content-Type': 'text/plain', 'Content-Length': Buffer.byteLength(text) });
  response.end(text);
}
