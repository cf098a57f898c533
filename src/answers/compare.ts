import { sourceNamesOf } from './sourceColors.js';
import { answerQuery, type AnswerOptions } from './answer.js';
import type { Engine, Query } from '../search/engine.js';
import type { Figure } from '../knowledge/figures.js';
import { MAX_SUGGESTIONS, MAX_SUGGESTION_LENGTH } from '../search/suggest.js';
import { spansLadder, type Level } from '../knowledge/types.js';
import { figureValues, normName as norm } from './figureValues.js';
import type { Answer, FigureFilter, FigureRow } from './types.js';
import { phraseOf } from '../search/thesaurus.js';
import { isPlaceName } from '../search/lexicon.js';
import { chartData, filterName } from '../chart/chartData.js';
import { currencyName } from '../knowledge/currencies.js';
import { neighbourLevels } from '../search/engine.js';

export { figureValues } from './figureValues.js';

export type { FigureFilter } from './types.js';

/** "seattle" matches "Seattle", "new york" matches "New York City"; nothing is guessed. */
function sameName(wanted: string, value: string): boolean {
  const a = norm(wanted);
  const b = norm(value);
  return Boolean(a) && (b === a || b.includes(a) || (a.includes(b) && b.length >= 4));
}

/** A typed place or industry, and the stemmed phrases the thesaurus says it means. */
interface Names {
  typed: string;
  meant: string[];
}

/**
 * What a typed place or industry stands for: itself, and what the thesaurus says it means ("nyc" →
 * new york city, "sf" → san francisco, "colorado => denver" if an admin adds it).
 */
function namesFor(engine: Engine, typed: string): Names {
  const phrase = phraseOf(typed).join(' ');
  const meant: string[] = [];
  for (const s of engine.thesaurus.synonyms)
    if (s.from.join(' ') === phrase) meant.push(...s.to.map((to) => to.join(' ')));
  return { typed, meant };
}

/** Whether a figure's place or industry is what the names stand for: as typed, or as meant. */
function nameMatches(names: Names | undefined, value: string | undefined): boolean {
  if (!names) return true;
  if (!value) return false;
  if (sameName(names.typed, value)) return true;
  const stemmed = ` ${phraseOf(value).join(' ')} `;
  return names.meant.some((n) => stemmed.includes(` ${n} `));
}

/**
 * Whether a figure answers the filter. With a place or industry, a figure for all levels counts at
 * any level (Seattle's one figure answers "/salary senior Seattle"); with a level alone, only the
 * figures for that level are compared.
 */
function figureMatches(
  f: Figure,
  filter: FigureFilter,
  places?: Names,
  industries?: Names,
  levels: readonly Level[] = filter.level ? [filter.level] : [],
): boolean {
  const anyLevel = !f.levels.length && Boolean(filter.location || filter.industry);
  if (levels.length && !f.levels.some((l) => levels.includes(l)) && !anyLevel) return false;
  return nameMatches(places, f.place) && nameMatches(industries, f.industry);
}

/**
 * The figures for a salary question, side by side: those matching the filter, ordered by where
 * their passage ranks for the same query (so the comparison and the passages agree), each with
 * the rank of its passage.
 */
export function compareFigures(
  engine: Engine,
  query: Query,
  filter: FigureFilter,
  levels: readonly Level[] = filter.level ? [filter.level] : [],
): FigureRow[] {
  const { ranked } = engine.rank(query);
  const rankOf = new Map(ranked.map((r, i) => [r.passage.id, i + 1]));
  // What the filter's words mean, read once for all the figures.
  const places = filter.location ? namesFor(engine, filter.location) : undefined;
  const industries = filter.industry ? namesFor(engine, filter.industry) : undefined;
  const rows = engine.figures
    .map((f, order) => ({ f, order }))
    .filter(({ f }) => figureMatches(f, filter, places, industries, levels))
    .map(({ f, order }) => {
      const source = engine.sources.get(f.sourceId);
      const { sourceId, ...facts } = f;
      const row: FigureRow = {
        ...facts,
        source: source?.title ?? sourceId,
        publisher: source?.publisher ?? '',
      };
      const rank = rankOf.get(f.passageId);
      if (rank !== undefined) row.rank = rank;
      return { row, order };
    });
  rows.sort((a, b) => (a.row.rank ?? 1e9) - (b.row.rank ?? 1e9) || a.order - b.order);
  // Grouped by currency, never converted: US dollars first, the others in the order they rank.
  const currencies = currencyOrder(rows.map(({ row }) => row));
  rows.sort((a, b) => currencies.indexOf(a.row.currency ?? '') - currencies.indexOf(b.row.currency ?? ''));
  // A figure a source quotes twice for the same people (once as "average", once as "average base")
  // is one row that names both bases, at its best-ranked place.
  // Its bases are named in the document's order, so every view labels it alike.
  const merged: FigureRow[] = [];
  const byKey = new Map<string, { row: FigureRow; bases: Array<{ basis: string[]; order: number }> }>();
  for (const { row, order } of rows) {
    const key = [row.source, row.text, row.unit, row.levels.join('/'), row.place, row.industry].join('|');
    const first = byKey.get(key);
    if (!first) {
      byKey.set(key, { row, bases: [{ basis: row.basis, order }] });
      merged.push(row);
    } else first.bases.push({ basis: row.basis, order });
  }
  for (const { row, bases } of byKey.values()) {
    if (bases.length < 2) continue;
    const names = [...new Set(bases.sort((a, b) => a.order - b.order).map((b) => b.basis.join(' ')))];
    if (names.length < 2) continue;
    row.basis = bases[0]!.basis;
    row.alsoAs = names.slice(1);
  }
  return merged;
}

