import type MiniSearch from 'minisearch';
import type { SearchResult } from 'minisearch';
import { LruMap } from '../util/lruMap.js';
import { FIELD_BOOST } from './buildIndex.js';

/** One term's postings: passage positions and BM25 scores, side by side. */
export interface Postings {
  index: Int32Array;
  score: Float64Array;
}

/** How many terms' postings are kept in memory: frequent words are looked up once, not per question. */
const POSTING_CACHE_TERMS = 4096;

/** Each term's BM25 score in each passage that has it (field boosts applied), in a bounded LRU. */
export class PostingCache {
  private readonly cache = new LruMap<string, Postings>(POSTING_CACHE_TERMS);

  constructor(
    private readonly index: MiniSearch,
    /** Passage id → its position in the engine's passage list. */
    private readonly positionOf: ReadonlyMap<string, number>,
  ) {}

  get(term: string): Postings {
    const cached = this.cache.get(term);
    if (cached) return cached;
    const results: SearchResult[] = this.index.search(term, {
      boost: FIELD_BOOST,
      tokenize: (s: string) => [s],
      processTerm: (t: string) => t,
    });
    const list: Postings = { index: new Int32Array(results.length), score: new Float64Array(results.length) };
    results.forEach((r, i) => {
      list.index[i] = this.positionOf.get(String(r.id)) ?? -1;
      list.score[i] = r.score;
    });
    this.cache.set(term, list);
    return list;
  }
}
