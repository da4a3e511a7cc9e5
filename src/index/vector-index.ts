import hnswlib from 'hnswlib-node';
import { dot } from '../embed/embedder.js';

const { HierarchicalNSW } = hnswlib;
type Graph = InstanceType<typeof HierarchicalNSW>;

/**
 * Graph parameters chosen by measured recall@10 against exact search (see `npm run bench`): at the whole archive
 * (359,000 paragraphs) efSearch 400 reached 0.987, 800 reaches 0.992 for about 2 ms more a question.
 */
const HNSW_M = 16;
const HNSW_EF_CONSTRUCTION = 200;
const HNSW_EF_SEARCH = 800;
const GROWTH_STEP = 16_384;
const MAX_FILTERED_EF = 4_000;
/** How much larger a filtered walk's candidate list is than an unfiltered one's (see searchAllowed). */
const FILTERED_EF_GROWTH = 2;

export interface Neighbour {
  id: number;
  similarity: number;
}

export type VectorSource = () => Iterable<{ id: number; vector: Float32Array }>;

/** The paragraphs a filtered search may return: a Set, or anything as quick to ask. */
export interface IdFilter {
  readonly size: number;
  has(id: number): boolean;
}

/** The stored vectors of some paragraphs (store.vectors.of): exact search then reads only the rows it lacks. */
export type VectorLookup = (ids: number[]) => Map<number, Float32Array>;

/**
 * The HNSW graph over paragraph vectors, labelled by paragraph id: a cache of the vectors stored in SQLite
 * (see graph-file.ts for how it is saved and checked). It knows which paragraphs it holds, so that a graph saved
 * a while ago is brought level with the database by adding and removing only the difference.
 */
export class VectorIndex {
  /** Paragraph ids in the graph, marked-deleted ones left out. */
  private readonly ids: Set<number>;
  /** Counts additions and removals, so a writer can tell how far the graph has moved since it was saved. */
  private changeCount = 0;
  /**
   * Paragraphs a reader found missing from the saved graph, searched exactly beside it: inserting one into a
   * graph of 76,000 costs about a millisecond, comparing a question with it a microsecond. A writer inserts them
   * (`insertAside`) before it saves the graph.
   */
  private readonly aside = new Map<number, Float32Array>();
  /** The candidate list of an unfiltered walk (efSearch); `npm run bench -- --ef-sweep` measures others. */
  private ef = HNSW_EF_SEARCH;

  /**
   * The vectors themselves, one row each in a single array, for exact search over a limited scope, then kept in
   * step with add and remove. One array rather than one object per vector keeps garbage collection short. With a
   * lookup, a search reads from SQLite only the rows it lacks, so the first answers do not wait for every vector
   * (seconds, and twice their size in passing, on the whole archive) and memory holds only the scopes asked
   * about; without one, every vector is read at once (`complete`).
   */
  private matrix: { rows: Map<number, number>; data: Float32Array; used: number; complete: boolean } | null = null;

  private constructor(
    private readonly graph: Graph,
    readonly dimension: number,
    private readonly source: VectorSource,
    ids: Iterable<number>,
  ) {
    this.ids = new Set(ids);
  }

  static create(dimension: number, source: VectorSource, capacity = GROWTH_STEP): VectorIndex {
    const graph = new HierarchicalNSW('cosine', dimension);
    graph.initIndex({
      maxElements: capacity,
      m: HNSW_M,
      efConstruction: HNSW_EF_CONSTRUCTION,
      allowReplaceDeleted: true,
    });
    graph.setEf(HNSW_EF_SEARCH);
    return new VectorIndex(graph, dimension, source, []);
  }

  /** Reads a graph file saved with the paragraph ids it holds; the file must have been checked first. */
  static read(file: string, dimension: number, source: VectorSource, ids: Iterable<number>): VectorIndex {
    const graph = new HierarchicalNSW('cosine', dimension);
    graph.readIndexSync(file, true);
    graph.setEf(HNSW_EF_SEARCH);
    return new VectorIndex(graph, dimension, source, ids);
  }

  /** As `read`, with hnswlib reading the file on a thread of its own: the event loop goes on meanwhile. */
  static async readInBackground(file: string, dimension: number, source: VectorSource, ids: Iterable<number>): Promise<VectorIndex> {
    const graph = new HierarchicalNSW('cosine', dimension);
    await graph.readIndex(file, true);
    graph.setEf(HNSW_EF_SEARCH);
    return new VectorIndex(graph, dimension, source, ids);
  }

