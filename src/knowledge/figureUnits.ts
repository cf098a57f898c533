/**
 * The pieces of a passage a figure lives in: its list items (each with the parent items and lead-in
 * that frame it), its table rows (framed by the column names) or its sentences, and their labels.
 */
import type { Passage } from './types.js';

/** A piece of a passage a figure lives in, with the labels and lines that frame it. */
export interface Unit {
  /** The line or sentence clause holding the figures. */
  text: string;
  /** Lines that frame it, nearest first: parent list items, the lead-in, headings. */
  frames: string[];
}

const ITEM = /^\s*(?:[-*+]|\d+[.)])\s+/;
const isItem = (l: string) => ITEM.test(l);
const isRow = (l: string) => /^\s*\|.*\|\s*$/.test(l);

/** Splits a passage into its list lines (each with its parent items and lead-in), table rows or sentences. */
export function unitsOf(p: Pick<Passage, 'text' | 'headingPath'>): Unit[] {
  const headings = [...p.headingPath].reverse();
  const lines = p.text.split('\n').filter((l) => l.trim());
  if (lines.some(isRow)) return tableUnitsOf(lines, headings);
  if (!lines.some(isItem)) {
    return p.text.split(/(?<=[.!?])\s+(?=[A-Z])/).map((sentence) => ({ text: sentence, frames: headings }));
  }
  const units: Unit[] = [];
  const stack: Array<{ indent: number; text: string }> = [];
  const leadIn: string[] = [];
  for (const line of lines) {
    if (!isItem(line)) {
      leadIn.push(line.trim());
      continue;
    }
    const indent = /^\s*/.exec(line)![0].length;
    while (stack.length && stack[stack.length - 1]!.indent >= indent) stack.pop();
    const text = line.replace(ITEM, '');
    units.push({
      text,
      frames: [...stack.map((s) => s.text).reverse(), ...leadIn.slice().reverse(), ...headings],
    });
    stack.push({ indent, text });
  }
  return units;
}

export function cellsOf(row: string): string[] {
  return row
    .trim()
    .replace(/^\||\|$/g, '')
    .split('|')
    .map((c) => c.trim());
}

/**
 * A table's body rows as units, read like list items: "Apprentice: Experience: 0-2 years · Pay:
 * $92k to $118k" (the first cell is the row's label, each other cell after its column's name), framed by the column names, the lines before the table and
 * the headings.
 */
function tableUnitsOf(lines: string[], headings: string[]): Unit[] {
  const first = lines.findIndex(isRow);
  const before = lines.slice(0, first).map((l) => l.trim());
  const names = cellsOf(lines[first]!);
  const columns = names.join(', ');
  return lines
    .slice(first + 1)
    .filter((l) => isRow(l) && !/^[\s|:-]+$/.test(l))
    .map((row) => {
      const [label = '', ...rest] = cellsOf(row);
      // Each cell after its column's name, so a figure is read with the column that says what it is.
      const cells = rest.map((cell, i) => (names[i + 1] ? `${names[i + 1]}: ${cell}` : cell));
      return { text: `${label}: ${cells.join(' · ')}`, frames: [columns, ...before.reverse(), ...headings] };
    });
}

/** "Seattle: $147,000…" → "Seattle"; the words before the first colon of an item, if short. */
export function labelOf(text: string): string | undefined {
  const m = /^([^:$]{2,60}):\s/.exec(text);
  return m?.[1]?.trim();
}

/** A label without its emphasis and parentheses: "**Seattle** (WA)" → "Seattle". */
export function cleanLabel(label: string): string {
  return label
    .replace(/\*\*/g, '')
    .replace(/\s*\([^)]*\)\s*/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}
