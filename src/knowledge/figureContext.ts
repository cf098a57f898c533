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
  /** The figure's own clause after it, up to the next figure or the clause's end: "… for freshers". */
  trailing?: string;
  /** The unit's text before the figure, from its start: the sentence that leads to it. */
  sentence?: string;
}

/** What the knowledge knows about a capitalised name, for places a sentence names. */
export interface PlaceNames {
  /** A place in English ("London", "Bangalore"). */
  isPlace(name: string): boolean;
  /** A name no common word shares ("Pune", "Cambridge"): a place where the section is about places. */
  isRareName(name: string): boolean;
}

/** No place names known: the rules that need none still apply. */
export const NO_PLACE_NAMES: PlaceNames = { isPlace: () => false, isRareName: () => false };

/** Money that is not pay: market sizes, revenue, funding. */
const NOT_PAY = /\b(market|revenue|valuation|funding|raised|investment|industry size|cagr|budgets?|nearest|rebate|exemption|threshold)\b/i;

/** Whether an amount is pay rather than a market size, a revenue or a funding round. */
export function isPay(ctx: FigureContext, scale: string | undefined): boolean {
  return !(
    /million|billion|bn/i.test(scale ?? '') ||
    NOT_PAY.test(`${ctx.before} ${ctx.after}`) ||
    NOT_PAY.test(ctx.parents[0] ?? '')
  );
}

const PERIOD_AFTER: Array<[RegExp, Figure['unit']]> = [
  [/^\s*(?:per hour|an hour|\/\s?h(?:ou)?r|hourly|p\/h)\b/i, 'hour'],
  [/^\s*(?:per day|a day|\/\s?day|daily)\b/i, 'day'],
  [/^\s*(?:per month|a month|\/\s?mo(?:nth)?|monthly)\b/i, 'month'],
];
const PERIOD_BEFORE: Array<[RegExp, Figure['unit']]> = [
  [/\bhourly\b/i, 'hour'],
  [/\bday rates?\b|\bdaily rates?\b/i, 'day'],
  [/\bmonthly\b/i, 'month'],
];

/**
 * The period a figure is paid per: the words right after it ("$41.21 per hour", "£550 a day",
 * "₹85,000 per month"), else its label or the words before it ("hourly wage: $41.21"); else a
 * year ("per annum", "LPA" and most salaries).
 */
export function periodOf(ctx: FigureContext, scale?: string): Figure['unit'] {
  if (scale?.toLowerCase() === 'lpa') return 'year';
  for (const [re, unit] of PERIOD_AFTER) if (re.test(ctx.after)) return unit;
  for (const [re, unit] of PERIOD_BEFORE) if (re.test(`${ctx.label ?? ''} ${ctx.before}`)) return unit;
  return 'year';
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
  return readLevels(ctx, classifier).levels;
}

/** Where a figure's levels were read: near it, in the words after it, in the headings, or nowhere. */
export type LevelEvidence = 'near' | 'after' | 'headings' | 'none';

