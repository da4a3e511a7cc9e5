import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { SHARED_EVAL, sharedFile } from '../support/corpus.js';
import { paragraphContaining, readRealStatement, wordCount } from './shared-corpus.js';

const SEED = 'seed/000_129fec8e5b34501d.txt';

describe('the seed statement (hard-wrapped, blank lines, page breaks in mid-sentence)', () => {
  const seed = readRealStatement(SEED);

  it('gives back the CICA request as one whole paragraph across the blank line that cuts it', () => {
    const paragraph = paragraphContaining(
      seed,
      'Kazakhstan has requested the General Assembly to grant observer status to the Conference on Interaction and Confidence-Building in Asia (CICA)',
    );
    expect(paragraph).toBeDefined();
    expect(paragraph).toMatch(/^Regional and subregional entities are in a position/);
    expect(paragraph).toMatch(/We hope that the Assembly will support this proposal\.$/);
  });

  it('joins a sentence cut by three blank lines into one paragraph', () => {
    const paragraph = seed.paragraphs.find((p) => p.text.startsWith('We welcome the growing role'))?.text;
    expect(paragraph).toBe(
      'We welcome the growing role of the United Nations in the maintenance of international peace and security and an enhanced international cooperation, while supporting the principle of multilateralism in addressing burning international issues.',
    );
  });

  it('starts with the words spoken, not the speaker prefix, numbers paragraphs from 1 and keeps typos', () => {
    expect(seed.paragraphs[0]!.text).toMatch(/^At the outset, I would like to express our gratitude to you, Mr\. President,/);
    expect(seed.paragraphs.map((p) => p.number)).toEqual(seed.paragraphs.map((_, i) => i + 1));
    expect(seed.paragraphs).toHaveLength(14);
    expect(paragraphContaining(seed, 'the continued strengthening ofits capacity in this area.')).toBeDefined();
  });
});

describe('hard-wrapped lines where a leading space starts a paragraph (2007)', () => {
  const kazakhstan = readRealStatement('ungdc/2007/KAZ_62_2007.txt');

  it('splits where the file indents and nowhere else', () => {
    const [first, second, third] = kazakhstan.paragraphs.map((p) => p.text);
    expect(first).toBe(
      'I want to invite us all to take a short journey down memory lane and recall that in 1946 the United Nations General Assembly, convened for the very first time, by its very first decision established a Committee to deal with the problems raised by the discovery of atomic energy.',
    );
    expect(second).toMatch(/^Almost nothing has happened since that time to allay the fears of humankind\./);
    expect(second).toMatch(/there has been no real progress\.$/);
    expect(third).toMatch(/^The lack of an international consensus on the issue/);
  });

  it('keeps a compound hyphen that falls at a line end', () => {
    expect(paragraphContaining(kazakhstan, 'That idea has been supported by the Secretary-General, Mr. Ban Ki-moon')).toBeDefined();
  });
});

describe('line ends inside words', () => {
  it('keeps the hyphen of a compound written across lines ("co-\\nchairmanship")', () => {
    const estonia = readRealStatement('ungdc/2010/EST_65_2010.txt');
    expect(paragraphContaining(estonia, 'during our recent co-chairmanship of the Good Humanitarian Donorship initiative')).toBeDefined();
  });

  it('writes a word solid when the same speech writes it so elsewhere ("counter-\\nterrorism")', () => {
    const unitedStates = readRealStatement('ungdc/2014/USA_69_2014.txt');
    expect(paragraphContaining(unitedStates, 'building an architecture of counterterrorism cooperation')).toBeDefined();
  });

  it('keeps the space of a suspended hyphen ("intra-\\nand inter-State")', () => {
    const tanzania = readRealStatement('ungdc/2012/TZA_67_2012.txt');
    expect(paragraphContaining(tanzania, 'multiple intra- and inter-State conflicts in the world')).toBeDefined();
  });
});

