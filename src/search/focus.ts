import type { Lexicon } from './lexicon.js';
import { STOP_WORDS, type Token } from './text.js';

/**
 * Words after which a question names what it asks for: "which certifications", "how many days
 * annual leave", "best books for…", "do I need security clearance", "what kind of projects".
 */
const ASKS_FOR = new Set(['what', 'whats', 'which', 'best', 'need', 'needed', 'require', 'required']);
/** "how much", "how many": the noun after them is what is counted. */
const HOW_COUNT = new Set(['much', 'many']);
/** Words between an opener and its noun phrase: "what kind of", "a", "the best". */
const SKIPPED = new Set(['a', 'an', 'the', 'kind', 'kinds', 'sort', 'sorts', 'type', 'types', 'of', 'best']);
const LONGEST = 4;

/**
 * The positions of the words a question asks for: the noun phrase right after "what", "which",
 * "how much/many", "best" or "need" in a sentence that asks (every sentence when `asking` is
 * undefined). The phrase runs over words that are not function words, up to four, and ends at an
 * adverb or a word that is mostly a verb ("what should I learn" asks for nothing by name), unless
 * that word follows an adjective and can be a noun ("annual leave"). These are the question's subject: if the documents
 * lack one of them, the question is about something they do not cover, whatever else matches.
 */
export function focusPositions(
  tokens: readonly Token[],
  /** Loaded only when a question has an opener (a typed command never loads WordNet for this). */
  lexicon: () => Lexicon,
  asking: (i: number) => boolean = () => true,
): Set<number> {
  const focus = new Set<number>();
  for (let i = 0; i < tokens.length; i++) {
    if (!asking(i)) continue;
    const word = tokens[i]!.word;
    const opens = ASKS_FOR.has(word) || (word === 'how' && HOW_COUNT.has(tokens[i + 1]?.word ?? ''));
    if (!opens) continue;
    let k = i + 1 + (word === 'how' ? 1 : 0);
    while (k < tokens.length && SKIPPED.has(tokens[k]!.word)) k++;
    for (let n = 0; n < LONGEST && k < tokens.length; n++, k++) {
      const w = tokens[k]!.word;
      if (STOP_WORDS.has(w) || !asking(k)) break;
      const info = /^\p{L}+$/u.test(w) ? lexicon().info(w) : undefined;
      if (info?.pos === 'adv') break;
      // A word that is mostly a verb ends the phrase ("which skills *bump* up…"), unless it follows
      // an adjective and can be a noun ("annual *leave*").
      if (info?.pos === 'verb') {
        const previous = n > 0 ? lexicon().info(tokens[k - 1]!.word) : undefined;
        if (!(info.noun && previous?.pos === 'adj')) break;
      }
      focus.add(k);
    }
  }
  return focus;
}
