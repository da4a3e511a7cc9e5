/**
 * Parity proof: our transformers.js embeddings against Python sentence-transformers on the same model.
 *
 *   bash scripts/python-peer/setup.sh        # once: .bench/venv with torch, sentence-transformers, onnxruntime (CPU)
 *   tsx scripts/parity/check.ts [--json] [--only=minilm|--only=e5]
 *
 * Takes 20 pairs of real paragraphs from the 2015 UN General Debate speeches (../shared/corpus/ungdc/2015):
 * neighbouring paragraphs of one speech, paragraphs of two speeches, and the longest paragraphs (longer than the
 * model's 256 tokens, so truncation is compared too). Computes each pair's cosine similarity with
 * sentence-transformers (scripts/parity/st_embed.py) and with our pipeline on the float32 and the int8 ONNX
 * models, prints a table, and exits non-zero unless the float32 model agrees to 3 decimals (|diff| < 0.0005).
 * The "pipeline" column is transformers.js's feature-extraction pipeline as is; the fp32/int8 columns keep the
 * closing [SEP] when a text is truncated, as Python does (see embedAllTruncatingLikePython).
 *
 * Then the default model, e5-small-v2-q (int8 ONNX): Python runs the very ONNX file we run through
 * sentence-transformers' ONNX backend (scripts/python-peer/st_models.py builds a scratch sentence-transformers
 * folder of links under .bench/st-models/; embeddings/models/ is not touched), at batch size 1 as our embedder
 * does, and our side is TransformersEmbedder.embedPassages (loadEmbedder). Reported: max |cosine(py, ours) - 1|
 * per text and the max difference of pairwise cosines over all pairs of texts; a Python batch-32 run is shown
 * for scale (int8 activations are quantized per batch). This section fails the run unless batch 1 agrees to 3
 * decimals as well.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs/promises';
import path from 'node:path';
import { AutoTokenizer, mean_pooling, pipeline, type FeatureExtractionPipeline, type Tensor } from '@xenova/transformers';
import { loadConfig, projectRoot } from '../../src/config.js';
import { getModelSpec, onnxFileOf, type ModelName } from '../../src/embed/models.js';
import { ensureModel, useLocalModel } from '../../src/embed/provision.js';
import { createLogger } from '../../src/log.js';
import { loadEmbedder } from '../../src/archive/open-archive.js';

const CORPUS = path.resolve(projectRoot, '..', 'shared', 'corpus', 'ungdc', '2015');
const PYTHON = process.env.PYTHON ?? path.join(projectRoot, '.bench', 'venv', 'bin', 'python');
const TOLERANCE = 0.0005;

interface Pair {
  kind: 'same speech' | 'two speeches' | 'long';
  a: string;
  b: string;
  label: string;
}

/** Real paragraphs of a speech: the 2015 files have one paragraph per line (some lines are page furniture). */
async function paragraphs(file: string): Promise<string[]> {
  const text = (await fs.readFile(path.join(CORPUS, file), 'utf8')).replace(/^\uFEFF/, '');
  return text
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l.length >= 200 && /[.!?”"]$/.test(l));
}

/** Consecutive paragraphs of the first speech that has enough, joined with spaces, at least `minChars` long. */
async function speechExcerpt(minChars: number): Promise<{ text: string; label: string }> {
  const files = (await fs.readdir(CORPUS)).filter((f) => f.endsWith('.txt')).sort();
  for (const file of files) {
    const paras = await paragraphs(file);
    let text = '';
    for (let i = 0; i < paras.length; i++) {
      text = text ? `${text} ${paras[i]}` : paras[i]!;
      if (text.length >= minChars) return { text, label: `${file.slice(0, 3)} ¶1-¶${i + 1} joined` };
    }
  }
  throw new Error(`no speech in ${CORPUS} has ${minChars} characters of paragraphs`);
}

async function choosePairs(): Promise<Pair[]> {
  const files = (await fs.readdir(CORPUS)).filter((f) => f.endsWith('.txt')).sort();
  const step = Math.floor(files.length / 10);
  const chosen: Array<{ file: string; paras: string[] }> = [];
  for (let i = 0; chosen.length < 10 && i < files.length; i += step) {
    const paras = await paragraphs(files[i]!);
    if (paras.length >= 5) chosen.push({ file: files[i]!, paras });
  }
  const code = (f: string) => f.slice(0, 3);
  const pairs: Pair[] = [];
  for (const { file, paras } of chosen) {
    pairs.push({ kind: 'same speech', a: paras[1]!, b: paras[2]!, label: `${code(file)} ¶2 / ¶3` });
  }
  for (let k = 0; k + 1 < chosen.length && pairs.length < 18; k++) {
    const x = chosen[k]!;
    const y = chosen[k + 1]!;
    pairs.push({ kind: 'two speeches', a: x.paras[3]!, b: y.paras[3]!, label: `${code(x.file)} ¶4 / ${code(y.file)} ¶4` });
  }
  // The longest paragraphs of the whole session: over 256 tokens, so both sides must truncate alike.
  const all: Array<{ file: string; p: string }> = [];
  for (const file of files) for (const p of await paragraphs(file)) all.push({ file, p });
  const [l1, l2] = [...all].sort((u, v) => v.p.length - u.p.length);
  const shortest = chosen.flatMap(({ file, paras }) => paras.map((p) => ({ file, p }))).reduce((u, v) => (v.p.length < u.p.length ? v : u));
  pairs.push({ kind: 'long', a: l1!.p, b: l2!.p, label: `${code(l1!.file)} longest / ${code(l2!.file)} 2nd` });
  pairs.push({ kind: 'long', a: l1!.p, b: shortest.p, label: `${code(l1!.file)} longest / ${code(shortest.file)} short` });
  return pairs;
}

interface PythonVectors {
  embeddings: number[][];
  threads: number;
  backend: 'torch' | 'onnx';
  batchSize: number;
  maxSeqLength: number;
  versions: Record<string, string>;
}

/** scripts/parity/st_embed.py: no args = all-MiniLM-L6-v2 in PyTorch; `--model-dir DIR ...` = our ONNX file via ST's ONNX backend. */
function runPython(texts: string[], args: string[] = []): Promise<PythonVectors> {
  return new Promise((resolve, reject) => {
    const child = spawn(PYTHON, [path.join(projectRoot, 'scripts', 'parity', 'st_embed.py'), ...args], {
      stdio: ['pipe', 'pipe', 'pipe'],
      env: { ...process.env, HF_HUB_OFFLINE: '1' },
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => (out += d));
    child.stderr.on('data', (d: Buffer) => (err += d));
    child.on('error', (e) => reject(new Error(`cannot run ${PYTHON} (${e.message}); create it with: bash scripts/python-peer/setup.sh`)));
    child.on('close', (code) => {
      if (code !== 0) return reject(new Error(`st_embed.py exited ${code}:\n${err.slice(-3000)}`));
      resolve(JSON.parse(out));
    });
    child.stdin.end(JSON.stringify({ texts }));
  });
}

async function jsEmbedder(name: ModelName): Promise<FeatureExtractionPipeline> {
  const model = await ensureModel({ ...loadConfig(), MODEL: name, MODEL_PATH: undefined }, (m) => console.error(m));
  return pipeline('feature-extraction', model.modelId, await useLocalModel(model));
}

/** As the pipeline does it: `extract(texts, { pooling: 'mean', normalize: true })`, batches of 32. */
async function embedAll(extract: FeatureExtractionPipeline, texts: string[]): Promise<Float32Array[]> {
  return batched(texts, async (batch) => extract(batch, { pooling: 'mean', normalize: true }));
}

/**
 * Like the pipeline, but truncating as Hugging Face tokenizers (and so sentence-transformers) do.
 * transformers.js 2.17.2 truncates *after* adding the special tokens (tokenizers.js truncateHelper), so a text
 * longer than model_max_length loses its closing [SEP]: [CLS] t1..t255 instead of [CLS] t1..t254 [SEP].
 * Putting [SEP] back in the last position of every truncated row gives exactly the Python input ids.
 */
export async function embedAllTruncatingLikePython(extract: FeatureExtractionPipeline, texts: string[]): Promise<Float32Array[]> {
  const tokenizer = extract.tokenizer as unknown as { sep_token_id: number; model_max_length: number };
  const sep = BigInt(tokenizer.sep_token_id);
  return batched(texts, async (batch) => {
    const inputs = extract.tokenizer(batch, { padding: true, truncation: true }) as Record<string, Tensor>;
    const ids = inputs.input_ids!;
    const mask = inputs.attention_mask!;
    const [n, length] = ids.dims as [number, number];
    if (length === tokenizer.model_max_length) {
      const idData = ids.data as BigInt64Array;
      const maskData = mask.data as BigInt64Array;
      for (let row = 0; row < n; row++) {
        const last = row * length + length - 1;
        if (maskData[last] === 1n && idData[last] !== sep) idData[last] = sep;
      }
    }
    const { last_hidden_state } = (await extract.model(inputs)) as { last_hidden_state: Tensor };
    return mean_pooling(last_hidden_state, mask).normalize(2, -1);
  });
}

async function batched(texts: string[], run: (batch: string[]) => Promise<Tensor>): Promise<Float32Array[]> {
  const vectors: Float32Array[] = [];
  for (let i = 0; i < texts.length; i += 32) {
    const out = await run(texts.slice(i, i + 32));
    const [n, d] = out.dims as [number, number];
    const data = out.data as Float32Array;
    for (let j = 0; j < n; j++) vectors.push(data.slice(j * d, (j + 1) * d));
  }
  return vectors;
}

function dot(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i]! * b[i]!;
  return s;
}

function cosine(a: ArrayLike<number>, b: ArrayLike<number>): number {
  return dot(a, b) / Math.sqrt(dot(a, a) * dot(b, b));
}

/** all-MiniLM-L6-v2: PyTorch sentence-transformers against our fp32 and int8 ONNX files. Decides the exit code. */
async function miniLmSection(pairs: Pair[], texts: string[], index: Map<string, number>, asJson: boolean) {
  const py = await runPython(texts);
  const full = await jsEmbedder('all-MiniLM-L6-v2');
  const quant = await jsEmbedder('all-MiniLM-L6-v2-q');
  const asIs = await embedAll(full, texts);
  const jsFull = await embedAllTruncatingLikePython(full, texts);
  const jsQuant = await embedAllTruncatingLikePython(quant, texts);
  const tokens = texts.map((t) => full.tokenizer(t).input_ids.dims[1] as number);

  const rows = pairs.map((p) => {
    const [a, b] = [index.get(p.a)!, index.get(p.b)!];
    const ref = cosine(py.embeddings[a]!, py.embeddings[b]!);
    const pipe = cosine(asIs[a]!, asIs[b]!);
    const f = cosine(jsFull[a]!, jsFull[b]!);
    const q = cosine(jsQuant[a]!, jsQuant[b]!);
    return {
      kind: p.kind,
      pair: p.label,
      tokens: `${tokens[a]}/${tokens[b]}`,
      python: ref,
      pipeline: pipe,
      pipelineDiff: Math.abs(pipe - ref),
      full: f,
      fullDiff: Math.abs(f - ref),
      quantized: q,
      quantizedDiff: Math.abs(q - ref),
    };
  });
  // Vector-level agreement too: cosine between the Python and the JS vector of the same text.
  const vectorAgreement = (js: Float32Array[]) => {
    let minCos = 1;
    let maxComponent = 0;
    texts.forEach((_, i) => {
      minCos = Math.min(minCos, cosine(js[i]!, py.embeddings[i]!));
      js[i]!.forEach((x, k) => (maxComponent = Math.max(maxComponent, Math.abs(x - py.embeddings[i]![k]!))));
    });
    return { minCosine: minCos, maxAbsComponentDiff: maxComponent };
  };
  const max = (xs: number[]) => Math.max(...xs);
  const mean = (xs: number[]) => xs.reduce((s, x) => s + x, 0) / xs.length;
  const stats = (key: 'pipelineDiff' | 'fullDiff' | 'quantizedDiff', vectors: Float32Array[]) => ({
    maxAbsDiff: max(rows.map((r) => r[key])),
    meanAbsDiff: mean(rows.map((r) => r[key])),
    ...vectorAgreement(vectors),
  });
  const summary = {
    pairs: rows.length,
    texts: texts.length,
    textsOver256Tokens: tokens.filter((t) => t > 256).length,
    python: { ...py.versions, threads: py.threads },
    pipelineAsIs: stats('pipelineDiff', asIs),
    full: stats('fullDiff', jsFull),
    quantized: stats('quantizedDiff', jsQuant),
    fullEqualTo3Decimals: max(rows.map((r) => r.fullDiff)) < TOLERANCE,
  };

  if (!asJson) {
    const f = (x: number) => x.toFixed(4);
    const e = (x: number) => x.toExponential(1);
    console.log('Cosine similarity of paragraph pairs: Python sentence-transformers vs transformers.js');
    console.log('  pipeline = extract(texts, {pooling, normalize}) as is (fp32); fp32 / int8 = same with [SEP] kept on truncation');
    console.log(
      `${'#'.padStart(2)}  ${'kind'.padEnd(12)} ${'pair'.padEnd(26)} ${'tokens'.padStart(8)}  python   pipeline |diff|    fp32    |diff|    int8    |diff|`,
    );
    rows.forEach((r, i) => {
      console.log(
        `${String(i + 1).padStart(2)}  ${r.kind.padEnd(12)} ${r.pair.padEnd(26)} ${r.tokens.padStart(8)}  ${f(r.python)}   ${f(r.pipeline)} ${e(r.pipelineDiff)}  ${f(r.full)}  ${e(r.fullDiff)}  ${f(r.quantized)}  ${e(r.quantizedDiff)}`,
      );
    });
    const line = (label: string, x: typeof summary.full) =>
      console.log(
        `${label.padEnd(40)} max |diff| ${e(x.maxAbsDiff)}, mean ${e(x.meanAbsDiff)}; ` +
          `same text: min cosine ${x.minCosine.toFixed(6)}, max component diff ${e(x.maxAbsComponentDiff)}`,
      );
    console.log('');
    line('fp32 pipeline as is (all-MiniLM-L6-v2):', summary.pipelineAsIs);
    line('fp32, [SEP] kept (all-MiniLM-L6-v2):', summary.full);
    line('int8, [SEP] kept (all-MiniLM-L6-v2-q):', summary.quantized);
    console.log(
      `reference: sentence-transformers ${py.versions.sentence_transformers}, torch ${py.versions.torch} (${py.threads} threads); ` +
        `${summary.texts} texts, ${summary.textsOver256Tokens} longer than 256 tokens`,
    );
    console.log(
      summary.fullEqualTo3Decimals
        ? 'PASS: the fp32 model equals sentence-transformers to 3 decimals'
        : 'FAIL: the fp32 model differs from sentence-transformers at 3 decimals',
    );
  }
  return { rows, summary, pass: summary.fullEqualTo3Decimals };
}

/**
 * e5-small-v2-q, Verbatim's default model: the very ONNX file we run (int8, from the Maven jar), run by Python
 * sentence-transformers' ONNX backend (onnxruntime) on one side and by our TransformersEmbedder (loadEmbedder,
 * embedPassages: "passage: " prefix, one text at a time, [SEP] kept on truncation at 512 tokens) on the other.
 * Dynamic int8 quantization scales activations per batch, so Python runs at batch size 1 like we do; a batch-32
 * Python run is shown too, to size the effect of batching alone.
 */
async function e5Section(pairs: Pair[], pairTexts: string[], index: Map<string, number>, asJson: boolean) {
  const name: ModelName = 'e5-small-v2-q';
  // No single 2015 paragraph reaches e5's 512 tokens, so one longer text is added to compare truncation too.
  const excerpt = await speechExcerpt(4000);
  const texts = [...pairTexts, excerpt.text];
  const config = { ...loadConfig(), MODEL: name, MODEL_PATH: undefined };
  const model = await ensureModel(config, (m) => console.error(m));
  const spec = getModelSpec(name);
  const peerArgs = ['--model-dir', model.modelDir, '--onnx-file', onnxFileOf(spec), '--prefix', spec.passagePrefix];
  const py = await runPython(texts, [...peerArgs, '--batch-size', '1']);
  const pyBatched = await runPython(texts, [...peerArgs, '--batch-size', '32']);
  const embedder = await loadEmbedder(config, createLogger('warn'));
  const ours = await embedder.embedPassages(texts);
  await useLocalModel(model);
  const tokenizer = await AutoTokenizer.from_pretrained(model.modelId);
  const tokens = texts.map((t) => tokenizer(spec.passagePrefix + t).input_ids.dims[1] as number);

  const compare = (reference: ArrayLike<number>[], js: ArrayLike<number>[]) => {
    let maxSelfDeviation = 0; // max over texts of |cosine(python, ours) - 1|
    let maxComponent = 0;
    texts.forEach((_, i) => {
      maxSelfDeviation = Math.max(maxSelfDeviation, Math.abs(cosine(reference[i]!, js[i]!) - 1));
      for (let k = 0; k < js[i]!.length; k++) maxComponent = Math.max(maxComponent, Math.abs(js[i]![k]! - reference[i]![k]!));
    });
    let maxPairwiseDiff = 0; // every pair of distinct texts: |cosine_python(i, j) - cosine_ours(i, j)|
    for (let i = 0; i < texts.length; i++) {
      for (let j = i + 1; j < texts.length; j++) {
        maxPairwiseDiff = Math.max(maxPairwiseDiff, Math.abs(cosine(reference[i]!, reference[j]!) - cosine(js[i]!, js[j]!)));
      }
    }
    const pairDiffs = pairs.map((p) => {
      const [a, b] = [index.get(p.a)!, index.get(p.b)!];
      return Math.abs(cosine(reference[a]!, reference[b]!) - cosine(js[a]!, js[b]!));
    });
    return {
      maxSelfDeviation,
      maxAbsComponentDiff: maxComponent,
      maxPairwiseDiff,
      allPairs: (texts.length * (texts.length - 1)) / 2,
      chosenPairsMaxDiff: Math.max(...pairDiffs),
      chosenPairsMeanDiff: pairDiffs.reduce((x, y) => x + y, 0) / pairDiffs.length,
    };
  };
  const rows = pairs.map((p) => {
    const [a, b] = [index.get(p.a)!, index.get(p.b)!];
    const python = cosine(py.embeddings[a]!, py.embeddings[b]!);
    const js = cosine(ours[a]!, ours[b]!);
    return { kind: p.kind, pair: p.label, tokens: `${tokens[a]}/${tokens[b]}`, python, ours: js, diff: Math.abs(js - python) };
  });
  const summary = {
    model: `${name} (${onnxFileOf(spec)})`,
    texts: texts.length,
    textsOverMaxTokens: tokens.filter((t) => t > spec.maxTokens).length,
    truncationText: `${excerpt.label}, ${tokens[tokens.length - 1]} tokens`,
    maxTokens: spec.maxTokens,
    python: { ...py.versions, threads: py.threads, backend: py.backend, maxSeqLength: py.maxSeqLength },
    batch1: compare(py.embeddings, ours),
    batch32: compare(pyBatched.embeddings, ours),
    pythonBatch32VsBatch1: compare(py.embeddings, pyBatched.embeddings),
  };

  if (!asJson) {
    const f = (x: number) => x.toFixed(4);
    const e = (x: number) => x.toExponential(1);
    console.log('');
    console.log(`e5-small-v2-q: the same int8 ONNX file in Python sentence-transformers (ONNX backend, batch 1) vs ours`);
    console.log(`${'#'.padStart(2)}  ${'kind'.padEnd(12)} ${'pair'.padEnd(26)} ${'tokens'.padStart(9)}  python   ours     |diff|`);
    rows.forEach((r, i) => {
      console.log(
        `${String(i + 1).padStart(2)}  ${r.kind.padEnd(12)} ${r.pair.padEnd(26)} ${r.tokens.padStart(9)}  ${f(r.python)}   ${f(r.ours)}  ${e(r.diff)}`,
      );
    });
    const line = (label: string, x: typeof summary.batch1) =>
      console.log(
        `${label.padEnd(40)} same text: max |cosine - 1| ${e(x.maxSelfDeviation)}, max component diff ${e(x.maxAbsComponentDiff)}; ` +
          `pairwise cosines: max |diff| ${e(x.maxPairwiseDiff)} over ${x.allPairs} pairs (the ${rows.length} above: max ${e(x.chosenPairsMaxDiff)}, mean ${e(x.chosenPairsMeanDiff)})`,
      );
    console.log('');
    line('ours vs Python, batch 1:', summary.batch1);
    line('ours vs Python, batch 32:', summary.batch32);
    line('Python batch 32 vs Python batch 1:', summary.pythonBatch32VsBatch1);
    console.log(
      `reference: sentence-transformers ${py.versions.sentence_transformers}, onnxruntime ${py.versions.onnxruntime} ` +
        `(${py.threads} threads, max_seq_length ${py.maxSeqLength}); ${summary.texts} texts with "${spec.passagePrefix}", ` +
        `${summary.textsOverMaxTokens} longer than ${spec.maxTokens} tokens (${summary.truncationText})`,
    );
    console.log(
      summary.batch1.maxPairwiseDiff < TOLERANCE
        ? 'PASS: e5-small-v2-q equals sentence-transformers (ONNX backend, batch 1) to 3 decimals'
        : 'FAIL: e5-small-v2-q differs from sentence-transformers (ONNX backend, batch 1) at 3 decimals',
    );
  }
  return { rows, summary, pass: summary.batch1.maxPairwiseDiff < TOLERANCE };
}

async function main(): Promise<number> {
  const asJson = process.argv.includes('--json');
  const only = process.argv.find((a) => a.startsWith('--only='))?.slice('--only='.length);
  if (only !== undefined && only !== 'minilm' && only !== 'e5') throw new Error('--only takes minilm or e5');
  const pairs = await choosePairs();
  const texts = [...new Set(pairs.flatMap((p) => [p.a, p.b]))];
  const index = new Map(texts.map((t, i) => [t, i]));

  const miniLm = only === 'e5' ? null : await miniLmSection(pairs, texts, index, asJson);
  const e5 = only === 'minilm' ? null : await e5Section(pairs, texts, index, asJson);
  if (asJson) {
    const e5Report = e5 && { e5: { rows: e5.rows, summary: { ...e5.summary, batch1EqualTo3Decimals: e5.pass } } };
    console.log(JSON.stringify({ ...(miniLm && { rows: miniLm.rows, summary: miniLm.summary }), ...e5Report }, null, 2));
  }
  return (miniLm?.pass ?? true) && (e5?.pass ?? true) ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(err instanceof Error ? err.message : err);
    process.exit(1);
  },
);
