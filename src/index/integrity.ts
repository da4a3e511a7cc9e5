import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import { createRequire } from 'node:module';
import type { Logger } from '../log.js';
import { CHANGED_PAGE, corruptionDetail, DamagedIndexError, describeProblems, isCorruption } from './errors.js';
import { loadPageChecksums } from './page-checksums.js';

/**
 * The check a reader runs over its database in the background: SQLite's quick_check (every page's structure, the
 * free list, every cell's size; what `npm run index -- --check` runs) on a read-only connection of its own, in a
 * child process, at start and again after the index changes; with page checksums (page-checksums.ts) it reads, and
 * so verifies, every page's content too. Once it, or any read, finds damage the reader answers
 * nothing more: a damaged page can drop paragraphs from an answer without an error (a B-tree page pointing at the
 * wrong child finds no row), so an answer from the file can no longer be trusted.
 *
 * A child process rather than a worker thread: SQLite here is built without the progress callback, so a check
 * cannot be interrupted, and Node waits for a worker thread blocked in it before the process may exit (3 s warm,
 * 28 s cold at the whole archive, after a one-shot `npm run ask` had answered). A child is killed at once.
 */

/** Below this size the check takes under a tenth of a second: a question arriving while it runs waits for it. */
const WAITED_FOR_BYTES = 64 * 1024 * 1024;
/**
 * After the index changed the check runs again, but at most this share of the time since the last one ended
 * (a check at the whole archive takes 3 s of one core warm): an indexing run that commits every few seconds
 * does not keep a core busy checking.
 */
const RECHECK_TIME_SHARE = 0.1;

/** Runs in the child: prints `{"problems": [...]}` or `{"failed": "..."}`, nothing else. */
const CHECKER = `
const [moduleFile, file, checksums, changedPage] = process.argv.slice(1);
const out = (value) => process.stdout.write(JSON.stringify(value));
let db;
try {
  const Database = require(moduleFile);
  if (checksums) new Database(':memory:').loadExtension(checksums, 'sqlite3_pagechecksums_init');
  db = new Database(file, { readonly: true, fileMustExist: true });
  db.pragma('busy_timeout = 5000');
  const rows = db.pragma('quick_check(10)');
  out({ problems: rows.flatMap((r) => String(r.quick_check).split('\\n')).filter((l) => l !== 'ok' && !l.startsWith('***')) });
} catch (error) {
  const code = error && error.code;
  const corrupt = typeof code === 'string' && (code.startsWith('SQLITE_CORRUPT') || code === 'SQLITE_NOTADB' || code === 'SQLITE_IOERR_DATA');
  const detail = code === 'SQLITE_IOERR_DATA' ? changedPage : error.message;
  out(corrupt ? { problems: [detail] } : { failed: String((error && error.message) || error) });
} finally {
  if (db) db.close();
}
`;

const SQLITE_MODULE = createRequire(import.meta.url).resolve('better-sqlite3');

export type IntegrityState =
  /** No check has ended since the index opened (or since it changed): answers go on meanwhile. */
  | { state: 'checking' }
  | { state: 'sound'; ms: number }
  | { state: 'damaged'; detail: string }
  /** The check itself could not run (the child failed to start, or SQLite could not open the file). */
  | { state: 'unchecked'; reason: string };

interface Running {
  child: ChildProcess;
  ended: Promise<void>;
}

export class IntegrityWatch {
  private current: IntegrityState = { state: 'checking' };
  private running: Running | null = null;
  private lastEnded = { at: 0, tookMs: 0 };
  private checkedGeneration: number | null = null;
  private closed = false;
  private readonly killOnExit = () => this.running?.child.kill('SIGKILL');

  private constructor(
    /** The database file; null for a reader with nothing on disk to check. */
    readonly file: string | null,
    private readonly log: Logger | null,
  ) {}

  /** Starts the first check of `file` (when it exists yet). */
  static start(file: string, log: Logger): IntegrityWatch {
    const watch = new IntegrityWatch(file, log);
    watch.check();
    return watch;
  }

  /** For a process that writes rather than answers: the writer checks synchronously before every write. */
  static none(): IntegrityWatch {
    const watch = new IntegrityWatch(null, null);
    watch.current = { state: 'unchecked', reason: 'not checked in the background by a writing process' };
    return watch;
  }

  get state(): IntegrityState {
    return this.current;
  }

  /** Resolves once the check running now (if any) has ended. */
  async settled(): Promise<IntegrityState> {
    while (this.running) await this.running.ended;
    return this.current;
  }

