import type { ChartData, ChartRow, FigureFilter, FigureRow } from '../answers/types.js';
import { LEVELS, spansLadder, type Level } from '../knowledge/types.js';
import { compactAmount, currencyName } from '../knowledge/currencies.js';

export type { ChartData, ChartRow } from '../answers/types.js';

const cap = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

function groupOf(levels: Level[]): { group: string; groupOrder: number } {
  if (!levels.length || spansLadder(levels)) return { group: 'All levels', groupOrder: 0 };
  const sorted = [...levels].sort((a, b) => LEVELS.indexOf(a) - LEVELS.indexOf(b));
  return { group: cap(sorted.join('/')), groupOrder: 1 + LEVELS.indexOf(sorted[0]!) };
}

/** A figure in thousands: "$147k–$182.2k", "$172.7k+", "up to $152.6k" (only a high end given). */
export function shortFigure(
  low: number | undefined,
  high: number | undefined,
  openEnded: boolean,
  currency = 'USD',
): string {
  const plus = openEnded ? '+' : '';
  const short = (n: number) => compactAmount(n, currency);
  if (low === undefined && high !== undefined) return `up to ${short(high)}`;
  if (low === undefined) return '';
  if (high === undefined || high === low) return `${short(low)}${plus}`;
  return `${short(Math.min(low, high))}–${short(Math.max(low, high))}${plus}`;
}

/** What an axis of a currency is titled: "US dollars a year", "Pounds a year". */
export function axisTitle(currency: string): string {
  const name = currencyName(currency);
  return `${name.charAt(0).toUpperCase()}${name.slice(1)} a year`;
}

/** "level: senior · Seattle": what a filter asks, for a chart's title; empty for no filter. */
export function filterName(filter: FigureFilter): string {
  return [filter.level && `${filter.level}`, filter.location, filter.industry].filter(Boolean).join(' · ');
}

/**
 * The range chart of a salary answer's figures: yearly dollar amounts only (an hourly wage or a raise
 * percentage is on another axis, so the text lists it and the chart does not), grouped by level.
 * Within a group, rows keep the comparison's order, so the chart and the table read alike.
 * `allSources` names every source of the knowledge in order, so each keeps one colour on all charts.
 */
export function chartData(
  figures: readonly FigureRow[],
  filter: FigureFilter,
  allSources: readonly string[] = [],
): ChartData {
  const rows: ChartRow[] = [];
  const sources: ChartData['sources'] = [];
  const dataSources = new Map<string, string[]>();
  let leftOut = 0;
  for (const f of figures) {
    const low = f.low ?? f.high;
    const high = f.high ?? f.low;
    // Additional cash (a bonus on top of pay) is not a salary: listed in the table, not drawn among them.
    const extra = f.basis.includes('additional cash');
    if (extra || f.unit !== 'year' || !f.currency || low === undefined || high === undefined || high < 1000) {
      leftOut++;
      continue;
    }
    const source = f.publisher || f.source;
    if (!sources.some((s) => s.name === source)) {
      const known = allSources.indexOf(source);
      sources.push({ name: source, index: known >= 0 ? known : allSources.length + sources.length });
    }
    const named = dataSources.get(source) ?? [];
    if (f.dataSource && !named.includes(f.dataSource)) named.push(f.dataSource);
    dataSources.set(source, named);
    const what = [
      f.basis.join(' ') || null,
      f.place && f.place !== 'United States' ? f.place : null,
      f.industry,
    ]
      .filter(Boolean)
      .join(', ');
    const label = what ? `${source} · ${what}` : source;
    // Properties written out (not spread in): V8 builds a spread-in literal property by property.
    const { group, groupOrder } = groupOf(f.levels);
    rows.push({
      group,
      groupOrder,
      label,
      key: `${rows.length + 1}`,
      source,
      text: f.text,
      short: shortFigure(f.low, f.high, f.openEnded, f.currency),
      currency: f.currency,
      low: Math.min(low, high),
      high: Math.max(low, high),
      openEnded: f.openEnded,
    });
  }
  const currencies = [...new Set(rows.map((r) => r.currency))];
  // Several currencies: each level's heading says which ("Staff · pounds"), one panel per currency.
  if (currencies.length > 1) for (const r of rows) r.group = `${r.group} · ${currencyName(r.currency)}`;
  rows.sort(
    (a, b) => currencies.indexOf(a.currency) - currencies.indexOf(b.currency) || a.groupOrder - b.groupOrder,
  );
  // The legend lists sources in the knowledge's order, the order their colours are given in.
  sources.sort((a, b) => a.index - b.index);
  const credits = [...dataSources].map(([source, named]) =>
    named.length ? `${source} (${named.join(', ')})` : source,
  );
  const named = filterName(filter);
  return {
    title: named ? `Yearly pay · ${named}` : 'Yearly pay of ML engineers, by level',
    rows,
    sources,
    credit: credits.length ? `Sources: ${credits.join(', ')}.` : '',
    leftOut,
    currencies,
  };
}

/** "$96k", "$152.6k", "£60k", "₹18L": an amount as the axis writes it. */
export function inThousands(amount: number, currency = 'USD'): string {
  return compactAmount(amount, currency);
}

/**
 * What the picture shows, in words (its alt text): the title, then each level's span of pay and the
 * sources it comes from, e.g. "Senior: $148.7k to $290k (AiPathly, Dataquest; 4 figures)".
 */
export function describeChart(data: ChartData): string {
  const groups = new Map<string, ChartRow[]>();
  for (const r of data.rows) groups.set(r.group, [...(groups.get(r.group) ?? []), r]);
  const parts = [...groups].map(([group, rows]) => {
    const low = Math.min(...rows.map((r) => r.low));
    const high = Math.max(...rows.map((r) => r.high));
    const sources = [...new Set(rows.map((r) => r.source))].join(', ');
    const short = (n: number) => inThousands(n, rows[0]!.currency);
    const span = low === high ? short(low) : `${short(low)} to ${short(high)}`;
    return `${group}: ${span} (${sources}; ${rows.length} figure${rows.length === 1 ? '' : 's'})`;
  });
  return `Range chart, ${data.title}. ${parts.join('. ')}. ${data.credit}`.trim();
}
