/**
 * The amount tokenizer: money amounts in any currency in a text, and the ranges they form ("A to B",
 * "between A and B", "₹6–10 LPA"). Pure functions of the text; what an amount is about is read
 * elsewhere (figureContext.ts).
 */
import { CURRENCIES, SCALE_CURRENCY, currencyOfMark } from './currencies.js';

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const byLength = (a: string, b: string) => b.length - a.length;
/** A sign or code before the amount: codes and signs with letters are not glued to a word before them. */
const MARKS_BEFORE = [...new Set(CURRENCIES.flatMap((c) => c.before))].sort(byLength).map((m) =>
  /^[A-Za-z]/.test(m) ? `(?<![A-Za-z])${escape(m)}` : escape(m),
);
const MARKS_AFTER = [...new Set(CURRENCIES.flatMap((c) => c.after))].sort(byLength).map(escape);
const SCALES = ['thousand', 'million', 'billion', 'bn', 'k', ...Object.keys(SCALE_CURRENCY)].sort(byLength);
/** Digits as written: "147,000", Indian grouping "25,00,000", dots between thousands "70.000", or plain "90". */
const DIGITS = String.raw`\d{1,2}(?:,\d{2})+,\d{3}|\d{1,3}(?:,\d{3})+|\d{1,3}(?:\.\d{3})+(?![\d,]|\.\d)|\d+`;
/**
 * One amount: ["up to "] [sign or code] digits [.decimals] [scale] ["+"] [code or word after].
 * Groups: 1 "up to", 2 mark before, 3 digits, 4 decimals, 5 scale, 6 "+", 7 mark after.
 */
const AMOUNT = new RegExp(
  String.raw`(up to\s+)?(?:(${MARKS_BEFORE.join('|')})\s?)?(?<![\d.,])(${DIGITS})(?:\.(\d+))?(?:\s*(${SCALES.join('|')})\b)?(\+)?(?:\s*(${MARKS_AFTER.join('|')})(?![A-Za-z]))?`,
  'gi',
);
/** What joins two amounts into one range. */
const JOINER = /^\s*(?:to|-|–|—|and|up to)\s*$/i;
/** What joins a bare number to the amount after it: "45–60k EUR", "between 45 and 60k EUR". */
const BARE_JOINER = /^\s*(?:-|–|—|to\b|and\b)/i;

/** One amount as written. */
export interface Amount {
  /** Where it starts and ends in the text. */
  index: number;
  end: number;
  /** Written "up to A": a ceiling. */
  upTo: boolean;
  digits: string;
  decimals?: string;
  /** "k", "thousand", "million", "lakh", "LPA"…, as written. */
  scale?: string;
  /** Written "A+": a floor. */
  plus: boolean;
  /** ISO code of the currency written with it or implied by its scale ("LPA"); none for a bare number. */
  currency?: string;
  /** The sign or code as written ("$", "A$", "GBP"), if any. */
  mark?: string;
}

function amountFrom(m: RegExpExecArray): Amount {
  const a: Amount = {
    index: m.index,
    end: m.index + m[0].length,
    upTo: Boolean(m[1]),
    digits: m[3]!,
    plus: Boolean(m[6]),
  };
  if (m[4] !== undefined) a.decimals = m[4];
  if (m[5] !== undefined) a.scale = m[5];
  const currency = (m[2] && currencyOfMark(m[2])) || (m[7] && currencyOfMark(m[7])) || (m[5] && SCALE_CURRENCY[m[5].toLowerCase()]);
  if (currency) a.currency = currency;
  const mark = m[2] ?? m[7];
  if (mark) a.mark = mark;
  return a;
}

/**
 * Every amount in a text with its currency, in reading order: "$147,000", "£60k", "45k EUR",
 * "₹18 LPA", "12 lakhs", "INR 9,00,000". Numbers without a currency are left out, except `bare`
 * ones just before a joiner (the start of "45–60k EUR"), which `rangesIn` may join to the amount after.
 */
export function amountsIn(text: string, options: { bare?: boolean } = {}): Amount[] {
  const out: Amount[] = [];
  for (const m of text.matchAll(AMOUNT)) {
    const a = amountFrom(m);
    // "2024 dollars" is a year's money, not an amount.
    if (!m[2] && /^(?:19|20)\d\d$/.test(a.digits) && !a.scale) continue;
    if (a.currency || (options.bare && BARE_JOINER.test(text.slice(a.end)))) out.push(a);
  }
  return out;
}

const SCALE_VALUE: Readonly<Record<string, number>> = {
  k: 1e3,
  thousand: 1e3,
  million: 1e6,
  billion: 1e9,
  bn: 1e9,
  lakh: 1e5,
  lakhs: 1e5,
  lac: 1e5,
  lacs: 1e5,
  lpa: 1e5,
  crore: 1e7,
  crores: 1e7,
  cr: 1e7,
};

/** An amount's value, its scale applied: "90k" → 90000, "18 LPA" → 1800000. */
export function valueOf(a: Pick<Amount, 'digits' | 'decimals' | 'scale'>): number {
  return writtenValue(a) * (SCALE_VALUE[a.scale?.toLowerCase() ?? ''] ?? 1);
}

/** The number as written, without its scale. */
function writtenValue(a: Pick<Amount, 'digits' | 'decimals'>): number {
  return Number(a.digits.replace(/[,.]/g, '') + (a.decimals ? `.${a.decimals}` : ''));
}

/** A figure as written: one amount or a range of two, with the text before it since the last figure. */
export interface MoneyRange {
  first: Amount;
  last: Amount;
  /** Where the figure as written starts ("between" included) and ends. */
  start: number;
  end: number;
  /** Where the text that leads to it starts: the end of the figure before it, or 0. */
  from: number;
  /** ISO code of the figure's currency. */
  currency: string;
}

/**
 * The start of a range takes the end's scale when it has none and is smaller written as it is:
 * "₹6–10 LPA" is 6 to 10 lakh, "45–60k" 45k to 60k; "$90,000 to $120k" keeps its own.
 */
function withScaleOf(first: Amount, last: Amount): Amount {
  if (first.scale || !last.scale || first.digits.includes(',')) return first;
  if (writtenValue(first) >= writtenValue(last)) return first;
  return { ...first, scale: last.scale };
}

/** The amounts of a text joined into figures: "A to B", "A - B", "between A and B", "from A up to B". */
export function rangesIn(text: string): MoneyRange[] {
  const found = amountsIn(text, { bare: true });
  const out: MoneyRange[] = [];
  let previousEnd = 0;
  for (let i = 0; i < found.length; i++) {
    let first = found[i]!;
    let last = first;
    while (i + 1 < found.length) {
      const next = found[i + 1]!;
      const between = text.slice(last.end, next.index);
      // "from A up to B" is a range too; a lone "Up to B" starts a figure of its own.
      const joined = next.upTo ? /^\s*$/.test(between) : JOINER.test(between);
      const currency = last.currency ?? first.currency;
      if (!joined || (currency && next.currency && next.currency !== currency) || (!next.currency && !currency)) break;
      last = next;
      i++;
    }
    const currency = first.currency ?? last.currency;
    if (!currency) continue; // a bare number no amount follows
    if (last !== first) first = withScaleOf(first, last);
    // "between A and B" is one range: the figure as written starts at "between".
    const between = last !== first ? /\bbetween\s+$/i.exec(text.slice(previousEnd, first.index)) : null;
    const start = between ? first.index - between[0].length : first.index;
    out.push({ first, last, start, end: last.end, from: previousEnd, currency });
    previousEnd = last.end;
  }
  return out;
}
