import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';

/**
 * Page checksums (page-checksums.c): a SQLite VFS shim that keeps a checksum in the last 8 bytes of every page of
 * a database that reserves them, and fails the read of a page that no longer matches. It is compiled on first use
 * against the SQLite headers better-sqlite3 builds with (the compiler that built better-sqlite3 here), kept under
 * node_modules/.cache, and loaded once per process before any index database is opened.
 */

/** The bytes at the end of each page that hold its checksum, and the header byte that says how many a page reserves. */
export const CHECKSUM_BYTES = 8;
const RESERVE_OFFSET = 20;
const ENTRY_POINT = 'sqlite3_pagechecksums_init';

const SOURCE = fileURLToPath(new URL('./page-checksums.c', import.meta.url));
const SQLITE_PACKAGE = path.dirname(createRequire(import.meta.url).resolve('better-sqlite3/package.json'));
const SQLITE_HEADERS = path.join(SQLITE_PACKAGE, 'deps', 'sqlite3');

export type PageChecksums =
  /** Every database this process opens goes through the shim. */
  | { state: 'on'; library: string }
  /** No compiler, or the build or the load failed: databases open without page checksums. */
  | { state: 'unavailable'; reason: string };

let loaded: PageChecksums | null = null;

/** Loads the shim into this process, once (building it the first time on this machine). */
export function loadPageChecksums(): PageChecksums {
  loaded ??= buildAndLoad();
  return loaded;
}

/** Whether the database file's header reserves the checksum bytes on every page (SQLite's header byte 20). */
export function fileReservesChecksums(file: string): boolean {
  const header = Buffer.alloc(RESERVE_OFFSET + 1);
  const fd = fs.openSync(file, 'r');
  try {
    return fs.readSync(fd, header, 0, header.length, 0) === header.length && header[RESERVE_OFFSET] === CHECKSUM_BYTES;
  } finally {
    fs.closeSync(fd);
  }
}

function buildAndLoad(): PageChecksums {
  try {
    const library = builtLibrary();
    const loader = new Database(':memory:');
    try {
      // better-sqlite3 takes the entry point as a second argument; its types name only the first.
      (loader.loadExtension as (file: string, entryPoint: string) => void).call(loader, library, ENTRY_POINT);
    } finally {
      loader.close();
    }
    return { state: 'on', library };
  } catch (error) {
    return { state: 'unavailable', reason: firstLine(error) };
  }
}

/** The compiled shim for this source, SQLite and platform: built once, atomically, so processes starting together agree. */
function builtLibrary(): string {
  const source = fs.readFileSync(SOURCE);
  const headers = fs.readFileSync(path.join(SQLITE_HEADERS, 'sqlite3.h'));
  const key = createHash('sha256').update(source).update(headers).update(`${process.platform}-${process.arch}`).digest('hex');
  const library = path.join(cacheDir(), `page-checksums-${key.slice(0, 16)}${os.platform() === 'darwin' ? '.dylib' : '.so'}`);
  if (fs.existsSync(library)) return library;
  const building = `${library}.${process.pid}.${Date.now()}.tmp`;
  const compiler = process.env.CC || 'cc';
  try {
    execFileSync(compiler, ['-O2', '-fPIC', '-shared', '-I', SQLITE_HEADERS, SOURCE, '-o', building], { stdio: 'pipe' });
    fs.renameSync(building, library);
  } finally {
    fs.rmSync(building, { force: true });
  }
  return library;
}

function cacheDir(): string {
  const preferred = path.join(SQLITE_PACKAGE, '..', '.cache', 'verbatim');
  try {
    fs.mkdirSync(preferred, { recursive: true });
    fs.accessSync(preferred, fs.constants.W_OK);
    return preferred;
  } catch {
    // A read-only node_modules (an image built once, run as another user) builds into the temporary folder.
    const fallback = path.join(os.tmpdir(), 'verbatim-native');
    fs.mkdirSync(fallback, { recursive: true });
    return fallback;
  }
}

function firstLine(error: unknown): string {
  const stderr = (error as { stderr?: Buffer }).stderr?.toString().trim();
  const message = stderr || (error instanceof Error ? error.message : String(error));
  return message.split('\n')[0] ?? message;
}
