import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadEngine } from '../src/engineCache.js';
import { loadCommands } from '../src/commands/registry.js';
import type { Engine } from '../src/search/engine.js';
import type { Command } from '../src/commands/command.js';

export const ROOT = fileURLToPath(new URL('..', import.meta.url));
export const FIXTURES = join(ROOT, 'test', 'fixtures');
/**
 * The knowledge code tests run on: a frozen copy of the seed documents and thesaurus
 * (test/fixtures/knowledge), so an admin adding or editing a document in knowledge/ never fails a
 * code test. The shipped knowledge/ itself is checked by content checks only (it must pass `check`).
 */
export const KNOWLEDGE = join(FIXTURES, 'knowledge');
export const SHIPPED_KNOWLEDGE = join(ROOT, 'knowledge');

let cached: Promise<{ engine: Engine; commands: Command[] }> | undefined;
/** The engine over the frozen seed knowledge, built once per test file (no cache on disk). */
export function seedEngine(): Promise<{ engine: Engine; commands: Command[] }> {
  cached ??= Promise.all([loadEngine(KNOWLEDGE, { cacheDir: false }), loadCommands()]).then(
    ([engine, commands]) => ({
      engine,
      commands,
    }),
  );
  return cached;
}

export interface JudgedQuery {
  id: string;
  q: string;
  k?: number;
  facets: string[][];
  top1Not?: string[];
}

export function readJudged(file: string): JudgedQuery[] {
  return readFileSync(join(FIXTURES, file), 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as JudgedQuery);
}

/** The scorer's normalisation (shared/eval/eval.mjs): case, quotes, dashes, Markdown marks, spaces. */
export { normForJudging as norm } from '../scripts/judge.js';
