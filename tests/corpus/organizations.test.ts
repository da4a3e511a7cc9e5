import { describe, expect, it } from 'vitest';
import { mineOrganizationPairs, OrganizationAliases } from '../../src/corpus/organizations.js';
import type { Statement } from '../../src/corpus/types.js';
import { readRealStatement } from './shared-corpus.js';

const SEED_NAME = 'Conference on Interaction and Confidence-Building in Asia';
const COMMON_NAME = 'Conference on Interaction and Confidence-Building Measures in Asia';

const seed = readRealStatement('seed/000_129fec8e5b34501d.txt');
const kazakhstan2014 = readRealStatement('ungdc/2014/KAZ_69_2014.txt');
const philippines = readRealStatement('unsc-2020/UNSC_2020_SPV.8699_spch086.txt');
const minedFrom = (statement: Statement) => statement.paragraphs.flatMap((p) => mineOrganizationPairs(p.text));

describe('mining "Full Name (ACRONYM)" from statements', () => {
  it('finds the seed’s spelling of CICA and nothing that is not spelled out', () => {
    expect(minedFrom(seed)).toEqual([{ acronym: 'CICA', name: SEED_NAME }]);
  });

  it('finds ASEAN in the Philippines’ Security Council speech, without the "10 States members of the"', () => {
    expect(minedFrom(philippines)).toContainEqual({ acronym: 'ASEAN', name: 'Association of Southeast Asian Nations' });
  });

  it('finds the common spelling of CICA in a General Debate speech', () => {
    expect(minedFrom(kazakhstan2014)).toContainEqual({ acronym: 'CICA', name: COMMON_NAME });
  });
});

describe('organization aliases', () => {
  const aliases = OrganizationAliases.fromNames([...minedFrom(seed), ...minedFrom(kazakhstan2014), ...minedFrom(philippines)]);

  it('make one organization of both spellings of CICA, the commoner name first', () => {
    const cica = aliases.get('CICA');
    expect(cica?.names).toContain(SEED_NAME);
    expect(cica?.names).toContain(COMMON_NAME);
    expect(aliases.find('CICA', 10).filter((o) => o.key === 'CICA')).toHaveLength(1);
  });

  it('find CICA in the seed’s paragraphs about it, by acronym or by name', () => {
    const aboutCica = seed.paragraphs.filter((p) => aliases.organizationsIn(p.text).includes('CICA'));
    expect(aboutCica.map((p) => p.number)).toEqual([11, 12, 13]);
  });

  it('resolve what a user types: the acronym in any case, a full name, a variant, the start of a name', () => {
    for (const typed of ['cica', 'CICA', COMMON_NAME, SEED_NAME.toLowerCase(), 'Conference on Interaction']) {
      expect(aliases.resolve(typed)?.key).toBe('CICA');
    }
    expect(aliases.resolve('asean')?.names[0]).toBe('Association of Southeast Asian Nations');
    expect(aliases.resolve('interaction')).toBeNull();
  });

  it('suggest organizations for a few typed letters', () => {
    expect(aliases.find('ase', 5)[0]?.key).toBe('ASEAN');
    expect(aliases.find('confidence', 5).map((o) => o.key)).toContain('CICA');
  });

  it('survive a round trip through JSON', () => {
    const restored = OrganizationAliases.fromJSON(JSON.parse(JSON.stringify(aliases)));
    expect(restored.find('', 100)).toEqual(aliases.find('', 100));
    expect(restored.organizationsIn(seed.paragraphs[11]!.text)).toEqual(['CICA']);
  });

  it('count the pairs they are given, as the index stores them', () => {
    const counted = OrganizationAliases.fromNames([
      { acronym: 'CICA', name: COMMON_NAME, count: 5 },
      { acronym: 'CICA', name: SEED_NAME, count: 1 },
    ]);
    expect(counted.get('CICA')).toEqual({ key: 'CICA', names: [COMMON_NAME, SEED_NAME], mentions: 6 });
  });
});
