import { createRequire } from 'node:module';
import os from 'node:os';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { Embedder } from './embedder.js';
import type { EmbedRequest, EmbedResponse, WorkerStage } from './embed-worker.js';
import type { AnswerConfidence, ModelSpec, RankingWeights } from './models.js';
import type { ProvisionedModel } from './provision.js';
import type { SentenceModelSource } from './sentence-model.js';

/** Changes whenever the same model would produce different vectors here: stored vectors are then re-made. */
const EMBEDDING_REVISION = 2;
/** Texts handed to a worker at a time: small enough that a question never waits long behind indexing. */
const TEXTS_PER_JOB = 4;

interface Job {
  texts: string[];
  resolve: (vectors: Float32Array[]) => void;
  reject: (error: Error) => void;
}

/**
 * The worker entry next to this file. Run from TypeScript sources (tsx, vitest), the worker first registers
 * tsx's loader itself: a worker does not inherit the loader of the thread that started it.
 */
function workerEntry(): URL {
  const ownFile = import.meta.url;
  if (!ownFile.endsWith('.ts')) return new URL('./embed-worker.js', ownFile);
  const tsxApi = pathToFileURL(
    createRequire(ownFile)
      .resolve('tsx/esm/api')
      .replace(/\.cjs$/, '.mjs'),
  ).href;
  const worker = new URL('./embed-worker.ts', ownFile).href;
  const bootstrap = `import { register } from ${JSON.stringify(tsxApi)}; register(); await import(${JSON.stringify(worker)});`;
  return new URL(`data:text/javascript,${encodeURIComponent(bootstrap)}`);
}

/** Worker threads, each with its own single-threaded copy of one model, fed texts from one queue. */
class WorkerPool {
  private readonly queue: Job[] = [];
  private readonly idle: Worker[] = [];
  private readonly busy = new Map<Worker, Job>();
  private failure: Error | null = null;

  private constructor(workers: Worker[]) {
    for (const worker of workers) this.adopt(worker);
  }

  /** Starts `count` copies of the model and waits until each has loaded. */
  static async start(model: ProvisionedModel, count: number): Promise<WorkerPool> {
    const source: SentenceModelSource = { spec: model.spec, localModelPath: model.localModelPath, modelId: model.modelId, threads: 1 };
    const entry = workerEntry();
    const started: Worker[] = [];
    try {
      const loading: Promise<void>[] = [];
      for (let i = 0; i < Math.max(1, count); i++) {
        const { worker, ready } = await startAfterRuntimeLoaded(entry, source);
        started.push(worker);
        loading.push(ready);
      }
      await Promise.all(loading);
    } catch (error) {
      await Promise.all(started.map((w) => w.terminate()));
      throw error;
    }
    return new WorkerPool(started);
  }

  get size(): number {
    return this.idle.length + this.busy.size;
  }

  submit(texts: string[], end: 'front' | 'back'): Promise<Float32Array[]> {
    if (this.failure) return Promise.reject(this.failure);
    return new Promise((resolve, reject) => {
      const job = { texts, resolve, reject };
      if (end === 'front') this.queue.unshift(job);
      else this.queue.push(job);
      this.dispatch();
    });
  }

  async close(): Promise<void> {
    const workers = [...this.idle, ...this.busy.keys()];
    this.idle.length = 0;
    await Promise.all(workers.map((w) => w.terminate()));
  }

  private dispatch(): void {
    while (this.idle.length > 0 && this.queue.length > 0) {
      const worker = this.idle.pop()!;
      const job = this.queue.shift()!;
      this.busy.set(worker, job);
      // A busy worker keeps the process alive until its answer arrives; an idle one never does.
      worker.ref();
      worker.postMessage({ texts: job.texts } satisfies EmbedRequest);
    }
  }

  private adopt(worker: Worker): void {
    this.idle.push(worker);
    worker.on('message', (message: EmbedResponse) => {
      const job = this.busy.get(worker);
      this.busy.delete(worker);
      worker.unref();
      this.idle.push(worker);
      if ('error' in message) job?.reject(new Error(`the sentence model failed: ${message.error}`));
      else job?.resolve(message.vectors);
      this.dispatch();
    });
    worker.on('error', (error) => this.fail(worker, error));
    worker.on('exit', (code) => this.fail(worker, new Error(`an embedding worker stopped (exit code ${code})`)));
    // After the listeners: adding a 'message' listener refs the worker's port again.
    worker.unref();
  }

  /** A worker that dies takes its job with it; with none left, every waiting text fails with the reason. */
  private fail(worker: Worker, error: Error): void {
    const job = this.busy.get(worker);
    this.busy.delete(worker);
    const at = this.idle.indexOf(worker);
    if (at >= 0) this.idle.splice(at, 1);
    job?.reject(error);
    if (this.size === 0) {
      this.failure = error;
      for (const waiting of this.queue.splice(0)) waiting.reject(error);
    }
  }
}

