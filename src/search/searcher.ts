import { stemmer as porterStem } from 'stemmer';
import { dot, type Embedder } from '../embed/embedder.js';
import type { ParagraphIndex } from '../index/paragraph-index.js';
import type { StoredParagraph } from '../index/paragraphs-table.js';
import { scopeKey, type Scope } from '../index/scope.js';
import { IdBitmap } from './id-bitmap.js';
import { fuseScores, inverseDocumentFrequency, termCoverage, type ScoredId } from './fusion.js';
import { expandAbbreviations } from './abbreviations.js';
import { buildLexicalQuery, lexicalTerms } from './lexical-query.js';
import type { CountryMention } from '../corpus/countries.js';
import { hasFilters, mergeFilters, narrowed, noFilters, understandQuestion, withoutExplicit, type UnderstoodQuestion } from './question.js';
import { SpeakerDirectory } from './speakers.js';
import { speakerTablesBeside } from '../corpus/speakers-table.js';
import { contentStems, overlap } from './words.js';
import type { Hit, Passage, SearchFilters, SearchOptions, SearchResult } from './types.js';

/** How many candidates each retriever contributes to the fusion. */
const CANDIDATES = 100;
/**
 * Up to this many paragraphs in scope, exact cosine over the vectors in memory beats a filtered graph walk, which
 * passes through ever more paragraphs outside a small scope to collect its candidates (see
 * VectorIndex.searchAllowed): at 359,000 paragraphs (scripts/scale-copy.ts) a 28,000-paragraph region took 50-90 ms
 * to walk and under 20 ms to score exactly. Scoring a 100,000-paragraph region exactly takes about 80 ms.
 */
const EXACT_SEARCH_LIMIT = 50_000;
/**
 * Scopes whose paragraph ids are remembered (per index generation): region words recur, and listing a region's ids
 * costs 10-25 ms on the whole archive. Sixteen were too few for the dev questions' own 30-odd scopes, so regions
 * were listed again at every round; a region kept as a bitmap costs 45 KB.
 */
const SCOPES_REMEMBERED = 64;
/** A word found in more than this share of paragraphs is too common to search for (see buildLexicalQuery). */
const COMMON_TERM_SHARE = 0.05;
/** Words in at most this share of paragraphs bring BM25's candidates when a question has any (see candidateQuery). */
const CANDIDATE_TERM_SHARE = 0.01;
/** Paragraphs read to tell an ordinary word from a name, and the share written in lower case that makes it one. */
const ORDINARY_WORD_SAMPLE = 200;
const ORDINARY_WORD_SHARE = 0.5;
/** Content words a paragraph must share with the question to count as an answer at the lower similarity. */
const SHARED_WORDS_FOR_CONFIDENCE = 2;

export interface SearchServices {
  index: ParagraphIndex;
  embedder: Embedder;
  findCountries: (text: string) => CountryMention[];
  organizationsIn: (text: string) => string[];
}

/**
 * Hybrid retrieval: BM25 over the full-text index finds names, acronyms and numbers; cosine over the HNSW graph
 * finds paraphrases; their scores are fused (see fusion.ts). Filters are applied inside both retrievers.
 */
export class Searcher {
  /** Paragraphs per search word, remembered for the index generation they were counted in. */
  private termCounts = { generation: -1, paragraphs: 0, byTerm: new Map<string, number>() };
  /** The years the archive holds statements from, remembered for the index generation they were read in. */
  private years = { generation: -1, spoken: new Set<number>() };
  /** Paragraph ids per scope, remembered for the index generation they were read in, most recently used last. */
  private scopes = { generation: -1, byKey: new Map<string, { ids: number[] } | { allowed: IdBitmap }>() };
  private directory = { version: '', speakers: SpeakerDirectory.fromRows([]) };
  /** Whether each word asked about is an ordinary word rather than a name (isOrdinaryWord), per index generation. */
  private ordinary = { generation: -1, byWord: new Map<string, boolean>() };

  constructor(private readonly services: SearchServices) {}

