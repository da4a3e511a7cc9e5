import fs from 'node:fs';
import path from 'node:path';
import { Command } from 'commander';
import { DEFAULT_EVAL_INDEX, DEFAULT_EVAL_ROOT, EVALUATION_FOLDERS } from '../evaluation/corpus.js';
import { firstHitRank, questionSchema, systemReport, type EvalQuestion, type SystemReport } from '../evaluation/scoring.js';
import { noFilters } from '../search/question.js';
import { describeReport, indexProgressBar } from './progress.js';
import { openCliArchive, runCommand } from './setup.js';


function readQuestions(file: string): EvalQuestion[] {
  return fs
    .readFileSync(file, 'utf8')
    .split('\n')
    .filter((line) => line.trim())
    .map((line, i) => {
      const parsed = questionSchema.safeParse(JSON.parse(line));
      if (!parsed.success) throw new Error(`${file}:${i + 1}: ${parsed.error.issues[0]?.message ?? 'invalid question'}`);
      return parsed.data;
    });
}

function formatTable(systems: Record<string, SystemReport>): string {
  const pct = (x: number) => x.toFixed(3);
  const rows = ['system      kind         n    R@1    R@5    R@10   MRR@10'];
  for (const [name, report] of Object.entries(systems)) {
    rows.push(`${name.padEnd(11)} ${'all'.padEnd(10)} ${String(report.n).padStart(3)}  ${pct(report.r1)}  ${pct(report.r5)}  ${pct(report.r10)}  ${pct(report.mrr)}`);
    for (const [kind, m] of Object.entries(report.byKind)) {
      rows.push(`${''.padEnd(11)} ${kind.padEnd(10)} ${String(m.n).padStart(3)}  ${pct(m.r1)}  ${pct(m.r5)}  ${pct(m.r10)}  ${pct(m.mrr)}`);
    }
  }
  return rows.join('\n');
}

const program = new Command('eval')
  .description('Score retrieval on a question file: the product against lexical-only and dense-only search')
  .requiredOption('--questions <file>', 'questions in the JSON Lines format of ../shared/eval/README.md')
  .option('--root <dir>', 'folder the gold `doc` paths are relative to', DEFAULT_EVAL_ROOT)
  .option('--index-dir <dir>', 'index folder', DEFAULT_EVAL_INDEX)
  .option('--json', 'print one JSON object')
  .action((options: { questions: string; root: string; indexDir: string; json?: boolean }) =>
    runCommand(async () => {
      const questions = readQuestions(options.questions);
      const root = path.resolve(options.root);
      const { archive } = await openCliArchive(options.indexDir);
      try {
        const progress = indexProgressBar();
        const report = await archive.reindex(EVALUATION_FOLDERS.map((f) => path.join(root, f)), progress.update);
        progress.stop();
        if (report.paragraphsEmbedded > 0 || report.filesRemoved > 0) process.stderr.write(`${describeReport(report)}\n`);

        const retrieval = archive.retrieval;
        const results = [];
        for (const q of questions) {
          const product = await archive.search(q.question, { k: 10 });
          const vector = await retrieval.queryVector(q.question);
          const passagesOf = (ids: number[]) =>
            archive.index.store.paragraphs(ids).map((p) => ({ source: p.meta.path, text: p.text }));
          results.push({
            id: q.id,
            rank: firstHitRank(q, product.hits.map((h) => ({ source: h.meta.path, text: h.text })), root),
            lexicalRank: firstHitRank(q, passagesOf(retrieval.rankLexical(q.question, noFilters(), 10).map((r) => r.id)), root),
            denseRank: firstHitRank(q, passagesOf(retrieval.rankDense(vector, noFilters(), 10).map((r) => r.id)), root),
          });
        }
        const systems = {
          product: systemReport(questions, results.map((r) => r.rank)),
          lexical: systemReport(questions, results.map((r) => r.lexicalRank)),
          dense: systemReport(questions, results.map((r) => r.denseRank)),
        };
        if (options.json) {
          process.stdout.write(`${JSON.stringify({ n: questions.length, systems, questions: results })}\n`);
        } else {
          process.stdout.write(`${formatTable(systems)}\n\n`);
          for (const r of results) {
            process.stdout.write(`${r.id.padEnd(8)} product ${String(r.rank ?? '-').padStart(2)}  lexical ${String(r.lexicalRank ?? '-').padStart(2)}  dense ${String(r.denseRank ?? '-').padStart(2)}\n`);
          }
        }
      } finally {
        archive.close();
      }
    }),
  );

await program.parseAsync();
