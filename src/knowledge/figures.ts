import type { Classifier } from './classify.js';
import type { Figure, Passage } from './types.js';
import { rangesIn, valueOf } from './money.js';
import { labelOf, unitsOf } from './figureUnits.js';
import {
  basisOf,
  industryOf,
  isPay,
  levelsOf,
  periodOf,
  placeOf,
  raisesIn,
  sectionSources,
  sourceNamedIn,
  yearOf,
  type FigureContext,
} from './figureContext.js';

export type { Figure } from './types.js';

/**
 * Finds every pay figure in the passages with its context, by general rules: a tokenizer for amounts
 * and ranges (money.ts), the passage's items, rows and sentences (figureUnits.ts), and the words and
 * frames around each figure for its basis, level, place, industry, source and year
 * (figureContext.ts). Money that is not pay (a market size) is left out.
 */
export function extractFigures(passages: readonly Passage[], classifier: Classifier): Figure[] {
  const figures: Figure[] = [];
  const sectionSource = sectionSources(passages);
  for (const p of passages) {
    const ids = { passageId: p.id, sourceId: p.sourceId };
    for (const unit of unitsOf(p)) {
      for (const raise of raisesIn(unit, classifier)) {
        const figure: Figure = { ...raise, unit: 'percent', basis: ['raise %'], ...ids };
        const year = yearOf('', p.headingPath);
        if (year) figure.year = year;
        figures.push(figure);
      }
      const label = labelOf(unit.text);
      const parents = unit.frames.slice(0, -p.headingPath.length || undefined);
      for (const range of rangesIn(unit.text)) {
        const { first, last } = range;
        const ctx: FigureContext = {
          before: unit.text.slice(range.from, range.start),
          after: unit.text.slice(range.end, range.end + 40),
          label,
          parents,
          headingPath: p.headingPath,
        };
        if (!isPay(ctx, first.scale ?? last.scale)) continue;
        const openEnded = last.plus;
        // "Up to A": a ceiling only; "A+": a floor only; "A": both; "A to B": a range.
        const low = first.upTo ? undefined : valueOf(first);
        const high = last === first && openEnded ? undefined : valueOf(last);
        const figure: Figure = {
          text: unit.text.slice(range.start, range.end).replace(/^up to/i, (m) => m[0]!.toUpperCase() + m.slice(1)),
          openEnded,
          unit: periodOf(ctx),
          basis: basisOf(ctx),
          levels: levelsOf(ctx, classifier),
          ...ids,
        };
        if (low !== undefined) figure.low = low;
        if (high !== undefined) figure.high = high;
        const place = placeOf(ctx);
        if (place) figure.place = place;
        const industry = industryOf(ctx);
        if (industry) figure.industry = industry;
        const source = sourceNamedIn(unit.text) ?? sectionSource(p);
        if (source) figure.dataSource = source;
        const year = yearOf(ctx.before, p.headingPath);
        if (year) figure.year = year;
        figures.push(figure);
      }
    }
  }
  return figures;
}
