import fs from 'node:fs';
import path from 'node:path';
import { decodeStatementBytes } from '../../src/corpus/decode.js';
import { DEFAULT_EVAL_ROOT } from '../../src/evaluation/corpus.js';
import { normalizeForMatch, questionSchema, type EvalQuestion } from '../../src/evaluation/scoring.js';

/** A question file of this repository (JSON Lines), each line parsed, with the `filters` it states. */
export function readQuestionFile(file: string): { questions: EvalQuestion[]; filters: Record<string, unknown>[] } {
  const lines = fs
    .readFileSync(file, 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '');
  return {
    questions: lines.map((line) => questionSchema.parse(JSON.parse(line))),
    filters: lines.map((line) => (JSON.parse(line) as { filters: Record<string, unknown> }).filters),
  };
}

const normalizedTexts = new Map<string, string>();

function normalizedStatement(doc: string): string {
  let text = normalizedTexts.get(doc);
  if (text === undefined) {
    const decoded = decodeStatementBytes(fs.readFileSync(path.join(DEFAULT_EVAL_ROOT, doc)));
    if ('problem' in decoded) throw new Error(`${doc}: ${decoded.problem}`);
    text = normalizeForMatch(decoded.text);
    normalizedTexts.set(doc, text);
  }
  return text;
}

/** Every gold quote that is not, after the evaluation README's normalization, in the statement it cites. */
export function quotesNotInTheirStatements(questions: EvalQuestion[]): string[] {
  return questions.flatMap((q) =>
    q.gold
      .filter((gold) => !normalizedStatement(gold.doc).includes(normalizeForMatch(gold.quote)))
      .map((gold) => `${q.id} ${gold.doc}: ${gold.quote}`),
  );
}

/** Filters that are not in the shared dev files' shape: only an ISO3 `country` and a numeric `year`. */
export function filtersOutOfShape(filters: Record<string, unknown>[]): string[] {
  return filters.flatMap((f, i) => {
    const wrong =
      Object.keys(f).some((key) => key !== 'country' && key !== 'year') ||
      ('country' in f && !/^[A-Z]{3}$/.test(String(f.country))) ||
      ('year' in f && typeof f.year !== 'number');
    return wrong ? [`line ${i + 1}: ${JSON.stringify(f)}`] : [];
  });
}
