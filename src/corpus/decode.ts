import iconv from 'iconv-lite';

/** Files above this size are refused unread: the longest real speech is well under 100 kB. */
export const MAX_STATEMENT_BYTES = 5 * 1024 * 1024;

/** Above this share of control characters the bytes are data, not a speech in any text encoding. */
const MAX_CONTROL_CHARACTER_SHARE = 0.01;

export type DecodedText = { text: string } | { problem: string };

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

/** Control characters that never occur in prose; tab, line ends and form feed (a PDF page break) do. */
const PROSE_FOREIGN_CONTROL = /[\u0000-\u0008\u000E-\u001F\u007F]/g;

/**
 * Turns a statement file's bytes into text with LF line ends and no byte-order mark, or says in words why it cannot.
 * UTF-8 is tried first; bytes that are not valid UTF-8 are read as Windows-1252 (a superset of Latin-1), the
 * encoding of the older Security Council files.
 */
export function decodeStatementBytes(bytes: Uint8Array): DecodedText {
  if (bytes.length > MAX_STATEMENT_BYTES) return { problem: tooLargeReason(bytes.length) };
  if (bytes.length === 0) return { problem: 'empty file' };

  const text = decodeWithBomOrFallback(bytes);
  if (text === null) return { problem: 'binary file (contains NUL bytes)' };
  if (text === UNDECODABLE) return { problem: 'cannot decode text: neither UTF-8, UTF-16 nor Windows-1252' };

  const controlCharacters = text.match(PROSE_FOREIGN_CONTROL)?.length ?? 0;
  if (controlCharacters > text.length * MAX_CONTROL_CHARACTER_SHARE) {
    return { problem: `binary file (${Math.round((100 * controlCharacters) / text.length)}% control characters)` };
  }
  if (text.trim() === '') return { problem: 'empty file (only whitespace)' };
  return { text: text.replace(/\r\n?/g, '\n') };
}

export function tooLargeReason(size: number): string {
  const megabytes = (bytes: number) => Math.round((10 * bytes) / (1024 * 1024)) / 10;
  return `file too large (${megabytes(size)} MB, over the limit of ${megabytes(MAX_STATEMENT_BYTES)} MB)`;
}

const UNDECODABLE = Symbol('undecodable');

/**
 * The bytes as text; null when they hold NUL bytes that no UTF-16 byte-order mark explains (binary data),
 * UNDECODABLE when they are neither UTF-8 nor Windows-1252.
 */
function decodeWithBomOrFallback(bytes: Uint8Array): string | null | typeof UNDECODABLE {
  // Notepad's "Unicode" is UTF-16 with a byte-order mark; its ASCII letters carry NUL bytes, so look first.
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder('utf-16le').decode(bytes.subarray(2));
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder('utf-16be').decode(bytes.subarray(2));
  if (bytes.includes(0)) return null;
  const hasUtf8Bom = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
  const body = hasUtf8Bom ? bytes.subarray(3) : bytes;
  try {
    return strictUtf8.decode(body);
  } catch {
    // Five byte values have no Windows-1252 character; iconv-lite turns them into U+FFFD.
    const text = iconv.decode(Buffer.from(body), 'win1252');
    return text.includes('\uFFFD') ? UNDECODABLE : text;
  }
}
