/** Incident ids people can read out loud: `inc-20261121-0552-k3x9` (UTC minute + 4 random characters). */
import { randomInt } from 'node:crypto';

const ALPHABET = 'bcdfghjkmnpqrstvwxz23456789';

export function newIncidentId(now: Date): string {
  const stamp = now.toISOString().slice(0, 16).replace(/[-:]/g, '').replace('T', '-');
  let suffix = '';
  for (let index = 0; index < 4; index += 1) suffix += ALPHABET[randomInt(ALPHABET.length)];
  return `inc-${stamp}-${suffix}`;
}
