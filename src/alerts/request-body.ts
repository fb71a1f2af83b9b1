/**
 * Reading a request body with a hard cap. Bolt hands custom routes the raw IncomingMessage, so nothing limits
 * what a client sends but this: past the cap (or with a Content-Length above it) the body is refused at once,
 * and whatever still arrives is read and thrown away, never kept.
 */
import type { IncomingMessage } from 'node:http';

export type BodyResult =
  { ok: true; body: Buffer } | { ok: false; reason: 'too_large' } | { ok: false; reason: 'aborted' };

export function readCappedBody(request: IncomingMessage, limitBytes: number): Promise<BodyResult> {
  const declared = Number(request.headers['content-length']);
  if (Number.isFinite(declared) && declared > limitBytes) {
    discardRest(request, limitBytes);
    return Promise.resolve({ ok: false, reason: 'too_large' });
  }
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size <= limitBytes) {
        chunks.push(chunk);
        return;
      }
      request.off('data', onData);
      request.off('end', onEnd);
      chunks.length = 0;
      discardRest(request, limitBytes);
      resolve({ ok: false, reason: 'too_large' });
    };
    const onEnd = () => resolve({ ok: true, body: Buffer.concat(chunks, size) });
    request.on('data', onData);
    request.on('end', onEnd);
    request.on('error', () => resolve({ ok: false, reason: 'aborted' }));
    // After 'end' this changes nothing (the promise is settled); before it, the client went away.
    request.on('close', () => resolve({ ok: false, reason: 'aborted' }));
  });
}

/**
 * Drains what the client is still sending so it can read our answer (closing on a sending client often loses
 * the response); a client that keeps going far past the cap is cut off.
 */
export function discardRest(request: IncomingMessage, limitBytes: number): void {
  let discarded = 0;
  request.on('data', (chunk: Buffer) => {
    discarded += chunk.length;
    if (discarded > 16 * limitBytes) request.destroy();
  });
  request.on('error', () => undefined);
  request.resume();
}
