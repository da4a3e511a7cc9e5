import type { Archive } from './archive.js';

/** Why a topic for /trend or /compare cannot be looked for as typed (empty, too long), or null. */
export function topicProblem(topic: string, maxChars: number): string | null {
  if (topic.length === 0) return 'Please type a topic, for example: climate change, CICA or apartheid.';
  if (topic.length > maxChars) return `Please keep the topic under ${maxChars} characters (yours has ${topic.length.toLocaleString('en-US')}).`;
  return null;
}

/** Why years cannot be used as given: out of order, or outside the years the index holds; else null. */
export function yearsProblem(archive: Archive, years: { from?: number | null; to?: number | null; year?: number | null }): string | null {
  const { from, to, year } = years;
  if (from != null && to != null && from > to) return `“from” (${from}) is after “to” (${to}): swap them, or leave one out.`;
  const { first, last } = archive.stats().years;
  if (first === null || last === null) return 'The index holds no dated statements yet.';
  const outside = [from, to, year].filter((y): y is number => y != null && (y < first || y > last));
  if (outside.length > 0) return `The index holds statements from ${first} to ${last}: pick years in that range (not ${outside.join(', ')}).`;
  return null;
}
