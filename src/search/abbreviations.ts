import { stem } from './text.js';

/** How much commoner the reading of an abbreviation must be than the next one. */
const ABBREVIATION_DOMINANCE = 3;

/** The documents' phrase whose initials a short unknown word is ("mle", or "mles" for several). */
export function readAcronym(word: string, acronyms: Readonly<Record<string, string>>): string | undefined {
  if (word.length < 2 || word.length > 5 || !/^\p{L}+$/u.test(word)) return undefined;
  return acronyms[word] ?? (word.length > 2 && word.endsWith('s') ? acronyms[word.slice(0, -1)] : undefined);
}

/**
 * Reads a short unknown word as an abbreviation of a document word, only when it is sure: the
 * start of document words ("req" → requirements, "atl" → atlanta), or, for a word without vowels
 * when no word starts so, their consonants in order ("lvl" → level); and one reading (by stem)
 * clearly commoner than any other, so "cnns" is left alone when several words fit.
 */
export function readAbbreviation(
  typed: string,
  vocabulary: Readonly<Record<string, { count: number }>>,
): string | undefined {
  // "langs", "reqs": the plural of an abbreviation ("lang", "req") means the same words.
  const word = typed.length === 5 && typed.endsWith('s') ? typed.slice(0, -1) : typed;
  if (word.length < 3 || word.length > 4 || !/^\p{L}+$/u.test(word)) return undefined;
  const vowelless = !/[aeiouy]/.test(word.slice(1));
  const candidates = Object.entries(vocabulary).filter(
    ([candidate]) => candidate[0] === word[0] && candidate.length >= word.length + 2,
  );
  let fitting = candidates.filter(([candidate]) => candidate.startsWith(word));
  if (!fitting.length && vowelless)
    fitting = candidates.filter(([candidate]) => isSubsequence(word, consonants(candidate)));
  const byStem = new Map<string, { word: string; count: number; total: number }>();
  for (const [candidate, { count }] of fitting) {
    const key = stem(candidate);
    const entry = byStem.get(key);
    if (!entry) byStem.set(key, { word: candidate, count, total: count });
    else {
      entry.total += count;
      if (count > entry.count) Object.assign(entry, { word: candidate, count });
    }
  }
  const [first, second] = [...byStem.values()].sort((a, b) => b.total - a.total);
  if (!first || (second && first.total < ABBREVIATION_DOMINANCE * second.total)) return undefined;
  return first.word;
}

/** A word's consonants in order, its first letter kept ("level" → "lvl", "manager" → "mngr"). */
function consonants(word: string): string {
  return word[0] + word.slice(1).replace(/[aeiouy]/g, '');
}

function isSubsequence(short: string, long: string): boolean {
  let j = 0;
  for (let i = 0; i < long.length && j < short.length; i++) if (long[i] === short[j]) j++;
  return j === short.length;
}