/** The currencies of some figures in the order a reply groups them: US dollars first, then as they come. */
export function currencyOrder(figures: ReadonlyArray<Pick<Figure, 'currency'>>): string[] {
  const seen = [...new Set(figures.map((f) => f.currency ?? ''))];
  return seen.includes('USD') ? ['USD', ...seen.filter((c) => c !== 'USD')] : seen;
}

/** "Figures for London are in pounds.": said when a filter's figures are not all in US dollars. */
function currencyNote(figures: readonly FigureRow[], filter: FigureFilter): string | undefined {
  const money = figures.filter((f) => f.currency);
  const currencies = currencyOrder(money).filter(Boolean);
  if (!currencies.length || (currencies.length === 1 && currencies[0] === 'USD')) return undefined;
  const names = currencies.map(currencyName);
  const list = names.length > 1 ? `${names.slice(0, -1).join(', ')} and ${names.at(-1)}` : names[0];
  const what = filterName(filter);
  return `Figures${what ? ` for ${what}` : ''} are in ${list}, each as its source gives it (never converted).`;
}

/** Values of a figure field containing what was typed, for an option's autocomplete. */
export function suggestFigureValues(engine: Engine, field: 'place' | 'industry', typed: string): string[] {
  const wanted = typed.trim().toLowerCase();
  const names = wanted ? namesFor(engine, wanted) : undefined;
  // What the typed words mean through the thesaurus first ("nyc" → New York City), then what contains them.
  const meant = names?.meant.length
    ? figureValues(engine, field).filter((v) => nameMatches({ typed: '', meant: names.meant }, v))
    : [];
  const containing = figureValues(engine, field).filter((v) => !wanted || v.toLowerCase().includes(wanted));
  return [...new Set([...meant, ...containing])]
    .slice(0, MAX_SUGGESTIONS)
    .map((v) => v.slice(0, MAX_SUGGESTION_LENGTH));
}

/**
 * What a typed /salary filter means: a place or industry with figures ("nyc" → "New York City"), or
 * a place the sources give no figure for ("London"): still the location asked (the reply says no
 * figure exists for it and shows the others), not a word the command refuses.
 */
export function resolveFilter(
  engine: Engine,
  field: 'place' | 'industry',
  typed: string,
): string | undefined {
  return (
    resolveFigureValue(engine, field, typed) ?? (field === 'place' && isPlaceName(typed) ? typed : undefined)
  );
}

/** The one place or industry with figures that a typed name means, if any ("nyc" → "New York City"). */
export function resolveFigureValue(
  engine: Engine,
  field: 'place' | 'industry',
  typed: string,
): string | undefined {
  const { meant } = namesFor(engine, typed);
  const matches = figureValues(engine, field).filter(
    (v) => norm(v) === norm(typed) || nameMatches({ typed: '', meant }, v),
  );
  return matches.length === 1 ? matches[0] : matches.find((v) => norm(v) === norm(typed));
}

/** Every source's name as charts show it (publisher, else title), in the knowledge's order. */
function sourceNames(engine: Engine): string[] {
  return sourceNamesOf(engine.sources);
}

/**
 * A salary answer: the salary passages (the place and industry words steer which come first) and,
 * side by side, the figures matching the filter. When a place or industry has no figure, says so
 * and names those that have.
 */
export function answerSalary(engine: Engine, filter: FigureFilter, options: AnswerOptions): Answer {
  const query: Query = {
    text: [filter.location, filter.industry].filter(Boolean).join(' '),
    topic: 'salary',
  };
  if (filter.level) query.levels = [filter.level];
  const answer = answerQuery(engine, query, options);
  if (answer.kind !== 'passages') return answer;
  answer.figures = compareFigures(engine, query, filter);
  // No figure at the asked rung ("staff" where the sources stop at senior): the next rungs stand in, said so.
  const standIn =
    filter.level && !answer.figures.length ? neighbourLevels(new Set([filter.level])) : undefined;
  if (standIn) {
    answer.figures = compareFigures(engine, query, filter, [...standIn]);
    const others = [...standIn].filter((l) => l !== filter.level);
    if (answer.figures.length)
      answer.notice = `No ${filter.level}-level figure in the sources; these are for ${others.join(' or ')}.`;
  }
  // A level asked with a place or industry whose figures are for every level ("/salary senior
  // Seattle" where Seattle's figure is not by level): the figures are shown, said to be for all levels.
  if (
    filter.level &&
    (filter.location || filter.industry) &&
    answer.figures.length &&
    answer.figures.every((f) => !f.levels.length || spansLadder(f.levels))
  ) {
    const line = `No ${filter.level}-level figure for ${[filter.location, filter.industry].filter(Boolean).join(' · ')}; ${answer.figures.length === 1 ? 'this one is' : 'these are'} for all levels.`;
    answer.notice = answer.notice ? `${answer.notice} ${line}` : line;
  }
  const note = currencyNote(answer.figures, filter);
  if (note) answer.notice = answer.notice ? `${answer.notice} ${note}` : note;
  if (answer.figures.length) {
    const chart = chartData(answer.figures, filter, sourceNames(engine));
    if (chart.rows.length) answer.chart = chart;
    else
      answer.chartNote = `No chart${filterName(filter) ? ` for ${filterName(filter)}` : ''}: none of these figures is a yearly amount (hourly and day rates, monthly pay and raises are listed, not drawn).`;
  }
  if (!answer.figures.length && (filter.location || filter.industry)) {
    const known = figureValues(engine, filter.location ? 'place' : 'industry')
      .slice(0, 12)
      .join(', ');
    const what = filter.location ? `location “${filter.location}”` : `industry “${filter.industry}”`;
    answer.notice = `No figure in the sources for ${what}${filter.level ? ` at ${filter.level} level` : ''}. Figures exist for: ${known}.`;
  }
  return answer;
}
