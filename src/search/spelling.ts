import SearchableMap from 'minisearch/SearchableMap';
import { LruMap } from '../util/lruMap.js';
import { editDistance } from './text.js';

/** How many misspelled words' corrections are remembered. */
const CORRECTION_CACHE_WORDS = 2048;

/**
 * Corrects misspelt words to the nearest word the knowledge or the thesaurus knows that starts with
 * the same letter: one edit for words of 5–7 letters, two from 8. Short words are left alone, and lookups are bounded by a radix
 * tree, so the cost does not grow with the vocabulary.
 */
export class SpellingCorrector {
  /** Known words in a radix tree, for bounded fuzzy lookup; built on the first misspelling. */
  private tree: SearchableMap<number> | undefined;
  /** Misspelled word → its correction ('' for none), oldest first. */
  private readonly remembered = new LruMap<string, string>(CORRECTION_CACHE_WORDS);

  constructor(
    /** Word → how often the documents use it (the more common of two candidates wins). */
    private readonly counts: Readonly<Record<string, { count: number }>>,
    private readonly extraWords: readonly string[],
  ) {}

  correct(word: string): string | undefined {
    if (word.length < 5 || !/^\p{L}+$/u.test(word)) return undefined;
    // The same misspellings come back again and again: remember the last few thousand answers.
    const known = this.remembered.get(word);
    if (known !== undefined) return known || undefined;
    const fixed = this.nearest(word);
    this.remembered.set(word, fixed ?? '');
    return fixed;
  }

  private nearest(word: string): string | undefined {
    const max = word.length >= 8 ? 2 : 1;
    // The radix tree yields every known word within two insertions, deletions or substitutions
    // without visiting the rest of the vocabulary; the exact (Damerau) distance then picks the best.
    let best: { word: string; distance: number; count: number } | undefined;
    for (const [candidate, [count]] of this.words().fuzzyGet(word, 2)) {
      // People rarely mistype a word's first letter (studies of typing errors put it under one slip
      // in ten), while an unknown name often differs from a known word there: "iphone" is not "phone".
      if (candidate[0] !== word[0]) continue;
      // A correction is a word at least as long as the shortest one corrected ("reais" is not "rais").
      if (candidate.length < 5) continue;
      const distance = editDistance(word, candidate, max);
      if (distance > max) continue;
      if (!best || distance < best.distance || (distance === best.distance && count > best.count)) {
        best = { word: candidate, distance, count };
      }
    }
    return best?.word;
  }

  private words(): SearchableMap<number> {
    if (!this.tree) {
      const tree = new SearchableMap<number>();
      for (const [word, entry] of Object.entries(this.counts)) tree.set(word, entry.count);
      for (const word of this.extraWords) if (!tree.has(word)) tree.set(word, 1);
      this.tree = tree;
    }
    return this.tree;
  }
}