  async search(question: string, options: SearchOptions): Promise<SearchResult> {
    const offset = options.offset ?? 0;
    const asked = expandAbbreviations(question);
    const understood = this.understand(asked, options);
    let filters = mergeFilters(understood.filters, options.filters);
    const raised = withoutExplicit(understood.raised, options.filters);
    const queryVector = await this.services.embedder.embedQuery(asked);
    const wanted = offset + options.k;
    let ranked = this.rankHybrid(queryVector, understood.topic, filters, wanted, hasFilters(raised) ? raised : undefined);
    if (ranked.length < wanted && hasFilters(filters) && !options.filters) {
      // Words read as a limit may be a topic ("the Iranian nuclear programme"), and a limit may match little:
      // paragraphs within the limits come first, the best of the rest follow rather than an empty answer.
      const inLimits = new Set(ranked.map((r) => r.id));
      const rest = this.rankHybrid(queryVector, understood.topic, noFilters(), wanted).filter((r) => !inLimits.has(r.id));
      if (ranked.length === 0) filters = noFilters();
      ranked = [...ranked, ...rest.map((r) => ({ ...r, score: 0 }))].slice(0, wanted);
    }
    const speaker = filters.countries.length === 1 && understood.speaker?.country === filters.countries[0] ? understood.speaker : null;
    const unheard = understood.speaker && !speaker && !hasFilters(filters) ? { speakerNotIndexed: understood.speaker } : {};
    const result = { ...this.toResult(asked, understood.topic, filters, ranked, queryVector, offset, options.k), ...unheard };
    const oneSpeaker = filters.countries.length === 1 ? filters.countries[0]! : null;
    if (oneSpeaker && offset === 0 && !result.confident)
      result.confident = this.answersForOneSpeaker(understood.topic, result.hits, oneSpeaker);
    return { ...result, question, speaker, raised: this.favoured(raised) };
  }

  /** The raised limits that gained anything: a member is shown only what changed the order. */
  private favoured(raised: SearchFilters): SearchFilters {
    const { country, year } = this.services.embedder.ranking.raise;
    return { countries: country > 0 ? raised.countries : [], years: year > 0 ? raised.years : [], body: null };
  }

  /** The question's limits, or none when the member asked again without them; a speaker chosen from the list wins. */
  private understand(asked: string, options: SearchOptions): UnderstoodQuestion {
    if (options.readLimits === false) return { filters: noFilters(), raised: noFilters(), speaker: null, topic: asked };
    const understood = understandQuestion(asked, {
      findCountries: this.services.findCountries,
      speakers: this.speakers(),
      isOrdinaryWord: (word) => this.isOrdinaryWord(word),
      statementYears: this.statementYears(),
    });
    const chosen = options.speaker ? this.speakers().byName(options.speaker.name, options.speaker.country) : null;
    if (!chosen) return understood;
    const years = options.filters?.years?.length ? options.filters.years : chosen.years;
    return { ...understood, filters: { ...understood.filters, countries: [chosen.country], years }, raised: noFilters(), speaker: chosen };
  }

  /**
   * Every speaker the index holds and the speakers tables beside its statements list, read again when statements
   * are added or removed: about 90 ms at the whole archive, so not at every index generation (a sentence stage
   * bumps it for hours without a new statement).
   */
  speakers(): SpeakerDirectory {
    const { store } = this.services.index;
    const version = store.statements.version();
    if (this.directory.version !== version) {
      const tables = speakerTablesBeside(store.statements.all().map((s) => s.path)).flatMap((t) => t.rows());
      this.directory = { version, speakers: SpeakerDirectory.fromRows([...store.statements.speakerRows(), ...tables]) };
    }
    return this.directory.speakers;
  }

  /**
   * Whether the statements write a word in lower case in the middle of a sentence at least half the time: then it
   * is an ordinary word ("rice", "may", "hope": 95-100% at the whole archive), whatever speaker bears it as a name;
   * a name that is also a word ("trump card": 24%) stays a name. Judged on a sample of the paragraphs holding it,
   * once per index generation.
   */
  isOrdinaryWord(word: string): boolean {
    const { store } = this.services.index;
    if (this.ordinary.generation !== store.meta.generation) this.ordinary = { generation: store.meta.generation, byWord: new Map() };
    let ordinary = this.ordinary.byWord.get(word);
    if (ordinary === undefined) {
      ordinary =
        lowerCaseShare(word, store.lexical.textsWith(`"${word.replace(/"/g, '""')}"`, ORDINARY_WORD_SAMPLE)) >= ORDINARY_WORD_SHARE;
      this.ordinary.byWord.set(word, ordinary);
    }
    return ordinary;
  }

