import MiniSearch from 'minisearch';
import type { Figure } from '../knowledge/figures.js';
import { dedupKey } from '../knowledge/passages.js';
import { LEVELS } from '../knowledge/types.js';
import { miniSearchOptions, type EngineData } from './buildIndex.js';
import { PostingCache } from './postings.js';
import { terms } from './text.js';

/**
 * What the engine needs of each passage at query time, computed once per knowledge version (not
 * per question, nor per engine: engines of the same data with other parameters, as fitting and
 * ablation build, share it): positions, level masks, own-heading words, word sets for spotting
 * near-duplicates, the places and industries figures are quoted for, and the loaded index.
 */
export class PassageTables {
  /** Passage id → its position in `data.passages`. */
  readonly indexOf: Map<string, number>;
  /** Each passage's levels as a 3-bit mask, for the level-fit table. */
  readonly levelMask: Uint8Array;
  /** Each passage's own heading as search terms. */
  readonly headingWords: ReadonlyArray<readonly string[]>;
  /** Places and industries the figures are for, as search terms, and the passages quoting them. */
  readonly figureSubjects: Array<{ terms: string[]; positions: Set<number> }>;
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
    this.figureSubjects = figureSubjectsOf(data.figures, this.indexOf);
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

/** The places and industries figures are given for, as search terms, with the passages quoting them. */
function figureSubjectsOf(
  figures: readonly Figure[],
  positionOf: ReadonlyMap<string, number>,
): Array<{ terms: string[]; positions: Set<number> }> {
  const subjects = new Map<string, { terms: string[]; positions: Set<number> }>();
  for (const f of figures) {
    for (const name of [f.place, f.industry]) {
      const words = name ? terms(name) : [];
      if (!words.length) continue;
      const key = words.join(' ');
      let subject = subjects.get(key);
      if (!subject) subjects.set(key, (subject = { terms: words, positions: new Set() }));
      const at = positionOf.get(f.passageId);
      if (at !== undefined) subject.positions.add(at);
    }
  }
  return [...subjects.values()];
}
