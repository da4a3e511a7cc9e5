/** Child process of the benchmark: time from nothing to the first answer with an existing index. */
const started = performance.now();
const { loadConfig } = await import('../src/config.js');
const { createLogger } = await import('../src/log.js');
const { openArchive } = await import('../src/search/open-archive.js');
const archive = await openArchive({ ...loadConfig(), INDEX_DIR: process.argv[2]! }, createLogger('warn'));
const opened = performance.now();
await archive.search('what did Kazakhstan ask the General Assembly?', { k: 5 });
const answered = performance.now();
process.stdout.write(
  `${((answered - started) / 1000).toFixed(2)} s (open ${((opened - started) / 1000).toFixed(2)} s, first answer ${(answered - opened).toFixed(0)} ms), peak RSS ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MiB\n`,
);
archive.close();
