import type { Trend } from '../../search/trend.js';
import { buttonStates, type ButtonCodec } from './family.js';

export type QuoteSet = 'first' | 'peak';

/**
 * What a trend button does: `vt:first:<key>`, `vt:peak:<key>` (quotes), `vt:years:<key>[:<decade>]` (pick a year to
 * recount), `vt:count:<key>:<year>:<page>` (the statements counted).
 */
export type TrendButton =
  | { action: QuoteSet; key: string }
  | { action: 'years'; key: string; decade: number | null }
  | { action: 'count'; key: string; year: number; page: number };

/** The trends whose buttons are live, by the key in their custom ids. */
export const trendStates = buttonStates<Trend>();

const PREFIX = 'vt';

function encode(button: TrendButton): string {
  switch (button.action) {
    case 'first':
    case 'peak':
      return `${PREFIX}:${button.action}:${button.key}`;
    case 'years':
      return `${PREFIX}:years:${button.key}${button.decade === null ? '' : `:${button.decade}`}`;
    case 'count':
      return `${PREFIX}:count:${button.key}:${button.year}:${button.page}`;
  }
}

function decode(customId: string): TrendButton | null {
  const match = /^vt:(first|peak|years|count):([\w-]{1,32})(?::(\d{4}))?(?::(\d{1,4}))?$/.exec(customId);
  if (!match) return null;
  const [, action, key, year, page] = match;
  if (action === 'first' || action === 'peak') return year === undefined ? { action, key: key! } : null;
  if (action === 'years') return page === undefined ? { action, key: key!, decade: year === undefined ? null : Number(year) } : null;
  return year !== undefined && page !== undefined ? { action: 'count', key: key!, year: Number(year), page: Number(page) } : null;
}

/** The trend buttons' ids, for the renderer that lays the buttons out and for their handler (`trend.ts`). */
export const trendIds: ButtonCodec<TrendButton> = { prefix: PREFIX, encode, decode };
