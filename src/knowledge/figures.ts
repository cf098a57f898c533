import type { Classifier } from './classify.js';
import type { Figure, Level, Passage } from './types.js';

export type { Figure } from './types.js';

/** A dollar amount: "$147,000", "$90k", "Up to $152,601", "$172,654+" (ranges are joined later). */
const AMOUNT =
  /(up to\s+)?(?:\$|\bUS\$|\bUSD\s?)\s?(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d+))?(?:\s*(k|thousand|million|billion|bn)\b)?(\+)?/gi;
/** A dollar amount written with the currency after it: "118,000 USD", "95k dollars", "240,000 US dollars". */
const AMOUNT_AFTER =
  /(up to\s+)?\b(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d+))?(?:\s*(k|thousand|million|billion|bn)\b)?(\+)?\s*(?:USD|US dollars|dollars)\b/gi;

/**
 * Every amount in a text, as [whole, "up to ", digits, decimals, scale, "+"] with its index,
 * whichever side the currency is written on; in reading order, none overlapping another.
 */
function amountsIn(text: string): RegExpExecArray[] {
  const after = [...text.matchAll(AMOUNT_AFTER)].filter((m) => !/^(?:19|20)\d\d$/.test(m[2]!)); // "2024 dollars"
  const all = [...text.matchAll(AMOUNT), ...after].sort((a, b) => a.index - b.index);
  const out: RegExpExecArray[] = [];
  for (const m of all) {
    const last = out.at(-1);
    if (last && m.index < last.index + last[0].length) continue;
    out.push(m);
  }
  return out;
}
/** A raise as a percentage: "3-5%", "20-30%+", "15–25%". */
const PERCENT = /(\d+(?:\.\d+)?)(?:%?\s*(?:-|–|—|to)\s*(\d+(?:\.\d+)?))?\s*%(\+)?/g;
const RAISE = /\b(raises?|increases?|jumps?|bumps?|hikes?)\b/i;
const PAY = /\b(salar(?:y|ies)|pay|compensation|earnings?|wages?)\b/i;
const JOINER = /^\s*(?:to|-|–|—|and|up to)\s*$/i;
/** Money that is not pay: market sizes, revenue, funding. */
const NOT_PAY = /\b(market|revenue|valuation|funding|raised|investment|industry size|cagr)\b/i;
const HOURLY = /^\s*(?:per hour|an hour|\/\s?h(?:ou)?r|hourly)\b/i;
const BASIS_WORDS: Array<[RegExp, string]> = [
  [/\badditional cash\b|\bbonus(?:es)?\b/i, 'additional cash'],
  [/\bmedian\b/i, 'median'],
  [/\baverage\b|\bavg\b/i, 'average'],
  [/\bbase\b/i, 'base'],
  [/\btotal\b/i, 'total'],
];
const PLACE_CONTEXT = /\b(locations?|cit(?:y|ies)|hubs?|regions?|metros?|states?|countries|remote)\b/i;
const INDUSTRY_CONTEXT = /\bindustr(?:y|ies)\b|\bsectors?\b/i;
const COMPANY = /\b(compan(?:y|ies)|startups?|firms?|faang|enterprises?|corporations?)\b/i;
/** "at a fintech company", "for AI startups", "in the healthcare industry": the words before the kind of company. */
const INLINE_INDUSTRY =
  /\b(?:at|in|for|with|within)\s+(?:an?\s+|the\s+)?((?:[A-Za-z][\w&-]*\s+){0,2}?[A-Za-z][\w&-]*)\s+(?:(compan(?:y|ies)|firms?|startups?|businesses)|industry|sector)\b/i;
