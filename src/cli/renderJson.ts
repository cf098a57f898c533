import type { Answer } from '../core/types.js';

/** The batch contract's line for one answer: `{ results: [...] }`, plus `error` or `message` when there are no passages. */
export function renderJson(answer: Answer): string {
  if (answer.kind === 'error') return JSON.stringify({ results: [], error: answer.message });
  if (answer.kind === 'message') {
    return JSON.stringify({ results: [], message: [answer.title, ...answer.lines].join('\n') });
  }
  const body: Record<string, unknown> = {
    results: answer.results.map((r) => ({
      title: r.title,
      publisher: r.publisher,
      url: r.url ?? null,
      heading: r.heading,
      text: r.text,
      score: r.score,
      levels: r.levels,
      topics: r.topics,
    })),
    total: answer.total,
  };
  if (answer.notice) body.notice = answer.notice;
  return JSON.stringify(body);
}
