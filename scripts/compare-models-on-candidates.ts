/**
 * `npx tsx scripts/compare-models-on-candidates.ts [--index-dir DIR] [--pool N] MODEL...`: how other models would
 * rank the product's own candidates, without an evaluation index per model (an hour or more each here).
 *
 * For every question of both evaluation files the candidates are the index model's N nearest paragraphs by
 * best-sentence cosine (exact, over every vector) plus BM25's 100 best over the question's search words. Each
 * model named embeds those paragraphs and their sentences again and ranks them by its own best-sentence cosine;
 * the index's model is scored the same way on the same candidates, and so is its sum with each other model.
 * No question reading and no lexical evidence: the models alone. Reads the index; changes nothing.
 */
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { Command } from 'commander';
import { loadConfig } from '../src/config.js';
import { findCountryMentions } from '../src/corpus/countries.js';
import { dot } from '../src/embed/embedder.js';
import { MODEL_NAMES, type ModelName } from '../src/embed/models.js';
import { DEFAULT_EVAL_INDEX, DEFAULT_EVAL_ROOT } from '../src/evaluation/corpus.js';
import { readQuestions } from '../src/evaluation/evaluate.js';
import { firstHitRank, metricsOf, type EvalQuestion } from '../src/evaluation/scoring.js';
import { sentencesToEmbed } from '../src/index/sentence-windows.js';
import { createLogger } from '../src/log.js';
import { loadEmbedder } from '../src/archive/open-archive.js';
import { noFilters, understandQuestion } from '../src/search/question.js';
import { openCliArchive } from '../src/cli/setup.js';

const FILES = ['dev.jsonl', 'dev2.jsonl'];
const LEXICAL_CANDIDATES = 100;
const EMBED_CHUNK = 256;

const command = new Command('compare-models-on-candidates')
  .argument('<models...>', `models to compare with the index's (${MODEL_NAMES.join(', ')})`)
  .option('--index-dir <dir>', 'evaluation index', DEFAULT_EVAL_INDEX)
  .option('--pool <n>', "the index model's nearest paragraphs per question", '150')
  .parse();
const models = command.processedArgs[0] as ModelName[];
const options = command.opts<{ indexDir: string; pool: string }>();
const unknown = models.filter((m) => !(MODEL_NAMES as readonly string[]).includes(m));
if (unknown.length > 0) throw new Error(`unknown model ${unknown.join(', ')}; known: ${MODEL_NAMES.join(', ')}`);

const { archive } = await openCliArchive(options.indexDir);
const { store } = archive.index;
const ids = store.paragraphs.ids();
const paragraphVectors = store.vectors.of(ids);
const sentenceVectors = store.sentenceVectors.of(ids);

/** The higher of a paragraph's cosine and its best sentence's, as the product scores it. */
function bestSentenceCosine(query: Float32Array, paragraph: Float32Array, sentences: Float32Array[]): number {
  return Math.max(dot(query, paragraph), ...sentences.map((s) => dot(query, s)));
}
const splitRows = (joined: Float32Array | undefined, dimension: number): Float32Array[] =>
  joined ? Array.from({ length: joined.length / dimension }, (_, i) => joined.subarray(i * dimension, (i + 1) * dimension)) : [];

const questions = FILES.flatMap((file) => readQuestions(path.join(DEFAULT_EVAL_ROOT, '..', 'eval', file)).map((q) => ({ ...q, file })));
const candidates = new Map<string, number[]>();
for (const q of questions) {
  const query = await archive.embedder.embedQuery(q.question);
  const dense = ids
    .map((id) => ({ id, score: bestSentenceCosine(query, paragraphVectors.get(id)!, splitRows(sentenceVectors.get(id), query.length)) }))
    .sort((a, b) => b.score - a.score)
    .slice(0, Number(options.pool));
  const topic = understandQuestion(q.question, { findCountries: findCountryMentions }).topic;
  const lexical = archive.retrieval.rankLexical(topic, noFilters(), LEXICAL_CANDIDATES);
  candidates.set(q.id, [...new Set([...dense.map((d) => d.id), ...lexical.map((l) => l.id)])]);
}
const texts = new Map(store.paragraphs.byIds([...new Set([...candidates.values()].flat())]).map((p) => [p.id, p]));
process.stderr.write(`${texts.size} candidate paragraphs for ${questions.length} questions\n`);

/** Per question, each candidate's score under one model, in the order of `candidates`. */
type Scores = Map<string, number[]>;
async function scoresOf(model: ModelName | null): Promise<Scores> {
  const embedder = model ? await loadEmbedder({ ...loadConfig(), MODEL: model }, createLogger('warn')) : archive.embedder;
  const paragraphs = new Map<number, { vector: Float32Array; sentences: Float32Array[] }>();
  if (model) {
    const started = performance.now();
    const all = [...texts];
    // Many paragraphs per call, so that every worker of the embedder has texts to take.
    for (let at = 0; at < all.length; at += EMBED_CHUNK) {
      const chunk = all
        .slice(at, at + EMBED_CHUNK)
        .map(([id, p]) => ({ id, texts: [p.text, ...sentencesToEmbed(p.text, p.meta.countryName)] }));
      const vectors = await embedder.embedPassages(chunk.flatMap((c) => c.texts));
      let next = 0;
      for (const { id, texts: own } of chunk) {
        const [vector, ...sentences] = vectors.slice(next, next + own.length);
        paragraphs.set(id, { vector: vector!, sentences });
        next += own.length;
      }
    }
    process.stderr.write(
      `${model}: ${(texts.size / ((performance.now() - started) / 1000)).toFixed(1)} paragraphs/s with their sentences\n`,
    );
  } else {
    for (const id of texts.keys())
      paragraphs.set(id, { vector: paragraphVectors.get(id)!, sentences: splitRows(sentenceVectors.get(id), embedder.dimension) });
  }
  const scores: Scores = new Map();
  for (const q of questions) {
    const query = await embedder.embedQuery(q.question);
    scores.set(
      q.id,
      candidates.get(q.id)!.map((id) => bestSentenceCosine(query, paragraphs.get(id)!.vector, paragraphs.get(id)!.sentences)),
    );
  }
  return scores;
}

function report(label: string, score: (q: EvalQuestion, i: number) => number): void {
  const cells = FILES.map((file) => {
    const asked = questions.filter((q) => q.file === file);
    const ranks = asked.map((q) => {
      const order = candidates
        .get(q.id)!
        .map((id, i) => ({ id, s: score(q, i) }))
        .sort((a, b) => b.s - a.s);
      return firstHitRank(
        q,
        order.map(({ id }) => ({ source: texts.get(id)!.meta.path, text: texts.get(id)!.text })),
        DEFAULT_EVAL_ROOT,
      );
    });
    const m = metricsOf(ranks);
    return `${file} R@5 ${m.r5.toFixed(3)} MRR@10 ${m.mrr.toFixed(3)}`;
  });
  process.stdout.write(`${label.padEnd(40)} ${cells.join('   ')}\n`);
}

const own = await scoresOf(null);
report(`${archive.embedder.modelName} (the index's)`, (q, i) => own.get(q.id)![i]!);
for (const model of models) {
  const other = await scoresOf(model);
  report(model, (q, i) => other.get(q.id)![i]!);
  report(`index's + 0.5 × ${model}`, (q, i) => own.get(q.id)![i]! + 0.5 * other.get(q.id)![i]!);
}
archive.close();
process.exit(0);