/** Words about a company's size or standing, not its industry ("at a large company"). */
const SIZE_WORDS = /^(?:large|small|big|bigger|major|larger|smaller|mid-?sized?|medium|established|leading|private|public|many|most|some|other|any|every|each|your|their|this|that)$/i;
const UNITED_STATES = /\b(?:U\.S\.(?:A\.)?|USA|US|United States)(?!\w)/;
const DATA_SOURCE =
  /\b(?:[Aa]ccording to|[Ss]ourced from|[Dd]ata from|[Rr]eported by)\s+(?:available\s+)?((?:[A-Z][\w*.&-]*)(?:\s+(?:[A-Z][\w*.&-]*|Online))*)|\b([A-Z][\w*.&-]+) data\b/;

function amountOf(digits: string, decimals: string | undefined, scale: string | undefined): number {
  const value = Number(digits.replace(/,/g, '') + (decimals ? `.${decimals}` : ''));
  const s = scale?.toLowerCase();
  return (
    value *
    (s === 'k' || s === 'thousand' ? 1e3 : s === 'million' ? 1e6 : s === 'billion' || s === 'bn' ? 1e9 : 1)
  );
}

/** A piece of a passage a figure lives in, with the labels and lines that frame it. */
interface Unit {
  /** The line or sentence clause holding the figures. */
  text: string;
  /** Lines that frame it, nearest first: parent list items, the lead-in, headings. */
  frames: string[];
}

/** Splits a passage into its list lines (each with its parent items and lead-in) or its sentences. */
function unitsOf(p: Passage): Unit[] {
  const headings = [...p.headingPath].reverse();
  const lines = p.text.split('\n').filter((l) => l.trim());
  const isItem = (l: string) => /^\s*(?:[-*+]|\d+[.)])\s+/.test(l);
  const isRow = (l: string) => /^\s*\|.*\|\s*$/.test(l);
  if (lines.some(isRow)) return tableUnitsOf(lines, isRow, headings);
  if (!lines.some(isItem)) {
    return p.text.split(/(?<=[.!?])\s+(?=[A-Z])/).map((sentence) => ({ text: sentence, frames: headings }));
  }
  const units: Unit[] = [];
  const stack: Array<{ indent: number; text: string }> = [];
  const leadIn: string[] = [];
  for (const line of lines) {
    if (!isItem(line)) {
      leadIn.push(line.trim());
      continue;
    }
    const indent = /^\s*/.exec(line)![0].length;
    while (stack.length && stack[stack.length - 1]!.indent >= indent) stack.pop();
    const text = line.replace(/^\s*(?:[-*+]|\d+[.)])\s+/, '');
    units.push({
      text,
      frames: [...stack.map((s) => s.text).reverse(), ...leadIn.slice().reverse(), ...headings],
    });
    stack.push({ indent, text });
  }
  return units;
}

function cellsOf(row: string): string[] {
  return row
    .trim()
    .replace(/^\||\|$/g, '')
    .split('|')
    .map((c) => c.trim());
}

/**
 * A table's body rows as units, read like list items: "Apprentice: 0-2 years · $92k to $118k"
 * (the first cell is the row's label), framed by the column names, the lines before the table and
 * the headings.
 */
function tableUnitsOf(lines: string[], isRow: (l: string) => boolean, headings: string[]): Unit[] {
  const first = lines.findIndex(isRow);
  const before = lines.slice(0, first).map((l) => l.trim());
  const columns = cellsOf(lines[first]!).join(', ');
  return lines
    .slice(first + 1)
    .filter((l) => isRow(l) && !/^[\s|:-]+$/.test(l))
    .map((row) => {
      const [label = '', ...rest] = cellsOf(row);
      return { text: `${label}: ${rest.join(' · ')}`, frames: [columns, ...before.reverse(), ...headings] };
    });
}

/** "Seattle: $147,000…" → "Seattle"; the words before the first colon of an item, if short. */
function labelOf(text: string): string | undefined {
  const m = /^([^:$]{2,60}):\s/.exec(text);
  return m?.[1]?.trim();
}

