import { Command } from 'commander';
import { checkIndex, type Finding } from '../index/check.js';
import { loadEmbedder } from '../archive/open-archive.js';
import { missingPaths, nothingReadProblem, unpackedRoots, withIndexDir } from './index-outcome.js';
import { describeReport, indexProgressBar } from './progress.js';
import { cliSettings, openCliArchive, runCommand } from './setup.js';

function describeFinding(finding: Finding, indexDir: string | undefined): string {
  const line = `${finding.part.padEnd(9)}${(finding.ok ? 'ok' : 'PROBLEM').padEnd(9)}${finding.file}: ${finding.detail}`;
  return finding.remedy ? `${line}\n${''.padEnd(9)}${'fix:'.padEnd(9)}${withIndexDir(finding.remedy, indexDir)}` : line;
}

/** `--check`: reads the index and reports; exit code 1 when any part needs the command it names. */
async function check(indexDir: string | undefined): Promise<void> {
  const { config, log } = cliSettings(indexDir);
  // Loading the model is part of the check: the index is only as usable as the model that reads questions.
  const embedder = await loadEmbedder(config, log);
  const findings = checkIndex(config.INDEX_DIR, embedder.modelName, embedder.dimension);
  process.stdout.write(`${findings.map((f) => describeFinding(f, indexDir)).join('\n')}\n`);
  if (findings.some((f) => !f.ok)) process.exitCode = 1;
}

const program = new Command('index')
  .description('Index statement files or folders (default: corpus/) into the index folder (default: embeddings/)')
  .argument('[paths...]', 'statement files or folders, or the corpus as a .zip (unpacked once beside it)')
  .option('--index-dir <dir>', 'index folder')
  .option('--check', 'check the database, the saved graph and the model, and say how to repair what is wrong; changes nothing')
  .option('--rebuild', 'set the database aside (kept as paragraphs.sqlite.damaged-<time>) and index every statement again')
  .action((paths: string[], options: { indexDir?: string; check?: boolean; rebuild?: boolean }) =>
    runCommand(async () => {
      if (options.check) return check(options.indexDir);
      // Before the lock and the model: a mistyped path costs nothing and changes nothing.
      const missing = missingPaths(paths);
      if (missing) throw new Error(missing);
      const given = await unpackedRoots(paths, (line) => process.stdout.write(`${line}\n`));
      const { config, archive } = await openCliArchive(options.indexDir, { rebuild: options.rebuild ?? false });
      const roots = given.length > 0 ? given : [config.CORPUS_DIR];
      const progress = indexProgressBar();
      try {
        const report = await archive.reindex(roots, progress.update);
        progress.stop();
        process.stdout.write(`${describeReport(report)}\n`);
        const problem = nothingReadProblem(report, roots);
        if (problem) throw new Error(problem);
      } finally {
        progress.stop();
        archive.close();
      }
    }),
  );

await program.parseAsync();
