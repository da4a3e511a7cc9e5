import { createHash } from 'node:crypto';

/** A paragraph's text hash: its vectors are stored under it, and a read checks the text against it. */
export function hashText(text: string): string {
  return createHash('sha1').update(text).digest('hex');
}
