/** Shared by the benchmark scripts: the dev questions, percentiles, label/value lines, options. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { projectRoot } from '../src/config.js';

export const SHARED = path.resolve(projectRoot, '..', 'shared');
const DEV_QUESTION_FILES = ['dev.jsonl', 'dev2.jsonl'].map((f) => path.join(SHARED, 'eval', f));

/** The questions of ../shared/eval/dev.jsonl and dev2.jsonl, in file order (a missing file is skipped, both missing is an error). */
export function devQuestions(files = DEV_QUESTION_FILES): string[] {
  const questions = files
    .filter((f) => fs.existsSync(f))
    .flatMap((f) => fs.readFileSync(f, 'utf8').split('\n'))
    .filter((l) => l.trim())
    .map((l) => (JSON.parse(l) as { question: string }).question);
  if (questions.length === 0) throw new Error(`no dev questions: none of ${files.join(', ')} exists or holds any`);
  return questions;
}

/** Nearest-rank percentile. */
export function percentile(values: number[], p: number): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

export const latencyStats = (xs: number[]): string =>
  `p50 ${percentile(xs, 50).toFixed(1)} ms, p95 ${percentile(xs, 95).toFixed(1)} ms, max ${Math.max(...xs).toFixed(1)} ms (n=${xs.length})`;

export function printer(width: number): (label: string, value: string) => void {
  return (label, value) => process.stdout.write(`${label.padEnd(width)} ${value}\n`);
}

export function machineLine(): string {
  return `machine: ${os.cpus().length} CPUs (${os.cpus()[0]?.model ?? '?'}), ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}`;
}

/** `--name value` from argv, or undefined. */
export function option(args: string[], name: string): string | undefined {
  const at = args.indexOf(`--${name}`);
  return at >= 0 ? args[at + 1] : undefined;
}

export const peakRssMiB = (): number => process.resourceUsage().maxRSS / 1024;
