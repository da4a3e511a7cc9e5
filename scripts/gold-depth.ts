/**
 * `npx tsx scripts/gold-depth.ts --index-dir DIR --questions FILE [--split-year 2010]`: for each question the
 * product misses in its top 10, where its gold paragraphs stand: their rank by exact cosine of the paragraph's own
 * vector over every paragraph, their rank among the paragraphs on the same side of the split year (the evaluation
 * index holds 2010 on), their best sentence's similarity, and the score of the product's 10th hit. A gold paragraph
 * whose best sentence is below the 10th hit's score would not reach the top 10 as a candidate either: gathering more
 * candidates cannot help it (docs/retrieval.md, issue 26). Reads every vector once (about 3 GB at the whole
 * archive); changes nothing.
 */
import { dot } from '../src/embed/embedder.js';
import { DEFAULT_EVAL_ROOT } from '../src/evaluation/corpus.js';
import { readQuestions } from '../src/evaluation/evaluate.js';
import { holdsGold, type EvalQuestion } from '../src/evaluation/scoring.js';
import type { StoredParagraph } from '../src/index/paragraphs-table.js';
import { openCliArchive } from '../src/cli/setup.js';
import { option } from './bench-common.js';

/** Words of a quote the full-text search can look up as a phrase, to find the paragraphs that may hold it. */
const PHRASE_WORDS = 8;

const args = process.argv.slice(2);
const indexDir = option(args, 'index-dir');
const file = option(args, 'questions');
if (!indexDir || !file) {
  process.stderr.write('usage: npx tsx scripts/gold-depth.ts --index-dir DIR --questions FILE [--split-year 2010]\n');
  process.exit(2);
}
const splitYear = Number(option(args, 'split-year') ?? 2010);
const { archive } = await openCliArchive(indexDir);
const { store, vectors } = archive.index;
const ids = vectors.paragraphIds();
const yearOf = new Map<number, number>();
for (let at = 0; at < ids.length; at += 5_000)
  for (const p of store.paragraphs.byIds(ids.slice(at, at + 5_000))) yearOf.set(p.id, p.meta.year ?? 0);
const side = (id: number) => (yearOf.get(id) ?? 0) >= splitYear;

function isGold(question: EvalQuestion, paragraph: { meta: { path: string }; text: string }): boolean {
  return holdsGold(question, { source: paragraph.meta.path, text: paragraph.text }, DEFAULT_EVAL_ROOT);
}

function goldParagraphs(question: EvalQuestion): StoredParagraph[] {
  const found = new Map<number, StoredParagraph>();
  for (const g of question.gold) {
    const words = g.quote.match(/[\p{L}\p{N}]+/gu)?.slice(0, PHRASE_WORDS) ?? [];
    const matching = store.lexical.matching(`"${words.join(' ')}"`, 100);
    for (const p of store.paragraphs.byIds(matching)) if (isGold(question, p)) found.set(p.id, p);
  }
  return [...found.values()];
}

const f = (x: number) => x.toFixed(4);
for (const question of readQuestions(file)) {
  const result = await archive.search(question.question, { k: 10 });
  if (result.hits.some((h) => isGold(question, h))) continue;
  const golds = goldParagraphs(question);
  if (golds.length === 0) {
    process.stdout.write(`${question.id}  gold paragraph not found by its quote's words\n`);
    continue;
  }
  const query = await archive.retrieval.queryVector(question.question);
  const ranked = vectors.searchExact(query, ids.length, ids);
  const tenth = result.hits[9]?.score;
  for (const gold of golds) {
    const own = ranked.findIndex((n) => n.id === gold.id);
    const sameSide = ranked.filter((n) => side(n.id) === side(gold.id)).findIndex((n) => n.id === gold.id);
    const sentences = store.sentenceVectors.of([gold.id]).get(gold.id);
    let best = own >= 0 ? ranked[own]!.similarity : 0;
    for (let at = 0; sentences && at < sentences.length; at += query.length)
      best = Math.max(best, dot(query, sentences.subarray(at, at + query.length)));
    process.stdout.write(
      `${question.id}  ${gold.meta.year} ${gold.meta.country}  dense rank ${own + 1} of ${ranked.length}, ` +
        `${sameSide + 1} ${side(gold.id) ? `from ${splitYear}` : `before ${splitYear}`}  ` +
        `cosine ${f(own >= 0 ? ranked[own]!.similarity : 0)}, best sentence ${f(best)}, 10th hit's score ${tenth === undefined ? '-' : f(tenth)}\n`,
    );
  }
}
archive.close();
