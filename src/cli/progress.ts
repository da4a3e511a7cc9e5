import cliProgress from 'cli-progress';
import type { IndexProgress, IndexReport } from '../search/archive.js';

/** A progress bar on stderr when it is a terminal; otherwise nothing, so logs and pipes stay clean. */
export function indexProgressBar(): { update: (p: IndexProgress) => void; stop: () => void } {
  if (!process.stderr.isTTY) return { update: () => {}, stop: () => {} };
  const bar = new cliProgress.SingleBar(
    {
      stream: process.stderr,
      format: 'indexing [{bar}] {value}/{total} files | {paragraphs} paragraphs embedded | {rate} paragraphs/s | ETA {etaText}',
      hideCursor: true,
    },
    cliProgress.Presets.shades_classic,
  );
  let started = false;
  return {
    update(p) {
      const payload = {
        paragraphs: p.paragraphsEmbedded,
        rate: p.paragraphsPerSecond.toFixed(1),
        etaText: p.etaSeconds === null ? '?' : `${Math.round(p.etaSeconds)}s`,
      };
      if (!started) {
        bar.start(p.filesTotal, p.filesDone, payload);
        started = true;
      } else bar.update(p.filesDone, payload);
    },
    stop() {
      if (started) bar.stop();
    },
  };
}

export function describeReport(report: IndexReport): string {
  const rate = report.paragraphsEmbedded / Math.max(report.seconds, 1e-3);
  const lines = [
    `files: ${report.filesSeen} seen, ${report.filesAdded} added, ${report.filesChanged} changed, ` +
      `${report.filesUnchanged} unchanged, ${report.filesRemoved} removed, ${report.unreadable.length} skipped`,
    `paragraphs: ${report.paragraphsAdded} added, ${report.paragraphsRemoved} removed, ${report.paragraphsEmbedded} embedded` +
      (report.paragraphsEmbedded > 0 ? ` (${rate.toFixed(1)} paragraphs/s)` : ''),
    `time: ${report.seconds.toFixed(1)} s`,
  ];
  for (const problem of report.unreadable) lines.push(`skipped ${problem.path}: ${problem.reason}`);
  return lines.join('\n');
}
