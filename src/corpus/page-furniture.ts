/*
 * Headers and footers of the UN's printed records that PDF extraction left in the text, often in mid-sentence
 * (1,800 lines in the 2010, 2011 and 2015 General Assembly files, and glued to the start of a line in 2016):
 *   "15-29425 31/34"  "32/34 15-29425"  "10-55128 28"  "A/70/PV.15 28/09/2015"  "28/09/2015 A/70/PV.15"
 * They are not words anyone spoke, and a quotation that runs across a page must not have them in its middle.
 */

const JOB_NUMBER = String.raw`\d{2}-\d{5}`;
const PAGE = String.raw`\d{1,3}(?:/\d{1,3})?`;
const RECORD_SYMBOL = String.raw`A/\d{2,3}/PV\.\d{1,3}`;
const DATE = String.raw`\d{2}/\d{2}/\d{4}`;

const FURNITURE_LINE = new RegExp(
  `^\\s*(?:${JOB_NUMBER}(?:\\s+${PAGE})?|${PAGE}\\s+${JOB_NUMBER}|${RECORD_SYMBOL}(?:\\s+${DATE})?|${DATE}\\s+${RECORD_SYMBOL})\\s*$`,
);

/** Job number with "page/pages" on either side: specific enough to remove even when text follows it. */
const FURNITURE_PREFIX = new RegExp(`^\\s*(?:${JOB_NUMBER}\\s+\\d{1,3}/\\d{1,3}|\\d{1,3}/\\d{1,3}\\s+${JOB_NUMBER})\\s+(?=\\S)`);

/** The line without page headers or footers: empty when the line was nothing else. */
export function withoutPageFurniture(line: string): string {
  if (FURNITURE_LINE.test(line)) return '';
  return line.replace(FURNITURE_PREFIX, '');
}
