import { axisTitle, type ChartData } from './chartData.js';
import { currencySign } from '../knowledge/currencies.js';

/**
 * The range chart as a Vega-Lite spec: one row per figure, a bar from low to high (a dot for a single
 * amount, an arrow where the source says "+"), rows grouped by level in facets that share one dollar
 * axis, coloured by source, the figure as written beside its bar.
 *
 * Sizes are in CSS pixels for the width Discord shows an embed image at (about 400 px on a phone,
 * up to 520 on a desktop); the PNG is drawn at twice that for sharp text.
 */
export const CHART_WIDTH = 480;
/** Bars' area inside the chart (the rest holds row labels and the figures as written). */
const PLOT_WIDTH = 200;
const ROW_STEP = 18;

import { colorOf } from '../answers/sourceColors.js';
export { SOURCE_COLORS, colorOf } from '../answers/sourceColors.js';

export const CHART_THEME = {
  background: '#ffffff',
  text: '#23262b',
  muted: '#5c6370',
  grid: '#e3e5e8',
  font: 'DejaVu Sans',
} as const;

/** Tick steps that read as round amounts of dollars. */
const STEPS = [
  5_000, 10_000, 20_000, 25_000, 50_000, 100_000, 200_000, 250_000, 500_000, 1e6, 2e6, 2.5e6, 5e6, 1e7, 2e7,
  2.5e7, 5e7, 1e8, 1e9, 1e10,
];
/** At most this many steps along the axis, so tick labels never crowd. */
const MAX_INTERVALS = 5;

/**
 * The dollar axis: from the lowest to the highest figure, widened to whole ticks of the finest
 * round step that gives at most six of them ($50k, $100k, $150k…), so no label hides another.
 */
export function axisOf(rows: ChartData['rows']): { domain: [number, number]; ticks: number[] } {
  const lo = Math.min(...rows.map((r) => r.low));
  const hi = Math.max(...rows.map((r) => r.high));
  const around = (step: number): [number, number] => {
    let start = Math.floor(lo / step) * step;
    let end = Math.ceil(hi / step) * step;
    // Keep a little room on both ends so a dot is never cut by the edge of the plot.
    if (lo - start < step * 0.1) start -= step;
    if (end - hi < step * 0.1) end += step;
    return [Math.max(0, start), end];
  };
  const step = STEPS.find((s) => {
    const [start, end] = around(s);
    return (end - start) / s <= MAX_INTERVALS;
  })!;
  const [start, end] = around(step);
  const ticks: number[] = [];
  for (let t = start; t <= end + 1e-6; t += step) ticks.push(t);
  return { domain: [start, end], ticks };
}

/** About how wide a one-row legend of these names is, in CSS pixels (11 px DejaVu Sans, a square, padding). */
function legendWidth(names: readonly string[]): number {
  return names.reduce((w, n) => w + n.length * 6.8 + 16 + 14, 0);
}

/** Opacity 1 where the test holds, 0 elsewhere. */
const shown = (test: string) => ({ condition: { test, value: 1 }, value: 0 });

/** How an axis labels its ticks in a currency: "$100k", "£60k", "₹10L" (Vega expression). */
function tickLabel(currency: string): string {
  const [unit, letter] = currency === 'INR' ? [1e5, 'L'] : [1e3, 'k'];
  return `${JSON.stringify(currencySign(currency))} + format(datum.value / ${unit}, ',') + '${letter}'`;
}

export function chartSpec(data: ChartData): Record<string, unknown> {
  const rows = data.rows.map((r) => ({
    ...r,
    // The y field: unique per row; its label is the part before "|".
    row: `${r.label}|${r.key}`,
    single: r.low === r.high,
  }));
  const currencies = data.currencies.length ? data.currencies : ['USD'];
  // One panel per currency, each on its own axis: amounts in two currencies are never on one scale.
  const panels = currencies.map((currency) =>
    panel(
      rows.filter((r) => r.currency === currency),
      data,
      currency,
    ),
  );
  const layout =
    panels.length === 1
      ? { data: { values: rows }, ...panels[0] }
      : {
          vconcat: panels.map((p, i) => ({
            data: { values: rows.filter((r) => r.currency === currencies[i]) },
            ...p,
          })),
          spacing: 16,
          resolve: { scale: { color: 'shared' }, legend: { color: 'shared' } },
        };
  return { ...frame(data), ...layout };
}

