import { currencyTag, perPeriod } from '../answers/figureText.js';
import type { Answer, FigureRow, Result } from '../answers/types.js';
import { terminalChart } from '../chart/terminalChart.js';

export interface TerminalStyle {
  color: boolean;
  width: number;
  /** How to see the next passages, when there are more ("Type /more…" in the console). */
  moreHint?: (nextOffset: number) => string;
}

const paint = (on: boolean, code: string, text: string) => (on ? `\x1b[${code}m${text}\x1b[0m` : text);

/** Wraps one line of text at `width`, keeping a list marker's hanging indent. */
export function wrapLine(line: string, width: number, indent: string): string[] {
  const lead = /^(\s*(?:[-*•]|\d+\.)\s+|\s*)/.exec(line)?.[0] ?? '';
  const hang = indent + ' '.repeat(lead.length);
  const words = line.slice(lead.length).split(/\s+/).filter(Boolean);
  const out: string[] = [];
  let current = indent + lead;
  for (const word of words) {
    if (current.trim() && current.length + 1 + word.length > width) {
      out.push(current.replace(/\s+$/, ''));
      current = hang + word;
    } else {
      current += (/\s$/.test(current) || !current.trim() ? '' : ' ') + word;
    }
  }
  out.push(current.replace(/\s+$/, ''));
  return out;
}

/** Markdown emphasis is for Discord; in a terminal the words alone read better (an autolink `<https://…>` as its link). */
function plain(text: string): string {
  return text
    .replace(/\*\*([^*]+)\*\*/g, '$1')
    .replace(/(^|\s)_([^_]+)_(?=\s|$)/g, '$1$2')
    .replace(/<((?:https?:\/\/|mailto:)[^\s<>]+)>/g, '$1');
}

/** "Title (Publisher)", without repeating a publisher the title already names ("Dataquest: …"). */
export function sourceName(title: string, publisher: string): string {
  return publisher && !title.toLowerCase().includes(publisher.toLowerCase())
    ? `${title} (${publisher})`
    : title;
}

function renderResult(r: Result, n: number, style: TerminalStyle): string[] {
  // The passage's number stands alone on its first line, so a quoted numbered list keeps its own
  // numbers ("[1]" then "3. Senior/Experienced", not "1. 3. Senior/Experienced").
  const lines: string[] = [];
  const body = plain(r.text).split('\n');
  body.forEach((line, i) => {
    const wrapped = wrapLine(line, style.width, '    ');
    if (i === 0) wrapped[0] = paint(style.color, '1', `[${n}]`.padStart(3)) + ' ' + wrapped[0]!.slice(4);
    lines.push(...wrapped);
  });
  const where = [sourceName(r.title, r.publisher), r.heading].filter(Boolean).join(' › ');
  lines.push(
    ...wrapLine(`— ${where}${r.url ? ` <${r.url}>` : ''}`, style.width, '    ').map((l) =>
      paint(style.color, '2', l),
    ),
  );
  return lines;
}

/**
 * The salary comparison as an aligned table: the figure exactly as written in the first column (never
 * cut), then basis, level, place or industry, source and passage, wrapped under it when narrow.
 */
function figureTable(figures: FigureRow[], style: TerminalStyle): string[] {
  const first = Math.max(...figures.map((f) => f.text.length + perPeriod(f.unit, true).length));
  const indent = ' '.repeat(2 + first + 2);
  const out = [paint(style.color, '1', 'Salary at a glance')];
  for (const f of figures) {
    const details = [
      [f.basis.join(' '), ...(f.alsoAs ?? []).map((b) => `also ${b || 'without a basis'}`)]
        .filter(Boolean)
        .join(', ') || null,
      currencyTag(f),
      f.levels.join('/') || 'all levels',
      [f.place, f.industry].filter(Boolean).join(', ') || null,
      `${f.publisher || f.source}${f.dataSource ? ` (${f.dataSource})` : ''}`,
      f.rank ? `→ #${f.rank}` : null,
    ]
      .filter(Boolean)
      .join(' · ');
    const figure = (f.text + perPeriod(f.unit, true)).padEnd(first);
    const wrapped = wrapLine(details, Math.max(indent.length + 20, style.width), indent);
    wrapped[0] = `  ${paint(style.color, '1', figure)}  ${wrapped[0]!.trimStart()}`;
    out.push(...wrapped.map((l, i) => (i ? paint(style.color, '2', l) : l)));
  }
  return out;
}

/** Renders an answer for a terminal: numbered quoted passages, each with its source. */
export function renderTerminal(answer: Answer, style: TerminalStyle): string {
  if (answer.kind === 'error')
    return wrapLine(`! ${answer.message}`, style.width, '')
      .map((l) => paint(style.color, '33', l))
      .join('\n');
  if (answer.kind === 'message') {
    const out = [
      paint(style.color, '1', answer.title),
      ...answer.lines.flatMap((l) => wrapLine(plain(l), style.width, '  ')),
    ];
    if (answer.suggestions?.length)
      out.push('', ...wrapLine(`Try: ${answer.suggestions.join('  ·  ')}`, style.width, ''));
    return out.join('\n');
  }
  const first = answer.offset + 1;
  const last = answer.offset + answer.results.length;
  const header = `${answer.asked} — passages ${first}–${last} of ${answer.total}`;
  const out =
    header.length <= style.width
      ? [
          paint(style.color, '1', `${answer.asked}`) +
            paint(style.color, '2', ` — passages ${first}–${last} of ${answer.total}`),
        ]
      : wrapLine(header, style.width, '').map((l) => paint(style.color, '1', l));
  if (answer.notice)
    out.push(...wrapLine(answer.notice, style.width, '').map((l) => paint(style.color, '33', l)));
  if (answer.figures?.length && answer.offset === 0) {
    out.push('', ...figureTable(answer.figures, style));
    // The same figures as a range chart under the table, when the terminal is wide enough to draw one.
    const chart = answer.chart ? terminalChart(answer.chart, style.width, style.color) : [];
    if (chart.length) out.push('', ...chart);
    if (answer.chartNote)
      out.push('', ...wrapLine(answer.chartNote, style.width, '').map((l) => paint(style.color, '2', l)));
  }
  answer.results.forEach((r, i) => out.push('', ...renderResult(r, first + i, style)));
  if (last < answer.total) {
    const hint = style.moreHint ? style.moreHint(last) : 'Type /more for the next passages.';
    out.push('', ...wrapLine(hint, style.width, '').map((l) => paint(style.color, '2', l)));
  }
  return out.join('\n');
}
