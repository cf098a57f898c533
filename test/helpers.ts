import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadEngine } from '../src/search/engineCache.js';
import { loadCommands } from '../src/commands/registry.js';
import type { Engine } from '../src/search/engine.js';
import type { Command } from '../src/commands/command.js';

export const ROOT = fileURLToPath(new URL('..', import.meta.url));
export const KNOWLEDGE = join(ROOT, 'knowledge');
export const FIXTURES = join(ROOT, 'test', 'fixtures');

let cached: Promise<{ engine: Engine; commands: Command[] }> | undefined;
/** The engine over the shipped knowledge, built once per test file (no cache on disk). */
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
export { normForJudging as norm } from '../src/answers/judge.js';
