/** A separate indexing process for the crash test: index argv[3..] into argv[2], printing progress lines. */
import { loadConfig } from '../../src/config.js';
import { createLogger } from '../../src/log.js';
import { openArchive } from '../../src/archive/open-archive.js';

const [indexDir, ...roots] = process.argv.slice(2);
const archive = await openArchive({ ...loadConfig(), INDEX_DIR: indexDir! }, createLogger('silent'));
await archive.reindex(roots, (p) => process.stdout.write(`progress ${p.filesDone}\n`));
archive.close();
process.stdout.write('done\n');
