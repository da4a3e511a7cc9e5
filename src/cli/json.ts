import type { Hit } from '../search/types.js';

/** One quoted paragraph in the `--json` contract of the command-line tools: the text verbatim and its source. */
export function hitJson(hit: Hit): Record<string, unknown> {
  return {
    rank: hit.rank,
    score: Number(hit.score.toFixed(6)),
    text: hit.text,
    source: hit.meta.path,
    paragraph: hit.paragraph,
    country: hit.meta.country,
    countryName: hit.meta.countryName,
    speaker: hit.meta.speaker,
    body: hit.meta.body,
    year: hit.meta.year,
    meeting: hit.meta.meeting,
    organizations: hit.organizations,
  };
}
