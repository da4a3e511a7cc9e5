import { randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { decodeStatementBytes } from '../corpus/decode.js';

/** A problem with an upload that the user can act on; its message is shown to them. */
export class UploadProblem extends Error {
  override name = 'UploadProblem';
}

export interface AttachmentInfo {
  name: string;
  size: number;
  url: string;
  contentType: string | null;
}

/** Checks what Discord says about an attachment before downloading it. */
export function attachmentProblem(att: AttachmentInfo, maxBytes: number): string | null {
  if (!/\.txt$/i.test(att.name)) return `Only .txt files can be added (this one is “${path.extname(att.name) || 'without an extension'}”).`;
  if (att.contentType && !/^(text\/|application\/octet-stream)/i.test(att.contentType)) return 'That file is not plain text.';
  if (att.size === 0) return 'The file is empty.';
  if (att.size > maxBytes) return `The file is too large (${kib(att.size)}); the limit is ${kib(maxBytes)}.`;
  return null;
}

const kib = (n: number): string => (n >= 1024 * 1024 ? `${(n / 1024 / 1024).toFixed(1)} MiB` : `${Math.ceil(n / 1024)} KiB`);

/** Downloads at most maxBytes, within the timeout; anything larger or slower is refused. */
export async function download(url: string, maxBytes: number, timeoutMs: number): Promise<Buffer> {
  const response = await fetch(url, { signal: AbortSignal.timeout(timeoutMs), redirect: 'follow' });
  if (!response.ok || !response.body)
    throw new UploadProblem(`Discord did not hand over the file (HTTP ${response.status}); please try again.`);
  const declared = Number(response.headers.get('content-length') ?? '0');
  if (declared > maxBytes) throw new UploadProblem(`The file is too large; the limit is ${kib(maxBytes)}.`);
  const chunks: Buffer[] = [];
  let total = 0;
  for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
    total += chunk.byteLength;
    if (total > maxBytes) throw new UploadProblem(`The file is too large; the limit is ${kib(maxBytes)}.`);
    chunks.push(Buffer.from(chunk));
  }
  return Buffer.concat(chunks);
}

/**
 * Why the bytes are not a readable text statement, or null. They are decoded as the indexer decodes them (UTF-8
 * with or without a byte-order mark, UTF-16 with one as Notepad's "Unicode" writes it, Windows-1252), so an
 * upload is refused exactly when the index could not read it; then it must read as prose.
 */
export function textProblem(bytes: Buffer): string | null {
  const decoded = decodeStatementBytes(bytes);
  if ('problem' in decoded) return `This file cannot be read as text: ${decoded.problem}.`;
  const text = decoded.text;
  const letters = text.match(/\p{L}/gu)?.length ?? 0;
  if (letters < 20) return 'The file has no text to index.';
  if (letters < text.length / 4) return 'This does not look like a statement (too few letters).';
  return null;
}

/**
 * A file name safe to create in the corpus folder: letters of any script (with their accents), digits, dot,
 * dash, underscore; at most 100 characters; ends in .txt. "ملف.txt" stays "ملف.txt".
 */
export function safeFileName(name: string): string {
  const base = path.basename(name).replace(/\.txt$/i, '');
  const clean = base
    .normalize('NFKC')
    .replace(/[^\p{L}\p{M}\p{N}_.-]+/gu, '_')
    .replace(/^[._-]+/, '')
    .replace(/_+/g, '_');
  return `${[...clean].slice(0, 100).join('') || 'statement'}.txt`;
}

/**
 * Writes the bytes under `dir/name` atomically and without replacing anything: a hidden temporary file
 * first (no .txt ending, so an indexer scanning the folder skips it), then a hard link to the final name,
 * which fails if that name exists.
 */
export async function saveExclusive(dir: string, name: string, bytes: Buffer): Promise<string> {
  await fs.mkdir(dir, { recursive: true });
  const finalPath = path.join(dir, name);
  const tmp = path.join(dir, `.${name}.${randomBytes(4).toString('hex')}.part`);
  await fs.writeFile(tmp, bytes, { flag: 'wx' });
  try {
    await fs.link(tmp, finalPath);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') {
      throw new UploadProblem(`A statement called ${name} was already added; remove it first with /statement remove.`);
    }
    throw error;
  } finally {
    await fs.rm(tmp, { force: true });
  }
  return finalPath;
}

/** The statements added through the bot (file names in the `added` folder), filtered by the typed text. */
export async function addedFiles(dir: string, typed: string): Promise<string[]> {
  const entries = await fs.readdir(dir).catch(() => [] as string[]);
  const needle = typed.trim().toLowerCase();
  return entries.filter((n) => n.endsWith('.txt') && !n.startsWith('.') && n.toLowerCase().includes(needle)).sort();
}
