import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { statementReader } from '../../src/corpus/reader.js';
import { dot } from '../../src/embed/embedder.js';
import { ensureModel } from '../../src/embed/provision.js';
import { TransformersEmbedder } from '../../src/embed/transformers-embedder.js';
import { createLogger } from '../../src/log.js';
import { SEED_FILE, sharedFile } from '../support/corpus.js';

function paragraphsOf(file: string): string[] {
  const statement = statementReader().read(file);
  if ('reason' in statement) throw new Error(statement.reason);
  return statement.paragraphs.map((p) => p.text);
}

const seed = paragraphsOf(SEED_FILE);
let twoWorkers: TransformersEmbedder;
let oneWorker: TransformersEmbedder;
let withSibling: TransformersEmbedder;
let float32Only: TransformersEmbedder;

// Every embedder of the file is loaded at once and closed at the end: onnxruntime-node 1.14 cannot be loaded
// again in a worker thread once every worker that loaded it has exited ("Module did not self-register").
beforeAll(async () => {
  const config = loadConfig();
  const model = await ensureModel(config, createLogger('silent'));
  const sibling = await ensureModel({ ...config, MODEL: model.spec.questionModel! }, createLogger('silent'));
  [twoWorkers, oneWorker, withSibling, float32Only] = await Promise.all([
    TransformersEmbedder.load(model, 2),
    TransformersEmbedder.load(model, 1),
    TransformersEmbedder.load(model, 1, sibling),
    TransformersEmbedder.load(sibling, 1),
  ]);
});
afterAll(async () => {
  await Promise.all([twoWorkers, oneWorker, withSibling, float32Only].map((e) => e?.close()));
});

describe('the embedder on every core', () => {
  const generalDebate = paragraphsOf(sharedFile('ungdc/2015/KAZ_70_2015.txt'));

  it('gives a paragraph the same vector whatever was embedded beside it and however many workers ran', async () => {
    const alone = await oneWorker.embedPassages([seed[3]!]);
    const amongOthers = await twoWorkers.embedPassages([...generalDebate.slice(0, 9), seed[3]!, ...generalDebate.slice(9, 20)]);
    expect(dot(alone[0]!, amongOthers[9]!)).toBeCloseTo(1, 6);
  });

  it('returns vectors in the order of the texts, each of unit length', async () => {
    const texts = generalDebate.slice(0, 12);
    const together = await twoWorkers.embedPassages(texts);
    const oneByOne = await Promise.all(texts.map((t) => oneWorker.embedPassages([t]).then((v) => v[0]!)));
    together.forEach((vector, i) => {
      expect(dot(vector, vector)).toBeCloseTo(1, 5);
      expect(dot(vector, oneByOne[i]!)).toBeCloseTo(1, 6);
    });
  });

  it('answers a question while a long embedding run is under way', async () => {
    let passagesDone = false;
    const passages = twoWorkers.embedPassages([...generalDebate, ...generalDebate.map((p) => `${p} ${p}`)]).then(() => {
      passagesDone = true;
    });
    const question = await twoWorkers.embedQuery('what did Kazakhstan ask the General Assembly?');
    expect(question).toHaveLength(twoWorkers.dimension);
    expect(passagesDone).toBe(false);
    await passages;
  });

  it('ranks the seed paragraph that answers a question above the others', async () => {
    const question = await twoWorkers.embedQuery('what did Kazakhstan ask the General Assembly?');
    const vectors = await twoWorkers.embedPassages(seed);
    const best = vectors.map((v, i) => ({ i, s: dot(question, v) })).sort((a, b) => b.s - a.s)[0]!;
    expect(seed[best.i]).toContain('observer status');
  });
});

describe('questions embedded by the full-precision sibling', () => {
  const QUESTION = 'what did Kazakhstan ask the General Assembly?';

  it("gives a question the full-precision model's vector and a paragraph the index model's, so the index stays as it is", async () => {
    const question = await withSibling.embedQuery(QUESTION);
    expect(dot(question, await float32Only.embedQuery(QUESTION))).toBeCloseTo(1, 6);
    expect(dot(question, await oneWorker.embedQuery(QUESTION))).toBeLessThan(0.9999);
    const [paragraph] = await withSibling.embedPassages([seed[3]!]);
    const [asIndexed] = await oneWorker.embedPassages([seed[3]!]);
    expect(dot(paragraph!, asIndexed!)).toBeCloseTo(1, 6);
    expect(withSibling.modelName).toBe(oneWorker.modelName);
  });

  it('answers a question while a long embedding run keeps every passage worker busy', async () => {
    let passagesDone = false;
    const passages = withSibling.embedPassages([...seed, ...seed.map((p) => `${p} ${p}`)]).then(() => {
      passagesDone = true;
    });
    const question = await withSibling.embedQuery(QUESTION);
    expect(question).toHaveLength(withSibling.dimension);
    expect(passagesDone).toBe(false);
    await passages;
  });
});
