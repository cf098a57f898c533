import type { Engine } from '../search/engine.js';

/** A place or industry name compared loosely: case, punctuation and spacing aside. */
export const normName = (s: string) =>
  s
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();

/** Distinct values of a figure field, most figures first: for autocomplete and "try one of". */
export function figureValues(engine: Engine, field: 'place' | 'industry'): string[] {
  const counts = new Map<string, { value: string; n: number }>();
  for (const f of engine.figures) {
    const v = f[field];
    if (!v) continue;
    const key = normName(v);
    const entry = counts.get(key) ?? { value: v, n: 0 };
    entry.n++;
    counts.set(key, entry);
  }
  return [...counts.values()].sort((a, b) => b.n - a.n || a.value.localeCompare(b.value)).map((e) => e.value);
}
