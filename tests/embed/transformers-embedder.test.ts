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

describe('the embedder on every core', () => {
  let twoWorkers: TransformersEmbedder;
  let oneWorker: TransformersEmbedder;
  const seed = paragraphsOf(SEED_FILE);
  const generalDebate = paragraphsOf(sharedFile('ungdc/2015/KAZ_70_2015.txt'));

  beforeAll(async () => {
    const model = await ensureModel(loadConfig(), createLogger('silent'));
    [twoWorkers, oneWorker] = await Promise.all([TransformersEmbedder.load(model, 2), TransformersEmbedder.load(model, 1)]);
  });
  afterAll(async () => {
    await Promise.all([twoWorkers.close(), oneWorker.close()]);
  });

  it("gives a paragraph the same vector whatever was embedded beside it and however many workers ran", async () => {
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
