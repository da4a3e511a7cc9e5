/**
 * Parity proof: our transformers.js embeddings against Python sentence-transformers on the same model.
 *
 *   bash scripts/python-peer/setup.sh        # once: .bench/venv with torch + sentence-transformers (CPU)
 *   tsx scripts/parity/check.ts [--json]
 *
 * Takes 20 pairs of real paragraphs from the 2015 UN General Debate speeches (../shared/corpus/ungdc/2015):
 * neighbouring paragraphs of one speech, paragraphs of two speeches, and the longest paragraphs (longer than the
 * model's 256 tokens, so truncation is compared too). Computes each pair's cosine similarity with
 * sentence-transformers (scripts/parity/st_embed.py) and with our pipeline on the float32 and the int8 ONNX
 * models, prints a table, and exits non-zero unless the float32 model agrees to 3 decimals (|diff| < 0.0005).
 * The "pipeline" column is transformers.js's feature-extraction pipeline as is; the fp32/int8 columns keep the
 * closing [SEP] when a text is truncated, as Python does (see embedAllTruncatingLikePython).
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs/promises';
import path from 'node:path';
import { mean_pooling, pipeline, type FeatureExtractionPipeline, type Tensor } from '@xenova/transformers';
import { loadConfig, projectRoot } from '../../src/config.js';
import type { ModelName } from '../../src/embed/models.js';
import { ensureModel, useLocalModel } from '../../src/embed/provision.js';

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

function runPython(texts: string[]): Promise<{ embeddings: number[][]; threads: number; versions: Record<string, string> }> {
  return new Promise((resolve, reject) => {
    const child = spawn(PYTHON, [path.join(projectRoot, 'scripts', 'parity', 'st_embed.py')], {
      stdio: ['pipe', 'pipe', 'pipe'],
      env: { ...process.env, HF_HUB_OFFLINE: '1' },
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => (out += d));
    child.stderr.on('data', (d: Buffer) => (err += d));
    child.on('error', (e) =>
      reject(new Error(`cannot run ${PYTHON} (${e.message}); create it with: bash scripts/python-peer/setup.sh`)),
    );
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

async function main(): Promise<number> {
  const asJson = process.argv.includes('--json');
  const pairs = await choosePairs();
  const texts = [...new Set(pairs.flatMap((p) => [p.a, p.b]))];
  const index = new Map(texts.map((t, i) => [t, i]));

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

  if (asJson) {
    console.log(JSON.stringify({ rows, summary }, null, 2));
  } else {
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
  return summary.fullEqualTo3Decimals ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(err instanceof Error ? err.message : err);
    process.exit(1);
  },
);
