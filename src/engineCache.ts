import { createHash } from 'node:crypto';
import { mkdir, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { defaultCacheDir } from './paths.js';
import {
  ENGINE_VERSION,
  Engine,
  buildEngineData,
  type EngineData,
  type EngineOptions,
} from './search/engine.js';
import { readKnowledgeFiles, type KnowledgeFiles } from './knowledge/knowledgeFiles.js';

/** The folders whose code shapes a built engine: knowledge parsing and the search index. */
const ENGINE_CODE_DIRS = ['./knowledge/', './search/'];

/**
 * The engine's own code takes part in the key (size and time of each module that builds it), so an
 * upgraded or rebuilt careerbot never serves an index built by older code.
 */
async function codeStamp(): Promise<string> {
  const parts: string[] = [];
  for (const rel of ENGINE_CODE_DIRS) {
    const dir = fileURLToPath(new URL(rel, import.meta.url));
    const names = (await readdir(dir)).filter((n) => /\.(js|ts)$/.test(n)).sort();
    const stats = await Promise.all(names.map((n) => stat(join(dir, n))));
    parts.push(...names.map((n, i) => `${rel}${n}:${stats[i]!.size}:${Math.round(stats[i]!.mtimeMs)}`));
  }
  return parts.join(',');
}

function cacheKey(files: KnowledgeFiles, code: string): string {
  const hash = createHash('sha256').update(`careerbot-engine-v${ENGINE_VERSION}\n${code}\n`);
  for (const f of files.files) hash.update(`${f.path}\n${f.bytes.length}\n`).update(f.bytes);
  return hash.digest('hex').slice(0, 32);
}

export interface LoadEngineOptions extends EngineOptions {
  /** Folder for the cache; `false` never reads or writes one. */
  cacheDir?: string | false;
  /** Build from the valid documents when some are broken (they are listed in `engine.problems`). */
  skipBroken?: boolean;
}

/**
 * Loads the knowledge folder into a ready engine. The parsed, indexed knowledge is cached under a
 * hash of every file's bytes, so a one-shot command skips parsing and indexing (and the YAML and
 * Markdown parsers) unless a file changed. Knowledge errors are thrown as `KnowledgeErrors`.
 */
export async function loadEngine(dir: string, options: LoadEngineOptions = {}): Promise<Engine> {
  const files = await readKnowledgeFiles(dir);
  const cacheDir = options.cacheDir === undefined ? defaultCacheDir() : options.cacheDir;
  const key = cacheKey(files, `${await codeStamp()}${options.skipBroken ? '|partial' : ''}`);
  const cacheFile = cacheDir ? join(cacheDir, `engine-${key}.json`) : undefined;
  if (cacheFile) {
    try {
      const data = JSON.parse(await readFile(cacheFile, 'utf8')) as EngineData;
      if (data.version === ENGINE_VERSION) return new Engine(data, options);
    } catch {
      // No cache yet, or an unreadable one: build below.
    }
  }
  // The parsers are loaded only when the knowledge must be parsed.
  const { parseKnowledge } = await import('./knowledge/loadKnowledge.js');
  const data = buildEngineData(parseKnowledge(files, { skipBroken: Boolean(options.skipBroken) }));
  if (cacheFile && cacheDir) {
    try {
      await mkdir(cacheDir, { recursive: true });
      const tmp = `${cacheFile}.${process.pid}.tmp`;
      await writeFile(tmp, JSON.stringify(data));
      await rename(tmp, cacheFile);
      // Older builds of other knowledge or code are never read again: keep the folder small.
      for (const name of await readdir(cacheDir)) {
        if (/^engine-[0-9a-f]+\.json$/.test(name) && join(cacheDir, name) !== cacheFile) {
          await rm(join(cacheDir, name), { force: true });
        }
      }
    } catch {
      // A read-only install still answers; it only rebuilds each time.
    }
  }
  return new Engine(data, options);
}