/** The chart's title, padding and theme, shared by every panel. */
function frame(data: ChartData): Record<string, unknown> {
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    background: CHART_THEME.background,
    padding: { left: 10, right: 10, top: 10, bottom: 10 },
    title: {
      text: data.title,
      subtitle: data.credit,
      anchor: 'start',
      fontSize: 15,
      subtitleFontSize: 10.5,
      subtitleColor: CHART_THEME.muted,
      subtitlePadding: 3,
      offset: 8,
    },
    config: {
      font: CHART_THEME.font,
      view: { stroke: null },
      axis: {
        labelFontSize: 10.5,
        titleFontSize: 10,
        labelColor: CHART_THEME.text,
        gridColor: CHART_THEME.grid,
        domainColor: CHART_THEME.grid,
        tickColor: CHART_THEME.grid,
      },
      legend: { labelColor: CHART_THEME.text },
      header: { labelColor: CHART_THEME.text },
      title: { color: CHART_THEME.text },
    },
  };
}

/** One currency's rows, faceted by level on that currency's own axis. */
function panel(rows: ChartData['rows'], data: ChartData, currency: string): Record<string, unknown> {
  const axis = axisOf(rows);
  const y = {
    field: 'row',
    type: 'nominal',
    sort: null,
    axis: {
      title: null,
      labelExpr: "split(datum.value, '|')[0]",
      labelLimit: 190,
      ticks: false,
      domain: false,
      labelPadding: 6,
    },
  };
  const x = {
    field: 'low',
    type: 'quantitative',
    scale: { domain: axis.domain, nice: false, zero: false },
    axis: {
      title: axisTitle(currency),
      titleFontWeight: 'normal',
      titleColor: CHART_THEME.muted,
      labelExpr: tickLabel(currency),
      values: axis.ticks,
      // A narrow panel (long labels, several currencies) drops a tick label rather than overlap two.
      labelOverlap: true,
      labelSeparation: 8,
      grid: true,
    },
  };
  const color = {
    field: 'source',
    type: 'nominal',
    scale: { domain: data.sources.map((s) => s.name), range: data.sources.map((s) => colorOf(s.index)) },
    legend: {
      title: null,
      orient: 'top',
      direction: 'horizontal',
      symbolType: 'square',
      labelFontSize: 11,
      columnPadding: 14,
      // A legend wider than the chart would set its width and squeeze the bars: two columns then.
      ...(legendWidth(data.sources.map((s) => s.name)) > CHART_WIDTH - 20 ? { columns: 2 } : {}),
    },
  };
  return {
    facet: {
      row: {
        field: 'group',
        type: 'nominal',
        sort: { field: 'groupOrder', op: 'min' },
        header: {
          title: null,
          labelAngle: 0,
          labelOrient: 'top',
          labelAnchor: 'start',
          labelAlign: 'left',
          labelFontWeight: 'bold',
          labelFontSize: 11,
          labelPadding: 2,
        },
      },
    },
    spacing: 8,
    resolve: { scale: { y: 'independent' } },
    spec: {
      width: PLOT_WIDTH,
      height: { step: ROW_STEP },
      layer: [
        // One data source for every layer (what a row shows is decided by opacity, not by a filter),
        // so Vega-Lite can size the facets from one table.
        {
          mark: { type: 'rule', strokeWidth: 7, strokeCap: 'butt' },
          encoding: { y, x, x2: { field: 'high' }, color, opacity: shown('!datum.single') },
        },
        {
          mark: { type: 'point', filled: true, size: 70 },
          encoding: { y, x, color, opacity: shown('datum.single && !datum.openEnded') },
        },
        {
          // "+": the source gives a floor; an arrow at the end says the range goes on.
          mark: { type: 'point', shape: 'triangle-right', filled: true, size: 80 },
          encoding: { y, x: { ...x, field: 'high' }, color, opacity: shown('datum.openEnded') },
        },
        {
          mark: { type: 'text', align: 'left', baseline: 'middle', fontSize: 10 },
          encoding: {
            y,
            x: { ...x, field: 'high' },
            xOffset: { condition: { test: 'datum.openEnded', value: 10 }, value: 7 },
            text: { field: 'short' },
            color: { value: CHART_THEME.muted },
          },
        },
      ],
    },
  };
}
