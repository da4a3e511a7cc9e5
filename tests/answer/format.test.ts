import { describe, expect, it } from 'vitest';
import {
  formatAnswerForDiscord,
  formatContext,
  formatFullParagraph,
  formatGroupedForDiscord,
  formatStats,
} from '../../src/answer/discord.js';
import { DISCORD_LIMITS, embedsFit, packEmbeds, splitText } from '../../src/answer/limits.js';
import { formatForTerminal } from '../../src/answer/terminal.js';
import { describeReading } from '../../src/answer/filters.js';
import type { SearchResult } from '../../src/search/types.js';
import { rendered } from '../support/discord/harness.js';
import { asHits, files, paragraphs, pieces } from './corpus.js';

const nebenzia = paragraphs(files.nebenzia);
const kaz = paragraphs(files.kaz2015);
const seed = paragraphs(files.seed);
const noFilters = { countries: [], years: [], body: null };

function result(question: string, hits = asHits([...nebenzia, ...kaz.slice(0, 4)]), confident = true): SearchResult {
  return { question, filters: noFilters, hits, confident };
}

describe('formatAnswerForDiscord', () => {
  it('quotes each paragraph verbatim under its citation, within every Discord limit', () => {
    const answer = formatAnswerForDiscord(result('collective security Charter'));
    expect(answer.embeds).toHaveLength(5);
    expect(embedsFit(answer.embeds)).toBe(true);
    expect(answer.content.length).toBeLessThanOrEqual(DISCORD_LIMITS.content);
    expect(answer.embeds[0]!.title).toBe(
      '#1 · Russian Federation · Mr. Nebenzia (spoke in Russian) · Security Council · S/PV.8699 · 2020 · ¶1',
    );
    answer.embeds.forEach((embed, i) => {
      const source = [...nebenzia, ...kaz][i]!.text;
      for (const piece of pieces(rendered(embed.description!))) expect(source).toContain(piece);
    });
    expect(answer.shown[0]).toMatchObject({ passageId: 1, rank: 1, excerpted: true });
    expect(answer.embeds[0]!.footer!.text).toContain('Show full paragraph #1');
  });

  it('says plainly when nothing matches well, and shows nothing', () => {
    const answer = formatAnswerForDiscord(result('collective security', undefined, false));
    expect(answer.embeds).toEqual([]);
    expect(answer.content).toMatch(/^Nothing in the indexed statements answers this well/);
  });

  it('names the filters that applied', () => {
    const answer = formatAnswerForDiscord(
      { ...result('Charter'), filters: { countries: ['RUS'], years: [2020], body: null } },
      {
        countryName: (c) => (c === 'RUS' ? 'Russian Federation' : c),
      },
    );
    expect(answer.content).toContain('Russian Federation · 2020');
  });

  it('on later pages reports when there are no more results', () => {
    expect(formatAnswerForDiscord(result('x', []), { offset: 3 }).content).toBe('No more matching paragraphs.');
  });

  it('links only a Security Council meeting record, to its page on the UN document system', () => {
    const answer = formatAnswerForDiscord(result('collective security Charter'));
    expect(answer.embeds[0]!.url).toBe('https://docs.un.org/en/S/PV.8699');
    expect(answer.embeds.slice(1).map((e) => e.url)).toEqual([undefined, undefined, undefined, undefined]);
  });

  it('keeps ten long paragraphs within the 6,000-character total', () => {
    const many = asHits(Array.from({ length: 10 }, () => nebenzia[0]!));
    const answer = formatAnswerForDiscord(result('nuclear', many));
    expect(answer.embeds).toHaveLength(10);
    expect(embedsFit(answer.embeds)).toBe(true);
  });
});

describe('formatGroupedForDiscord', () => {
  it('groups paragraphs under "country · year" headings, quoting each verbatim', () => {
    const hits = asHits([seed[10]!, seed[11]!, kaz[2]!]);
    const answer = formatGroupedForDiscord(
      { question: '', filters: noFilters, hits, confident: true },
      { groupBy: 'country-year', heading: 'CICA · Conference on Interaction and Confidence-Building Measures in Asia', focus: 'CICA' },
    );
    expect(answer.embeds.map((e) => e.title)).toEqual(['Kazakhstan · date not stated', 'Kazakhstan · 2015']);
    expect(answer.content.startsWith('**CICA · Conference on Interaction and Confidence-Building Measures in Asia**')).toBe(true);
    expect(answer.embeds[0]!.description).toContain('**1.** Mrs. Aitimova · Security Council · ¶11');
    expect(embedsFit(answer.embeds)).toBe(true);
  });
});

