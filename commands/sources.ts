import { defineCommand } from '../src/commands/command.js';

export default defineCommand({
  name: 'sources',
  description: 'The documents careerbot quotes, with publisher, link and number of passages.',
  options: [],
  execute({ engine }) {
    const counts = new Map<string, number>();
    for (const p of engine.passages) counts.set(p.sourceId, (counts.get(p.sourceId) ?? 0) + 1);
    const lines = [...engine.sources.values()].map((s) => {
      const link = s.url ? ` — <${s.url}>` : '';
      return `**${s.title}** (${s.publisher})${link} · ${counts.get(s.id) ?? 0} passages`;
    });
    return {
      kind: 'message',
      asked: '/sources',
      title: `${engine.sources.size} sources, ${engine.passageCount} passages`,
      lines,
    };
  },
});
