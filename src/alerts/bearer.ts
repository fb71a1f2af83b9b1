/**
 * The bearer check of POST /alerts. Both sides are hashed before the constant-time comparison, so neither the
 * content nor the length of the configured token leaks through timing.
 */
import { createHash, timingSafeEqual } from 'node:crypto';

const digest = (value: string): Buffer => createHash('sha256').update(value, 'utf8').digest();

export function bearerMatches(header: string | undefined, token: string): boolean {
  const match = /^Bearer +(\S+) *$/i.exec(header ?? '');
  const presented = match?.[1] ?? '';
  // Compare even when the header is absent or malformed: every request takes the same path.
  const equal = timingSafeEqual(digest(presented), digest(token));
  return equal && presented.length > 0;
}
