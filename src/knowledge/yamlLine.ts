import type { LineCounter, YAMLError } from 'yaml';

/**
 * The 1-based line a YAML mistake is on, which is not always where the parser noticed it: an
 * unclosed `[`, `{` or quote is noticed on a later line, so the line that opened it is named; a
 * key indented under a one-line mapping is noticed on the line above, so the indented line is named.
 */
export function yamlMistakeLine(text: string, error: YAMLError, lines: LineCounter): number {
  const at = lines.linePos(error.pos[0]);
  const rows = text.split('\n');
  const unclosed = error.code === 'MISSING_CHAR' || /\bend with a\b/.test(error.message);
  if (unclosed) {
    // The nearest line at or above the error that leaves a bracket or a quote open.
    for (let row = at.line - 1; row >= 0; row--) if (opensUnclosed(rows[row] ?? '')) return row + 1;
  }
  if (error.code === 'BLOCK_AS_IMPLICIT_KEY') {
    const indent = /^\s*/.exec(rows[at.line - 1] ?? '')![0].length;
    for (let row = at.line; row < rows.length; row++) {
      const line = rows[row] ?? '';
      if (line.trim() && /^\s*/.exec(line)![0].length > indent) return row + 1;
    }
  }
  return at.line;
}

function count(line: string, char: string): number {
  return line.split(char).length - 1;
}

/** Whether a line opens a flow collection or a quoted string that it does not close. */
function opensUnclosed(line: string): boolean {
  return (
    count(line, '[') > count(line, ']') ||
    count(line, '{') > count(line, '}') ||
    count(line, '"') % 2 === 1 ||
    count(line.replace(/\b'\b/g, ''), "'") % 2 === 1
  );
}
