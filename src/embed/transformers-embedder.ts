import { mean_pooling, pipeline, type FeatureExtractionPipeline, type Tensor } from '@xenova/transformers';
import type { Embedder } from './embedder.js';
import type { AnswerConfidence, ModelSpec } from './models.js';
import { useLocalModel, type ProvisionedModel } from './provision.js';

/** Changes whenever the same model would produce different vectors here: stored vectors are then re-made. */
const EMBEDDING_REVISION = 2;

interface BertTokenizer {
  sep_token_id: number;
  model_max_length: number;
}

/** A real pretrained sentence model run locally by transformers.js (ONNX Runtime), never over the network. */
export class TransformersEmbedder implements Embedder {
  readonly modelName: string;
  readonly dimension: number;
  readonly confidence: AnswerConfidence;

  private constructor(
    private readonly extract: FeatureExtractionPipeline,
    private readonly spec: ModelSpec,
    private readonly batchSize: number,
  ) {
    this.modelName = `${spec.name}@${EMBEDDING_REVISION}`;
    this.dimension = spec.dimension;
    this.confidence = spec.confidence;
  }

  /**
   * Quantized models scale activations per batch, so a paragraph's vector would depend on its batch-mates;
   * they embed one text at a time, which keeps every vector reproducible and comparable with the query's.
   */
  static async load(model: ProvisionedModel): Promise<TransformersEmbedder> {
    const extract = await pipeline('feature-extraction', model.modelId, await useLocalModel(model));
    return new TransformersEmbedder(extract, model.spec, model.spec.quantized ? 1 : 32);
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
    for (let start = 0; start < order.length; start += this.batchSize) {
      const batch = order.slice(start, start + this.batchSize);
      const embedded = await this.embedBatch(batch.map((i) => this.spec.passagePrefix + texts[i]!));
      batch.forEach((textIndex, j) => (vectors[textIndex] = embedded[j]!));
      // onnxruntime-node runs the model synchronously (inside process.nextTick), so without this a long
      // embedding run never lets timers or I/O through: no gateway heartbeats, progress edits or answers.
      await new Promise<void>((resolve) => setImmediate(resolve));
    }
    return vectors;
  }

  /**
   * Tokenizes, runs the model and mean-pools over real tokens. A text cut at the model's length keeps its
   * closing [SEP], as sentence-transformers does (transformers.js 2.17 cuts it off), so long paragraphs get
   * the same vectors as the reference implementation.
   */
  private async embedBatch(texts: string[]): Promise<Float32Array[]> {
    const tokenizer = this.extract.tokenizer as unknown as BertTokenizer;
    const inputs = this.extract.tokenizer(texts, { padding: true, truncation: true }) as Record<string, Tensor>;
    const ids = inputs.input_ids!;
    const mask = inputs.attention_mask!;
    const [rows, length] = ids.dims as [number, number];
    if (length === tokenizer.model_max_length) {
      const sep = BigInt(tokenizer.sep_token_id);
      const idData = ids.data as BigInt64Array;
      const maskData = mask.data as BigInt64Array;
      for (let row = 0; row < rows; row++) {
        const last = row * length + length - 1;
        if (maskData[last] === 1n) idData[last] = sep;
      }
    }
    const { last_hidden_state } = (await this.extract.model(inputs)) as { last_hidden_state: Tensor };
    const pooled = mean_pooling(last_hidden_state, mask).normalize(2, -1);
    const data = pooled.data as Float32Array;
    return texts.map((_, i) => data.slice(i * this.dimension, (i + 1) * this.dimension));
  }
}