  /**
   * Makes this graph (newly read) take the place of `previous`, which is level with the database: the paragraphs
   * `previous` holds and this graph lacks are held aside (their vectors taken from `previous`'s memory, else from
   * `lookup`), those this graph holds and `previous` does not (removed since) are removed, and `previous`'s
   * vectors in memory and efSearch carry over. Costs what the two differ by, plus one pass over the ids.
   */
  takeOver(previous: VectorIndex, lookup: VectorLookup): { aside: number; removed: number } {
    this.efSearch = previous.ef;
    this.matrix = previous.matrix;
    previous.matrix = null;
    const gone = [...this.ids].filter((id) => !previous.ids.has(id));
    for (const id of gone) this.remove(id);
    const lacking: number[] = [];
    for (const id of previous.ids) {
      if (this.ids.has(id)) continue;
      const vector = previous.aside.get(id) ?? this.rowOf(id);
      if (vector) this.addAside(id, vector);
      else lacking.push(id);
    }
    for (const [id, vector] of lacking.length > 0 ? lookup(lacking) : []) this.addAside(id, vector);
    return { aside: this.aside.size, removed: gone.length };
  }

  /**
   * Frees the graph's memory now rather than whenever the garbage collector gets to it (V8 does not see the
   * native memory, hundreds of MB at the whole archive); the index then holds nothing.
   */
  release(): void {
    this.graph.initIndex({ maxElements: 1, m: HNSW_M, efConstruction: HNSW_EF_CONSTRUCTION, allowReplaceDeleted: true });
    this.ids.clear();
    this.aside.clear();
    this.matrix = null;
  }

  /** The held aside paragraphs, searched exactly beside the graph. */
  get asideCount(): number {
    return this.aside.size;
  }

  get efSearch(): number {
    return this.ef;
  }

  set efSearch(ef: number) {
    this.ef = ef;
    this.graph.setEf(ef);
  }

  /** How many paragraphs the graph holds. */
  get size(): number {
    return this.ids.size;
  }

  get changes(): number {
    return this.changeCount;
  }

  has(id: number): boolean {
    return this.ids.has(id);
  }

  paragraphIds(): number[] {
    return [...this.ids];
  }

  add(id: number, vector: Float32Array): void {
    this.insert(id, vector);
    this.ids.add(id);
    if (this.matrix) this.remember(this.matrix, id, vector);
  }

  /** Makes a paragraph searchable without inserting it into the graph (see `aside`). */
  addAside(id: number, vector: Float32Array): void {
    this.aside.set(id, vector);
    this.ids.add(id);
    if (this.matrix && !this.matrix.rows.has(id)) this.remember(this.matrix, id, vector);
  }

  /** Inserts the paragraphs held aside into the graph, so that a save holds them. */
  insertAside(): void {
    for (const [id, vector] of this.aside) this.insert(id, vector);
    this.aside.clear();
  }

  remove(id: number): void {
    this.matrix?.rows.delete(id);
    if (!this.ids.delete(id) || this.aside.delete(id)) return;
    this.graph.markDelete(id);
    this.changeCount += 1;
  }

  search(query: Float32Array, k: number): Neighbour[] {
    const inGraph = this.ids.size - this.aside.size;
    const found = inGraph === 0 ? [] : this.toNeighbours(this.graph.searchKnn(Array.from(query), Math.min(k, inGraph)));
    return this.withAside(query, k, found, () => true);
  }

  /**
   * Nearest neighbours among the allowed ids. hnswlib's candidate list holds allowed paragraphs only, so a walk
   * with the unfiltered efSearch already collects that many of them, walking through the others on the way; twice
   * that (at most the inverse of the allowed share) keeps recall as high as an unfiltered search. Measured at the
   * whole archive over the dev questions, regions holding 19-28% of paragraphs: recall@10 against exact search
   * 0.987-0.999 at efSearch 800, 0.996-1.000 at 1,600 (`npm run bench`), and 0.998-1.000 at 3,200 (what growing
   * by the inverse share gave) for twice the time again.
   */
  searchAllowed(query: Float32Array, k: number, allowed: IdFilter): Neighbour[] {
    const available = this.ids.size;
    if (available === 0 || allowed.size === 0) return [];
    const share = Math.min(1, allowed.size / available);
    const growth = Math.min(FILTERED_EF_GROWTH, 1 / share);
    this.graph.setEf(Math.min(MAX_FILTERED_EF, Math.ceil(Math.max(this.ef, k) * growth)));
    try {
      const found = this.toNeighbours(this.graph.searchKnn(Array.from(query), Math.min(k, allowed.size), (id) => allowed.has(id)));
      return this.withAside(query, k, found, (id) => allowed.has(id));
    } finally {
      this.graph.setEf(this.ef);
    }
  }

  /** Whether every vector is in memory, so any subset is scored there without reading SQLite. */
  get holdsVectors(): boolean {
    return this.matrix?.complete === true;
  }

