import fs from 'node:fs';
import type { IndexedArchive } from '../archive/open-archive.js';
import { buildLexicalQuery } from '../search/lexical-query.js';
import { noFilters } from '../search/question.js';
import { CUTOFF, firstHitRank, questionSchema, systemReport, type EvalQuestion, type SystemReport } from './scoring.js';

export interface QuestionOutcome {
  id: string;
  rank: number | null;
  lexicalRank: number | null;
  denseRank: number | null;
  /** False when the product would say "nothing matches well" instead of quoting (see SearchResult.confident). */
  confident: boolean;
}

export interface EvaluationReport {
  n: number;
  systems: { product: SystemReport; lexical: SystemReport; dense: SystemReport };
  questions: QuestionOutcome[];
}

export function readQuestions(file: string): EvalQuestion[] {
  return fs
    .readFileSync(file, 'utf8')
    .split('\n')
    .filter((line) => line.trim())
    .map((line, i) => {
      const parsed = questionSchema.safeParse(JSON.parse(line));
      if (!parsed.success) throw new Error(`${file}:${i + 1}: ${parsed.error.issues[0]?.message ?? 'invalid question'}`);
      return parsed.data;
    });
}

/** BM25 over every word of the question as typed, as a plain full-text search engine would rank. */
function plainBm25(archive: IndexedArchive, question: string): number[] {
  const query = buildLexicalQuery(question);
  return query ? archive.index.store.lexical.search(query, noFilters(), CUTOFF).map((r) => r.id) : [];
}

/**
 * Ranks every question three ways from the same index: the product (filters + hybrid), plain BM25 and plain
 * dense search over the question as typed; the peers get no help from the product's question reading.
 */
export async function evaluate(archive: IndexedArchive, questions: EvalQuestion[], root: string): Promise<EvaluationReport> {
  const retrieval = archive.retrieval;
  const passagesOf = (ids: number[]) => archive.index.store.paragraphs.byIds(ids).map((p) => ({ source: p.meta.path, text: p.text }));
  const outcomes: QuestionOutcome[] = [];
  for (const q of questions) {
    const product = await archive.search(q.question, { k: CUTOFF });
    const vector = await retrieval.queryVector(q.question);
    outcomes.push({
      id: q.id,
      rank: firstHitRank(
        q,
        product.hits.map((h) => ({ source: h.meta.path, text: h.text })),
        root,
      ),
      lexicalRank: firstHitRank(q, passagesOf(plainBm25(archive, q.question)), root),
      denseRank: firstHitRank(q, passagesOf(retrieval.rankDense(vector, noFilters(), CUTOFF).map((r) => r.id)), root),
      confident: product.confident,
    });
  }
  return {
    n: questions.length,
    systems: {
      product: systemReport(
        questions,
        outcomes.map((o) => o.rank),
      ),
      lexical: systemReport(
        questions,
        outcomes.map((o) => o.lexicalRank),
      ),
      dense: systemReport(
        questions,
        outcomes.map((o) => o.denseRank),
      ),
    },
    questions: outcomes,
  };
}

export function formatEvaluation(report: EvaluationReport): string {
  const f = (x: number) => x.toFixed(3);
  const rows = ['system    kind          n   R@1    R@5    R@10   MRR@10'];
  for (const [name, system] of Object.entries(report.systems)) {
    const row = (kind: string, m: { n: number; r1: number; r5: number; r10: number; mrr: number }, label = '') =>
      `${label.padEnd(9)} ${kind.padEnd(11)} ${String(m.n).padStart(3)}  ${f(m.r1)}  ${f(m.r5)}  ${f(m.r10)}  ${f(m.mrr)}`;
    rows.push(row('all', system, name));
    for (const [kind, m] of Object.entries(system.byKind)) rows.push(row(kind, m));
  }
  rows.push('', declinedLine(report.questions));
  return rows.join('\n');
}

/** How often the product says "nothing matches well" instead of quoting, and whether it ever does so over an answer it ranks high. */
function declinedLine(questions: QuestionOutcome[]): string {
  const declined = questions.filter((q) => !q.confident);
  const overAnAnswer = declined.filter((q) => q.rank !== null && q.rank <= 5);
  const ids = (list: QuestionOutcome[]) => (list.length > 0 ? ` (${list.map((q) => q.id).join(', ')})` : '');
  return (
    `"nothing matches well" instead of quotes: ${declined.length} of ${questions.length}${ids(declined)}; ` +
    `of those, with the gold answer in the top 5: ${overAnAnswer.length}${ids(overAnAnswer)}`
  );
}
