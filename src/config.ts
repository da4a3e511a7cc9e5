import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseEnv } from 'node:util';
import { z } from 'zod';
import { DEFAULT_MODEL, MODEL_NAMES } from './embed/models.js';

/** The repository root: defaults resolve against it so the CLI works from any working directory. */
export const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

const optionalString = z
  .string()
  .trim()
  .transform((v) => (v === '' ? undefined : v))
  .optional();

/** A folder; empty or unset means the default, so `INDEX_DIR=` in a .env file cannot point at the working directory. */
const folder = (fallback: string) =>
  z
    .preprocess((v) => (typeof v === 'string' && v.trim() === '' ? undefined : v), z.string().default(fallback))
    .transform((v) => path.resolve(v));

const configSchema = z.object({
  DISCORD_TOKEN: optionalString,
  DISCORD_APPLICATION_ID: optionalString,
  /** Register slash commands to this one server (instant) instead of globally (up to an hour). */
  DISCORD_GUILD_ID: optionalString,
  /** Discord's REST base; the gateway URL is discovered from it. Point it at a proxy or a local test server. */
  DISCORD_API_URL: z.string().url().default('https://discord.com/api'),
  /** Members with this role may reindex and add statements, besides those with Manage Server. */
  MODERATOR_ROLE_ID: optionalString,
  /**
   * Gateway shards, all run inside this one process (discord.js internal sharding): `auto` takes Discord's
   * recommended count from /gateway/bot, a number runs that many; unset (or empty) runs one, as a bot in fewer
   * than 2,500 servers may. Discord requires sharding above 2,500 servers.
   */
  SHARDS: z.preprocess(
    (v) => (typeof v === 'string' ? (v.trim() === '' ? undefined : v.trim().toLowerCase()) : v),
    z
      .union([z.literal('auto'), z.coerce.number().int().min(1).max(4096)], {
        errorMap: () => ({ message: "expected 'auto' or a whole number of shards from 1 to 4096" }),
      })
      .optional(),
  ),
  RATE_LIMIT_QUESTIONS: z.coerce.number().int().positive().default(6),
  RATE_LIMIT_WINDOW_SECONDS: z.coerce.number().int().positive().default(60),
  CORPUS_DIR: folder(path.join(projectRoot, 'corpus')),
  INDEX_DIR: folder(path.join(projectRoot, 'embeddings')),
  /** Embedding model, a name from the catalog in src/embed/models.ts (dimension, prefixes, packaged source). */
  MODEL: z.enum(MODEL_NAMES).default(DEFAULT_MODEL),
  /** Cache folder: `src/embed/provision.ts` installs each catalog model as `<MODEL_DIR>/<MODEL>/` (transformers.js layout). */
  MODEL_DIR: folder(path.join(projectRoot, 'embeddings', 'models')),
  /**
   * A model folder of your own, used as is instead of the cache: config.json, tokenizer.json, tokenizer_config.json
   * and onnx/model_quantized.onnx (quantized MODEL) or onnx/model.onnx. MODEL still names its dimension and prefixes.
   */
  MODEL_PATH: optionalString,
  /** Copies of the model run side by side, one worker thread each (default: one per core). */
  EMBED_WORKERS: z.coerce.number().int().min(1).max(64).optional(),
  /** ../shared/corpus/ungdc/speakers.csv or a copy: names the UNGDC speaker of each country and year. */
  SPEAKERS_CSV: optionalString,
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
});

export type Config = z.infer<typeof configSchema>;

let cached: Config | undefined;

/** The settings file: `.env` in the repository, or the file `ENV_FILE` names (`ENV_FILE=/dev/null` reads none). */
function envFilePath(env: NodeJS.ProcessEnv = process.env): string {
  const named = env.ENV_FILE?.trim();
  return named ? path.resolve(named) : path.join(projectRoot, '.env');
}

export interface EnvFileReport {
  file: string;
  /** False when there is no such file (nothing is read, and that is no error). */
  found: boolean;
  /** The variables it set: those the environment did not set already. */
  applied: string[];
}

let envFile: EnvFileReport | undefined;

/**
 * Reads the settings file once into the environment, as `.env.example` promises: a variable the environment
 * already sets wins over the file (even an empty one, so `DISCORD_TOKEN= npm start` runs the chat). Node's own
 * parser (`util.parseEnv`, the one `--env-file` uses) reads it; a missing file is no error.
 */
export function readEnvFile(env: NodeJS.ProcessEnv = process.env): EnvFileReport {
  if (env === process.env && envFile) return envFile;
  const file = envFilePath(env);
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code !== 'ENOENT')
      throw new Error(
        `cannot read the settings file ${file} (${code ?? String(error)}): fix its permissions, or point ENV_FILE at another`,
      );
    const report = { file, found: false, applied: [] };
    if (env === process.env) envFile = report;
    return report;
  }
  const applied: string[] = [];
  for (const [name, value] of Object.entries(parseEnv(text))) {
    if (value === undefined || env[name] !== undefined) continue;
    env[name] = value;
    applied.push(name);
  }
  const report = { file, found: true, applied };
  if (env === process.env) envFile = report;
  return report;
}

/**
 * Reads and validates the environment once, the settings file (`.env`) included when `env` is the process's;
 * a bad value stops start-up with a message naming the variable.
 */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  if (env === process.env && cached) return cached;
  if (env === process.env) readEnvFile(env);
  const parsed = configSchema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new Error(`Invalid configuration: ${problems}`);
  }
  if (env === process.env) cached = parsed.data;
  return parsed.data;
}
