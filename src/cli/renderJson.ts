import type { Answer } from '../answers/types.js';

/** The batch contract's line for one answer: `{ results: [...] }`, plus `error` or `message` when there are no passages. */
export function renderJson(answer: Answer): string {
  if (answer.kind === 'error') return JSON.stringify({ results: [], error: answer.message });
  if (answer.kind === 'message') {
    const body: Record<string, unknown> = {
      results: [],
      message: [answer.title, ...answer.lines].map(withoutMarkdown).join('\n'),
    };
    if (answer.suggestions?.length) body.suggestions = answer.suggestions;
    return JSON.stringify(body);
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
  if (answer.figures) {
    // `passage`: the figure's passage as a 0-based position in `results` (like an index into it), or null.
    const position = new Map(answer.results.map((r, i) => [r.passageId, i]));
    body.figures = answer.figures.map((f) => ({
      source: f.source,
      text: f.text,
      low: f.low ?? null,
      high: f.high ?? null,
      unit: f.unit,
      currency: f.currency ?? null,
      basis: f.basis.join(' ') || null,
      levels: f.levels,
      place: f.place ?? null,
      industry: f.industry ?? null,
      dataSource: f.dataSource ?? null,
      year: f.year ?? null,
      passage: position.get(f.passageId) ?? null,
      passageId: f.passageId,
    }));
  }
  return JSON.stringify(body);
}

/** Messages are written for Discord: a JSON line carries their words without the Markdown. */
function withoutMarkdown(text: string): string {
  return text
    .replace(/\*\*([^*]+)\*\*/g, '$1')
    .replace(/`([^`]+)`/g, '$1')
    .replace(/<(https?:[^>\s]+)>/g, '$1');
}
