/**
 * The amount tokenizer: money amounts in a text, and the ranges they form ("A to B", "between A and
 * B"). Pure functions of the text; what an amount is about is read elsewhere (figureContext.ts).
 */

/** A dollar amount: "$147,000", "$90k", "Up to $152,601", "$172,654+" (ranges are joined later). */
const AMOUNT =
  /(up to\s+)?(?:\$|\bUS\$|\bUSD\s?)\s?(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d+))?(?:\s*(k|thousand|million|billion|bn)\b)?(\+)?/gi;
/** A dollar amount written with the currency after it: "118,000 USD", "95k dollars", "240,000 US dollars". */
const AMOUNT_AFTER =
  /(up to\s+)?\b(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d+))?(?:\s*(k|thousand|million|billion|bn)\b)?(\+)?\s*(?:USD|US dollars|dollars)\b/gi;
/** What joins two amounts into one range. */
const JOINER = /^\s*(?:to|-|–|—|and|up to)\s*$/i;

/** One amount as written. */
export interface Amount {
  /** Where it starts and ends in the text. */
  index: number;
  end: number;
  /** Written "up to A": a ceiling. */
  upTo: boolean;
  digits: string;
  decimals?: string;
  /** "k", "thousand", "million"…, as written. */
  scale?: string;
  /** Written "A+": a floor. */
  plus: boolean;
}

function amountFrom(m: RegExpExecArray): Amount {
  const a: Amount = { index: m.index, end: m.index + m[0].length, upTo: Boolean(m[1]), digits: m[2]!, plus: Boolean(m[5]) };
  if (m[3] !== undefined) a.decimals = m[3];
  if (m[4] !== undefined) a.scale = m[4];
  return a;
}

/** Every amount in a text, whichever side the currency is written on; in reading order, none overlapping. */
export function amountsIn(text: string): Amount[] {
  const after = [...text.matchAll(AMOUNT_AFTER)].filter((m) => !/^(?:19|20)\d\d$/.test(m[2]!)); // "2024 dollars"
  const all = [...text.matchAll(AMOUNT), ...after].sort((a, b) => a.index - b.index);
  const out: Amount[] = [];
  for (const m of all) {
    const last = out.at(-1);
    if (last && m.index < last.end) continue;
    out.push(amountFrom(m));
  }
  return out;
}

/** An amount's value, its scale applied: "90k" → 90000. */
export function valueOf(a: Pick<Amount, 'digits' | 'decimals' | 'scale'>): number {
  const value = Number(a.digits.replace(/,/g, '') + (a.decimals ? `.${a.decimals}` : ''));
  const s = a.scale?.toLowerCase();
  return (
    value *
    (s === 'k' || s === 'thousand' ? 1e3 : s === 'million' ? 1e6 : s === 'billion' || s === 'bn' ? 1e9 : 1)
  );
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
}

/** The amounts of a text joined into figures: "A to B", "A - B", "between A and B", "from A up to B". */
export function rangesIn(text: string): MoneyRange[] {
  const found = amountsIn(text);
  const out: MoneyRange[] = [];
  let previousEnd = 0;
  for (let i = 0; i < found.length; i++) {
    const first = found[i]!;
    let last = first;
    while (i + 1 < found.length) {
      const next = found[i + 1]!;
      const between = text.slice(last.end, next.index);
      // "from A up to B" is a range too; a lone "Up to B" starts a figure of its own.
      const joined = next.upTo ? /^\s*$/.test(between) : JOINER.test(between);
      if (!joined) break;
      last = next;
      i++;
    }
    // "between A and B" is one range: the figure as written starts at "between".
    const between = last !== first ? /\bbetween\s+$/i.exec(text.slice(previousEnd, first.index)) : null;
    const start = between ? first.index - between[0].length : first.index;
    out.push({ first, last, start, end: last.end, from: previousEnd });
    previousEnd = last.end;
  }
  return out;
}
