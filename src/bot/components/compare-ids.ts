import type { CompareQuery } from '../../archive/compare.js';
import { buttonStates, type ButtonCodec } from './family.js';

/** A comparison as its pages redo it: the query with `k` per page, and who asked (whose message pages in place). */
export type CompareState = CompareQuery & { askerId: string };

/** "More" and "Previous" under a comparison: `vc:page:<key>:<page>`. */
export interface CompareButton {
  key: string;
  page: number;
}

/** The comparisons whose buttons are live, by the key in their custom ids. */
export const compareStates = buttonStates<CompareState>();

const PREFIX = 'vc';

function encode(button: CompareButton): string {
  return `${PREFIX}:page:${button.key}:${button.page}`;
}

function decode(customId: string): CompareButton | null {
  const match = /^vc:page:([\w-]{1,32}):(\d{1,4})$/.exec(customId);
  return match ? { key: match[1]!, page: Number(match[2]) } : null;
}

/** The comparison buttons' ids, for the renderer that lays the buttons out and for their handler (`compare.ts`). */
export const compareIds: ButtonCodec<CompareButton> = { prefix: PREFIX, encode, decode };
