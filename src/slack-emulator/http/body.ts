/** Reading request bodies (bounded) and turning form-encoded or JSON bodies into a plain record. */
import type { IncomingMessage } from 'node:http';
import { z } from 'zod';

/** Slack's own request limit is in this range; anything bigger is a bug in the caller, not a message. */
const MAX_BODY_BYTES = 4 * 1024 * 1024;

export class BodyError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

export async function readRawBody(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    const buffer = chunk as Buffer;
    size += buffer.length;
    if (size > MAX_BODY_BYTES) throw new BodyError(413, 'request body too large');
    chunks.push(buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

const jsonObject = z.record(z.string(), z.unknown());

function mediaType(contentType: string | undefined): string {
  return (contentType ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
}

/**
 * A body as a record: form fields (all strings, as the WebClient sends them, with objects JSON-encoded inside)
 * or a JSON object (what Slack also accepts with a bearer token, and what response_url posts are).
 */
export function parseBody(raw: string, contentType: string | undefined): Record<string, unknown> {
  const type = mediaType(contentType);
  if (type === 'application/json') {
    let parsed: unknown;
    try {
      parsed = raw.trim() === '' ? {} : JSON.parse(raw);
    } catch {
      throw new BodyError(400, 'invalid_json');
    }
    const result = jsonObject.safeParse(parsed);
    if (!result.success) throw new BodyError(400, 'invalid_json');
    return result.data;
  }
  // Slack treats anything else as a form (its own SDKs never send other types); so do we.
  return Object.fromEntries(new URLSearchParams(raw));
}
