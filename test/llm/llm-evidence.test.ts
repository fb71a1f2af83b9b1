import { describe, expect, it } from 'vitest';
import { evidenceCorpus, groundEvidence } from '../../src/diagnosis/llm-evidence.js';
import { MISSING_ENV_LINE, paymentsSnapshot } from './fixtures/snapshots.js';
import { rulesFor } from './fixtures/rules.js';

const snapshot = paymentsSnapshot();
const rules = rulesFor(snapshot);
const promptData = JSON.stringify({
  failing: [{ pods: [{ containers: ['app ready=false restarts=6 waiting CrashLoopBackOff'] }] }],
});
const corpus = evidenceCorpus(snapshot, rules.findings, promptData);

describe('groundEvidence', () => {
  it.each([
    ['a log line verbatim', MISSING_ENV_LINE],
    ['a finding evidence line', rules.findings[0]!.evidence[0]!],
    ['a log line with a source label added', `log: ${MISSING_ENV_LINE}`],
    [
      'a quoted line with other spacing and case',
      `"error:  environment variable required_config IS NOT SET"`,
    ],
    ['an event message', 'event: Back-off restarting failed container app in pod'],
    ['a composed line of the prompt data', 'app ready=false restarts=6 waiting CrashLoopBackOff'],
    [
      'a container state message',
      'back-off 5m0s restarting failed container=app pod=payments-7c9d8b6f5-x2x9q',
    ],
  ])('keeps %s', (_name, line) => {
    expect(groundEvidence([line], corpus)).toEqual({ kept: [line], dropped: [] });
  });

  it.each([
    ['an invented log line', 'log: FATAL: disk /var/lib/data is full'],
    ['an invented event', 'event: OOMKilled container app (x3)'],
    ['a paraphrase', 'The REQUIRED_CONFIG variable is missing from the container'],
    ['a line too short to prove anything', 'Error'],
    ['text spanning two separate entries', 'is not set starting payments'],
  ])('drops %s', (_name, line) => {
    expect(groundEvidence([line], corpus)).toEqual({ kept: [], dropped: [line] });
  });

  it('removes duplicates and blank lines, keeping order', () => {
    expect(
      groundEvidence([MISSING_ENV_LINE, ' ', MISSING_ENV_LINE, 'loading configuration'], corpus).kept,
    ).toEqual([MISSING_ENV_LINE, 'loading configuration']);
  });
});