  private statementYears(): ReadonlySet<number> {
    const { store } = this.services.index;
    if (this.years.generation !== store.meta.generation)
      this.years = { generation: store.meta.generation, spoken: new Set(store.statements.years()) };
    return this.years.spoken;
  }

  /** Search limited to paragraphs matching an FTS5 expression (organizations) and filters (countries). */
  async searchWithin(question: string, scope: Scope, k: number, offset: number): Promise<SearchResult> {
    const asked = expandAbbreviations(question);
    const queryVector = await this.services.embedder.embedQuery(asked);
    const ranked = this.rankHybrid(queryVector, asked, scope, offset + k);
    return { ...this.toResult(asked, asked, scope, ranked, queryVector, offset, k), question };
  }

  async queryVector(question: string): Promise<Float32Array> {
    return this.services.embedder.embedQuery(question);
  }

  rankLexical(text: string, scope: Scope, n: number): ScoredId[] {
    const query = this.candidateQuery(text);
    if (!query) return [];
    return this.services.index.store.lexical.search(query, scope, n);
  }

  /**
   * BM25's candidates come from the question's rarest words when it has any (in at most 1% of paragraphs), else
   * from those in at most 5%, else from every word. Scoring a word's matches is most of a full-text query's time,
   * and what the semi-common words would add the dense candidates already hold: at the whole archive this took
   * the unlimited full-text search from 25 to 7 ms on average (p95 60 → 14), with the same answers to every
   * evaluation question. The semi-common words still count as evidence (rareTermCoverage).
   */
  private candidateQuery(text: string): string | null {
    for (const share of [CANDIDATE_TERM_SHARE, COMMON_TERM_SHARE]) {
      const { terms, distinctive } = lexicalTerms(text, (term) => this.isCommonerThan(term, share));
      if (distinctive) return terms.join(' OR ');
    }
    return buildLexicalQuery(text);
  }

  /** Whether a word (an FTS5 quoted term) is in too many paragraphs to be worth searching for. */
  private isTooCommon(ftsTerm: string): boolean {
    return this.isCommonerThan(ftsTerm, COMMON_TERM_SHARE);
  }

  private isCommonerThan(ftsTerm: string, share: number): boolean {
    return this.paragraphsWith(ftsTerm) > share * this.termCounts.paragraphs;
  }

  /** How many paragraphs hold a term (an FTS5 quoted word or phrase), remembered per index generation. */
  paragraphsWith(ftsTerm: string): number {
    const { store } = this.services.index;
    if (this.termCounts.generation !== store.meta.generation) {
      this.termCounts = { generation: store.meta.generation, paragraphs: store.statements.counts().paragraphs, byTerm: new Map() };
    }
    let count = this.termCounts.byTerm.get(ftsTerm);
    if (count === undefined) {
      const word = ftsTerm.slice(1, -1).replace(/""/g, '"');
      // The index stores Porter stems (tokenize = 'porter'), so a word is looked up by its Porter stem.
      count = word.includes(' ') ? store.lexical.countMatching(ftsTerm) : store.lexical.paragraphsWithStem(porterStem(word));
      this.termCounts.byTerm.set(ftsTerm, count);
    }
    return count;
  }

  /**
   * A paragraph's own vector averages all its sentences; where one sentence matches the question better,
   * that sentence's similarity stands for the paragraph (see src/index/sentence-windows.ts).
   */
  private raiseToBestSentence(queryVector: Float32Array, similarity: Map<number, number>): void {
    const dimension = queryVector.length;
    for (const [id, sentences] of this.services.index.store.sentenceVectors.of([...similarity.keys()])) {
      let best = similarity.get(id)!;
      for (let at = 0; at < sentences.length; at += dimension) {
        best = Math.max(best, dot(queryVector, sentences.subarray(at, at + dimension)));
      }
      similarity.set(id, best);
    }
  }

  /** Per candidate, the IDF-weighted share of the question's rare words and phrases it holds. */
  private rareTermCoverage(topic: string, candidates: number[]): Map<number, number> {
    const { terms, distinctive } = lexicalTerms(topic, (term) => this.isTooCommon(term));
    if (!distinctive || candidates.length === 0) return new Map();
    const { store } = this.services.index;
    return termCoverage(
      terms.map((term) => ({
        weight: inverseDocumentFrequency(this.paragraphsWith(term), this.termCounts.paragraphs),
        paragraphs: store.lexical.paragraphsMatching(term, candidates),
      })),
    );
  }

