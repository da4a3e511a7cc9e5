import { describe, expect, it, vi } from 'vitest';
import { attachmentProblem, safeFileName, textProblem } from '../../src/bot/attachments.js';
import { factsFromUploadName } from '../../src/corpus/metadata.js';
import { TtlCache } from '../../src/bot/cache.js';
import { parseStatementDate } from '../../src/bot/commands/statement.js';
import { answerButtons } from '../../src/bot/components/answer.js';
import { compareButtons } from '../../src/bot/components/compare.js';
import { readButton } from '../../src/bot/components/index.js';
import { trendButtons } from '../../src/bot/components/trend.js';
import { isElliptical, searchInConversation } from '../../src/answer/follow-up.js';
import { stripBotMention } from '../../src/bot/listeners/message-create.js';
import { ThrottledEditor } from '../../src/bot/progress.js';
import { RateLimiter } from '../../src/bot/rate-limit.js';
import { FakeArchive, readText, SEED_FILE } from '../support/discord/fake-archive.js';
import { InstrumentedArchive } from '../support/discord/instrumented-archive.js';

describe('follow-ups', () => {
  it('tells a follow-up without a topic of its own', () => {
    expect(isElliptical('and in 2015?', [])).toBe(true);
    expect(isElliptical('What about Russia?', ['Russian Federation'])).toBe(true);
    expect(isElliptical('and the Kazakh one in the 72nd session?', ['Kazakhstan'])).toBe(true);
    expect(isElliptical('and the Kazakh position?', ['Kazakhstan'])).toBe(false);
    expect(isElliptical('what about nuclear disarmament?', [])).toBe(false);
    expect(isElliptical('terrorism', [])).toBe(false);
  });

  it('asks the archive once without memory, and carries filters the new question does not name', async () => {
    const archive = new InstrumentedArchive(FakeArchive.load());
    const first = await searchInConversation(archive, 'What did Kazakhstan say about nuclear weapons in 2007?', undefined, 3);
    expect(archive.callsTo('search')).toHaveLength(1);
    expect(first.memory.filters).toEqual({ countries: ['KAZ'], years: [2007], body: null });
    const next = await searchInConversation(archive, 'and what about terrorism?', first.memory, 3);
    expect(next.question).toBe('and what about terrorism?');
    expect(next.filters).toEqual({ countries: ['KAZ'], years: [2007] });
    const same = await searchInConversation(archive, 'Kazakhstan terrorism in 2007', next.memory, 3);
    expect(archive.callsTo('search')).toHaveLength(4);
    expect(same.filters).toBeUndefined();
  });
});

