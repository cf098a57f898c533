import type { Figure } from '../knowledge/types.js';

/** " per hour", " per day", " per month" after a figure; nothing for a year (the usual) or a raise. */
export function perPeriod(unit: Figure['unit'], short = false): string {
  if (unit === 'hour') return short ? ' per hr' : ' per hour';
  if (unit === 'day') return ' per day';
  if (unit === 'month') return short ? ' per mo' : ' per month';
  return '';
}

/** A figure's currency as a reply names it beside the figure: its ISO code, except for US dollars (the "$" says it). */
export function currencyTag(f: Pick<Figure, 'currency'>): string | null {
  return f.currency && f.currency !== 'USD' ? f.currency : null;
}
