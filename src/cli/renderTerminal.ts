import type { Answer, FigureRow, Result } from '../core/types.js';

export interface TerminalStyle {
  color: boolean;
  width: number;
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

/** Markdown emphasis is for Discord; in a terminal the words alone read better. */
function plain(text: string): string {
  return text.replace(/\*\*([^*]+)\*\*/g, '$1').replace(/(^|\s)_([^_]+)_(?=\s|$)/g, '$1$2');
}

function renderResult(r: Result, n: number, style: TerminalStyle): string[] {
  const lines: string[] = [];
  const body = plain(r.text).split('\n');
  body.forEach((line, i) => {
    const wrapped = wrapLine(line, style.width, '    ');
    if (i === 0) wrapped[0] = paint(style.color, '1', `${n}.`.padStart(3)) + ' ' + wrapped[0]!.slice(4);
    lines.push(...wrapped);
  });
  const where = [r.title + (r.publisher ? ` (${r.publisher})` : ''), r.heading].filter(Boolean).join(' › ');
  lines.push(
    ...wrapLine(`— ${where}${r.url ? ` <${r.url}>` : ''}`, style.width, '    ').map((l) =>
      paint(style.color, '2', l),
    ),
  );
  return lines;
}

/** The salary comparison as an aligned table: one row per figure, exactly as each source writes it. */
function figureTable(figures: FigureRow[], style: TerminalStyle): string[] {
  const rows = figures.map((f) => [
    f.text + (f.unit === 'hour' ? ' /h' : ''),
    f.basis.join(' ') || '–',
    f.levels.join('/') || 'all',
    [f.place, f.industry].filter(Boolean).join(', ') || '–',
    `${f.publisher || f.source}${f.dataSource ? ` (${f.dataSource})` : ''}`,
    f.rank ? `#${f.rank}` : '',
  ]);
  const head = ['figure', 'basis', 'level', 'place / industry', 'source', 'passage'];
  const widths = head.map((h, i) => Math.min(28, Math.max(h.length, ...rows.map((r) => r[i]!.length))));
  // Narrow the widest columns until a row fits the terminal (cells are cut with an ellipsis).
  const total = () => 2 + widths.reduce((a, b) => a + b, 0) + 2 * (widths.length - 1);
  while (total() > style.width) {
    const widest = widths.indexOf(Math.max(...widths));
    if (widths[widest]! <= 6) break;
    widths[widest]!--;
  }
  const fmt = (r: string[]) =>
    '  ' +
    r
      .map((c, i) => (c.length > widths[i]! ? c.slice(0, widths[i]! - 1) + '…' : c.padEnd(widths[i]!)))
      .join('  ');
  return [
    paint(style.color, '1', 'Salary at a glance'),
    paint(style.color, '2', fmt(head).trimEnd()),
    ...rows.map((r) => fmt(r).trimEnd()),
  ];
}

/** Renders an answer for a terminal: numbered quoted passages, each with its source. */
export function renderTerminal(answer: Answer, style: TerminalStyle): string {
  if (answer.kind === 'error') return paint(style.color, '33', `! ${answer.message}`);
  if (answer.kind === 'message') {
    const out = [
      paint(style.color, '1', answer.title),
      ...answer.lines.flatMap((l) => wrapLine(plain(l), style.width, '  ')),
    ];
    if (answer.suggestions?.length) out.push('', `Try: ${answer.suggestions.join('  ·  ')}`);
    return out.join('\n');
  }
  const first = answer.offset + 1;
  const last = answer.offset + answer.results.length;
  const out = [
    paint(style.color, '1', `${answer.asked}`) +
      paint(style.color, '2', ` — passages ${first}–${last} of ${answer.total}`),
  ];
  if (answer.notice) out.push(paint(style.color, '33', answer.notice));
  if (answer.figures?.length && answer.offset === 0) out.push('', ...figureTable(answer.figures, style));
  answer.results.forEach((r, i) => out.push('', ...renderResult(r, first + i, style)));
  if (last < answer.total) out.push('', paint(style.color, '2', 'Type /more for the next passages.'));
  return out.join('\n');
}
