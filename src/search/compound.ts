import type { Ranked } from './diversify.js';

/**
 * The parts of a question that asks two things: clauses joined by "and" before a question word
 * ("… earn and what skills do they need"), or separate questions ("What do they earn? How do I
 * start?"). Each part must have words of its own; otherwise the question is one part.
 */
export function compoundParts(text: string): string[] {
  const parts = text
    .split(
      /\?\s+(?=\S)|,?\s+\band\s+(?=(?:what|how|which|where|when|who|why|do|does|is|are|should|can|will|would)\b)/i,
    )
    .map((p) => p.trim())
    .filter(Boolean);
  if (parts.length < 2 || parts.length > 4) return [text];
  return parts.every((p) => p.split(/\s+/).length >= 3) ? parts : [text];
}

/** The parts' answers taken in turn (first of each, then second of each…), each passage once, at most `max`. */
export function interleave(lists: ReadonlyArray<readonly Ranked[]>, max: number): Ranked[] {
  const out: Ranked[] = [];
  const seen = new Set<string>();
  for (let k = 0; out.length < max && lists.some((l) => k < l.length); k++)
    for (const list of lists) {
      const next = list[k];
      if (next && !seen.has(next.passage.id)) {
        seen.add(next.passage.id);
        out.push(next);
      }
    }
  return out;
}
