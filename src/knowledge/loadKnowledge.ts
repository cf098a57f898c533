import { basename, join } from 'node:path';
import { KnowledgeError, KnowledgeErrors } from './errors.js';
import { decodeKnowledgeFile, parseKnowledgeDocument } from './parseDocument.js';
import { parseThesaurus } from './parseThesaurus.js';
import { EMPTY_THESAURUS, type Thesaurus } from '../search/thesaurus.js';
import { THESAURUS_FILE, readKnowledgeFiles, type KnowledgeFiles } from './knowledgeFiles.js';
import type { KnowledgeDocument } from './types.js';

export interface Knowledge {
  documents: KnowledgeDocument[];
  thesaurus: Thesaurus;
  /** Broken documents left out (only with `skipBroken`), each as `path:line: problem`. */
  problems?: string[];
}

export interface ParseKnowledgeOptions {
  /**
   * Leave broken documents out and report them in `problems`, instead of failing: a bot starting
   * with one broken file serves the others. A broken thesaurus, or no valid document, still fails.
   */
  skipBroken?: boolean;
}

/**
 * Parses and checks a knowledge folder. Every broken file is reported (as `path:line: problem`)
 * in one {@link KnowledgeErrors}, so an admin sees all problems at once.
 */
export function parseKnowledge({ dir, files }: KnowledgeFiles, options: ParseKnowledgeOptions = {}): Knowledge {
  const errors: KnowledgeError[] = [];
  const documents: KnowledgeDocument[] = [];
  let thesaurus = EMPTY_THESAURUS;
  const ids = new Map<string, string>();
  for (const { path, bytes } of files) {
    const shown = join(dir, path);
    try {
      const text = decodeKnowledgeFile(shown, bytes);
      if (basename(path) === THESAURUS_FILE) {
        thesaurus = parseThesaurus(shown, text);
        continue;
      }
      const doc = parseKnowledgeDocument(shown, text, basename(path, '.md').toLowerCase());
      const other = ids.get(doc.source.id);
      if (other)
        throw new KnowledgeError(
          shown,
          1,
          `duplicate document id "${doc.source.id}" (also used by ${other})`,
        );
      ids.set(doc.source.id, shown);
      documents.push(doc);
    } catch (err) {
      if (err instanceof KnowledgeError) errors.push(err);
      else throw err;
    }
  }
  const thesaurusBroken = errors.some((e) => basename(e.path) === THESAURUS_FILE);
  if (errors.length && (!options.skipBroken || thesaurusBroken || !documents.length))
    throw new KnowledgeErrors(errors);
  if (!documents.length)
    throw new KnowledgeErrors([new KnowledgeError(dir, 0, 'holds no Markdown documents (*.md)')]);
  return errors.length ? { documents, thesaurus, problems: errors.map((e) => e.message) } : { documents, thesaurus };
}

/** Reads and parses a knowledge folder. */
export async function loadKnowledge(dir: string): Promise<Knowledge> {
  return parseKnowledge(await readKnowledgeFiles(dir));
}
