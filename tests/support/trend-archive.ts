import path from 'node:path';
import { projectRoot } from '../../src/config.js';
import type { IndexedArchive } from '../../src/archive/open-archive.js';
import { openTestArchive } from './archive.js';
import { sharedFile } from './corpus.js';

/**
 * The index /trend and /compare are tested on: General Debate statements of 1995, 2005, 2007, 2015 and 2016 and a
 * Security Council speech of 2020, read in place from ../shared/corpus, indexed with the real model into
 * embeddings/test-trend-index (kept between runs; unchanged files are skipped).
 */
export const TREND_INDEX_DIR = path.join(projectRoot, 'embeddings', 'test-trend-index');

const DEBATES: Record<number, string[]> = {
  1995: ['KAZ_50_1995', 'FRA_50_1995', 'DEU_50_1995', 'USA_50_1995'],
  2005: ['KAZ_60_2005', 'FRA_60_2005', 'DEU_60_2005', 'USA_60_2005', 'TUV_60_2005'],
  2007: ['KAZ_62_2007'],
  2015: ['KAZ_70_2015', 'FRA_70_2015', 'DEU_70_2015', 'USA_70_2015', 'TUV_70_2015'],
  2016: ['KAZ_71_2016'],
};

export const TREND_FILES = [
  ...Object.entries(DEBATES).flatMap(([year, names]) => names.map((n) => sharedFile(`ungdc/${year}/${n}.txt`))),
  sharedFile('unsc-2020/UNSC_2020_SPV.8699_spch017.txt'),
];

/** Indexing embeds with the real model on a busy two-core machine: allow it time on the first run. */
export const TREND_INDEXING_MS = 600_000;

/** The real archive over the trend test index, brought up to date with the files first. */
export async function openTrendArchive(): Promise<IndexedArchive> {
  const archive = await openTestArchive(TREND_INDEX_DIR);
  await archive.reindex(TREND_FILES);
  return archive;
}
