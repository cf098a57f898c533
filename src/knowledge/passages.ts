import { lexicon } from '../search/lexicon.js';
import type { Classifier } from './classify.js';
import { passageFeatures } from './features.js';
import { normalizeText } from '../search/text.js';
import { LEVELS, type Block, type KnowledgeDocument, type Level, type Passage } from './types.js';

/** Longest passage we quote whole; longer paragraphs and lists are cut at sentence or item boundaries. */
export const MAX_PASSAGE_CHARS = 900;
/** A section this short is quoted as one passage: splitting it would lose its context. */
export const SMALL_SECTION_CHARS = 600;
/** A lead-in line up to this long is repeated with each part of a list cut in parts. */
const MAX_REPEATED_LEAD_IN = 160;

function slug(parts: string[]): string {
  return (
    parts
      .join(' ')
      .toLowerCase()
      .normalize('NFKD')
      .replace(/[^\p{L}\p{N}]+/gu, '-')
      .replace(/^-|-$/g, '')
      .slice(0, 80) || 'intro'
  );
}

import { splitSentences } from './sentences.js';
export { splitSentences } from './sentences.js';

/** Packs pieces into chunks of at most `max` characters, joined by `sep`, never splitting a piece. */
function pack(pieces: string[], max: number, sep: string, budget = max): string[] {
  const out: string[] = [];
  let current = '';
  for (const piece of pieces) {
    if (current && current.length + sep.length + piece.length > budget) {
      out.push(current);
      current = piece;
    } else {
      current = current ? current + sep + piece : piece;
    }
  }
  if (current) out.push(current);
  return out;
}

interface Draft {
  leadIn?: string;
  text: string;
  line: number;
}

function sameLevels(a: Set<Level>, b: Set<Level>): boolean {
  return a.size === b.size && [...a].every((l) => b.has(l));
}

/**
 * Cuts one section into quotable drafts: a paragraph, or a list with the paragraph that introduces
 * it. Long lists are cut between items; a list whose items name different career levels is cut where
 * the level changes, so each passage is about one level.
 */
function draftSection(blocks: Block[], headingHasLevel: boolean, classifier: Classifier): Draft[] {
  const whole = blocks.map((b) => b.raw).join('\n\n');
  if (
    whole.length <= SMALL_SECTION_CHARS &&
    !blocks.some((b) => b.items && !headingHasLevel && listHasLevels(b, classifier))
  ) {
    const leadIn =
      blocks.length > 1 && blocks[0]!.kind === 'paragraph' && blocks[0]!.raw.endsWith(':')
        ? blocks[0]!.raw
        : undefined;
    return [{ text: whole, line: blocks[0]!.line, ...(leadIn ? { leadIn } : {}) }];
  }
  const drafts: Draft[] = [];
  for (let i = 0; i < blocks.length; i++) {
    const block = blocks[i]!;
    const next = blocks[i + 1];
    if (block.kind === 'paragraph' && block.raw.endsWith(':') && next?.kind === 'table') {
      drafts.push(...draftList(next, `${block.raw}\n${next.header}`, headingHasLevel, classifier, block.line));
      i++;
    } else if (block.kind === 'table') {
      drafts.push(...draftList(block, block.header, headingHasLevel, classifier, block.line));
    } else if (block.kind === 'paragraph' && block.raw.endsWith(':') && next?.kind === 'list') {
      drafts.push(...draftList(next, block.raw, headingHasLevel, classifier, block.line));
      i++;
    } else if (block.kind === 'list') {
      drafts.push(...draftList(block, undefined, headingHasLevel, classifier, block.line));
    } else if (block.raw.length > MAX_PASSAGE_CHARS) {
      for (const text of pack(splitSentences(block.raw), MAX_PASSAGE_CHARS, ' '))
        drafts.push({ text, line: block.line });
    } else {
      drafts.push({ text: block.raw, line: block.line });
    }
  }
  return drafts;
}

function listHasLevels(list: Block, classifier: Classifier): boolean {
  const levels = new Set<string>();
  for (const item of list.items ?? []) for (const l of classifier.levelsOfText(item)) levels.add(l);
  return levels.size > 1;
}

