import { parentPort, workerData } from 'node:worker_threads';
import { SentenceModel, type SentenceModelSource } from './sentence-model.js';

/** One worker thread, one copy of the model: answers { texts } with { vectors } or { error }, in order. */
export interface EmbedRequest {
  texts: string[];
}
export type EmbedResponse = { vectors: Float32Array[] } | { error: string };
/** Sent while starting: 'runtime' once onnxruntime's addon has loaded (imports run first), 'ready' once the model has. */
export type WorkerStage = 'runtime' | 'ready';

const port = parentPort!;
port.postMessage('runtime' satisfies WorkerStage);
const model = await SentenceModel.load(workerData as SentenceModelSource);
port.on('message', async ({ texts }: EmbedRequest) => {
  try {
    const vectors = await model.embed(texts);
    port.postMessage(
      { vectors } satisfies EmbedResponse,
      vectors.map((v) => v.buffer as ArrayBuffer),
    );
  } catch (error) {
    port.postMessage({ error: error instanceof Error ? error.message : String(error) } satisfies EmbedResponse);
  }
});
port.postMessage('ready' satisfies WorkerStage);
