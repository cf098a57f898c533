/**
 * One colour per source everywhere it is shown: its embed's stripe in Discord and its bars and
 * legend entry in the salary chart. A source's colour is picked by its place among the knowledge's
 * sources (by publisher, else title), so it keeps it on every reply and every chart.
 */

/** Colours that read on a white card and on Discord's dark theme and stay apart for common colour blindness (Tableau 10). */
export const SOURCE_COLORS = ['#4c78a8', '#f58518', '#54a24b', '#b279a2', '#e45756', '#72b7b2', '#9d755d'];

/** A source's colour by its index among the knowledge's sources. */
export const colorOf = (index: number): string => SOURCE_COLORS[index % SOURCE_COLORS.length]!;

type Sources = ReadonlyMap<string, { publisher: string; title: string }>;

/** Per knowledge (its sources map, replaced on reload): the names in order, computed once. */
const namesOf = new WeakMap<Sources, string[]>();

/** The knowledge's source names in order (publisher, else title), each once: what the indexes count. */
export function sourceNamesOf(sources: Sources): string[] {
  let names = namesOf.get(sources);
  if (!names)
    namesOf.set(sources, (names = [...new Set([...sources.values()].map((s) => s.publisher || s.title))]));
  return names;
}
