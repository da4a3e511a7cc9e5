/**
 * Embedding throughput on the same real paragraphs: Python sentence-transformers (the peer) against our
 * transformers.js pipeline, batch 32, with the batches formed in file order or from length-sorted texts.
 *
 *   bash scripts/python-peer/setup.sh                   # once
 *   tsx scripts/python-peer/compare.ts [--paragraphs 400]
 *
 * The sample (.bench/throughput-sample.txt, one paragraph per line) is taken round-robin from the 2015
 * UN General Debate speeches. Every timing excludes model loading and one warm-up batch.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs/promises';
import path from 'node:path';
import { pipeline, type FeatureExtractionPipeline } from '@xenova/transformers';
import { loadConfig, projectRoot } from '../../src/config.js';
import type { ModelName } from '../../src/embed/models.js';
import { ensureModel, useLocalModel } from '../../src/embed/provision.js';

const CORPUS = path.resolve(projectRoot, '..', 'shared', 'corpus', 'ungdc', '2015');
const PYTHON = process.env.PYTHON ?? path.join(projectRoot, '.bench', 'venv', 'bin', 'python');
const SAMPLE = path.join(projectRoot, '.bench', 'throughput-sample.txt');
const BATCH = 32;

async function sample(count: number): Promise<string[]> {
  const files = (await fs.readdir(CORPUS)).filter((f) => f.endsWith('.txt')).sort();
  const speeches = await Promise.all(
    files.map(async (f) =>
      (await fs.readFile(path.join(CORPUS, f), 'utf8'))
        .replace(/^\uFEFF/, '')
        .split(/\r?\n/)
        .map((l) => l.trim())
        .filter((l) => l.length >= 80),
    ),
  );
  const out: string[] = [];
  for (let i = 0; out.length < count; i++) {
    let added = false;
    for (const paras of speeches) {
      if (i < paras.length && out.length < count) {
        out.push(paras[i]!);
        added = true;
      }
    }
    if (!added) break;
  }
  return out;
}

function runPeer(file: string): Promise<Record<string, unknown>> {
  return new Promise((resolve, reject) => {
    const script = path.join(projectRoot, 'scripts', 'python-peer', 'embed_throughput.py');
    const child = spawn(PYTHON, [script, file, '--batch-size', String(BATCH)], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => (out += d));
    child.stderr.on('data', (d: Buffer) => (err += d));
    child.on('error', (e) => reject(new Error(`cannot run ${PYTHON} (${e.message}); run scripts/python-peer/setup.sh`)));
    child.on('close', (code) => (code === 0 ? resolve(JSON.parse(out.trim().split('\n').pop()!)) : reject(new Error(err.slice(-2000)))));
  });
}

async function timeJs(extract: FeatureExtractionPipeline, texts: string[], sorted: boolean): Promise<number> {
  const order = sorted ? [...texts].sort((a, b) => a.length - b.length) : texts;
  await extract(order.slice(0, BATCH), { pooling: 'mean', normalize: true }); // warm-up
  const started = performance.now();
  for (let i = 0; i < order.length; i += BATCH) {
    await extract(order.slice(i, i + BATCH), { pooling: 'mean', normalize: true });
  }
  return (performance.now() - started) / 1000;
}

async function load(name: ModelName): Promise<FeatureExtractionPipeline> {
  const model = await ensureModel({ ...loadConfig(), MODEL: name, MODEL_PATH: undefined });
  return pipeline('feature-extraction', model.modelId, await useLocalModel(model));
}

async function main(): Promise<void> {
  const i = process.argv.indexOf('--paragraphs');
  const count = i > 0 ? Number(process.argv[i + 1]) : 400;
  const texts = await sample(count);
  await fs.mkdir(path.dirname(SAMPLE), { recursive: true });
  await fs.writeFile(SAMPLE, texts.join('\n') + '\n');
  const chars = texts.reduce((s, t) => s + t.length, 0);
  console.log(`${texts.length} paragraphs from ${CORPUS} (mean ${Math.round(chars / texts.length)} chars), batch ${BATCH}`);

  const peer = await runPeer(SAMPLE);
  const rate = (s: number) => (texts.length / s).toFixed(1);
  console.log(
    `python sentence-transformers fp32 (length-sorted by ST) : ${String(peer.paragraphsPerSecond).padStart(6)} paragraphs/s  (${peer.seconds} s, ${peer.threads} torch threads)`,
  );
  for (const name of ['all-MiniLM-L6-v2', 'all-MiniLM-L6-v2-q'] as const) {
    const extract = await load(name);
    for (const sorted of [false, true]) {
      const seconds = await timeJs(extract, texts, sorted);
      const label = `transformers.js ${name === 'all-MiniLM-L6-v2' ? 'fp32' : 'int8'} ${sorted ? 'length-sorted' : 'file order   '}`;
      console.log(`${label.padEnd(56)}: ${rate(seconds).padStart(6)} paragraphs/s  (${seconds.toFixed(2)} s)`);
    }
    await extract.dispose();
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
