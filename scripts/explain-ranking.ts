import { loadEngine } from '../src/engineCache.js';
import { answerQuery } from '../src/answers/answer.js';
const engine = await loadEngine(process.argv[2] ?? 'knowledge', { cacheDir: false, gate: false });
console.log('passages', engine.passageCount);
for (const q of process.argv.slice(3)) {
  const [cmd, ...rest] = q.split(' ');
  const topic =
    cmd === 'salary' ? 'salary' : cmd === 'skills' ? 'skills' : cmd === 'career' ? 'career' : undefined;
  const query = topic
    ? { text: '', topic, levels: rest.length ? [rest[0] as 'junior'] : [] }
    : { text: rest.join(' ') };
  const a = answerQuery(engine, query, { asked: q, limit: 5 });
  const { coverage, parsed } = engine.rank(query);
  console.log(
    `  coverage ${coverage.toFixed(2)} missing ${JSON.stringify(parsed.missing)} corrections ${JSON.stringify(parsed.corrections)}`,
  );
  console.log('\n###', q, a.kind === 'passages' ? `total ${a.total} ${a.notice ?? ''}` : '');
  if (a.kind === 'passages')
    for (const r of a.results)
      console.log(
        `  ${r.score} [${r.levels}] {${r.topics}} ${r.heading} :: ${r.text.replace(/\s+/g, ' ').slice(0, 110)}`,
      );
  else console.log(a);
}