describe('small parts', () => {
  it('custom ids round-trip in every button family and reject anything else', () => {
    const roundTrip = <T>(family: { encode(b: T): string; decode(id: string): T | null }, buttons: T[]) => {
      for (const button of buttons) {
        const id = family.encode(button);
        expect(id.length).toBeLessThanOrEqual(100);
        expect(family.decode(id)).toEqual(button);
        expect(readButton(id)).not.toBeNull();
      }
    };
    roundTrip(answerButtons, [
      { action: 'full', passageId: 42 },
      { action: 'ctx', passageId: 7, stateKey: 'AbC-_1' },
      { action: 'page', stateKey: 'k1', page: 3 },
      { action: 'free', stateKey: 'k1' },
    ]);
    roundTrip(trendButtons, [
      { action: 'first', key: 'k1' },
      { action: 'years', key: 'k1', decade: null },
      { action: 'years', key: 'k1', decade: 1990 },
      { action: 'count', key: 'k1', year: 2015, page: 2 },
    ]);
    roundTrip(compareButtons, [{ key: 'k1', page: 1 }]);
    // Ids that messages already in Discord carry keep their meaning.
    expect(answerButtons.decode('vb:ctx:7:AbC-_1')).toEqual({ action: 'ctx', passageId: 7, stateKey: 'AbC-_1' });
    expect(trendButtons.decode('vt:count:k1:2015:2')).toEqual({ action: 'count', key: 'k1', year: 2015, page: 2 });
    expect(compareButtons.decode('vc:page:k1:1')).toEqual({ key: 'k1', page: 1 });
    expect(answerButtons.decode('vb:page:../x:1')).toBeNull();
    expect(answerButtons.decode('vb:full:abc')).toBeNull();
    expect(trendButtons.decode('vt:first:k1:2015')).toBeNull();
    for (const id of ['other:full:1', 'vb:full:abc', 'vc:page:k1', 'vt', '']) expect(readButton(id), id).toBeNull();
  });

  it('TtlCache forgets the least recently used and the expired', () => {
    let now = 0;
    const cache = new TtlCache<string, number>(2, 100, () => now);
    cache.set('a', 1);
    cache.set('b', 2);
    cache.get('a');
    cache.set('c', 3);
    expect(cache.get('b')).toBeUndefined();
    expect(cache.get('a')).toBe(1);
    now = 150;
    expect(cache.get('c')).toBeUndefined();
  });

  it('RateLimiter allows N per window per user and warns once', () => {
    let now = 0;
    const limiter = new RateLimiter(2, 60_000, () => now);
    expect(limiter.take('u').allowed).toBe(true);
    expect(limiter.take('u').allowed).toBe(true);
    expect(limiter.take('u')).toEqual({ allowed: false, retryAfterSeconds: 60, firstRefusal: true });
    expect(limiter.take('u').firstRefusal).toBe(false);
    expect(limiter.take('v').allowed).toBe(true);
    now = 60_001;
    expect(limiter.take('u').allowed).toBe(true);
  });

  it('ThrottledEditor edits at most once per interval, latest text, final text last', async () => {
    vi.useFakeTimers();
    try {
      const edits: string[] = [];
      const editor = new ThrottledEditor(async (t) => void edits.push(t), { intervalMs: 2000, editableUntil: Infinity, onError: () => {} });
      for (let i = 0; i < 50; i++) editor.update(`p${i}`);
      await vi.advanceTimersByTimeAsync(0);
      expect(edits).toEqual(['p49']);
      editor.update('q1');
      editor.update('q2');
      await vi.advanceTimersByTimeAsync(1999);
      expect(edits).toEqual(['p49']);
      await vi.advanceTimersByTimeAsync(1);
      expect(edits).toEqual(['p49', 'q2']);
      editor.update('q3');
      await editor.finish('done', async () => {});
      await vi.advanceTimersByTimeAsync(5000);
      expect(edits).toEqual(['p49', 'q2', 'done']);
    } finally {
      vi.useRealTimers();
    }
  });

  it('ThrottledEditor hands the final text to the fallback once the reply can no longer be edited', async () => {
    const edits: string[] = [];
    const fallback: string[] = [];
    const editor = new ThrottledEditor(async (t) => void edits.push(t), { intervalMs: 10, editableUntil: 0, onError: () => {} });
    editor.update('x');
    await editor.finish('done', async (t) => void fallback.push(t));
    expect(edits).toEqual([]);
    expect(fallback).toEqual(['done']);
  });

  it('uploads: names, sizes and contents are checked', () => {
    expect(safeFileName('../../Speech of Kazakhstan (2015).TXT')).toBe('Speech_of_Kazakhstan_2015_.txt');
    expect(safeFileName('...')).toBe('statement.txt');
    expect(attachmentProblem({ name: 'a.txt', size: 10, url: '', contentType: 'text/plain' }, 100)).toBeNull();
    expect(attachmentProblem({ name: 'a.txt', size: 1000, url: '', contentType: null }, 100)).toMatch(/too large/);
    expect(attachmentProblem({ name: 'a.docx', size: 10, url: '', contentType: null }, 100)).toMatch(/^Only \.txt/);
    expect(textProblem(Buffer.from(readText(SEED_FILE)))).toBeNull();
    expect(textProblem(Buffer.from(readText(SEED_FILE), 'latin1'))).toBeNull();
    expect(textProblem(Buffer.from([1, 2, 3, 0, 5]))).toMatch(/binary/);
    expect(textProblem(Buffer.from('12345 67890 ...'))).toMatch(/no text/);
  });

  it('uploads: names in any script keep their letters, and UTF-16 text (Notepad\'s "Unicode") is text', () => {
    expect(safeFileName('ملف.txt')).toBe('ملف.txt');
    expect(safeFileName('Côte d’Ivoire 2015.txt')).toBe('Côte_d_Ivoire_2015.txt');
    expect(safeFileName('Kaza\u200bkhstan.txt')).toBe('Kaza_khstan.txt');
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(readText(SEED_FILE), 'utf16le')]);
    expect(textProblem(utf16)).toBeNull();
  });

  it('uploads: a name given to a file says a country, year or body only when it says one', () => {
    expect(factsFromUploadName('Kazakhstan 2015 General Assembly.txt')).toEqual({ country: 'KAZ', year: 2015, body: 'General Assembly' });
    expect(factsFromUploadName('KAZ_70_2015.txt')).toEqual({ country: 'KAZ', year: 2015, body: 'General Assembly' });
    expect(factsFromUploadName('statement of the Kazakh delegation, UNSC.txt')).toEqual({ country: 'KAZ', body: 'Security Council' });
    // Two countries, two years: which is the speaker's, or the statement's, the name does not say.
    expect(factsFromUploadName('Russia on Ukraine 2014-2015.txt')).toEqual({});
    expect(factsFromUploadName('%2e%2e%2fpwned.txt')).toEqual({});
  });

  it('dates give a year between 1945 and next year', () => {
    const now = new Date('2026-06-01T00:00:00Z');
    expect(parseStatementDate('2015-09-28', now)).toBe(2015);
    expect(parseStatementDate('2007', now)).toBe(2007);
    expect(parseStatementDate('1900', now)).toMatch(/between 1945/);
    expect(parseStatementDate('28/09/2015', now)).toMatch(/YYYY/);
  });

  it('strips only the bot mention from a chat question', () => {
    expect(stripBotMention('<@42> what about <@7>?  <@!42>', '42')).toBe('what about <@7>?');
  });
});
