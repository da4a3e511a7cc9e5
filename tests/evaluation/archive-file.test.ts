import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { projectRoot } from '../../src/config.js';
import { filtersOutOfShape, quotesNotInTheirStatements, readQuestionFile } from '../support/eval-files.js';

/**
 * The archive evaluation file: questions whose answers lie in General Debate speeches of 1946 to 2009, written by
 * hand against statements picked with a fixed seed, in the format and kinds of the shared dev files.
 */
const ARCHIVE_FILE = path.join(projectRoot, 'scripts', 'eval', 'archive-1946-2009.jsonl');
const KINDS = ['paraphrase', 'lexical', 'filtered', 'who'];
/** `ungdc/<year>/<ISO3>_<session>_<year>.txt`, relative to the corpus folder. */
const ARCHIVE_DOC = /^ungdc\/(\d{4})\/([A-Z]{3})_\d+_(\d{4})\.txt$/;

const { questions, filters: filtersOf } = readQuestionFile(ARCHIVE_FILE);

function docParts(doc: string): { year: number; country: string } {
  const match = ARCHIVE_DOC.exec(doc);
  if (match === null) throw new Error(`not an archive General Debate path: ${doc}`);
  return { year: Number(match[1]), country: match[2]! };
}

describe('scripts/eval/archive-1946-2009.jsonl', () => {
  it('has about 40 questions with unique H- ids and all four kinds', () => {
    expect(questions.length).toBeGreaterThanOrEqual(35);
    expect(questions.length).toBeLessThanOrEqual(45);
    const ids = questions.map((q) => q.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id).toMatch(/^H-\d{3}$/);
    for (const q of questions) expect(KINDS).toContain(q.kind);
    expect(new Set(questions.map((q) => q.kind))).toEqual(new Set(KINDS));
  });

  it('keeps filters for analysis only, in the shape of the other files', () => {
    expect(filtersOutOfShape(filtersOf)).toEqual([]);
    questions.forEach((q, i) => {
      if (q.kind === 'filtered') expect(Object.keys(filtersOf[i]!).length, q.id).toBeGreaterThan(0);
    });
  });

  it('cites only General Debate statements of 1946 to 2009, with quotes of 8 to 20 words', () => {
    for (const q of questions) {
      for (const gold of q.gold) {
        const { year } = docParts(gold.doc);
        expect(year, `${q.id} ${gold.doc}`).toBeGreaterThanOrEqual(1946);
        expect(year, `${q.id} ${gold.doc}`).toBeLessThanOrEqual(2009);
        expect(gold.doc, q.id).toMatch(new RegExp(`_${year}\\.txt$`));
        const words = gold.quote.split(/\s+/).filter(Boolean).length;
        expect(words, `${q.id}: ${gold.quote}`).toBeGreaterThanOrEqual(8);
        expect(words, `${q.id}: ${gold.quote}`).toBeLessThanOrEqual(20);
      }
    }
  });

  it('has filters that agree with the gold statements: year with the folder, country with the file prefix', () => {
    questions.forEach((q, i) => {
      const filters = filtersOf[i]!;
      for (const gold of q.gold) {
        const { year, country } = docParts(gold.doc);
        if ('year' in filters) expect(filters.year, `${q.id} ${gold.doc}`).toBe(year);
        if ('country' in filters) expect(filters.country, `${q.id} ${gold.doc}`).toBe(country);
      }
    });
  });

  it('has every gold quote verbatim in its statement after the README normalization', () => {
    expect(quotesNotInTheirStatements(questions)).toEqual([]);
  });
});
