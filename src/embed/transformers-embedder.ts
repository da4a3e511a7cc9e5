import { pipeline, type FeatureExtractionPipeline } from '@xenova/transformers';
import type { Embedder } from './embedder.js';
import type { ModelSpec } from './models.js';
import { useLocalModel, type ProvisionedModel } from './provision.js';

const BATCH_SIZE = 32;

/** A real pretrained sentence model run locally by transformers.js (ONNX Runtime), never over the network. */
export class TransformersEmbedder implements Embedder {
  readonly modelName: string;
  readonly dimension: number;

  private constructor(
    private readonly extract: FeatureExtractionPipeline,
    private readonly spec: ModelSpec,
  ) {
    this.modelName = spec.name;
    this.dimension = spec.dimension;
  }

  static async load(model: ProvisionedModel): Promise<TransformersEmbedder> {
    const extract = await pipeline('feature-extraction', model.modelId, await useLocalModel(model));
    return new TransformersEmbedder(extract, model.spec);
  }

  async embedQuery(text: string): Promise<Float32Array> {
    const [vector] = await this.embedBatch([this.spec.queryPrefix + text]);
    return vector!;
  }

  /**
   * Batches are formed from texts of similar length, because every text in a batch is padded to the
   * longest one and padding costs as much compute as words do.
   */
  async embedPassages(texts: string[]): Promise<Float32Array[]> {
    const order = texts.map((_, i) => i).sort((a, b) => texts[a]!.length - texts[b]!.length);
    const vectors = new Array<Float32Array>(texts.length);
    for (let start = 0; start < order.length; start += BATCH_SIZE) {
      const batch = order.slice(start, start + BATCH_SIZE);
      const embedded = await this.embedBatch(batch.map((i) => this.spec.passagePrefix + texts[i]!));
      batch.forEach((textIndex, j) => (vectors[textIndex] = embedded[j]!));
    }
    return vectors;
  }

  private async embedBatch(texts: string[]): Promise<Float32Array[]> {
    const output = await this.extract(texts, { pooling: this.spec.pooling, normalize: true });
    const data = output.data as Float32Array;
    return texts.map((_, i) => data.slice(i * this.dimension, (i + 1) * this.dimension));
  }
}
