import path from 'node:path';
import { z } from 'zod';

export const questionSchema = z.object({
  id: z.string(),
  question: z.string(),
  kind: z.string(),
  gold: z.array(z.object({ doc: z.string(), quote: z.string() })).min(1),
});
export type EvalQuestion = z.infer<typeof questionSchema>;

export const CUTOFF = 10;

/** The evaluation README's normalization: NFKC, lower case, straight quotes, one dash, single spaces. */
export function normalizeForMatch(text: string): string {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\u2018\u2019\u201A\u201B\u2032\u0060\u00B4]/g, "'")
    .replace(/[\u201C\u201D\u201E\u201F\u2033\u00AB\u00BB]/g, '"')
    .replace(/[\u2010-\u2015\u2212\uFE58\uFE63\uFF0D]/g, '-')
    .replace(/\s+/g, ' ')
    .trim();
}

export interface ReturnedPassage {
  /** Absolute path of the statement file. */
  source: string;
  text: string;
}

/** Whether the passage comes from a gold document and holds its whole quote. */
export function holdsGold(question: EvalQuestion, passage: ReturnedPassage, root: string): boolean {
  const source = path.resolve(passage.source);
  const text = normalizeForMatch(passage.text);
  return question.gold.some((g) => path.resolve(root, g.doc) === source && text.includes(normalizeForMatch(g.quote)));
}

/** 1-based rank of the first passage that comes from a gold document and holds its whole quote, or null. */
export function firstHitRank(question: EvalQuestion, passages: ReturnedPassage[], root: string): number | null {
  const index = passages.slice(0, CUTOFF).findIndex((passage) => holdsGold(question, passage, root));
  return index >= 0 ? index + 1 : null;
}

export interface Metrics {
  n: number;
  r1: number;
  r5: number;
  r10: number;
  mrr: number;
}

export function metricsOf(ranks: (number | null)[]): Metrics {
  const n = ranks.length;
  const within = (k: number) => ranks.filter((r) => r !== null && r <= k).length / Math.max(n, 1);
  const mrr = ranks.reduce<number>((sum, r) => sum + (r !== null && r <= CUTOFF ? 1 / r : 0), 0) / Math.max(n, 1);
  return { n, r1: within(1), r5: within(5), r10: within(10), mrr };
}

export interface SystemReport extends Metrics {
  byKind: Record<string, Metrics>;
}

export function systemReport(questions: EvalQuestion[], ranks: (number | null)[]): SystemReport {
  const kinds = [...new Set(questions.map((q) => q.kind))].sort();
  const byKind = Object.fromEntries(kinds.map((kind) => [kind, metricsOf(ranks.filter((_, i) => questions[i]!.kind === kind))]));
  return { ...metricsOf(ranks), byKind };
}
