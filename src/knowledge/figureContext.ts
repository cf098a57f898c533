/**
 * What a figure is about, read from the words around it: each step is a pure function of the text
 * before and after the figure, its item's label, the lines that frame it and its section's headings.
 */
import type { Classifier } from './classify.js';
import type { Figure, Level, Passage } from './types.js';
import { cleanLabel, type Unit } from './figureUnits.js';

/** Where a figure stands: the words around it and the lines that frame it. */
export interface FigureContext {
  /** The text from the previous figure (or the clause's start) to this one. */
  before: string;
  /** Up to 40 characters after it. */
  after: string;
  /** Its item's label ("Seattle" in "Seattle: $147,000"), if any. */
  label?: string | undefined;
  /** Parent items, lead-in and column names: the frames that are not headings, nearest first. */
  parents: string[];
  /** The section's headings, outermost first. */
  headingPath: readonly string[];
}

/** Money that is not pay: market sizes, revenue, funding. */
const NOT_PAY = /\b(market|revenue|valuation|funding|raised|investment|industry size|cagr)\b/i;

/** Whether an amount is pay rather than a market size, a revenue or a funding round. */
export function isPay(ctx: FigureContext, scale: string | undefined): boolean {
  return !(
    /million|billion|bn/i.test(scale ?? '') ||
    NOT_PAY.test(`${ctx.before} ${ctx.after}`) ||
    NOT_PAY.test(ctx.parents[0] ?? '')
  );
}

const HOURLY = /^\s*(?:per hour|an hour|\/\s?h(?:ou)?r|hourly)\b/i;

/** The period a figure is paid per: "$41.21 per hour", "hourly wage: $41.21"; else a year. */
export function periodOf(ctx: FigureContext): Figure['unit'] {
  return HOURLY.test(ctx.after) || /\bhourly\b/i.test(`${ctx.label ?? ''} ${ctx.before}`) ? 'hour' : 'year';
}

const BASIS_WORDS: Array<[RegExp, string]> = [
  [/\badditional cash\b|\bbonus(?:es)?\b/i, 'additional cash'],
  [/\bmedian\b/i, 'median'],
  [/\baverage\b|\bavg\b/i, 'average'],
  [/\bbase\b/i, 'base'],
  [/\btotal\b/i, 'total'],
];

/** What a figure measures (median, average, base, total, additional cash): the nearest words that say. */
export function basisOf(ctx: FigureContext): string[] {
  const named = (text: string) => BASIS_WORDS.filter(([re]) => re.test(text)).map(([, b]) => b);
  let basis = named(ctx.before);
  // "$139k median base": the words right after the figure, up to the clause's end.
  if (!basis.length) basis = named(/^[^,;.(]*/.exec(ctx.after)?.[0] ?? '');
  if (!basis.length) basis = named(`${ctx.label ?? ''} ${[...ctx.parents, ...[...ctx.headingPath].reverse()].join(' ')}`);
  return [...new Set(basis)];
}

/**
 * The levels a figure is about: the nearest words that name one (before it, its label, its frames),
 * else the clause before it read as a question would be, else the headings when they name one level.
 */
export function levelsOf(ctx: FigureContext, classifier: Classifier): Level[] {
  for (const text of [ctx.before, ctx.label ?? '', ...ctx.parents]) {
    const found = [...classifier.levelsOfText(text)];
    if (found.length) return found;
  }
  // The clause leading to the figure may name its people as a question would ("new graduates
  // reported…", "engineers with five or more years…", "staff-level engineers…"): its own words
  // are close enough to be read with the looser question phrases.
  const asked = [...new Set(classifier.levelsAsked(classifier.wordsOf(ctx.before), ctx.before).map((m) => m.level))];
  if (asked.length) return asked;
  // Else the section's headings; never the passage's other items (a list mixes levels).
  const fromHeadings = [...classifier.levelsOfText(ctx.headingPath.join('\n'))];
  return fromHeadings.length === 1 ? fromHeadings : [];
}

const PLACE_CONTEXT = /\b(locations?|cit(?:y|ies)|hubs?|regions?|metros?|states?|countries|remote)\b/i;
const INDUSTRY_CONTEXT = /\bindustr(?:y|ies)\b|\bsectors?\b/i;
const COMPANY = /\b(compan(?:y|ies)|startups?|firms?|faang|enterprises?|corporations?)\b/i;
/** "at a fintech company", "for AI startups", "in the healthcare industry": the words before the kind of company. */
const INLINE_INDUSTRY =
  /\b(?:at|in|for|with|within)\s+(?:an?\s+|the\s+)?((?:[A-Za-z][\w&-]*\s+){0,2}?[A-Za-z][\w&-]*)\s+(?:(compan(?:y|ies)|firms?|startups?|businesses)|industry|sector)\b/i;
/** Words about a company's size or standing, not its industry ("at a large company"). */
const SIZE_WORDS =
  /^(?:large|small|big|bigger|major|larger|smaller|mid-?sized?|medium|established|leading|private|public|many|most|some|other|any|every|each|your|their|this|that)$/i;
const UNITED_STATES = /\b(?:U\.S\.(?:A\.)?|USA|US|United States)(?!\w)/;

/** Where a figure's pay is: a label framed as a place, remote work, "in Seattle", or the United States. */
export function placeOf(ctx: FigureContext): string | undefined {
  const { label, before } = ctx;
  const parents = ctx.parents.join('\n');
  const headingText = ctx.headingPath.join('\n');
  let place: string | undefined;
  if (/\bremote\b/i.test(`${label ?? ''}\n${parents}`)) place = 'remote';
  else if (label && PLACE_CONTEXT.test(`${parents}\n${headingText}`) && !COMPANY.test(label))
    place = cleanLabel(label);
  if (!place) {
    const inline = /\b[Ii]n (?:the )?((?:[A-Z][a-z]+|U\.S\.)(?: [A-Z][a-z]+){0,2})/.exec(before);
    if (inline && !/^(The|This|That|According)$/.test(inline[1]!)) place = inline[1]!;
    else if (UNITED_STATES.test(`${before}\n${headingText}`)) place = 'United States';
  }
  if (place && UNITED_STATES.test(place)) place = 'United States';
  return place;
}

/** The industry or kind of company a figure's pay is at: a label framed as one, or named in the sentence. */
export function industryOf(ctx: FigureContext): string | undefined {
  const { label, before } = ctx;
  const framing = `${ctx.parents.join('\n')}\n${ctx.headingPath.join('\n')}`;
  let labelled: string | undefined;
  if (label && INDUSTRY_CONTEXT.test(framing)) labelled = cleanLabel(label);
  else {
    const parenthetical = /\(([^)]*)\)/.exec(label ?? '')?.[1];
    if (parenthetical && COMPANY.test(parenthetical)) labelled = parenthetical.replace(/^e\.g\.,?\s*/i, '');
    else if (label && COMPANY.test(label)) labelled = cleanLabel(label);
  }
  if (labelled) return labelled;
  // An industry named in the sentence: "at a fintech company … $260,000", "in the healthcare sector".
  const named = INLINE_INDUSTRY.exec(before);
  const words = named?.[1]?.trim();
  if (words && !SIZE_WORDS.test(words)) return named![2] ? words : words.replace(/^the /i, '');
  return undefined;
}

