import cliProgress from 'cli-progress';
import type { IndexProgress, IndexReport } from '../index/indexer.js';

/** Without a terminal, one progress line this often: a long run shows it is alive, and logs stay short. */
const PROGRESS_LINE_INTERVAL_MS = 10_000;

export interface ProgressDisplay {
  update: (p: IndexProgress) => void;
  stop: () => void;
}

/** A progress bar on stderr when it is a terminal; otherwise a line on stderr every 10 seconds. */
export function indexProgressBar(): ProgressDisplay {
  return process.stderr.isTTY ? progressBar() : progressLines(process.stderr, PROGRESS_LINE_INTERVAL_MS);
}

function eta(p: IndexProgress): string {
  return p.etaSeconds === null ? '?' : `${Math.round(p.etaSeconds)}s`;
}

/** After the files, the run embeds the sentences of paragraphs of two or more: the rate and ETA are then that stage's. */
function embeddedText(p: IndexProgress): string {
  return p.stage === 'sentences'
    ? `${p.paragraphsEmbedded} paragraphs and ${p.sentencesEmbedded ?? 0} sentences embedded`
    : `${p.paragraphsEmbedded} paragraphs embedded`;
}

function progressBar(): ProgressDisplay {
  const bar = new cliProgress.SingleBar(
    {
      stream: process.stderr,
      format: 'indexing [{bar}] {value}/{total} files | {embedded} | {rate} paragraphs/s | ETA {etaText}',
      hideCursor: true,
    },
    cliProgress.Presets.shades_classic,
  );
  let started = false;
  return {
    update(p) {
      const payload = { embedded: embeddedText(p), rate: p.paragraphsPerSecond.toFixed(1), etaText: eta(p) };
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

/**
 * The latest progress, written on a timer rather than on each update: lines come at a steady pace whether
 * updates come every second (small files) or once a minute (a slow model).
 */
function progressLines(stream: NodeJS.WritableStream, intervalMs: number): ProgressDisplay {
  let latest: IndexProgress | null = null;
  const timer = setInterval(() => {
    if (latest) {
      const p = latest;
      stream.write(
        `indexing: ${p.filesDone}/${p.filesTotal} files, ${embeddedText(p)}, ` +
          `${p.paragraphsPerSecond.toFixed(1)} paragraphs/s, ETA ${eta(p)}\n`,
      );
    }
  }, intervalMs);
  // Never the reason the process stays up.
  timer.unref();
  return {
    update(p) {
      latest = p;
    },
    stop() {
      clearInterval(timer);
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
    ...(report.sentencesEmbedded ? [`sentences (of paragraphs of two or more): ${report.sentencesEmbedded} embedded`] : []),
    `time: ${report.seconds.toFixed(1)} s`,
  ];
  for (const problem of report.unreadable) lines.push(`skipped ${problem.path}: ${problem.reason}`);
  return lines.join('\n');
}
