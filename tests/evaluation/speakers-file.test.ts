import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { projectRoot } from '../../src/config.js';
import { EVALUATION_FOLDERS } from '../../src/evaluation/corpus.js';
import { filtersOutOfShape, quotesNotInTheirStatements, readQuestionFile } from '../support/eval-files.js';

/** The third evaluation file: questions that name a speaker as a person or an office, a topic country, or an event's year. */
const SPEAKERS_FILE = path.join(projectRoot, 'scripts', 'eval', 'speakers.jsonl');
const KINDS = ['person', 'title', 'topic-country', 'event-year'];

const { questions, filters } = readQuestionFile(SPEAKERS_FILE);

describe('scripts/eval/speakers.jsonl', () => {
  it('has about 40 questions with unique P- ids and the four speaker kinds', () => {
    expect(questions.length).toBeGreaterThanOrEqual(35);
    const ids = questions.map((q) => q.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id).toMatch(/^P-\d{3}$/);
    for (const q of questions) expect(KINDS).toContain(q.kind);
    expect(new Set(questions.map((q) => q.kind))).toEqual(new Set(KINDS));
  });

  it('keeps filters for analysis only, in the shape of the other files', () => {
    expect(filtersOutOfShape(filters)).toEqual([]);
  });

  it('cites only statements of the evaluation corpus, with quotes of 8 to 20 words', () => {
    for (const q of questions) {
      for (const gold of q.gold) {
        expect(EVALUATION_FOLDERS, `${q.id} ${gold.doc}`).toContain(path.posix.dirname(gold.doc));
        const words = gold.quote.split(/\s+/).filter(Boolean).length;
        expect(words, `${q.id}: ${gold.quote}`).toBeGreaterThanOrEqual(8);
        expect(words, `${q.id}: ${gold.quote}`).toBeLessThanOrEqual(20);
      }
    }
  });

  it('has every gold quote verbatim in its statement after the README normalization', () => {
    expect(quotesNotInTheirStatements(questions)).toEqual([]);
  });
});
