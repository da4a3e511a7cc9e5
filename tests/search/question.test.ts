import { describe, expect, it } from 'vitest';
import { findCountryMentions } from '../../src/corpus/countries.js';
import { understandQuestion } from '../../src/search/question.js';

const read = (q: string, statementYears?: ReadonlySet<number>) =>
  understandQuestion(q, { findCountries: findCountryMentions, statementYears });
const understand = (q: string) => read(q).filters;
/** Both what filters and what is only raised: every limit the question's words carry. */
const limits = (q: string) => {
  const { filters, raised } = read(q);
  return { countries: [...filters.countries, ...raised.countries].sort(), years: [...filters.years, ...raised.years].sort() };
};

describe('understanding limits stated in a question', () => {
  it('reads who spoke from names, adjectives and short forms', () => {
    expect(understand('what did Kazakhstan ask the General Assembly?').countries).toEqual(['KAZ']);
    expect(understand('what did the Fijian president say about sea-level rise').countries).toEqual(['FJI']);
    expect(understand('did the Kazakh delegation mention CICA').countries).toEqual(['KAZ']);
    expect(understand('what has the US said about Cuba').countries).toEqual(['USA']);
  });

  it('reads a country adjective before "countries" or "states" as a group of countries, not that country', () => {
    expect(limits('did the central african countries talk about pooling troops into a joint force?').countries).toEqual([]);
    expect(limits('what did the american states agree on drugs?').countries).toEqual([]);
    expect(understand('did the central african republic talk about pooling troops?').countries).toEqual(['CAF']);
  });

  it('reads the year of the statement, not dates the statement talks about', () => {
    expect(limits('What did Fiji say about sea-level rise in 2017?').years).toEqual([2017]);
    expect(limits('and in 2015?').years).toEqual([2015]);
    expect(understand('what was said at the 72nd session about oceans').years).toEqual([2017]);
    expect(understand('what did moldova say it would host in chisinau, in its 2013 speech?').years).toEqual([2013]);
    expect(limits('which island nation was going to host the conference in april 2021?').years).toEqual([]);
    expect(limits('who wants half its electricity from the sun by 2020').years).toEqual([]);
  });

  it('reads the body only when the question places the statement there', () => {
    expect(understand('what did Estonia say in the Security Council about Iraq').body).toBe('Security Council');
    expect(understand('what did Kazakhstan ask the General Assembly?').body).toBeNull();
  });

  it('does not turn countries named as topics of a "which country" question into limits', () => {
    expect(understand('which country got refugee teams into olympic competitions, together with brazil?').countries).toEqual([]);
    expect(understand('which country said it was sending trainers to the EU mission in mali?').countries).toEqual([]);
  });

  it('reads a region in "which African country" as a limit on who spoke', () => {
    expect(understand('which african country said it had cleared all its landmines?').countries).toContain('MOZ');
    expect(understand('which african country said it had cleared all its landmines?').countries).not.toContain('FRA');
    expect(understand('which baltic state joined its first peacekeeping mission?').countries.sort()).toEqual(['EST', 'LTU', 'LVA']);
    const pacificIslands = understand('which small Pacific island country banned plastics?').countries;
    expect(pacificIslands).toContain('FSM');
    expect(pacificIslands).not.toContain('IDN');
    expect(pacificIslands).not.toContain('CHL');
  });

  it('keeps a year the archive holds no statement from as a word to match, not a limit', () => {
    const archiveYears = new Set(Array.from({ length: 15 }, (_, i) => 2010 + i));
    const future = read('which country will host the desertification COP in 2026?', archiveYears);
    expect([...future.filters.years, ...future.raised.years]).toEqual([]);
    expect(future.topic).toContain('2026');
    expect(read('What did Fiji say about oceans in 2017?', archiveYears).raised.years).toEqual([2017]);
  });

  it('does not limit who spoke to the countries named when the words come from a UN official', () => {
    expect(understand("according to the UN's envoy for west africa, how many died in attacks in burkina faso?").countries).toEqual([]);
    expect(understand('what did the special representative tell the council about Mali?').countries).toEqual([]);
    expect(understand('which regional organizations got observer status according to Kazakhstan').countries).toEqual(['KAZ']);
    expect(understand('what did Mali say about the secretary-general report?').countries).toEqual(['MLI']);
  });

  it('reads the region before "kingdom" and the Sahel as limits on who spoke', () => {
    const kingdom = understand('which pacific island kingdom hosted a conference on whales?').countries;
    expect(kingdom).toContain('TON');
    expect(kingdom).not.toContain('NOR');
    const sahel = understand('which sahel country said it faced every kind of threat at once?').countries;
    expect(sahel).toContain('MLI');
    expect(sahel).not.toContain('DZA');
  });

  it('takes country names that became limits out of the words to match', () => {
    expect(read('what did Kazakhstan ask the General Assembly?').topic).toBe('what did ask the General Assembly?');
  });

  it('leaves questions without limits unlimited', () => {
    expect(understand('how big is the kermadec ocean sanctuary?')).toEqual({ countries: [], years: [], body: null });
    expect(read('how big is the kermadec ocean sanctuary?').raised).toEqual({ countries: [], years: [], body: null });
  });
});