/** The year a figure is from: one named before it or in its headings. */
export function yearOf(before: string, headingPath: readonly string[]): number | undefined {
  const m = /\b(20\d{2})\b/.exec(`${before}\n${headingPath.join('\n')}`);
  return m ? Number(m[1]) : undefined;
}

const DATA_SOURCE =
  /\b(?:[Aa]ccording to|[Ss]ourced from|[Dd]ata from|[Rr]eported by)\s+(?:available\s+)?((?:[A-Z][\w*.&-]*)(?:\s+(?:[A-Z][\w*.&-]*|Online))*)|\b([A-Z][\w*.&-]+) data\b/;

/** A data source a text names: "according to Glassdoor", "Data sourced from O*NET Online", "Levels.fyi data". */
export function sourceNamedIn(text: string): string | undefined {
  const m = DATA_SOURCE.exec(text);
  return (m?.[1] ?? m?.[2])?.replace(/[.,]$/, '');
}

const sectionKey = (p: Pick<Passage, 'sourceId' | 'headingPath'>) => `${p.sourceId}#${p.headingPath.join('>')}`;

/** The data source named first in each section: it covers the section's figures. */
export function sectionSources(passages: readonly Passage[]): (p: Passage) => string | undefined {
  const sources = new Map<string, string>();
  for (const p of passages) {
    const name = sourceNamedIn(p.text);
    const key = sectionKey(p);
    if (name && !sources.has(key)) sources.set(key, name);
  }
  return (p) => sources.get(sectionKey(p));
}

/** A raise as a percentage: "3-5%", "20-30%+", "15–25%". */
const PERCENT = /(\d+(?:\.\d+)?)(?:%?\s*(?:-|–|—|to)\s*(\d+(?:\.\d+)?))?\s*%(\+)?/g;
const RAISE = /\b(raises?|increases?|jumps?|bumps?|hikes?)\b/i;
const PAY = /\b(salar(?:y|ies)|pay|compensation|earnings?|wages?)\b/i;

/** A raise in percent, before the passage's ids are added. */
export type Raise = Pick<Figure, 'text' | 'low' | 'high' | 'openEnded' | 'levels'>;

/** Raises as percentages, where the line speaks of a raise and the line or its frames of pay. */
export function raisesIn(unit: Unit, classifier: Classifier): Raise[] {
  if (!RAISE.test(unit.text) || !PAY.test([unit.text, ...unit.frames].join('\n')) || NOT_PAY.test(unit.text))
    return [];
  return [...unit.text.matchAll(PERCENT)].map((m) => ({
    text: m[0],
    low: Number(m[1]),
    high: Number(m[2] ?? m[1]),
    openEnded: Boolean(m[3]),
    levels: [...classifier.levelsOfText(unit.text.slice(0, m.index))],
  }));
}