  rankDense(queryVector: Float32Array, scope: Scope, n: number): ScoredId[] {
    const { store, vectors } = this.services.index;
    if (!hasFilters(scope) && !scope.mentioning) {
      return vectors.search(queryVector, n).map((x) => ({ id: x.id, score: x.similarity }));
    }
    const inScope = this.paragraphsIn(scope);
    if ('ids' in inScope) {
      // Rows not yet in memory are read for this scope alone, not every vector at the first scoped question.
      const lookup = (ids: number[]) => store.vectors.of(ids);
      return vectors.searchExact(queryVector, n, inScope.ids, lookup).map((x) => ({ id: x.id, score: x.similarity }));
    }
    return vectors.searchAllowed(queryVector, n, inScope.allowed).map((x) => ({ id: x.id, score: x.similarity }));
  }

  /** The scope's paragraph ids when there are at most EXACT_SEARCH_LIMIT of them, else the set of them. */
  private paragraphsIn(scope: Scope): { ids: number[] } | { allowed: IdBitmap } {
    const { store } = this.services.index;
    const generation = store.meta.generation;
    if (this.scopes.generation !== generation) this.scopes = { generation, byKey: new Map() };
    const key = scopeKey(scope);
    let found = this.scopes.byKey.get(key);
    if (found) {
      this.scopes.byKey.delete(key);
    } else {
      const ids = store.lexical.idsWithin(scope);
      found = ids.length <= EXACT_SEARCH_LIMIT ? { ids } : { allowed: new IdBitmap(ids) };
      if (this.scopes.byKey.size >= SCOPES_REMEMBERED) this.scopes.byKey.delete(this.scopes.byKey.keys().next().value!);
    }
    this.scopes.byKey.set(key, found);
    return found;
  }

  /**
   * `raised`: countries and years the question may mean; paragraphs within them gain the model's `raise` weights
   * and are found among their own candidates as well. The rest of the scope stays in view, and the dense model's
   * own best paragraphs keep their places.
   */
  rankHybrid(queryVector: Float32Array, topic: string, scope: Scope, n: number, raised?: SearchFilters): ScoredId[] {
    const similarity = this.candidates(queryVector, topic, scope, n);
    if (raised) for (const [id, cosine] of this.candidates(queryVector, topic, narrowed(scope, raised), n)) similarity.set(id, cosine);
    this.raiseToBestSentence(queryVector, similarity);
    const coverage = this.rareTermCoverage(topic, [...similarity.keys()]);
    const { ranking } = this.services.embedder;
    return fuseScores(similarity, coverage, ranking, raised ? this.raising(scope, raised) : undefined).slice(0, n);
  }

  /** What a paragraph gains for being within the raised countries, and within the raised years. */
  private raising(scope: Scope, raised: SearchFilters): (id: number) => number {
    const { country, year } = this.services.embedder.ranking.raise;
    const inCountries =
      country > 0 && raised.countries.length > 0 ? this.membership({ ...scope, countries: raised.countries }) : () => false;
    const inYears = year > 0 && raised.years.length > 0 ? this.membership({ ...scope, years: raised.years }) : () => false;
    return (id) => (inCountries(id) ? country : 0) + (inYears(id) ? year : 0);
  }

  /** The cosine of each candidate of both retrievers within the scope. */
  private candidates(queryVector: Float32Array, topic: string, scope: Scope, n: number): Map<number, number> {
    const lexical = this.rankLexical(topic, scope, Math.max(CANDIDATES, n));
    const dense = this.rankDense(queryVector, scope, Math.max(CANDIDATES, n));
    const similarity = new Map(dense.map((d) => [d.id, d.score]));
    const lexicalOnly = lexical.filter((l) => !similarity.has(l.id)).map((l) => l.id);
    const { store, vectors } = this.services.index;
    // Scored over the vectors in memory; those not there yet are read once and kept (the same cosine as dot()).
    const lookup = (ids: number[]) => store.vectors.of(ids);
    for (const x of vectors.searchExact(queryVector, lexicalOnly.length, lexicalOnly, lookup)) similarity.set(x.id, x.similarity);
    return similarity;
  }

