import { describe, expect, it } from 'vitest';
import { humanDuration, timeSince } from '../../../src/sim/tables/human-duration.js';

const S = 1000;
const M = 60 * S;
const H = 60 * M;
const D = 24 * H;
const Y = 365 * D;

describe('humanDuration', () => {
  it.each([
    [-2 * S, '<invalid>'],
    [-1999, '0s'],
    [-1 * S, '0s'],
    [0, '0s'],
    [999, '0s'],
    [45 * S, '45s'],
    [119 * S, '119s'],
    [2 * M, '2m'],
    [2 * M + 5 * S, '2m5s'],
    [9 * M + 59 * S, '9m59s'],
    [10 * M, '10m'],
    [10 * M + 30 * S, '10m'],
    [179 * M, '179m'],
    [3 * H, '3h'],
    [3 * H + 5 * M, '3h5m'],
    [7 * H + 59 * M, '7h59m'],
    [8 * H, '8h'],
    [8 * H + 30 * M, '8h'],
    [47 * H, '47h'],
    [48 * H, '2d'],
    [2 * D + 5 * H, '2d5h'],
    [7 * D + 23 * H, '7d23h'],
    [8 * D, '8d'],
    [689 * D, '689d'],
    [2 * Y - 1 * H, '729d'],
    [2 * Y, '2y'],
    [2 * Y + 10 * D, '2y10d'],
    [8 * Y - D, '7y364d'],
    [8 * Y, '8y'],
    [20 * Y + 100 * D, '20y'],
  ])('%d ms ⇒ %s', (ms, expected) => {
    expect(humanDuration(ms)).toBe(expected);
  });
});

describe('timeSince', () => {
  const now = Date.parse('2025-01-10T10:10:00Z');
  it.each([
    ['2025-01-10T10:09:15Z', '45s'],
    ['2025-01-10T10:10:01Z', '0s'],
    ['2025-01-10T10:10:05Z', '<invalid>'],
    [undefined, '<unknown>'],
    [null, '<unknown>'],
    ['not a time', '<unknown>'],
    ['0001-01-01T00:00:00Z', '<unknown>'],
  ])('%s ⇒ %s', (timestamp, expected) => {
    expect(timeSince(timestamp, now)).toBe(expected);
  });
});
