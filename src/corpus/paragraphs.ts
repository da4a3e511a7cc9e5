import { withoutPageFurniture } from './page-furniture.js';
import { countWords, endsSentence, splitIntoPassages } from './sentences.js';

/*
 * Statement files come in five layouts, often several per year of the General Debate corpus:
 *   - hard-wrapped lines, paragraphs separated by blank lines (the seed, 2013, 2014);
 *   - hard-wrapped lines, a paragraph starting with a leading space (all of 2007, 2006-2011);
 *   - hard-wrapped lines with no mark at all between paragraphs (2012);
 *   - one paragraph per line (most of 2015 onward, 1946-1968), or the whole speech on one line (1991, the
 *     2020 Security Council files);
 *   - one sentence per line, paragraphs separated by blank lines (speech drafts, 2020 onward).
 * Each file's layout is detected from its own lines. In every layout a PDF page or column break may cut a
 * sentence, leaving a blank line or a line break in mid-sentence: a break is only taken where a sentence ends.
 */

/** Longest passage cut from a speech that has no paragraph breaks at all. */
const MAX_PASSAGE_WORDS = 200;
/** Real paragraphs up to this long are kept whole; longer ones are cut into passages of whole sentences. */
const LONG_PARAGRAPH_WORDS = 300;

/** In a hard-wrapped file, a line this much shorter than the file's usual width ends its paragraph. */
const SHORT_LINE_SHARE = 0.75;
/** A line this long is a paragraph of its own even where blank lines group lines into paragraphs. */
const PARAGRAPH_LINE_LENGTH = 250;

interface Line {
  text: string;
  indented: boolean;
  afterBlank: boolean;
}

type Layout =
  | { kind: 'line-per-paragraph' }
  | { kind: 'blank-line-blocks' }
  | { kind: 'hard-wrapped'; breaksAt: 'indent' | 'blank-line'; width: number };

/** Rebuilds a statement's paragraphs from its text: lines joined, nothing reworded, whitespace runs collapsed. */
export function rebuildParagraphs(text: string): string[] {
  const lines = readLines(text);
  if (lines.length === 0) return [];
  const layout = detectLayout(lines);
  let lowerCaseText: string | undefined; // built only for files with a hyphen at a line end
  const writes = (word: string) => writesWord((lowerCaseText ??= lines.map((l) => l.text).join('\n').toLowerCase()), word);

  const paragraphs: string[] = [];
  let current = lines[0]!.text;
  for (let i = 1; i < lines.length; i++) {
    const next = lines[i]!;
    if (startsNewParagraph(layout, lines[i - 1]!, next) && !sentenceContinues(current, next.text)) {
      paragraphs.push(current);
      current = next.text;
    } else {
      current = joinLines(current, next.text, writes);
    }
  }
  paragraphs.push(current);

  const cleaned = paragraphs.map((p) => p.replace(/\s+/g, ' ').trim()).filter(hasWords);
  const maxWords = cleaned.length === 1 ? MAX_PASSAGE_WORDS : LONG_PARAGRAPH_WORDS;
  return cleaned.flatMap((p) => (countWords(p) > maxWords ? splitIntoPassages(p, MAX_PASSAGE_WORDS) : [p]));
}

/**
 * A line of separators or a bare number ("*****", "-- o0o --", "31.") says nothing a member could ask about, yet its
 * vector sat closer to off-topic questions ("how do I change the oil in my car?") than any real paragraph did.
 */
function hasWords(paragraph: string): boolean {
  return /\p{L}{2}/u.test(paragraph);
}

function readLines(text: string): Line[] {
  const lines: Line[] = [];
  let afterBlank = false;
  for (const raw of text.split('\n')) {
    const line = withoutPageFurniture(raw);
    if (line.trim() === '') {
      afterBlank = lines.length > 0;
      continue;
    }
    lines.push({ text: line.trim(), indented: /^[ \t\u00A0]/.test(line), afterBlank });
    afterBlank = false;
  }
  return lines;
}

function detectLayout(lines: Line[]): Layout {
  const share = (test: (line: Line) => boolean) => lines.filter(test).length / lines.length;
  // Hard wrapping breaks lines wherever the width runs out, so most lines stop in mid-sentence.
  const linesEndingSentences = share((l) => endsParagraph(l.text));
  const longLines = share((l) => l.text.length > PARAGRAPH_LINE_LENGTH);
  if (linesEndingSentences >= 0.5 || longLines >= 0.2) {
    return blankLinesGroupLines(lines) ? { kind: 'blank-line-blocks' } : { kind: 'line-per-paragraph' };
  }
  // Indentation means something only when some lines have it and most do not. Files with neither
  // indentation nor blank lines (2012) have only their short last lines to show where paragraphs end.
  const indented = share((l) => l.indented);
  const breaksAt = indented >= 0.02 && indented <= 0.6 ? 'indent' : 'blank-line';
  return { kind: 'hard-wrapped', breaksAt, width: percentile(lines.map((l) => l.text.length), 0.9) };
}