  /**
   * Exact nearest neighbours among the given paragraphs, by cosine over their stored vectors: those in memory,
   * plus, with `lookup`, those it reads for the rows it lacks (else every vector is read first).
   */
  searchExact(query: Float32Array, k: number, ids: Iterable<number>, lookup?: VectorLookup): Neighbour[] {
    const wanted = Array.isArray(ids) ? (ids as number[]) : [...ids];
    const { rows, data } = lookup ? this.matrixHolding(wanted, lookup) : this.loadMatrix();
    const dimension = this.dimension;
    const found: number[] = [];
    const similarities: number[] = [];
    for (const id of wanted) {
      const row = rows.get(id);
      if (row === undefined) continue;
      let similarity = 0;
      for (let i = 0, at = row * dimension; i < dimension; i++, at++) similarity += query[i]! * data[at]!;
      found.push(id);
      similarities.push(similarity);
    }
    // Only the best k are ordered: sorting plain numbers to find the cut-off is far cheaper than sorting objects.
    const cutoff = Float64Array.from(similarities).sort()[Math.max(0, similarities.length - k)] ?? -Infinity;
    const best: Neighbour[] = [];
    similarities.forEach((similarity, i) => {
      if (similarity >= cutoff) best.push({ id: found[i]!, similarity });
    });
    return best.sort((a, b) => b.similarity - a.similarity).slice(0, k);
  }

  private loadMatrix(): NonNullable<VectorIndex['matrix']> {
    const matrix = (this.matrix ??= this.emptyMatrix(this.ids.size + GROWTH_STEP));
    if (!matrix.complete) {
      for (const { id, vector } of this.source()) if (!matrix.rows.has(id)) this.remember(matrix, id, vector);
      matrix.complete = true;
    }
    return matrix;
  }

  /** The matrix with the rows of these paragraphs added where they were missing (ids without a vector are left out). */
  private matrixHolding(ids: number[], lookup: VectorLookup): NonNullable<VectorIndex['matrix']> {
    const matrix = (this.matrix ??= this.emptyMatrix(GROWTH_STEP));
    if (!matrix.complete) {
      const missing = ids.filter((id) => !matrix.rows.has(id));
      if (missing.length > 0) for (const [id, vector] of lookup(missing)) this.remember(matrix, id, vector);
    }
    return matrix;
  }

  /** A paragraph's vector from the matrix, if it holds one. */
  private rowOf(id: number): Float32Array | undefined {
    const row = this.matrix?.rows.get(id);
    if (row === undefined) return undefined;
    return this.matrix!.data.slice(row * this.dimension, (row + 1) * this.dimension);
  }

  private emptyMatrix(capacity: number): NonNullable<VectorIndex['matrix']> {
    return { rows: new Map<number, number>(), data: new Float32Array(capacity * this.dimension), used: 0, complete: false };
  }

  private remember(matrix: NonNullable<VectorIndex['matrix']>, id: number, vector: Float32Array): void {
    if ((matrix.used + 1) * this.dimension > matrix.data.length) {
      const grown = new Float32Array(matrix.data.length * 2);
      grown.set(matrix.data);
      matrix.data = grown;
    }
    matrix.data.set(vector, matrix.used * this.dimension);
    matrix.rows.set(id, matrix.used);
    matrix.used += 1;
  }

  private insert(id: number, vector: Float32Array): void {
    if (this.graph.getCurrentCount() >= this.graph.getMaxElements()) {
      this.graph.resizeIndex(this.graph.getMaxElements() + GROWTH_STEP);
    }
    this.graph.addPoint(Array.from(vector), id, true);
    this.changeCount += 1;
  }

  /** A graph search's neighbours with the allowed paragraphs held aside merged in, the best k kept. */
  private withAside(query: Float32Array, k: number, found: Neighbour[], allowed: (id: number) => boolean): Neighbour[] {
    if (this.aside.size === 0) return found;
    const merged = [...found];
    for (const [id, vector] of this.aside) if (allowed(id)) merged.push({ id, similarity: dot(query, vector) });
    return merged.sort((a, b) => b.similarity - a.similarity).slice(0, k);
  }

  private toNeighbours(result: { neighbors: number[]; distances: number[] }): Neighbour[] {
    return result.neighbors.map((id, i) => ({ id, similarity: 1 - result.distances[i]! }));
  }

  /** Writes the graph as it is now; graph-file.ts makes that atomic and checkable. */
  write(file: string): void {
    // The manifest lists every paragraph this index holds as being in the graph.
    if (this.aside.size > 0) throw new Error('the paragraphs held aside must be inserted before the graph is saved');
    this.graph.writeIndexSync(file);
  }
}