describe('page breaks in one-paragraph-per-line files', () => {
  it('rejoins a paragraph that a page end broke before a lower-case word', () => {
    const emirates = readRealStatement('ungdc/2015/ARE_70_2015.txt');
    expect(paragraphContaining(emirates, 'committed by the Islamic State of Iraq and the Levant (ISIL), Hezbullah')).toBeDefined();
  });

  it('drops the page header and footer printed in the middle of a sentence', () => {
    const emirates = readRealStatement('ungdc/2015/ARE_70_2015.txt');
    const paragraph = paragraphContaining(emirates, 'as we have seen done by exploiting those who do not share their');
    expect(paragraph).toBeDefined();
    expect(paragraph).not.toMatch(/15-29822|A\/70\/PV\.26/);
    expect(paragraph).toMatch(/do not share their \p{L}/u);
  });

  it('drops a page footer glued to the start of the next page', () => {
    const albania = readRealStatement('ungdc/2016/ALB_71_2016.txt');
    expect(paragraphContaining(albania, 'the developments that have unfolded in recent days and hours are very worrying. The attacks on')).toBeDefined();
    expect(albania.paragraphs.some((p) => p.text.includes('16-29667'))).toBe(false);
  });
});

describe('a Security Council speech that is one line', () => {
  const relative = 'unsc-2020/UNSC_2020_SPV.8699_spch086.txt';
  const philippines = readRealStatement(relative);

  it('becomes passages of whole sentences of roughly 80 to 200 words', () => {
    expect(philippines.paragraphs.length).toBeGreaterThan(1);
    for (const { text } of philippines.paragraphs) {
      expect(wordCount(text)).toBeGreaterThanOrEqual(80);
      expect(wordCount(text)).toBeLessThanOrEqual(230);
      expect(text).toMatch(/[.!?]["'”’)]*$/);
    }
  });

  it('loses and adds nothing: the passages joined are the speech without its speaker prefix', () => {
    const original = fs.readFileSync(sharedFile(relative), 'utf8').replace(/^Mrs\. Azucena \(Philippines\):/, '');
    const joined = philippines.paragraphs.map((p) => p.text).join(' ');
    expect(joined).toBe(original.replace(/\s+/g, ' ').trim());
  });

  it('never ends a passage after a title, an initial or an abbreviation', () => {
    const everySpeech = fs.readdirSync(sharedFile('unsc-2020')).map((name) => readRealStatement(`unsc-2020/${name}`));
    const passageEnds = everySpeech.flatMap((s) => s.paragraphs.slice(0, -1).map((p) => p.text.split(' ').at(-1)!));
    expect(passageEnds.length).toBeGreaterThan(100);
    for (const lastWord of passageEnds) expect(lastWord).not.toMatch(/^(?:Mr|Mrs|Ms|Dr|No|[A-Z]|(?:[A-Za-z]\.)+[A-Za-z])\.$/);
  });
});

describe('lines of separators and bare numbers', () => {
  it('are not paragraphs: nothing a member asks about, and no quote to cite', () => {
    const mongolia = readRealStatement('ungdc/2024/MNG_79_2024.txt');
    const original = fs.readFileSync(sharedFile('ungdc/2024/MNG_79_2024.txt'), 'utf8');
    expect(original).toContain('-- o0o --');
    expect(mongolia.paragraphs.map((p) => p.text)).not.toContain('-- o0o --');
    for (const { text } of [...mongolia.paragraphs, ...readRealStatement('ungdc/2024/IND_79_2024.txt').paragraphs]) {
      expect(text).toMatch(/\p{L}{2}/u);
    }
    expect(mongolia.paragraphs.map((p) => p.number)).toEqual(mongolia.paragraphs.map((_, i) => i + 1));
  });
});

describe('the evaluation set', () => {
  it('finds every gold quote whole inside one paragraph of its statement', () => {
    const lines = fs.readFileSync(`${SHARED_EVAL}/dev.jsonl`, 'utf8').split('\n').filter(Boolean);
    const gold = lines.flatMap((line) => (JSON.parse(line) as { gold: { doc: string; quote: string }[] }).gold);
    expect(gold.length).toBeGreaterThan(30);
    const missing = gold.filter(({ doc, quote }) => !paragraphContaining(readRealStatement(doc), quote));
    expect(missing).toEqual([]);
  });
});
