import { axisTitle, inThousands, type ChartData, type ChartRow } from './chartData.js';
import { axisOf } from './chartSpec.js';

/** ANSI colours in the order of the picture's palette (blue, orange, green, purple, red, teal). */
const ANSI = ['34', '33', '32', '35', '31', '36', '37'];

const paint = (on: boolean, code: string, text: string) => (on ? `\x1b[${code}m${text}\x1b[0m` : text);

/** Cuts a label to `max` characters with an ellipsis. */
function fit(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, Math.max(0, max - 1))}…`;
}

/** The narrowest a plot may be and still say something. */
const MIN_PLOT = 16;

/**
 * The range chart for a terminal, in Unicode: a row per figure (label, bar from low to high, ● for
 * a single amount, ▶ where the source says "+", the figure in thousands), grouped by level, on one
 * axis per currency with round ticks, fitted to `width` columns. Empty when the terminal is too narrow to
 * draw a useful plot.
 */
export function terminalChart(data: ChartData, width: number, color: boolean): string[] {
  if (!data.rows.length) return [];
  const valueWidth = Math.max(...data.rows.map((r) => r.short.length)) + 2;
  const labelWidth = Math.min(
    Math.max(...data.rows.map((r) => r.label.length)),
    Math.max(12, Math.floor(width * 0.34)),
  );
  const indent = 2;
  const plotWidth = width - indent - labelWidth - 1 - valueWidth;
  if (plotWidth < MIN_PLOT) return [];
  const colorOf = (r: ChartRow) => {
    const index = data.sources.find((s) => s.name === r.source)?.index ?? 0;
    return ANSI[index % ANSI.length]!;
  };

  const out = [paint(color, '1', data.title)];
  const legend = data.sources.map((s) => paint(color, ANSI[s.index % ANSI.length]!, `■ ${s.name}`));
  out.push(`${' '.repeat(indent)}${legend.join('  ')}`);
  // Each currency on its own axis: amounts in two currencies are never on one scale.
  const currencies = data.currencies.length
    ? data.currencies
    : [...new Set(data.rows.map((r) => r.currency))];
  for (const currency of currencies) {
    const rows = data.rows.filter((r) => r.currency === currency);
    const { domain, ticks } = axisOf(rows);
    const column = (amount: number) =>
      Math.round(((amount - domain[0]) / (domain[1] - domain[0])) * (plotWidth - 1));
    let group = '';
    for (const r of rows) {
      if (r.group !== group) {
        group = r.group;
        out.push(paint(color, '1', r.group));
      }
      const cells = Array.from({ length: plotWidth }, () => ' ');
      const from = column(r.low);
      const to = column(r.high);
      if (r.low === r.high) cells[from] = r.openEnded ? '▶' : '●';
      else {
        for (let c = from; c <= to; c++) cells[c] = '━';
        if (r.openEnded) cells[to] = '▶';
      }
      const end = Math.max(from, to) + 1;
      const bar = cells.slice(0, end).join('');
      const after = `${cells.slice(end).join('')} `;
      // The figure follows its bar; what is left of the plot pads the line.
      const value = ` ${r.short}`;
      const rest = after.length > value.length ? value + ' '.repeat(after.length - value.length) : value;
      out.push(
        `${' '.repeat(indent)}${fit(r.label, labelWidth).padEnd(labelWidth)} ${paint(color, colorOf(r), bar)}${rest}`.trimEnd(),
      );
    }
    // The axis: a rule with a tick under every round amount, labels where they fit without touching.
    const left = ' '.repeat(indent + labelWidth + 1);
    const rule = Array.from({ length: plotWidth }, () => '─');
    const labels = Array.from({ length: plotWidth + valueWidth }, () => ' ');
    let free = 0;
    for (const t of ticks) {
      const c = column(t);
      rule[c] = '┬';
      const text = inThousands(t, currency);
      const start = Math.max(0, Math.min(c - Math.floor(text.length / 2), labels.length - text.length));
      if (start < free) continue;
      for (let i = 0; i < text.length; i++) labels[start + i] = text[i]!;
      free = start + text.length + 1;
    }
    out.push(
      paint(color, '2', `${left}${rule.join('')}`),
      paint(color, '2', `${left}${labels.join('')}`.trimEnd()),
      paint(color, '2', `${left}${axisTitle(currency)}`),
    );
  }
  for (const line of wrap(data.credit, width)) out.push(paint(color, '2', line));
  return out;
}

/** Words of a line wrapped at `width` columns. */
function wrap(text: string, width: number): string[] {
  const lines: string[] = [];
  let current = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    if (current && current.length + 1 + word.length > width) {
      lines.push(current);
      current = word;
    } else current = current ? `${current} ${word}` : word;
  }
  if (current) lines.push(current);
  return lines;
}
