import MiniSearch from 'minisearch';
import { dedupKey } from '../knowledge/passages.js';
import { LEVELS } from '../knowledge/types.js';
import { miniSearchOptions, type EngineData } from './buildIndex.js';
import { PostingCache } from './postings.js';
import { terms } from './text.js';

/**
 * What the engine needs of each passage at query time, computed once per knowledge version (not
 * per question, nor per engine: engines of the same data with other parameters, as fitting and
 * ablation build, share it): positions, level masks, own-heading words, word sets for spotting
 * near-duplicates, and the loaded index.
 */
export class PassageTables {
  /** Passage id → its position in `data.passages`. */
  readonly indexOf: Map<string, number>;
  /** Each passage's levels as a 3-bit mask, for the level-fit table. */
  readonly levelMask: Uint8Array;
  /** Each passage's own heading as search terms. */
  readonly headingWords: ReadonlyArray<readonly string[]>;
  readonly postings: PostingCache;
  /** Each passage's other job's words (EngineData.otherRoles), by position. */
  readonly otherRoles: ReadonlyArray<readonly string[] | undefined>;
  /** Word sets for near-duplicate detection, computed on first use. */
  private readonly dedupWords = new Map<string, Set<string>>();

  private constructor(data: EngineData) {
    this.indexOf = new Map(data.passages.map((p, i) => [p.id, i]));
    this.levelMask = Uint8Array.from(data.passages, (p) =>
      p.levels.reduce((mask, l) => mask | (1 << LEVELS.indexOf(l)), 0),
    );
    this.otherRoles = data.passages.map((p) => data.otherRoles[p.id]);
    this.headingWords = data.passages.map((p) => [...new Set(terms(p.headingPath.at(-1) ?? ''))]);
    const index = MiniSearch.loadJS(
      data.index as Parameters<typeof MiniSearch.loadJS>[0],
      miniSearchOptions(),
    );
    this.postings = new PostingCache(index, this.indexOf);
  }

  private static readonly shared = new WeakMap<EngineData, PassageTables>();

  static of(data: EngineData): PassageTables {
    let tables = PassageTables.shared.get(data);
    if (!tables) PassageTables.shared.set(data, (tables = new PassageTables(data)));
    return tables;
  }

  /** A passage's words, for near-duplicate detection. */
  wordsOf(p: { id: string; text: string }): Set<string> {
    let words = this.dedupWords.get(p.id);
    if (!words) {
      words = new Set(dedupKey(p.text).split(' '));
      this.dedupWords.set(p.id, words);
    }
    return words;
  }
}
