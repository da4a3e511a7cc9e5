import { AutoTokenizer, env, type PreTrainedTokenizer } from '@xenova/transformers';
import ort from 'onnxruntime-node';
import path from 'node:path';
import { onnxFileOf, type ModelSpec } from './models.js';

/** Where a provisioned model lies and how to run it; plain data, so it can be handed to a worker thread. */
export interface SentenceModelSource {
  spec: ModelSpec;
  localModelPath: string;
  modelId: string;
  /** onnxruntime intra-op threads for this copy of the model. */
  threads: number;
}

type Encoding = Record<'input_ids' | 'attention_mask', { data: BigInt64Array; dims: number[] }>;

/**
 * One copy of the sentence model: transformers.js's tokenizer, and the model's ONNX session run directly
 * (transformers.js's own wrapper copies every tensor and costs about a quarter of the time). Texts are embedded
 * one at a time: quantized models scale activations per batch, so a batch would make a vector depend on its
 * batch-mates, and unpadded single texts are faster here than padded batches anyway.
 */
export class SentenceModel {
  private constructor(
    private readonly tokenizer: PreTrainedTokenizer,
    private readonly session: ort.InferenceSession,
    private readonly spec: ModelSpec,
  ) {}

  static async load(source: SentenceModelSource): Promise<SentenceModel> {
    env.localModelPath = source.localModelPath;
    env.allowLocalModels = true;
    env.allowRemoteModels = false;
    const tokenizer = await AutoTokenizer.from_pretrained(source.modelId);
    const file = path.join(source.localModelPath, source.modelId, onnxFileOf(source.spec));
    const session = await ort.InferenceSession.create(file, {
      executionProviders: ['cpu'],
      intraOpNumThreads: source.threads,
      interOpNumThreads: 1,
      graphOptimizationLevel: 'all',
    });
    return new SentenceModel(tokenizer, session, source.spec);
  }

  async embed(texts: string[]): Promise<Float32Array[]> {
    const vectors: Float32Array[] = [];
    for (const text of texts) vectors.push(await this.embedOne(text));
    return vectors;
  }

  /**
   * A text cut at the model's length keeps its closing [SEP], as sentence-transformers does (transformers.js
   * 2.17 cuts it off), so long paragraphs get the same vectors as the reference implementation.
   */
  private async embedOne(text: string): Promise<Float32Array> {
    const encoding = this.tokenizer(text, { truncation: true }) as unknown as Encoding;
    const ids = encoding.input_ids.data;
    const length = ids.length;
    if (length === this.spec.maxTokens) ids[length - 1] = BigInt(this.tokenizer.sep_token_id as number);
    const dims = [1, length];
    const feeds: Record<string, ort.Tensor> = {};
    for (const name of this.session.inputNames) {
      if (name === 'input_ids') feeds[name] = new ort.Tensor('int64', ids, dims);
      else if (name === 'attention_mask') feeds[name] = new ort.Tensor('int64', encoding.attention_mask.data, dims);
      else feeds[name] = new ort.Tensor('int64', new BigInt64Array(length), dims);
    }
    const output = await this.session.run(feeds);
    const hidden = (output['last_hidden_state'] ?? Object.values(output)[0]!).data as Float32Array;
    return normalized(this.spec.pooling === 'cls' ? hidden.slice(0, this.spec.dimension) : meanOfRows(hidden, length, this.spec.dimension));
  }
}

function meanOfRows(rows: Float32Array, count: number, width: number): Float32Array {
  const sums = new Float64Array(width);
  for (let r = 0; r < count; r++) for (let i = 0; i < width; i++) sums[i]! += rows[r * width + i]!;
  return Float32Array.from(sums, (sum) => sum / count);
}

function normalized(vector: Float32Array): Float32Array {
  let norm = 0;
  for (const x of vector) norm += x * x;
  norm = Math.sqrt(norm) || 1;
  return vector.map((x) => x / norm);
}