describe('formatFullParagraph and formatContext', () => {
  it('shows a whole long paragraph, split across messages if need be, exactly', () => {
    const messages = formatFullParagraph(nebenzia[0]!);
    expect(messages.length).toBeGreaterThan(1);
    for (const embeds of messages) expect(embedsFit(embeds)).toBe(true);
    const text = messages.map((m) => rendered(m[0]!.description!)).join(' ');
    expect(text).toBe(nebenzia[0]!.text);
    expect(messages[0]![0]!.title).toContain('S/PV.8699');
  });

  it('shows the end of the paragraph before and the start of the one after', () => {
    const around = kaz.slice(2, 5);
    const embeds = formatContext(around, around[1]!.id, 'terrorism');
    expect(embeds.map((e) => e.title)).toEqual(['¶3', '¶4 (the quoted paragraph)', '¶5']);
    expect(embedsFit(embeds)).toBe(true);
    embeds.forEach((e, i) => {
      for (const piece of pieces(rendered(e.description!))) expect(around[i]!.text).toContain(piece);
    });
  });
});

describe('formatForTerminal', () => {
  it('prints plain citations and quotes, nothing escaped', () => {
    const text = formatForTerminal(result('host country obligations', asHits([nebenzia[0]!])), { excerptChars: 400 });
    expect(text.split('\n')[0]).toBe('[1] Russian Federation · Mr. Nebenzia (spoke in Russian) · Security Council · S/PV.8699 · 2020 · ¶1');
    expect(text).not.toContain('\\');
    for (const piece of pieces(text.split('\n').slice(1).join(' ').replace(/[“”]/g, ''))) expect(nebenzia[0]!.text).toContain(piece);
  });

  it('prints every paragraph whole with excerptChars 0, and says when nothing matches', () => {
    expect(formatForTerminal(result('x', asHits([seed[0]!])), { excerptChars: 0 })).toContain(seed[0]!.text);
    expect(formatForTerminal(result('x', [], false))).toMatch(/^Nothing in the indexed statements answers this well/);
  });
});

describe('limits', () => {
  it('splitText keeps pieces within the limit and loses no words', () => {
    const text = nebenzia[0]!.text;
    const parts = splitText(text, 1000);
    expect(parts.every((p) => p.length <= 1000)).toBe(true);
    expect(parts.join(' ')).toBe(text);
  });

  it('packEmbeds respects 10 embeds and 6,000 characters per message', () => {
    const embeds = Array.from({ length: 14 }, () => ({ description: 'x'.repeat(1500) }));
    const messages = packEmbeds(embeds);
    expect(messages.every((m) => embedsFit(m))).toBe(true);
    expect(messages.flat()).toHaveLength(14);
  });

  it('formatStats renders every figure', () => {
    const embed = formatStats(
      {
        statements: 10952,
        paragraphs: 350000,
        countries: 199,
        years: { first: 1946, last: 2024 },
        bodies: ['General Assembly'],
        model: 'all-MiniLM-L6-v2-q',
        indexedAt: '2026-01-01T00:00:00Z',
        integrity: { check: 'sound', pageChecksums: true },
      },
      new Date('2026-01-01T03:00:00Z'),
    );
    expect(embed.fields!.map((f) => f.value)).toEqual([
      '10,952',
      '350,000',
      '199',
      '1946–2024',
      'General Assembly',
      'all-MiniLM-L6-v2 (int8)',
      '3 h ago (2026-01-01 00:00 UTC)',
      'checked: sound · every page read is verified against its checksum',
    ]);
  });
});

describe('what the search read from the question, as shown', () => {
  const none = { countries: [], years: [], body: null };
  it('names a person with their country and years, and an office as its country with the years favoured', () => {
    const obama = {
      name: 'Barack Obama',
      country: 'USA',
      years: [2009, 2010, 2011, 2012, 2013, 2014, 2015, 2016],
      office: null,
      matched: [],
    };
    expect(describeReading({ filters: { countries: ['USA'], years: obama.years, body: null }, speaker: obama, raised: none })).toBe(
      'Speaker: Barack Obama (United States), 2009–2016',
    );
    const office = { name: 'Prime Minister', country: 'IND', years: [2019], office: 'Prime Minister', matched: [] };
    expect(
      describeReading({ filters: { countries: ['IND'], years: [], body: null }, speaker: office, raised: { ...none, years: [2019] } }),
    ).toBe('Speaker: India · favouring its Prime Minister, 2019');
    expect(
      describeReading({ filters: { countries: ['FJI'], years: [], body: null }, speaker: null, raised: { ...none, years: [2014] } }),
    ).toBe('Filters: Fiji · Favouring: 2014');
  });
});
