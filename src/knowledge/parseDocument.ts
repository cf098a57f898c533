import { Lexer, type Token, type Tokens } from 'marked';
import { LineCounter, parseDocument as parseYaml, isMap, isScalar } from 'yaml';
import { z } from 'zod';
import { KnowledgeError } from './errors.js';
import { editDistance } from '../search/text.js';
import { yamlMistakeLine } from './yamlLine.js';
import type { Block, KnowledgeDocument, Section } from './types.js';

/** What a knowledge document's front matter may say. Unknown keys are refused so typos surface. */
export const FrontMatterSchema = z
  .object({
    id: z
      .string()
      .regex(/^[a-z0-9][a-z0-9-]*$/, 'use lower-case letters, digits and dashes')
      .optional(),
    title: z.string().trim().min(1, 'must not be empty'),
    publisher: z.string().trim().min(1, 'must not be empty'),
    url: z.url().optional(),
    source_file: z.string().trim().min(1).optional(),
    published: z.union([z.string(), z.date()]).optional(),
    updated: z.union([z.string(), z.date()]).optional(),
  })
  .strict();

export type FrontMatter = z.infer<typeof FrontMatterSchema>;

const FENCE = /^---[ \t]*$/;

function lineOf(text: string, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset && i < text.length; i++) if (text.charCodeAt(i) === 10) line++;
  return line;
}

/** Reads bytes as UTF-8 text, refusing binary files with a message that says so. */
export function decodeKnowledgeFile(path: string, bytes: Uint8Array): string {
  if (bytes.includes(0)) throw new KnowledgeError(path, 1, 'is a binary file, not Markdown text');
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes).replace(/^\uFEFF/, '');
  } catch {
    throw new KnowledgeError(path, 1, 'is not valid UTF-8 text');
  }
}

function parseFrontMatter(path: string, yamlText: string, firstLine: number): FrontMatter {
  const lineCounter = new LineCounter();
  const doc = parseYaml(yamlText, { lineCounter, prettyErrors: false });
  const [yamlError] = doc.errors;
  if (yamlError) {
    const line = firstLine + (yamlMistakeLine(yamlText, yamlError, lineCounter) - 1);
    throw new KnowledgeError(
      path,
      line,
      `front matter is not valid YAML: ${yamlError.message.split('\n')[0]}`,
    );
  }
  const data: unknown = doc.toJS();
  if (data === null || typeof data !== 'object' || Array.isArray(data)) {
    throw new KnowledgeError(path, firstLine, 'front matter must be a mapping of keys (title, publisher, …)');
  }
  const parsed = FrontMatterSchema.safeParse(data);
  if (parsed.success) return parsed.data;

  // A misspelt key ("publsher") is the cause of the missing one ("publisher"): name it first.
  const issue =
    parsed.error.issues.find((i) => i.code === 'unrecognized_keys') ?? parsed.error.issues[0]!;
  const key =
    issue.code === 'unrecognized_keys'
      ? String(issue.keys[0])
      : issue.path.length
        ? String(issue.path[0])
        : '';
  let line = firstLine - 1; // the opening fence
  if (key && isMap(doc.contents)) {
    const pair = doc.contents.items.find((p) => isScalar(p.key) && p.key.value === key);
    const start = pair && isScalar(pair.key) ? pair.key.range?.[0] : undefined;
    if (start !== undefined) line = firstLine + lineCounter.linePos(start).line - 1;
  }
  const allowed = Object.keys(FrontMatterSchema.shape);
  const near = allowed.find((k) => editDistance(key.toLowerCase(), k, 2) <= 2);
  const what =
    issue.code === 'unrecognized_keys'
      ? `unknown front matter key "${key}"${near ? ` (did you mean "${near}"?)` : ''} (allowed: ${allowed.join(', ')})`
      : issue.code === 'invalid_type' && issue.input === undefined
        ? `front matter is missing "${key}"`
        : `front matter "${key}" ${issue.message}`;
  throw new KnowledgeError(path, line, what);
}

/** A line that starts a Markdown block of its own: a list item, a quote, a heading, a table row, a fence. */
const BLOCK_START = /^\s*(?:[-*+]\s|\d{1,9}[.)]\s|>|#{1,6}\s|\||```|~~~)/;

/**
 * A single newline inside a paragraph or a list item is a space in Markdown (a paragraph hard-wrapped
 * at 80 or 100 columns is one line of text): such breaks are joined, so a quoted passage reads as
 * the document renders. A hard break (two trailing spaces or a backslash) and every line that starts
 * a block of its own (a nested list item, a quote) keep their line.
 */
