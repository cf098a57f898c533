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
}

/**
 * Parses and checks a knowledge folder. Every broken file is reported (as `path:line: problem`)
 * in one {@link KnowledgeErrors}, so an admin sees all problems at once.
 */
export function parseKnowledge({ dir, files }: KnowledgeFiles): Knowledge {
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
  if (errors.length) throw new KnowledgeErrors(errors);
  if (!documents.length)
    throw new KnowledgeErrors([new KnowledgeError(dir, 0, 'holds no Markdown documents (*.md)')]);
  return { documents, thesaurus };
}

/** Reads and parses a knowledge folder. */
export async function loadKnowledge(dir: string): Promise<Knowledge> {
  return parseKnowledge(await readKnowledgeFiles(dir));
}