function cleanLabel(label: string): string {
  return label
    .replace(/\*\*/g, '')
    .replace(/\s*\([^)]*\)\s*/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/**
 * Finds every pay figure in the passages with its context, by general rules: a tokenizer for amounts
 * and ranges, the words just before each figure (basis, level), the item labels and lead-ins that
 * frame it (place, industry, level), and the section (data source, year). Money that is not pay
 * (a market size) is left out.
 */
export function extractFigures(passages: readonly Passage[], classifier: Classifier): Figure[] {
  const figures: Figure[] = [];
  // A data source named anywhere in a section ("Data sourced from O*NET…") covers the section's figures.
  const sectionSource = new Map<string, string>();
  for (const p of passages) {
    const m = DATA_SOURCE.exec(p.text);
    const name = (m?.[1] ?? m?.[2])?.replace(/[.,]$/, '');
    const key = `${p.sourceId}#${p.headingPath.join('>')}`;
    if (name && !sectionSource.has(key)) sectionSource.set(key, name);
  }
  for (const p of passages) {
    for (const unit of unitsOf(p)) {
      // Raises as percentages, where the line speaks of a raise and the line or its frames of pay.
      if (
        RAISE.test(unit.text) &&
        PAY.test([unit.text, ...unit.frames].join('\n')) &&
        !NOT_PAY.test(unit.text)
      ) {
        for (const m of unit.text.matchAll(PERCENT)) {
          const before = unit.text.slice(0, m.index);
          const levels = [...classifier.levelsOfText(before)];
          const figure: Figure = {
            text: m[0],
            low: Number(m[1]),
            high: Number(m[2] ?? m[1]),
            openEnded: Boolean(m[3]),
            unit: 'percent',
            basis: ['raise %'],
            levels,
            passageId: p.id,
            sourceId: p.sourceId,
          };
          const year = /\b(20\d{2})\b/.exec(p.headingPath.join('\n'));
          if (year) figure.year = Number(year[1]);
          figures.push(figure);
        }
      }
      const found = amountsIn(unit.text);
      let previousEnd = 0;
      for (let i = 0; i < found.length; i++) {
        const first = found[i]!;
        let last = first;
        // "A to B", "A - B", "between A and B": one range.
        while (i + 1 < found.length) {
          const next = found[i + 1]!;
          const between = unit.text.slice(last.index + last[0].length, next.index);
          // "from A up to B" is a range too; a lone "Up to B" starts a figure of its own.
          const joined = next[1] ? /^\s*$/.test(between) : JOINER.test(between);
          if (!joined) break;
          last = next;
          i++;
        }
        // "between A and B" is one range: the figure as written starts at "between".
        const between = last !== first ? /\bbetween\s+$/i.exec(unit.text.slice(previousEnd, first.index)) : null;
        const start = between ? first.index - between[0].length : first.index;
        const end = last.index + last[0].length;
        const before = unit.text.slice(previousEnd, start);
        const after = unit.text.slice(end, end + 40);
        previousEnd = end;
        const scale = first[4] ?? last[4];
        const clause = `${before} ${after}`;
        if (
          /million|billion|bn/i.test(scale ?? '') ||
          NOT_PAY.test(clause) ||
          NOT_PAY.test(unit.frames[0] ?? '')
        )
          continue;
        const openEnded = Boolean(last[5]);
        // "Up to A": a ceiling only; "A+": a floor only; "A": both; "A to B": a range.
        const low = first[1] ? undefined : amountOf(first[2]!, first[3], first[4]);
        const high = last === first && openEnded ? undefined : amountOf(last[2]!, last[3], last[4]);
        const label = labelOf(unit.text);

        const basis = BASIS_WORDS.filter(([re]) => re.test(before)).map(([, b]) => b);
        // "$139k median base": the words right after the figure, up to the clause's end.
        const trailing = /^[^,;.(]*/.exec(after)?.[0] ?? '';
        if (!basis.length) basis.push(...BASIS_WORDS.filter(([re]) => re.test(trailing)).map(([, b]) => b));
        if (!basis.length) {
          const framed = BASIS_WORDS.filter(([re]) => re.test(`${label ?? ''} ${unit.frames.join(' ')}`));
          basis.push(...framed.map(([, b]) => b));
        }

        // The nearest words that name a level decide it: before the figure, its label, its frames.
        let levels: Level[] = [];
        for (const text of [
          before,
          label ?? '',
          ...unit.frames.slice(0, -p.headingPath.length || undefined),
        ]) {
          const found = [...classifier.levelsOfText(text)];
          if (found.length) {
            levels = found;
            break;
          }
        }
        // The clause leading to the figure may name its people as a question would ("new graduates
        // reported…", "engineers with five or more years…", "staff-level engineers…"): its own words
        // are close enough to be read with the looser question phrases.
        if (!levels.length) levels = [...new Set(classifier.levelsAsked(classifier.wordsOf(before), before).map((m) => m.level))];
        // Else the section's headings; never the passage's other items (a list mixes levels).
        if (!levels.length) {
          const fromHeadings = [...classifier.levelsOfText(p.headingPath.join('\n'))];
          if (fromHeadings.length === 1) levels = fromHeadings;
        }

        let place: string | undefined;
        let industry: string | undefined;
        const parents = unit.frames.slice(0, -p.headingPath.length || undefined).join('\n');
        const headingText = p.headingPath.join('\n');
        if (/\bremote\b/i.test(`${label ?? ''}\n${parents}`)) place = 'remote';
        else if (label && PLACE_CONTEXT.test(`${parents}\n${headingText}`) && !COMPANY.test(label))
          place = cleanLabel(label);
        if (label && INDUSTRY_CONTEXT.test(`${parents}\n${headingText}`)) industry = cleanLabel(label);
        else {
          const parenthetical = /\(([^)]*)\)/.exec(label ?? '')?.[1];
          if (parenthetical && COMPANY.test(parenthetical))
            industry = parenthetical.replace(/^e\.g\.,?\s*/i, '');
          else if (label && COMPANY.test(label)) industry = cleanLabel(label);
        }
        // An industry named in the sentence: "at a fintech company … $260,000", "in the healthcare sector".
        if (!industry) {
          const named = INLINE_INDUSTRY.exec(before);
          const words = named?.[1]?.trim();
          if (words && !SIZE_WORDS.test(words)) industry = named![2] ? words : words.replace(/^the /i, '');
        }
        if (!place) {
          const inline = /\b[Ii]n (?:the )?((?:[A-Z][a-z]+|U\.S\.)(?: [A-Z][a-z]+){0,2})/.exec(before);
          if (inline && !/^(The|This|That|According)$/.test(inline[1]!)) place = inline[1]!;
          else if (UNITED_STATES.test(`${before}\n${headingText}`)) place = 'United States';
        }
        if (place && UNITED_STATES.test(place)) place = 'United States';

        const yearMatch = /\b(20\d{2})\b/.exec(`${before}\n${headingText}`);
        const dataSource = DATA_SOURCE.exec(unit.text);
        const figure: Figure = {
          text: unit.text.slice(start, end).replace(/^up to/i, (m) => m[0]!.toUpperCase() + m.slice(1)),
          openEnded,
          unit: HOURLY.test(after) || /\bhourly\b/i.test(`${label ?? ''} ${before}`) ? 'hour' : 'year',
          basis: [...new Set(basis)],
          levels,
          passageId: p.id,
          sourceId: p.sourceId,
        };
        if (low !== undefined) figure.low = low;
        if (high !== undefined) figure.high = high;
        if (place) figure.place = place;
        if (industry) figure.industry = industry;
        const named = (dataSource?.[1] ?? dataSource?.[2])?.replace(/[.,]$/, '');
        const section = sectionSource.get(`${p.sourceId}#${p.headingPath.join('>')}`);
        if (named ?? section) figure.dataSource = (named ?? section)!;
        if (yearMatch) figure.year = Number(yearMatch[1]);
        figures.push(figure);
      }
    }
  }
  return figures;
}
