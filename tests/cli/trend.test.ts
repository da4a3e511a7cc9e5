/**
 * `npm run trend`, `npm run compare` and the terminal chat's /trend and /compare, on the real archive of
 * tests/support/trend-archive.ts: their JSON contract, the PNG they write, and refusals with a reason.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { PNG } from 'pngjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TREND_CHART_SIZE } from '../../src/answer/chart.js';
import { answerLine } from '../../src/cli/chat.js';
import type { IndexedArchive } from '../../src/archive/open-archive.js';
import { temporaryDir } from '../support/corpus.js';
import { openTrendArchive, TREND_INDEX_DIR, TREND_INDEXING_MS } from '../support/trend-archive.js';

const cli = (script: string, args: string[]) =>
  spawnSync(process.execPath, ['--import', 'tsx', path.resolve('src/cli', script), ...args, '--index-dir', TREND_INDEX_DIR], {
    encoding: 'utf8',
  });

let archive: IndexedArchive;
beforeAll(async () => {
  archive = await openTrendArchive();
}, TREND_INDEXING_MS);
afterAll(() => archive?.close());

describe('npm run trend', () => {
  it('prints the counts year by year as JSON, quotes verbatim from the index, and writes the PNG chart', async () => {
    const png = path.join(temporaryDir('verbatim-trend-'), 'climate.png');
    const run = cli('trend.ts', ['climate change', '--json', '--png', png]);
    expect(run.status, run.stderr).toBe(0);
    const output = JSON.parse(run.stdout);
    expect(Object.keys(output)).toEqual([
      'topic',
      'evidence',
      'body',
      'country',
      'from',
      'to',
      'shape',
      'years',
      'first',
      'peak',
      'latest',
      'securityCouncil',
      'firstMention',
      'peakYear',
      'png',
    ]);
    expect(output).toMatchObject({ topic: 'climate change', body: 'General Assembly', from: 1995, to: 2016, shape: 'chart', png });
    expect(output.evidence).toEqual({ kind: 'words', phrase: 'climate change' });
    expect(output.years.map((y: { year: number; statements: number }) => [y.year, y.statements])).toEqual([
      [1995, 4],
      [2005, 5],
      [2007, 1],
      [2015, 5],
      [2016, 1],
    ]);

    const trend = await archive.trend({ topic: 'climate change' });
    expect(output.peakYear.results.map((r: { text: string }) => r.text)).toEqual(trend.peak!.hits.map((hit) => hit.text));
    for (const quote of output.firstMention.results)
      expect(archive.passage(trend.firstMention!.hits[quote.rank - 1]!.id)!.text).toBe(quote.text);

    const image = PNG.sync.read(fs.readFileSync(png));
    expect({ width: image.width, height: image.height }).toEqual(TREND_CHART_SIZE);
  });

  it("lists a year's counted statements with the sentence that names the topic, for a reader to recount", () => {
    const run = cli('trend.ts', ['climate change', '--recount', '2015']);
    expect(run.status, run.stderr).toBe(0);
    const [heading, ...rest] = run.stdout.trim().split('\n');
    const named = Number(/^2015: (\d) of 5 General Debate statements name “climate change”/.exec(heading!)![1]);
    const sentences = rest.filter((line) => line.startsWith('    “'));
    expect(sentences).toHaveLength(named);
    for (const sentence of sentences) expect(sentence).toMatch(/climat\w* chang/i);
  });

  it('refuses an empty topic and years out of order with a reason and a non-zero exit', () => {
    const empty = cli('trend.ts', [' ']);
    expect(empty.status).not.toBe(0);
    expect(empty.stderr).toContain('Please type a topic');
    const backwards = cli('trend.ts', ['climate change', '--from', '2015', '--to', '2005']);
    expect(backwards.status).not.toBe(0);
    expect(backwards.stderr).toContain('“from” (2015) is after “to” (2005)');
  });
});

describe('npm run compare', () => {
  it("prints both countries' paragraphs as JSON, or in two columns", () => {
    const json = cli('compare.ts', ['France', 'Germany', 'climate change', '--json', '--k', '2']);
    expect(json.status, json.stderr).toBe(0);
    const output = JSON.parse(json.stdout);
    expect(
      output.sides.map((s: { country: string; countryName: string; addressed: boolean }) => [s.country, s.countryName, s.addressed]),
    ).toEqual([
      ['FRA', 'France', true],
      ['DEU', 'Germany', true],
    ]);
    for (const side of output.sides) {
      expect(side.results).toHaveLength(2);
      for (const r of side.results) expect(r.country).toBe(side.country);
    }

    const text = cli('compare.ts', ['France', 'Germany', 'climate change']);
    expect(text.status, text.stderr).toBe(0);
    expect(text.stdout.split('\n')[2]).toMatch(/^France \(FRA\) +Germany \(DEU\)$/);
  });

  it('refuses a country that is not indexed', () => {
    const run = cli('compare.ts', ['France', 'Atlantis', 'climate change']);
    expect(run.status).not.toBe(0);
    expect(run.stderr).toContain('No statements by “Atlantis” are indexed. Name a country by its name or code, e.g. France or FRA.');
  });
});

describe('the terminal chat', () => {
  it('answers /trend with the summary, a sparkline and where the chart was written', async () => {
    const answer = (await answerLine(archive, '/trend climate change'))!;
    const lines = answer.split('\n');
    expect(lines[0]).toMatch(
      /^“climate change” in General Debate statements, 1995–2016: first named \d{4} \(\d+%\), peak \d{4} \(\d+%\), latest 2016/,
    );
    expect(answer).toMatch(/^1995 [·▁▂▃▄▅▆▇█ ]{22} 2016 /m);
    const chart = /^Chart: (.+\.png)$/m.exec(answer)![1]!;
    expect(PNG.sync.read(fs.readFileSync(chart)).width).toBe(TREND_CHART_SIZE.width);
  });

  it('answers /compare with two columns, a quoted name kept whole', async () => {
    const answer = (await answerLine(archive, '/compare "United States" France climate change'))!;
    expect(answer.split('\n')[2]).toMatch(/^United States \(USA\) +France \(FRA\)$/);
    expect(await answerLine(archive, '/compare France')).toBe('Usage: /compare COUNTRY COUNTRY TOPIC');
  });

  it('takes a follow-up as a thread of the bot does: the topic, country and year carry until it names others', async () => {
    const conversation = {};
    const ask = async (line: string) => (await answerLine(archive, line, { conversation }))!;
    expect((await ask('What did France say in 2015 about climate change?')).split('\n')[0]).toBe('Filters: France · 2015');
    const earlier = await ask('and at the 60th session?');
    expect(earlier.split('\n')[0]).toBe('Filters: France · 2005');
    expect(earlier).toMatch(/^\[1\] France · .+ · 2005 · ¶\d+$/m);
    expect((await ask("what about Germany's speech?")).split('\n')[0]).toBe('Filters: Germany · 2005');
    // On its own, "in 2015" here may date what was spoken of; after an answer it is the year asked about.
    expect((await ask('and in 2015?')).split('\n')[0]).toBe('Filters: Germany · 2015');
    expect((await ask('terrorism')).split('\n')[0]).toMatch(/Filters: Germany · 2015/);
  });
});
