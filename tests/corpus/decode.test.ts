import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { MAX_STATEMENT_BYTES } from '../../src/corpus/decode.js';
import { isUnreadableFile, readStatement } from '../../src/corpus/read-statement.js';
import { sharedFile, temporaryDir } from '../support/corpus.js';
import { paragraphContaining, readRealStatement } from './shared-corpus.js';

function isStrictUtf8(bytes: Uint8Array): boolean {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return true;
  } catch {
    return false;
  }
}

describe('encodings of real statement files', () => {
  it('reads a Windows-1252 Security Council file with its accents and curly quotes right', () => {
    const relative = 'unsc-2020/UNSC_2020_SPV.8698_spch020.txt';
    expect(isStrictUtf8(fs.readFileSync(sharedFile(relative)))).toBe(false);
    const viet = readRealStatement(relative);
    expect(paragraphContaining(viet, 'support Togo, Guinea, Cote d’Ivoire, Burkina Faso, Ghana')).toBeDefined();
  });

  it('reads the yen sign of another Windows-1252 file', () => {
    const china = readRealStatement('unsc-2020/UNSC_2020_SPV.8698_spch012.txt');
    expect(paragraphContaining(china, 'aid materials, worth ¥200 million, has arrived')).toBeDefined();
  });

  it('strips the UTF-8 byte-order mark', () => {
    const relative = 'ungdc/2012/AFG_67_2012.txt';
    expect([...fs.readFileSync(sharedFile(relative)).subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const first = readRealStatement(relative).paragraphs[0]!.text;
    expect(first.charCodeAt(0)).not.toBe(0xfeff);
    expect(first).toMatch(/^\p{L}/u);
  });

  it('reads CRLF line ends as line ends', () => {
    const relative = 'ungdc/1967/USA_22_1967.txt';
    expect(fs.readFileSync(sharedFile(relative), 'latin1').includes('\r\n')).toBe(true);
    const unitedStates = readRealStatement(relative);
    expect(unitedStates.paragraphs.length).toBeGreaterThan(10);
    expect(unitedStates.paragraphs.filter((p) => /[\r\n]/.test(p.text))).toEqual([]);
  });

  it('reads UTF-16 with a byte-order mark, as Windows Notepad saves it', () => {
    const dir = temporaryDir();
    const original = fs.readFileSync(sharedFile('ungdc/2007/KAZ_62_2007.txt'), 'utf8');
    const file = path.join(dir, 'KAZ_62_2007.txt');
    fs.writeFileSync(file, Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(original, 'utf16le')]));
    const fromUtf16 = readStatement(file);
    const fromUtf8 = readRealStatement('ungdc/2007/KAZ_62_2007.txt');
    expect(isUnreadableFile(fromUtf16) ? fromUtf16.reason : fromUtf16.paragraphs).toEqual(fromUtf8.paragraphs);
  });
});

describe('files that are not statements', () => {
  const dir = temporaryDir();
  const write = (name: string, bytes: Uint8Array | string) => {
    const file = path.join(dir, name);
    fs.writeFileSync(file, bytes);
    return file;
  };

  it.each([
    ['empty.txt', '', 'empty file'],
    ['blank.txt', ' \n\r\n\t \n', 'empty file (only whitespace)'],
    ['nul.txt', Buffer.from([0x00, 0x00, 0x00, 0x01, 0x42, 0x75, 0x64, 0x31]), 'binary file (contains NUL bytes)'],
    ['control.txt', Buffer.from([0x1b, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07, 0x08, 0x0e, 0x0f]), 'binary file (100% control characters)'],
    ['undecodable.txt', Buffer.from([0xc3, 0x28, 0x81, 0x8d, 0x8f, 0x90, 0x9d]), 'cannot decode text: neither UTF-8, UTF-16 nor Windows-1252'],
  ])('reports %s with its path and why', (name, bytes, reason) => {
    const file = write(name, bytes);
    expect(readStatement(file)).toEqual({ path: file, reason });
  });

  it('refuses a file over the size limit without reading it', () => {
    const file = path.join(dir, 'huge.txt');
    fs.writeFileSync(file, '');
    fs.truncateSync(file, MAX_STATEMENT_BYTES + 1024 * 1024); // sparse: nothing is written
    expect(readStatement(file)).toEqual({ path: file, reason: 'file too large (6 MB, over the limit of 5 MB)' });
  });

  it('reports a missing file and a folder', () => {
    const missing = path.join(dir, 'missing.txt');
    expect(readStatement(missing)).toEqual({ path: missing, reason: 'no such file or folder' });
    expect(readStatement(dir)).toEqual({ path: dir, reason: 'not a file' });
  });

  it('reports the binary file that sits among the real 1992 speeches', () => {
    const file = sharedFile('ungdc/1992/.DS_Store-to-UTF-8.txt');
    expect(readStatement(file)).toEqual({ path: file, reason: 'binary file (contains NUL bytes)' });
  });
});