/**
 * A real pretrained sentence model (transformers.js's tokenizer, the model's ONNX file run by onnxruntime) on
 * every core: one worker thread per core, each with its own single-threaded copy of the model, fed texts from
 * one queue. The main thread never runs the model, so the bot's gateway heartbeats and replies never wait on it.
 *
 * Questions are embedded by the model's full-precision sibling when the catalog names one (`questionModel`), in
 * a worker of its own: a question is one text, so precision costs little there, and an int8 question vector
 * carries its own rounding into every comparison (docs/retrieval.md). Otherwise questions go to the front of the
 * passages' queue, so they are answered while a long indexing run embeds.
 */
export class TransformersEmbedder implements Embedder {
  readonly modelName: string;
  readonly dimension: number;
  readonly confidence: AnswerConfidence;
  readonly ranking: RankingWeights;

  private constructor(
    private readonly spec: ModelSpec,
    private readonly passages: WorkerPool,
    private readonly questions: { pool: WorkerPool; spec: ModelSpec },
  ) {
    this.modelName = `${spec.name}@${EMBEDDING_REVISION}`;
    this.dimension = spec.dimension;
    this.confidence = spec.confidence;
    this.ranking = spec.ranking;
  }

  /**
   * Starts `workers` copies of the model (default: one per core), and one copy of `questionModel` when given;
   * waits until each has loaded.
   */
  static async load(
    model: ProvisionedModel,
    workers = os.availableParallelism(),
    questionModel?: ProvisionedModel,
  ): Promise<TransformersEmbedder> {
    if (questionModel && questionModel.spec.dimension !== model.spec.dimension) {
      throw new Error(`${questionModel.spec.name} cannot embed questions for ${model.spec.name}: their vectors differ in length`);
    }
    const starting = [
      WorkerPool.start(model, workers),
      questionModel ? WorkerPool.start(questionModel, 1) : Promise.resolve(null),
    ] as const;
    try {
      const [passages, questions] = await Promise.all(starting);
      const forQuestions =
        questions && questionModel ? { pool: questions, spec: questionModel.spec } : { pool: passages, spec: model.spec };
      return new TransformersEmbedder(model.spec, passages, forQuestions);
    } catch (error) {
      // One model failed to load: the other's workers are stopped, not left running.
      await Promise.allSettled(starting.map(async (pool) => (await pool)?.close()));
      throw error;
    }
  }

  /** Copies of the passage model. */
  get workers(): number {
    return this.passages.size;
  }

  async embedQuery(text: string): Promise<Float32Array> {
    const [vector] = await this.questions.pool.submit([this.questions.spec.queryPrefix + text], 'front');
    return vector!;
  }

  /** Longest texts first, so the last jobs are short and both cores finish together. */
  async embedPassages(texts: string[]): Promise<Float32Array[]> {
    const order = texts.map((_, i) => i).sort((a, b) => texts[b]!.length - texts[a]!.length);
    const vectors = new Array<Float32Array>(texts.length);
    const jobs: Promise<void>[] = [];
    for (let start = 0; start < order.length; start += TEXTS_PER_JOB) {
      const slice = order.slice(start, start + TEXTS_PER_JOB);
      const job = this.passages.submit(
        slice.map((i) => this.spec.passagePrefix + texts[i]!),
        'back',
      );
      jobs.push(job.then((embedded) => slice.forEach((textIndex, j) => (vectors[textIndex] = embedded[j]!))));
    }
    await Promise.all(jobs);
    return vectors;
  }

  async close(): Promise<void> {
    await Promise.all([...new Set([this.passages, this.questions.pool])].map((pool) => pool.close()));
  }
}

/**
 * onnxruntime-node 1.14 keeps one process-wide handle that each thread loading its addon replaces: two threads
 * loading it at once can free the same handle twice, which aborts the whole process (V8's "Check failed:
 * node->IsInUse()", seen once in CI). So workers load the addon one after another, each waiting for the previous
 * one's 'runtime' message; the models themselves still load side by side.
 */
let runtimeLoads: Promise<unknown> = Promise.resolve();

function startAfterRuntimeLoaded(entry: URL, source: SentenceModelSource): Promise<{ worker: Worker; ready: Promise<void> }> {
  const started = runtimeLoads.then(async () => {
    const worker = new Worker(entry, { workerData: source });
    const ready = untilMessage(worker, 'ready');
    ready.catch(() => undefined); // a worker that fails before 'runtime' is reported by that wait, not twice
    await untilMessage(worker, 'runtime');
    return { worker, ready };
  });
  runtimeLoads = started.catch(() => undefined);
  return started;
}

function untilMessage(worker: Worker, expected: WorkerStage): Promise<void> {
  return new Promise((resolve, reject) => {
    const onMessage = (stage: WorkerStage) => {
      if (stage !== expected) return;
      worker.off('message', onMessage);
      resolve();
    };
    worker.on('message', onMessage);
    worker.once('error', reject);
    worker.once('exit', (code) => reject(new Error(`an embedding worker stopped while loading the model (exit code ${code})`)));
  });
}
