import type { Passage } from '../knowledge/types.js';
import { DEFAULT_PARAMS } from './rankingParams.js';

export interface Ranked {
  passage: Passage;
  score: number;
  /** Level fit: lower tiers come first among relevant passages (0 = exactly the asked level). */
  tier: number;
}

/**
 * Greedy re-ranking for variety: each result already taken from a document lowers that
 * document's next one; level tiers still come first; near-duplicate wording is dropped.
 * `wordsOf` gives each passage's word set (cached by the caller).
 */
export function diversify(
  candidates: Ranked[],
  wordsOf: (p: Passage) => Set<string>,
  { nearDuplicate: similar, sameSourceDecay } = DEFAULT_PARAMS,
): Ranked[] {
  // Within one document every candidate has the same decay, so the best of the whole pool is always
  // the best head of one document's queue: compare only the heads (documents, not passages).
  const queues = new Map<string, Ranked[]>();
  for (const c of candidates) {
    let queue = queues.get(c.passage.sourceId);
    if (!queue) queues.set(c.passage.sourceId, (queue = []));
    queue.push(c);
  }
  const better = (a: Ranked, b: Ranked) =>
    a.tier - b.tier || b.score - a.score || a.passage.order - b.passage.order;
  for (const queue of queues.values()) queue.sort(better);
  const heads = new Map<string, number>();
  const taken = new Map<string, number>();
  const out: Ranked[] = [];
  const keys: Array<Set<string>> = [];
  for (;;) {
    let best: Ranked | undefined;
    let bestScore = 0;
    let bestSource = '';
    for (const [source, queue] of queues) {
      const c = queue[heads.get(source) ?? 0];
      if (!c) continue;
      const score = c.score * sameSourceDecay ** (taken.get(source) ?? 0);
      if (
        !best ||
        c.tier < best.tier ||
        (c.tier === best.tier &&
          (score > bestScore || (score === bestScore && c.passage.order < best.passage.order)))
      ) {
        best = c;
        bestScore = score;
        bestSource = source;
      }
    }
    if (!best) break;
    heads.set(bestSource, (heads.get(bestSource) ?? 0) + 1);
    const words = wordsOf(best.passage);
    if (keys.some((k) => nearDuplicate(k, words, similar))) continue;
    keys.push(words);
    taken.set(bestSource, (taken.get(bestSource) ?? 0) + 1);
    out.push({ passage: best.passage, score: bestScore, tier: best.tier });
  }
  return out;
}

/**
 * Whether two word sets have a Jaccard similarity over threshold. Sets whose sizes alone rule
 * it out are not compared, and the comparison stops as soon as too many words are missing.
 */
export function nearDuplicate(
  a: Set<string>,
  b: Set<string>,
  threshold = DEFAULT_PARAMS.nearDuplicate,
): boolean {
  const small = a.size <= b.size ? a : b;
  const large = small === a ? b : a;
  if (small.size < threshold * large.size) return false;
  // shared / (|a| + |b| - shared) > t  ⇔  shared > t (|a| + |b|) / (1 + t)
  const needed = (threshold * (small.size + large.size)) / (1 + threshold);
  let missing = 0;
  const allowed = small.size - needed;
  for (const w of small) if (!large.has(w) && ++missing >= allowed) return false;
  return small.size - missing > needed;
}
