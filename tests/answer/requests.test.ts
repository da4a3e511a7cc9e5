/** The request layer every front end reads through: typed data, or one refusal worded the same everywhere. */
import { describe, expect, it } from 'vitest';
import { escapeDiscord } from '../../src/answer/escape.js';
import { readAsk, readCompare, readCountry, readOrganization, readQuestion, readTrend, type FrontEnd } from '../../src/answer/requests.js';
import { FakeArchive, SEED_FILE } from '../support/discord/fake-archive.js';

const plain: FrontEnd = {
  escape: (words) => words,
  emptyIndex: () => 'EMPTY',
  noDatedStatements: () => 'UNDATED',
  damagedIndex: (refusal) => refusal,
};
const discord: FrontEnd = { ...plain, escape: escapeDiscord };

describe('the request layer', () => {
  const archive = FakeArchive.load();

  it('reads a question as typed, and refuses an empty or a long one before any index is needed', () => {
    expect(readQuestion(' \u200b what did Kaza\u200bkhstan say? ')).toBe('what did Kazakhstan say?');
    expect(readQuestion(' \u200b ')).toEqual({
      refusal: 'Please type a question, for example: what did Kazakhstan say about regional organizations?',
    });
    expect(readQuestion('x'.repeat(501))).toEqual({ refusal: 'Please keep questions under 500 characters (yours has 501).' });
  });

  it('resolves names and codes to what the index holds, with the limits given apart from the question', () => {
    expect(readAsk(archive, plain, { question: 'peace', country: 'kaz', year: 2015 })).toEqual({
      question: 'peace',
      filters: { countries: ['KAZ'], years: [2015] },
    });
    expect(readCountry(archive, plain, { name: 'Kazakhstan' })).toMatchObject({ country: { code: 'KAZ' } });
    expect(readOrganization(archive, plain, { name: 'cica', question: 'observer status' })).toMatchObject({
      organization: { key: 'CICA' },
      question: 'observer status',
    });
    expect(readTrend(archive, plain, { topic: 'CICA', from: 2007, country: 'KAZ' })).toEqual({ topic: 'CICA', from: 2007, country: 'KAZ' });
    expect(readCompare(archive, plain, { topic: 'terrorism', countries: ['KAZ', 'Russia'] })).toEqual({
      topic: 'terrorism',
      countries: ['KAZ', 'RUS'],
    });
  });

  it("words a refusal the same on every front end, only the asker's words escaped where Discord needs it", () => {
    const request = { topic: 'peace', countries: ['KAZ', '**Atlantis**'] as [string, string] };
    expect(readCompare(archive, plain, request)).toEqual({
      refusal: 'No statements by “**Atlantis**” are indexed. Name a country by its name or code, e.g. France or FRA.',
    });
    expect(readCompare(archive, discord, request)).toEqual({
      refusal: 'No statements by “\\*\\*Atlantis\\*\\*” are indexed. Name a country by its name or code, e.g. France or FRA.',
    });
    expect(readCompare(archive, plain, { topic: 'peace', countries: ['KAZ', 'Kazakhstan'] })).toEqual({
      refusal: 'Please name two different countries.',
    });
    expect(readTrend(archive, plain, { topic: 'peace', from: 2016, to: 2007 })).toEqual({
      refusal: '“from” (2016) is after “to” (2007): swap them, or leave one out.',
    });
    expect(readCountry(archive, plain, { name: 'Kazakhstan', topic: 'y'.repeat(600) })).toEqual({
      refusal: 'Please keep the topic under 500 characters (yours has 600).',
    });
  });

  it("says what the front end's user can do about an index that is empty, or holds no dated statement", () => {
    const empty = FakeArchive.load([]);
    expect(readAsk(empty, plain, { question: 'peace' })).toEqual({ refusal: 'EMPTY' });
    expect(readOrganization(empty, plain, { name: 'CICA' })).toEqual({ refusal: 'EMPTY' });
    expect(readTrend(empty, plain, { topic: 'peace' })).toEqual({ refusal: 'EMPTY' });
    expect(readTrend(FakeArchive.load([SEED_FILE]), plain, { topic: 'peace' })).toEqual({ refusal: 'UNDATED' });
  });
});