/** A figure's levels and where they were read ("after" and "headings" say less about its passage). */
export function readLevels(ctx: FigureContext, classifier: Classifier): { levels: Level[]; from: LevelEvidence } {
  const asked = (text: string) => [
    ...new Set(classifier.levelsAsked(classifier.wordsOf(text), text).map((m) => m.level)),
  ];
  const tagged = (text: string) => [...classifier.levelsOfText(text)];
  // A title names a level in a word or two, as a question would: the column a table cell is in
  // ("Lead median: £115,000"), an item's label ("Graduate: £35,000").
  const column = /([^·:]{1,40}):\s*$/.exec(ctx.before)?.[1] ?? '';
  for (const found of [
    // A row's or item's label names its level before its other cells do ("Lead: 8+ years · $210k").
    () => asked(ctx.label ?? ''),
    () => tagged(ctx.before),
    () => asked(column),
    ...ctx.parents.map((text) => () => tagged(text)),
  ]) {
    const levels = found();
    if (levels.length) return { levels, from: 'near' };
  }
  // The clause leading to the figure may name its people as a question would ("new graduates
  // reported…", "engineers with five or more years…", "staff-level engineers…"): its own words
  // are close enough to be read with the looser question phrases.
  const near = asked(ctx.before);
  if (near.length) return { levels: near, from: 'near' };
  // "… £550 a day was the most common rate for a senior engineer", "₹5–9 LPA to freshers": the
  // figure's own clause after it.
  const after = asked(ctx.trailing ?? '');
  if (after.length) return { levels: after, from: 'after' };
  // Else the section's headings; never the passage's other items (a list mixes levels).
  const fromHeadings = [...classifier.levelsOfText(ctx.headingPath.join('\n'))];
  return fromHeadings.length === 1 ? { levels: fromHeadings, from: 'headings' } : { levels: [], from: 'none' };
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

/** Capitalised names: "London", "New York City", "Gurgaon". */
const NAME = /\b[A-Z][a-z]+(?: [A-Z][a-z]+){0,2}\b/g;

/**
 * Where a figure's pay is: a label framed as a place, remote work, "in Seattle", a place the
 * sentence names before it ("Edinburgh salaries are lower, with … £52,000"), the name a sentence
 * starts with in a section about places ("Pune pays a little less, around ₹6–10 LPA"), the United
 * States, or "in London" right after it.
 */
export function placeOf(ctx: FigureContext, names: PlaceNames = NO_PLACE_NAMES): string | undefined {
  const { label, before } = ctx;
  const parents = ctx.parents.join('\n');
  const headingText = ctx.headingPath.join('\n');
  const placeSection = PLACE_CONTEXT.test(`${parents}\n${headingText}`);
  let place: string | undefined;
  if (/\bremote\b/i.test(`${label ?? ''}\n${parents}`)) place = 'remote';
  else if (label && placeSection && !COMPANY.test(label)) place = placeLabel(cleanLabel(label), names);
  if (!place) {
    const inline = /\b[Ii]n (?:the )?((?:[A-Z][a-z]+|U\.S\.)(?: [A-Z][a-z]+){0,2})/.exec(before);
    if (inline && !/^(The|This|That|According)$/.test(inline[1]!)) place = inline[1]!;
    else place = namedPlace(ctx, names, placeSection);
    // "my base salary as a remote machine learning engineer is $146,000".
    if (!place && /\bremote\b/i.test(before)) place = 'remote';
    if (!place && UNITED_STATES.test(`${before}\n${headingText}`)) place = 'United States';
    if (!place) {
      const after = /^[^,;.]*?\bin ((?:[A-Z][a-z]+)(?: [A-Z][a-z]+){0,2})/.exec(ctx.trailing ?? '');
      if (after && names.isPlace(after[1]!)) place = after[1]!;
    }
  }
  if (place && UNITED_STATES.test(place)) place = 'United States';
  return place;
}

/**
 * A label in a section about places is a place when it is a name ("Austin", "San Francisco Bay
 * Area"); else it is a sentence's lead ("Sydney pays the most: … $190k"), whose place is the place it names.
 */
function placeLabel(label: string, names: PlaceNames): string | undefined {
  if (/^[A-Z][\w.'’-]*(?:,? (?:[A-Z][\w.'’-]*|of|and|the|&))*$/.test(label)) return label;
  for (const m of label.matchAll(NAME)) if (names.isPlace(m[0])) return m[0];
  return undefined;
}

/** Words that say a place is not where the pay is: "outside London", "away from the capital". */
const NOT_THERE = /\b(?:outside(?: of)?|beyond|except|excluding|away from|compared (?:to|with)|than)\s+(?:the\s+)?$/i;

/**
 * A place the sentence names before the figure: its first name that is a place, or, where the section
 * is about places, the rare name it starts with ("Cambridge sits closest to London, with … £88,000").
 */
function namedPlace(ctx: FigureContext, names: PlaceNames, placeSection: boolean): string | undefined {
  const startsSentence = (ctx.sentence ?? ctx.before).trim() === ctx.before.trim();
  for (const m of ctx.before.matchAll(NAME)) {
    if (NOT_THERE.test(ctx.before.slice(0, m.index))) continue;
    const first = startsSentence && ctx.before.slice(0, m.index).trim() === '';
    if (first && placeSection) {
      // "Gurgaon and Noida sit close to Hyderabad": the names the sentence is about.
      const both = new RegExp(`^${m[0]}(?: (?:and|or) [A-Z][a-z]+)?`).exec(ctx.before.slice(m.index))![0];
      if (both.split(/ (?:and|or) /).every((n) => names.isPlace(n) || names.isRareName(n))) return both;
    }
    if (names.isPlace(m[0])) return m[0];
  }
  return undefined;
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
const RAISE = /\b(raises?|rises?|increases?|jumps?|bumps?|hikes?|uplifts?)\b/i;
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
