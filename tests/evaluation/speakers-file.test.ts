import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { projectRoot } from '../../src/config.js';
import { decodeStatementBytes } from '../../src/corpus/decode.js';
import { DEFAULT_EVAL_ROOT, EVALUATION_FOLDERS } from '../../src/evaluation/corpus.js';
import { normalizeForMatch, questionSchema, type EvalQuestion } from '../../src/evaluation/scoring.js';

/** The third evaluation file: questions that name a speaker as a person or an office, a topic country, or an event's year. */
const SPEAKERS_FILE = path.join(projectRoot, 'scripts', 'eval', 'speakers.jsonl');
const KINDS = ['person', 'title', 'topic-country', 'event-year'];

const lines = fs
  .readFileSync(SPEAKERS_FILE, 'utf8')
  .split('\n')
  .filter((line) => line.trim() !== '');

const questions: EvalQuestion[] = lines.map((line) => questionSchema.parse(JSON.parse(line)));

const texts = new Map<string, string>();
function normalizedDoc(doc: string): string {
  let text = texts.get(doc);
  if (text === undefined) {
    const decoded = decodeStatementBytes(fs.readFileSync(path.join(DEFAULT_EVAL_ROOT, doc)));
    if ('problem' in decoded) throw new Error(`${doc}: ${decoded.problem}`);
    text = normalizeForMatch(decoded.text);
    texts.set(doc, text);
  }
  return text;
}

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
    for (const line of lines) {
      const { filters } = JSON.parse(line) as { filters: Record<string, unknown> };
      expect(Object.keys(filters).every((key) => key === 'country' || key === 'year')).toBe(true);
      if ('country' in filters) expect(filters.country).toMatch(/^[A-Z]{3}$/);
      if ('year' in filters) expect(filters.year).toBeTypeOf('number');
    }
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
    const missing = questions.flatMap((q) =>
      q.gold
        .filter((gold) => !normalizedDoc(gold.doc).includes(normalizeForMatch(gold.quote)))
        .map((gold) => `${q.id} ${gold.doc}: ${gold.quote}`),
    );
    expect(missing).toEqual([]);
  });
});