/**
 * Whether blank lines gather several lines into one paragraph: there are a few, nearly all after a sentence
 * or a salutation ends (blank lines left by page breaks fall anywhere), and most lines are not after one.
 */
function blankLinesGroupLines(lines: Line[]): boolean {
  const gaps = lines.filter((line, i) => i > 0 && line.afterBlank);
  const gapsAtSentenceEnds = lines.filter(
    (line, i) => i > 0 && line.afterBlank && /[.!?:;,]\S{0,2}$/u.test(lines[i - 1]!.text),
  );
  const linesWithinBlocks = lines.length - 1 - gaps.length;
  return gaps.length >= 3 && gapsAtSentenceEnds.length >= 0.8 * gaps.length && linesWithinBlocks >= gaps.length;
}

/** Whether the layout puts a paragraph break between two lines, before asking whether a sentence runs on. */
function startsNewParagraph(layout: Layout, previous: Line, next: Line): boolean {
  switch (layout.kind) {
    case 'line-per-paragraph':
      return true;
    case 'blank-line-blocks':
      return next.afterBlank || previous.text.length > PARAGRAPH_LINE_LENGTH;
    case 'hard-wrapped': {
      const marked = layout.breaksAt === 'indent' ? next.indented : next.afterBlank;
      const shortLastLine = endsParagraph(previous.text) && previous.text.length < SHORT_LINE_SHARE * layout.width;
      return marked || shortLastLine;
    }
  }
}

/**
 * Whether the paragraph so far stops in mid-sentence and the next line carries that sentence on: a page or
 * column break. A line that stops without punctuation also runs on into the next paragraph when it is a
 * salutation or a heading ("Mr. President,", "Climate change"): they belong with what follows.
 */
function sentenceContinues(paragraph: string, next: string): boolean {
  return /^\p{Ll}/u.test(next) || !endsParagraph(paragraph);
}

/** Sentence ends, and the colons and semicolons that end list items and introductions. */
function endsParagraph(text: string): boolean {
  return endsSentence(text) || /[:;]["'”’)\]]*$/u.test(tailOf(text));
}

/*
 * A hyphen at a line end in these records is nearly always a compound's own hyphen, not one added by
 * wrapping: of 7,900 line-end hyphens in the General Debate corpus, about 7,200 join words that the corpus
 * also writes hyphenated within a line ("Secretary-\nGeneral", "self-\ndetermination"), under 400 join words
 * written solid elsewhere. So the hyphen stays, unless the next line goes on in lower case and this same
 * file writes the word solid and never with a hyphen ("technolo-\ngies", "co-\noperation" in a file that
 * writes "cooperation"). "small- and medium-sized" keeps its space.
 */
function joinLines(paragraph: string, next: string, fileWrites: (word: string) => boolean): string {
  const split = paragraph.endsWith('-') ? /(\p{L}+)-$/u.exec(tailOf(paragraph)) : null;
  const continuation = /^\p{L}+/u.exec(next)?.[0];
  if (!split || !continuation) return `${paragraph} ${next}`;
  if (/^(?:and|or)$/.test(continuation)) return `${paragraph} ${next}`;
  const solid = (split[1]! + continuation).toLowerCase();
  const hyphenated = `${split[1]}-${continuation}`.toLowerCase();
  const plainWord = /^\p{Ll}/u.test(continuation); // "South-\nEast" never becomes "SouthEast"
  if (plainWord && fileWrites(solid) && !fileWrites(hyphenated)) return paragraph.slice(0, -1) + next;
  return paragraph + next;
}

/** The end of a text, long enough for its last word: regular expressions anchored at $ would scan it all. */
function tailOf(text: string): string {
  return text.slice(-80);
}

/** Whether the (lower-case) text has the word whole within a line, where no wrapping touched it. */
function writesWord(text: string, word: string): boolean {
  for (let at = text.indexOf(word); at !== -1; at = text.indexOf(word, at + 1)) {
    if (!isWordCharacter(text[at - 1]) && !isWordCharacter(text[at + word.length])) return true;
  }
  return false;
}

function isWordCharacter(character: string | undefined): boolean {
  return character !== undefined && /[\p{L}\p{N}-]/u.test(character);
}

function percentile(values: number[], share: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * share))] ?? 0;
}
