import { Writable } from 'node:stream';
import pino from 'pino';
import { loadConfig } from '../../src/config.js';
import type { Logger } from '../../src/log.js';
import { openArchive, type IndexedArchive } from '../../src/archive/open-archive.js';
import { realEmbedder } from './archive.js';

export interface LogLine {
  level: number;
  msg: string;
  [field: string]: unknown;
}

/** A real logger (pino, every level) whose lines are kept for the test to read. */
export function capturingLogger(): { log: Logger; lines: LogLine[] } {
  const lines: LogLine[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const line of chunk.toString().split('\n')) if (line) lines.push(JSON.parse(line) as LogLine);
      done();
    },
  });
  return { log: pino({ level: 'trace', base: undefined }, sink), lines };
}

/** The real archive over an existing index folder, logging into `log`. */
export async function openLoggedArchive(indexDir: string, log: Logger): Promise<IndexedArchive> {
  return openArchive({ ...loadConfig(), INDEX_DIR: indexDir }, log, await realEmbedder());
}
