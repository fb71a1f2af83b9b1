/**
 * Properties every built message must have, checked over the whole catalog: Slack's limits, escaping, the
 * button contract with the listeners (ids, labels, values) and when buttons may appear at all.
 */
import { describe, expect, it } from 'vitest';
import { parseButtonValue } from '../../blocks/button-value.js';
import { ACTION_IDS, parseBlockId } from '../../blocks/ids.js';
import { checkMessage } from '../../blocks/limits.js';
import { allMessages, cards } from './catalog.js';
import { buttonsOf, mrkdwnTexts } from './helpers.js';

/** SPEC §5, written out rather than imported: the builders' constants must not be able to drift from it. */
const SPEC_LABEL_PREFIXES: Record<keyof typeof ACTION_IDS, string> = {
  approve: 'Approve',
  reject: 'Reject',
  dryRun: 'Dry run',
  undo: 'Undo',
};

describe('every built message', () => {
  it('covers the fixtures (so the checks below are not vacuous)', () => {
    expect(cards.length).toBeGreaterThanOrEqual(18);
    expect(allMessages.length).toBeGreaterThan(50);
  });

  it.each(allMessages)('%s is within Slack limits', (_name, message) => {
    expect(checkMessage(message)).toEqual([]);
  });

  it.each(allMessages)('%s escapes & < > in mrkdwn', (_name, message) => {
    for (const text of mrkdwnTexts(message)) {
      // The only `<` we write are mentions and dates; the only `&` are the three entities.
      expect(
        text.replace(/<(@[UW][A-Z0-9]+|!subteam\^S[A-Z0-9]+|!date\^\d+\^[^|>]+\|[^>]+)>/g, ''),
      ).not.toMatch(/[<>]/);
      expect(text).not.toMatch(/&(?!amp;|lt;|gt;)/);
    }
  });

  it.each(allMessages)('%s has unique action_ids and label prefixes per SPEC §5', (_name, message) => {
    const buttons = buttonsOf(message);
    const ids = buttons.map((button) => button.action_id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const button of buttons) {
      const name = (Object.keys(ACTION_IDS) as (keyof typeof ACTION_IDS)[]).find(
        (key) => ACTION_IDS[key] === button.action_id,
      );
      expect(name, `unknown action_id ${button.action_id}`).toBeDefined();
      expect(button.text.text.startsWith(SPEC_LABEL_PREFIXES[name!])).toBe(true);
      expect(parseButtonValue(button.value).ok).toBe(true);
    }
  });

  it.each(allMessages)('%s marks at most one button primary', (_name, message) => {
    expect(buttonsOf(message).filter((button) => button.style === 'primary').length).toBeLessThanOrEqual(1);
  });
});

describe('incident card buttons', () => {
  it('appear only while the state is proposed, and then all three (unless decided in another incident)', () => {
    for (const { name, incident, message } of cards) {
      const ids = buttonsOf(message).map((button) => button.action_id);
      const decision = ids.filter((id) => id !== ACTION_IDS.undo);
      if (incident.state !== 'proposed' || incident.sameAs) expect(decision, name).toEqual([]);
      else if (incident.report?.proposals[0]?.action !== 'manual')
        expect(decision, name).toEqual([ACTION_IDS.approve, ACTION_IDS.reject, ACTION_IDS.dryRun]);
    }
  });

  it('never offer Approve on a manual proposal', () => {
    const manual = cards.filter((entry) => entry.incident.report?.proposals[0]?.action === 'manual');
    expect(manual.length).toBeGreaterThan(0);
    for (const { message } of manual)
      expect(buttonsOf(message).map((button) => button.action_id)).not.toContain(ACTION_IDS.approve);
  });

  it('offer Undo only after an applied change whose undo record exists', () => {
    for (const { name, incident, options, message } of cards) {
      const hasUndo = buttonsOf(message).some((button) => button.action_id === ACTION_IDS.undo);
      const expected =
        Boolean(incident.applied?.undoId && options.undoAvailable) &&
        (incident.state === 'resolved' || incident.state === 'failed');
      expect(hasUndo, name).toBe(expected);
    }
    expect(cards.some((entry) => buttonsOf(entry.message).some((b) => b.action_id === ACTION_IDS.undo))).toBe(
      true,
    );
  });

  it('carry the incident and proposal in their value, and a revisioned block_id', () => {
    for (const { incident, message } of cards) {
      for (const block of message.blocks.filter((candidate) => candidate.type === 'actions')) {
        expect(parseBlockId(block.block_id ?? '')?.revision).toBe(incident.audit.length);
        for (const button of buttonsOf({ text: '', blocks: [block] })) {
          const parsed = parseButtonValue(button.value);
          expect(parsed.ok && parsed.value.incidentId).toBe(incident.id);
        }
      }
    }
  });
});
