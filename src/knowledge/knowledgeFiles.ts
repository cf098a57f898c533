import { readdir, readFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { KnowledgeError } from './errors.js';

export const THESAURUS_FILE = 'thesaurus.yaml';

/** A knowledge folder's files, read but not yet parsed: what a cache key is made from. */
export interface KnowledgeFiles {
  dir: string;
  /** Relative path → bytes, sorted by path. */
  files: Array<{ path: string; bytes: Uint8Array }>;
}

async function listFiles(dir: string, root: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  const out: string[] = [];
  for (const entry of entries) {
    if (entry.name.startsWith('.')) continue;
    const full = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...(await listFiles(full, root)));
    else if (entry.isFile() && (entry.name.endsWith('.md') || entry.name === THESAURUS_FILE))
      out.push(relative(root, full));
  }
  return out;
}

/** Reads every Markdown document and the thesaurus of a knowledge folder (sub-folders included). */
export async function readKnowledgeFiles(dir: string): Promise<KnowledgeFiles> {
  let paths: string[];
  try {
    paths = (await listFiles(dir, dir)).sort();
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    const why =
      code === 'ENOENT'
        ? 'there is no such folder (set KNOWLEDGE_DIR to the folder of Markdown documents, or leave it empty for knowledge/)'
        : code === 'ENOTDIR'
          ? 'it is a file, not a folder (KNOWLEDGE_DIR names the folder of Markdown documents)'
          : code === 'EACCES' || code === 'EPERM'
            ? 'permission denied: the bot cannot read this folder'
            : `cannot read the knowledge folder (${code ?? String(err)})`;
    throw new KnowledgeError(dir, 0, why);
  }
  const files = await Promise.all(
    paths.map(async (path) => {
      try {
        return { path, bytes: new Uint8Array(await readFile(join(dir, path))) };
      } catch (err) {
        throw new KnowledgeError(
          join(dir, path),
          1,
          `cannot be read (${(err as NodeJS.ErrnoException).code ?? String(err)})`,
        );
      }
    }),
  );
  return { dir, files };
}
