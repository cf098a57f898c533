import type { Classifier } from './classify.js';
import type { Figure, Passage } from './types.js';
import { amountsIn, rangesIn, valueOf } from './money.js';
import { documentDollar } from './currencies.js';
import { labelOf, unitsOf } from './figureUnits.js';
import {
  basisOf,
  industryOf,
  isPay,
  readLevels,
  periodOf,
  placeOf,
  raisesIn,
  sectionSources,
  sourceNamedIn,
  yearOf,
  NO_PLACE_NAMES,
  type FigureContext,
  type PlaceNames,
} from './figureContext.js';

export type { Figure } from './types.js';

/** A figure's own words after it: up to a conjunction, a clause's end or the next figure. */
const OWN_WORDS = /^(?:(?!\b(?:and|or|while|whereas|but)\b)[^,;.(·:])*/;

/**
 * Finds every pay figure in the passages with its context, by general rules: a tokenizer for amounts
 * and ranges (money.ts), the passage's items, rows and sentences (figureUnits.ts), and the words and
 * frames around each figure for its basis, level, place, industry, source and year
 * (figureContext.ts). Money that is not pay (a market size) is left out.
 */
export function extractFigures(
  passages: readonly Passage[],
  classifier: Classifier,
  names: PlaceNames = NO_PLACE_NAMES,
): Figure[] {
  const figures: Figure[] = [];
  const sectionSource = sectionSources(passages);
  const dollarOf = documentDollars(passages);
  for (const p of passages) {
    const ids = { passageId: p.id, sourceId: p.sourceId };
    // The place of the figure before, in the passage: "Bangalore remains … Fresher offers there …".
    let lastPlace: string | undefined;
    for (const unit of unitsOf(p)) {
      let unitPlace: string | undefined;
      for (const raise of raisesIn(unit, classifier)) {
        const figure: Figure = { ...raise, unit: 'percent', basis: ['raise %'], ...ids };
        const year = yearOf('', p.headingPath);
        if (year) figure.year = year;
        figures.push(figure);
      }
      const label = labelOf(unit.text);
      const parents = unit.frames.slice(0, -p.headingPath.length || undefined);
      const ranges = rangesIn(unit.text);
      // The words after a figure up to a conjunction or a clause's end are its own ("₹7–12 LPA for
      // freshers and ₹25–45 LPA for seniors"): the next figure's words start after them.
      const trailingOf = (n: number) =>
        OWN_WORDS.exec(unit.text.slice(ranges[n]!.end, ranges[n + 1]?.start ?? unit.text.length))![0];
      ranges.forEach((range, n) => {
        const { first, last } = range;
        const previousOwn = n > 0 ? trailingOf(n - 1).length : 0;
        const ctx: FigureContext = {
          before: unit.text.slice(range.from + previousOwn, range.start),
          after: unit.text.slice(range.end, range.end + 40),
          trailing: trailingOf(n),
          sentence: unit.text.slice(0, range.start),
          label,
          parents,
          headingPath: p.headingPath,
        };
        if (!isPay(ctx, first.scale ?? last.scale)) return;
        const openEnded = last.plus;
        const read = readLevels(ctx, classifier);
        // "Up to A": a ceiling only; "A+": a floor only; "A": both; "A to B": a range.
        const low = first.upTo ? undefined : valueOf(first);
        const high = last === first && openEnded ? undefined : valueOf(last);
        const figure: Figure = {
          text: unit.text.slice(range.start, range.end).replace(/^up to/i, (m) => m[0]!.toUpperCase() + m.slice(1)),
          openEnded,
          unit: periodOf(ctx, last.scale),
          // A bare "$" is the document's dollar ("$85k" in an Australian guide's A$ table).
          currency:
            range.currency === 'USD' && [first.mark, last.mark].includes('$')
              ? (dollarOf.get(p.sourceId) ?? 'USD')
              : range.currency,
          basis: basisOf(ctx),
          levels: read.levels,
          ...ids,
        };
        if (read.from === 'after') figure.levelsAfter = true;
        if (low !== undefined) figure.low = low;
        if (high !== undefined) figure.high = high;
        // A sentence's later figures are where its first is ("Hyderabad … ₹7–12 LPA for freshers and
        // ₹25–45 LPA for seniors"); "there" is the place the passage named last.
        const sameClause = !/[,;:]/.test(ctx.before);
        const place =
          placeOf(ctx, names) ??
          (sameClause ? unitPlace : undefined) ??
          (/\bthere\b(?!\s+(?:is|are|was|were|will|has|have)\b)/i.test(ctx.sentence ?? '') ? lastPlace : undefined);
        if (place) figure.place = unitPlace = lastPlace = place;
        const industry = industryOf(ctx);
        if (industry) figure.industry = industry;
        const source = sourceNamedIn(unit.text) ?? sectionSource(p);
        if (source) figure.dataSource = source;
        const year = yearOf(ctx.before, p.headingPath);
        if (year) figure.year = year;
        figures.push(figure);
      });
      // A sentence that names a place without a figure ("Bangalore remains the highest-paying city")
      // is where "there" in the next one is.
      if (!ranges.length) {
        const named = placeOf(
          { before: unit.text, after: '', sentence: unit.text, parents, headingPath: p.headingPath },
          names,
        );
        if (named && named !== 'United States') lastPlace = named;
      }
    }
  }
  return figures;
}

/** Each document's dollar: what a bare "$" in it means. */
function documentDollars(passages: readonly Passage[]): Map<string, string> {
  const texts = new Map<string, string[]>();
  for (const p of passages) {
    let list = texts.get(p.sourceId);
    if (!list) texts.set(p.sourceId, (list = []));
    list.push(p.text);
  }
  return new Map([...texts].map(([id, t]) => [id, documentDollar(t.flatMap((x) => amountsIn(x)))]));
}