export function joinSoftBreaks(text: string): string {
  const out: string[] = [];
  for (const line of text.split('\n')) {
    const prev = out[out.length - 1];
    if (prev !== undefined && prev.trim() && line.trim() && !BLOCK_START.test(line) && !/(?: {2,}|\\)$/.test(prev))
      out[out.length - 1] = `${prev.replace(/\s+$/, '')} ${line.trim()}`;
    else out.push(line);
  }
  return out.join('\n');
}

function blocksOf(tokens: Token[], body: string, bodyLine: number): Array<Block | Tokens.Heading | 'break'> {
  const out: Array<Block | Tokens.Heading | 'break'> = [];
  let offset = 0;
  for (const token of tokens) {
    const line = bodyLine + lineOf(body, offset) - 1;
    offset += token.raw.length;
    switch (token.type) {
      case 'space':
        break;
      case 'heading':
        out.push(token as Tokens.Heading);
        break;
      case 'hr':
        out.push('break');
        break;
      case 'paragraph':
        out.push({ kind: 'paragraph', raw: joinSoftBreaks(token.raw.trim()), line });
        break;
      case 'list': {
        const list = token as Tokens.List;
        const items = list.items.map((item) => joinSoftBreaks(item.raw.replace(/\s+$/, '')));
        out.push({
          kind: 'list',
          // The list as written, its items' wrapped lines joined (items are separated as in the source).
          raw: joinSoftBreaks(list.raw.trim()),
          line,
          items,
        });
        break;
      }
      case 'table': {
        // A table is quoted like a list: its header row, then body rows, cut between rows when long.
        const rows = token.raw.trim().split('\n');
        out.push({
          kind: 'table',
          raw: token.raw.trim(),
          line,
          header: rows.slice(0, 2).join('\n'),
          items: rows.slice(2),
        });
        break;
      }
      default:
        if (token.raw.trim()) out.push({ kind: 'other', raw: token.raw.trim(), line });
    }
  }
  return out;
}

/**
 * Parses one knowledge file: YAML front matter between `---` fences, then Markdown whose headings
 * make sections. Throws a {@link KnowledgeError} naming the file and line of the first problem.
 */
export function parseKnowledgeDocument(path: string, text: string, defaultId: string): KnowledgeDocument {
  const lines = text.split('\n');
  if (!FENCE.test(lines[0] ?? '')) {
    throw new KnowledgeError(
      path,
      1,
      'must start with front matter between "---" lines (title, publisher, …)',
    );
  }
  const close = lines.findIndex((l, i) => i > 0 && FENCE.test(l));
  if (close < 0) throw new KnowledgeError(path, 1, 'front matter is not closed by a "---" line');
  const front = parseFrontMatter(path, lines.slice(1, close).join('\n'), 2);

  const bodyLine = close + 2;
  const body = lines.slice(close + 1).join('\n');
  if (!body.trim()) throw new KnowledgeError(path, bodyLine, 'has no text after its front matter');

  const sections: Section[] = [];
  let current: Section = { headingPath: [], line: bodyLine, blocks: [] };
  const stack: Array<{ depth: number; text: string }> = [];
  const flush = () => {
    if (current.blocks.length) sections.push(current);
  };
  for (const item of blocksOf(new Lexer({ gfm: true }).lex(body), body, bodyLine)) {
    if (item === 'break') {
      // A thematic break ends a section without starting a titled one.
      flush();
      current = { headingPath: [], line: current.line, blocks: [] };
      stack.length = 0;
    } else if ('depth' in item) {
      flush();
      while (stack.length && stack[stack.length - 1]!.depth >= item.depth) stack.pop();
      stack.push({ depth: item.depth, text: item.text.trim() });
      current = { headingPath: stack.map((h) => h.text), line: 0, blocks: [] };
    } else {
      if (!current.line) current.line = item.line;
      current.blocks.push(item);
    }
  }
  flush();
  if (!sections.length) throw new KnowledgeError(path, bodyLine, 'has headings but no text to quote');

  const source: KnowledgeDocument['source'] = {
    id: front.id ?? defaultId,
    title: front.title,
    publisher: front.publisher,
    path,
  };
  if (front.url) source.url = front.url;
  if (front.source_file) source.sourceFile = front.source_file;
  if (front.published) source.published = String(front.published);
  if (front.updated) source.updated = String(front.updated);
  return { source, sections };
}