  /** Whether a paragraph is within the scope. */
  private membership(scope: Scope): (id: number) => boolean {
    const inScope = this.paragraphsIn(scope);
    if ('allowed' in inScope) return (id) => inScope.allowed.has(id);
    const ids = new Set(inScope.ids);
    return (id) => ids.has(id);
  }

  toPassage(paragraph: StoredParagraph): Passage {
    return {
      id: paragraph.id,
      text: paragraph.text,
      paragraph: paragraph.number,
      meta: paragraph.meta,
      organizations: this.services.organizationsIn(paragraph.text),
    };
  }

  /** `topic`: the words a hit must share to count as an answer at the lower similarity (the limits' own words left out). */
  private toResult(
    question: string,
    topic: string,
    filters: SearchFilters,
    ranked: ScoredId[],
    queryVector: Float32Array,
    offset: number,
    k: number,
  ): SearchResult {
    const { store } = this.services.index;
    const page = ranked.slice(offset, offset + k);
    const vectors = store.vectors.of(page.map((r) => r.id));
    const paragraphs = new Map(store.paragraphs.byIds(page.map((r) => r.id)).map((p) => [p.id, p]));
    const hits: Hit[] = page.flatMap((r, i) => {
      const paragraph = paragraphs.get(r.id);
      if (!paragraph) return [];
      const vector = vectors.get(r.id);
      return [{ ...this.toPassage(paragraph), rank: offset + i + 1, score: r.score, similarity: vector ? dot(queryVector, vector) : 0 }];
    });
    return {
      question,
      filters: { countries: filters.countries, years: filters.years, body: filters.body },
      hits,
      confident: offset > 0 ? hits.length > 0 : this.answersWell(topic, hits),
    };
  }

  /**
   * Within one speaker's statements (a person's, or those of the one country a question or the member limits it to),
   * a paragraph of theirs holding a word of the topic that is not too common to search for (in at most 5% of
   * paragraphs, as for the full-text search: "terrorism", "Syrian") is an answer at the lower
   * similarity: the names in the question, never in the speech, lower its cosine ("what did Macron say about
   * Lebanon?", "what did Moldova say it would host in Chisinau in 2013?"), while a common word ("world") or the
   * limit's own words ("Tuvalu", "2015") say nothing about the topic.
   */
  private answersForOneSpeaker(topic: string, hits: Hit[], country: string): boolean {
    const { similarityWithSharedWords } = this.services.embedder.confidence;
    const theirs = hits.filter((h) => h.meta.country === country && h.similarity >= similarityWithSharedWords).map((h) => h.id);
    const rare = lexicalTerms(topic).terms.filter((term) => !this.isCommonerThan(term, COMMON_TERM_SHARE));
    // Matched as the full-text search matches them: "investigate" holds "investigation", "9/11" is one phrase.
    return theirs.length > 0 && rare.some((term) => this.services.index.store.lexical.paragraphsMatching(term, theirs).length > 0);
  }

  /** Whether any hit is similar enough to be an answer (thresholds per model, see models.ts). */
  private answersWell(question: string, hits: Hit[]): boolean {
    const { similarity, similarityWithSharedWords } = this.services.embedder.confidence;
    const questionWords = contentStems(question);
    return hits.some(
      (h) =>
        h.similarity >= similarity ||
        (h.similarity >= similarityWithSharedWords && overlap(questionWords, h.text) >= SHARED_WORDS_FOR_CONFIDENCE),
    );
  }
}

/** Of a word's occurrences in the texts, the share written in lower case, not counting those that start a sentence. */
function lowerCaseShare(word: string, texts: string[]): number {
  const pattern = new RegExp(`(^|[.!?:;"“]\\s*)?\\b(${word})\\b`, 'giu');
  let lower = 0;
  let counted = 0;
  for (const text of texts) {
    for (const match of text.normalize('NFD').replace(/\p{M}/gu, '').matchAll(pattern)) {
      if (match[1] !== undefined) continue;
      counted += 1;
      if (match[2] === match[2]!.toLowerCase()) lower += 1;
    }
  }
  return counted === 0 ? 0 : lower / counted;
}
