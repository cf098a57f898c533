import { describe, expect, it } from 'vitest';
import { Session } from '../src/cli/session.js';
import { MAX_RESULTS } from '../src/answers/answer.js';
import { loadEngine } from '../src/engineCache.js';
import { KNOWLEDGE, norm, readJudged, seedEngine } from './helpers.js';

const { engine, commands } = await seedEngine();

/** Scores judged questions the way shared/eval/eval.mjs does, in process. */
function score(file: string) {
  const judged = readJudged(file);
  let recall = 0;
  const misses: string[] = [];
  for (const q of judged) {
    const answer = new Session(engine, commands, MAX_RESULTS).run(q.q);
    const results = answer?.kind === 'passages' ? answer.results : [];
    const texts = results.slice(0, q.k ?? 3).map((r) => norm(r.text));
    const got = q.facets.filter((alts) => alts.some((s) => texts.some((t) => t.includes(norm(s)))));
    recall += got.length / q.facets.length;
    if (got.length < q.facets.length) misses.push(`${q.id}: ${got.length}/${q.facets.length}`);
    if (texts[0] && (q.top1Not ?? []).some((s) => texts[0]!.includes(norm(s))))
      misses.push(`${q.id}: wrong level first`);
    if (new Set(texts).size !== texts.length) misses.push(`${q.id}: duplicate passages`);
    if (results.some((r) => !r.title.trim())) misses.push(`${q.id}: passage without source`);
  }
  return { recall: recall / judged.length, misses, count: judged.length };
}

describe('answer quality on judged questions', () => {
  it('dev questions: facet recall ≥ 0.95, right level first, no duplicates', () => {
    const { recall, misses } = score('dev-queries.jsonl');
    expect(misses.filter((m) => !/\d\/\d/.test(m))).toEqual([]);
    expect(recall).toBeGreaterThanOrEqual(0.95);
  });

  it('our own questions of the same kinds (levels, places, industries, synonyms, typos): recall ≥ 0.95', () => {
    const { recall, misses, count } = score('extra-queries.jsonl');
    expect(count).toBeGreaterThanOrEqual(50);
    expect(misses.filter((m) => !/\d\/\d/.test(m))).toEqual([]);
    expect(recall).toBeGreaterThanOrEqual(0.95);
  });

  it('/salary senior shows the senior figures of both articles that give them', () => {
    const answer = new Session(engine, commands).run('/salary senior');
    expect(answer?.kind).toBe('passages');
    if (answer?.kind !== 'passages') return;
    const text = answer.results.map((r) => r.text).join('\n');
    expect(text).toContain('$233,000');
    expect(text).toContain('$172,654+');
    expect(new Set(answer.results.map((r) => r.title)).size).toBeGreaterThanOrEqual(2);
    expect(answer.results[0]!.levels).toEqual(['senior']);
  });

  it('says so when nothing matches, and suggests commands', () => {
    const answer = new Session(engine, commands).run('/ask zebra xylophone quokka');
    expect(answer?.kind).toBe('message');
    if (answer?.kind === 'message') expect(answer.suggestions?.length).toBeGreaterThan(0);
  });

  it('corrects misspelt words and says it did', () => {
    const answer = new Session(engine, commands).run('/ask sallary for juniour engineers');
    expect(answer?.kind).toBe('passages');
    if (answer?.kind === 'passages') {
      expect(answer.notice).toContain('“sallary” → “salary”');
      expect(answer.results[0]!.levels).toEqual(['junior']);
    }
  });

  it('a fresh engine and one whose caches are warm give the same answers', async () => {
    const fresh = await loadEngine(KNOWLEDGE, { cacheDir: false });
    const queries = [...readJudged('dev-queries.jsonl'), ...readJudged('extra-queries.jsonl')].map(
      (q) => q.q,
    );
    const ids = (e: typeof engine) =>
      queries.map((q) => {
        const answer = new Session(e, commands, MAX_RESULTS).run(q);
        return answer?.kind === 'passages' ? answer.results.map((r) => r.passageId) : [];
      });
    const warm = ids(engine); // this engine already answered every judged question above
    expect(ids(fresh)).toEqual(warm);
    expect(warm.flat().length).toBeGreaterThan(queries.length);
  });

  it('a level word after a verb of people ("mentoring juniors") names those people, not the level asked', () => {
    expect([...engine.parse({ text: 'mentoring juniors' }).levels]).toEqual([]);
    expect([...engine.parse({ text: 'hiring senior engineers' }).levels]).toEqual([]);
    expect([...engine.parse({ text: 'skills for juniors' }).levels]).toEqual(['junior']);
  });
});