  /** The damage found, as the error every front end turns into its refusal; null while none is known. */
  damage(): DamagedIndexError | null {
    return this.file !== null && this.current.state === 'damaged' ? new DamagedIndexError(this.file, this.current.detail) : null;
  }

  /**
   * Called before each answer: on a small database a question that arrives while the check runs waits for it
   * (under 0.1 s); on a larger one it is answered at once. When the index's generation has moved since the last
   * check started, another check starts in the background (at most RECHECK_TIME_SHARE of the time).
   */
  async beforeAnswer(generation: number): Promise<void> {
    if (this.file === null) return;
    if (this.checkedGeneration === null) this.checkedGeneration = generation;
    else if (generation !== this.checkedGeneration && !this.running && this.current.state !== 'damaged' && this.rested()) {
      this.checkedGeneration = generation;
      this.check();
    }
    if (this.running && this.smallFile()) await this.settled();
  }

  /**
   * A read failed: when SQLite called the file malformed, the damage is known from now on without waiting for
   * the check, and the error to throw is the one that names the file and the repair; else null.
   */
  noticeRead(error: unknown): DamagedIndexError | null {
    if (this.file === null || !isCorruption(error)) return null;
    if (this.current.state !== 'damaged') this.found([corruptionDetail(error)], 'a read');
    return this.damage();
  }

  close(): void {
    this.closed = true;
    this.running?.child.kill('SIGKILL');
  }

  private rested(): boolean {
    return Date.now() - this.lastEnded.at >= this.lastEnded.tookMs * (1 / RECHECK_TIME_SHARE - 1);
  }

  private smallFile(): boolean {
    try {
      return this.file !== null && fs.statSync(this.file).size < WAITED_FOR_BYTES;
    } catch {
      return true;
    }
  }

  private found(problems: string[], by: string): void {
    this.current = { state: 'damaged', detail: describeProblems(problems) };
    this.log?.error(
      { file: this.file, problems: problems.slice(0, 3), by },
      'the index database is damaged: every question is refused until it is rebuilt (`npm run index -- --rebuild`)',
    );
  }

  private check(): void {
    const file = this.file;
    if (file === null || this.closed || this.current.state === 'damaged') return;
    if (!fs.existsSync(file)) {
      this.current = { state: 'sound', ms: 0 };
      return;
    }
    const started = Date.now();
    const checksums = loadPageChecksums();
    const library = checksums.state === 'on' ? checksums.library : '';
    const child = spawn(process.execPath, ['-e', CHECKER, SQLITE_MODULE, file, library, CHANGED_PAGE], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    // The lowest CPU priority: on two cores the check otherwise slows the graph's loading and the first answers.
    if (child.pid !== undefined) {
      try {
        os.setPriority(child.pid, 19);
      } catch {
        // Not permitted here: the check runs at normal priority.
      }
    }
    let out = '';
    let err = '';
    child.stdout!.setEncoding('utf8').on('data', (chunk: string) => (out += chunk));
    child.stderr!.setEncoding('utf8').on('data', (chunk: string) => (err += chunk));
    // The child keeps this process alive (someone may await `settled`: an unreferenced child would let Node exit
    // under that await); closing the archive kills it, and so does this process's exit.
    process.on('exit', this.killOnExit);
    const ended = new Promise<void>((resolve) => {
      let done = false;
      const end = (outcome: { problems?: string[]; failed?: string }) => {
        if (done) return;
        done = true;
        process.off('exit', this.killOnExit);
        this.running = null;
        const ms = Date.now() - started;
        this.lastEnded = { at: Date.now(), tookMs: ms };
        if (this.current.state !== 'damaged') {
          if (outcome.problems && outcome.problems.length > 0) this.found(outcome.problems, 'the background check');
          else if (outcome.problems) this.current = { state: 'sound', ms };
          else {
            this.current = { state: 'unchecked', reason: outcome.failed ?? 'the check ended without a result' };
            if (!this.closed) this.log?.warn({ file, reason: this.current.reason }, 'could not check the index database in the background');
          }
        }
        resolve();
      };
      child.on('error', (error) => end({ failed: error.message }));
      child.on('close', (code, signal) => {
        try {
          end(JSON.parse(out) as { problems?: string[]; failed?: string });
        } catch {
          end({ failed: signal ? `killed by ${signal}` : `exit ${code}: ${err.trim().split('\n').pop() ?? ''}` });
        }
      });
    });
    this.running = { child, ended };
  }
}
