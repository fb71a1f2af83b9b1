/** The body cap of POST /alerts: refuses at the cap without waiting for (or keeping) the rest. */
import type { IncomingMessage } from 'node:http';
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { readCappedBody } from '../../src/alerts/request-body.js';

function fakeRequest(
  headers: Record<string, string> = {},
): PassThrough & { headers: Record<string, string> } {
  return Object.assign(new PassThrough(), { headers });
}

describe('readCappedBody', () => {
  it('returns the whole body when it fits', async () => {
    const request = fakeRequest();
    const result = readCappedBody(request as unknown as IncomingMessage, 10);
    request.end('0123456789');
    expect(await result).toEqual({ ok: true, body: Buffer.from('0123456789') });
  });

  it('refuses as soon as the cap is passed, while the client is still sending', async () => {
    const request = fakeRequest();
    const result = readCappedBody(request as unknown as IncomingMessage, 1024);
    request.write(Buffer.alloc(1000));
    request.write(Buffer.alloc(100));
    // The stream never ends: the answer must not depend on it.
    expect(await result).toEqual({ ok: false, reason: 'too_large' });
    // What arrives afterwards is read and dropped (the client can finish and read the 413).
    request.write(Buffer.alloc(4096));
    expect(request.readableLength).toBe(0);
    request.destroy();
  });

  it('refuses a declared Content-Length over the cap without reading anything', async () => {
    const request = fakeRequest({ 'content-length': String(5 * 1024 * 1024) });
    expect(await readCappedBody(request as unknown as IncomingMessage, 1024)).toEqual({
      ok: false,
      reason: 'too_large',
    });
    request.destroy();
  });

  it('cuts off a client that keeps sending far past the cap', async () => {
    const request = fakeRequest();
    const result = readCappedBody(request as unknown as IncomingMessage, 16);
    request.write(Buffer.alloc(17));
    await result;
    request.write(Buffer.alloc(16 * 16 + 1));
    await new Promise((resolve) => setImmediate(resolve));
    expect(request.destroyed).toBe(true);
  });

  it('reports a client that went away mid-body', async () => {
    const request = fakeRequest();
    const result = readCappedBody(request as unknown as IncomingMessage, 1024);
    request.write('{"version":');
    request.destroy();
    expect(await result).toEqual({ ok: false, reason: 'aborted' });
  });
});
