/**
 * Zip files, read with yauzl: the model's Maven jar (src/embed/maven-source.ts) and the UN General Debate Corpus as
 * Harvard Dataverse serves it (src/cli/index-statements.ts). yauzl checks each entry's size; the CRC-32 it leaves
 * unchecked is checked here.
 */
import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';
import { Transform, type TransformCallback } from 'node:stream';
import { pipeline as streamPipeline } from 'node:stream/promises';
import zlib from 'node:zlib';
import yauzl from 'yauzl';
import { errorText, isFileSystemError } from './errors.js';

export interface ExtractedEntry {
  bytes: number;
  sha256: string;
}

/**
 * Extracts the named entries of a zip file to the given paths. Throws, naming the zip and the entry, when one is
 * missing or cannot be read whole.
 */
export async function extractZipEntries(zipPath: string, targets: Record<string, string>): Promise<Record<string, ExtractedEntry>> {
  const zip = await yauzl.openPromise(zipPath, { autoClose: false });
  const result: Record<string, ExtractedEntry> = {};
  try {
    for await (const entry of zip.eachEntry()) {
      if (Object.hasOwn(targets, entry.fileName))
        result[entry.fileName] = await extractEntry(zip, entry, targets[entry.fileName]!, zipPath);
    }
  } finally {
    zip.close();
  }
  const missing = Object.keys(targets).find((name) => !Object.hasOwn(result, name));
  if (missing !== undefined) throw new Error(`${path.basename(zipPath)} has no entry ${missing}`);
  return result;
}

/** Marks a folder whose zip was unpacked whole: written last, so a run cut short unpacks again. */
const UNPACKED_MARKER = '.unpacked';

/**
 * Unpacks the entries of a zip that `wanted` accepts into a folder beside it named after it ("UNGDC.zip" →
 * "UNGDC/"), once: a folder already unpacked whole is used as it is. An entry whose path would leave the folder
 * is refused, naming the zip. Returns the folder.
 */
export async function unpackZip(zipPath: string, wanted: (entryName: string) => boolean): Promise<string> {
  const folder = zipPath.replace(/\.zip$/i, '');
  const marker = path.join(folder, UNPACKED_MARKER);
  if (await exists(marker)) return folder;
  const zip = await yauzl.openPromise(zipPath, { autoClose: false });
  try {
    for await (const entry of zip.eachEntry()) {
      if (entry.fileName.endsWith('/') || !wanted(entry.fileName)) continue;
      const target = path.resolve(folder, entry.fileName);
      // yauzl refuses such names itself; this holds whatever a later version lets through.
      if (!target.startsWith(`${path.resolve(folder)}${path.sep}`))
        throw new Error(`entry ${entry.fileName} would be written outside ${folder}`);
      await extractEntry(zip, entry, target, zipPath);
    }
  } catch (err) {
    if (isFileSystemError(err)) throw err;
    throw new Error(`${path.basename(zipPath)}: ${errorText(err)}; nothing after that entry was unpacked`);
  } finally {
    zip.close();
  }
  await fs.writeFile(marker, `${path.basename(zipPath)}\n`);
  return folder;
}

async function exists(file: string): Promise<boolean> {
  return fs.stat(file).then(
    () => true,
    () => false,
  );
}

async function extractEntry(zip: yauzl.ZipFile, entry: yauzl.Entry, target: string, zipPath: string): Promise<ExtractedEntry> {
  const check = new ChecksumStream();
  await fs.mkdir(path.dirname(target), { recursive: true });
  try {
    await streamPipeline(await zip.openReadStreamPromise(entry), check, createWriteStream(target));
  } catch (err) {
    if (isFileSystemError(err)) throw err;
    throw new Error(`${entry.fileName} in ${path.basename(zipPath)} cannot be read: ${errorText(err)}`);
  }
  if (check.crc32 !== entry.crc32) throw new Error(`${entry.fileName} in ${path.basename(zipPath)} is corrupt (CRC-32 mismatch)`);
  return { bytes: check.bytes, sha256: check.sha256() };
}

/** Pass-through stream that counts bytes and computes CRC-32 and SHA-256. */
class ChecksumStream extends Transform {
  bytes = 0;
  crc32 = 0;
  private readonly hash = createHash('sha256');

  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    this.bytes += chunk.length;
    this.crc32 = zlib.crc32(chunk, this.crc32);
    this.hash.update(chunk);
    callback(null, chunk);
  }

  sha256(): string {
    return this.hash.digest('hex');
  }
}

export async function hashFile(file: string): Promise<ExtractedEntry> {
  const hash = createHash('sha256');
  let bytes = 0;
  for await (const chunk of createReadStream(file)) {
    bytes += (chunk as Buffer).length;
    hash.update(chunk as Buffer);
  }
  return { bytes, sha256: hash.digest('hex') };
}