function draftList(
  list: Block,
  leadIn: string | undefined,
  headingHasLevel: boolean,
  classifier: Classifier,
  line: number,
): Draft[] {
  const items = list.items ?? [list.raw];
  // Cut where the level changes only in a list organised by level (two or more items naming
  // different levels), not because one item mentions "senior" in passing.
  const itemLevels = items.map((item) =>
    headingHasLevel ? new Set<Level>() : classifier.levelsOfText(item),
  );
  const distinct = new Set(itemLevels.filter((l) => l.size).map((l) => [...l].sort().join(',')));
  const byLevel = distinct.size > 1;
  const budget = MAX_PASSAGE_CHARS - (leadIn ? leadIn.length + 1 : 0);
  const groups: string[][] = [];
  let group: string[] = [];
  let groupLevels = new Set<Level>();
  let size = 0;
  items.forEach((item, i) => {
    const levels = byLevel ? itemLevels[i]! : new Set<Level>();
    const levelChange =
      group.length > 0 && (levels.size > 0 || groupLevels.size > 0) && !sameLevels(levels, groupLevels);
    if (group.length && (size + item.length + 1 > budget || levelChange)) {
      groups.push(group);
      group = [];
      size = 0;
    }
    if (!group.length) groupLevels = levels;
    group.push(item);
    size += item.length + 1;
  });
  if (group.length) groups.push(group);
  return groups.map((g, i) => {
    const body = g.join('\n');
    // A short lead-in ("Must-have skills:") is repeated so each part reads on its own; a long one
    // is quoted once, with the first part, and stays in the later parts' context for search.
    // A table's header row is always repeated: a row cannot be read without its column names.
    const quoted =
      leadIn === undefined
        ? undefined
        : i === 0 || leadIn.length <= MAX_REPEATED_LEAD_IN
          ? leadIn
          : list.header;
    return { text: quoted ? `${quoted}\n${body}` : body, line, ...(leadIn ? { leadIn } : {}) };
  });
}

/** A key under which the same wording, however spaced or marked up, is one passage. */
export function dedupKey(text: string): string {
  return normalizeText(text)
    .replace(/[*_`\\]/g, '')
    .replace(/\s+/g, ' ')
    .trim();
}

/**
 * Splits documents into passages with their heading path, levels and topics. A passage whose
 * wording was already seen (one article repeats a whole block) is kept once, at its first place.
 */
export function buildPassages(documents: KnowledgeDocument[], classifier: Classifier): Passage[] {
  const passages: Passage[] = [];
  const seen = new Set<string>();
  for (const doc of documents) {
    let order = 0;
    const usedIds = new Set<string>();
    for (const section of doc.sections) {
      const headings = section.headingPath.join(' \n ');
      const headingLevels = classifier.levelsOfText(headings);
      const drafts = draftSection(section.blocks, headingLevels.size > 0, classifier);
      const base = `${doc.source.id}#${slug(section.headingPath)}`;
      let n = 0;
      for (const draft of drafts) {
        const key = dedupKey(draft.text);
        if (seen.has(key)) continue;
        seen.add(key);
        let id = `${base}#${++n}`;
        while (usedIds.has(id)) id = `${base}#${++n}`;
        usedIds.add(id);
        const own = classifier.levelsOfText(draft.text);
        const levels = headingLevels.size ? headingLevels : own;
        const body =
          draft.leadIn && draft.text.startsWith(draft.leadIn) ? draft.text.slice(draft.leadIn.length) : draft.text;
        const passage: Passage = {
          id,
          sourceId: doc.source.id,
          headingPath: section.headingPath,
          text: draft.text,
          line: draft.line,
          levels: LEVELS.filter((l) => levels.has(l)),
          topics: classifier.topicsOf(headings, draft.leadIn ?? '', body),
          order: order++,
          features: passageFeatures(
            section.headingPath.at(-1) ?? '',
            draft.leadIn ?? '',
            body,
            classifier,
            lexicon(),
          ),
        };
        if (draft.leadIn) passage.leadIn = draft.leadIn;
        passages.push(passage);
      }
    }
  }
  return passages;
}
