/**
 * The model from the Hugging Face hub, downloaded by transformers.js itself: the fallback for machines without
 * Maven or without a way to Maven Central.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import { hashFile } from '../zip.js';
import { marker, writeJson, writeTokenizerJson, type Marker } from './model-files.js';
import { onnxFileOf, type ModelSpec } from './models.js';

export interface HubOptions {
  /** transformers.js `env.remoteHost` for the hub fallback (default: transformers.js's own, huggingface.co). */
  hubHost?: string;
}

/** Writes the model folder as `<stage>/model`, working in `stage`; returns the marker for it. */
export async function stageFromHub(spec: ModelSpec, stage: string, log: (message: string) => void, options: HubOptions): Promise<Marker> {
  const transformers = await import('@xenova/transformers');
  const { env, AutoConfig, AutoTokenizer, AutoModel } = transformers;
  const cacheDir = path.join(stage, 'hub-cache');
  log(`Downloading ${spec.hubId} (${onnxFileOf(spec)}) from the Hugging Face hub with transformers.js…`);
  const saved = {
    allowRemoteModels: env.allowRemoteModels,
    allowLocalModels: env.allowLocalModels,
    cacheDir: env.cacheDir,
    remoteHost: env.remoteHost,
  };
  env.allowRemoteModels = true;
  env.allowLocalModels = false;
  env.cacheDir = cacheDir;
  if (options.hubHost) env.remoteHost = options.hubHost;
  try {
    const opts = { cache_dir: cacheDir, quantized: spec.quantized };
    await AutoConfig.from_pretrained(spec.hubId, opts);
    await AutoTokenizer.from_pretrained(spec.hubId, opts);
    const model = await AutoModel.from_pretrained(spec.hubId, opts);
    await model.dispose();
  } finally {
    Object.assign(env, saved);
  }

  const downloaded = path.join(cacheDir, ...spec.hubId.split('/'));
  const model = path.join(stage, 'model');
  await fs.mkdir(path.join(model, 'onnx'), { recursive: true });
  const onnxFile = onnxFileOf(spec);
  await fs.rename(path.join(downloaded, onnxFile), path.join(model, onnxFile));
  await writeTokenizerJson(path.join(downloaded, 'tokenizer.json'), path.join(model, 'tokenizer.json'));
  // The hub's own config.json is kept; tokenizer_config.json gets the catalog's max length (below).
  await fs.copyFile(path.join(downloaded, 'config.json'), path.join(model, 'config.json'));
  const tokenizerConfig = JSON.parse(await fs.readFile(path.join(downloaded, 'tokenizer_config.json'), 'utf8')) as Record<string, unknown>;
  await writeJson(path.join(model, 'tokenizer_config.json'), { ...tokenizerConfig, model_max_length: spec.maxTokens });
  const { sha256, bytes } = await hashFile(path.join(model, onnxFile));
  if (sha256 !== spec.packaged.onnxSha256) {
    log(`Note: the hub's ${onnxFile} differs from the catalog's packaged copy (SHA-256 ${sha256}); using it anyway.`);
  }
  return marker(spec, 'hub', `${env.remoteHost}${spec.hubId}`, bytes, sha256);
}
