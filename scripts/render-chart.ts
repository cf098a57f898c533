/**
 * Draws the salary range chart for a /salary line from the real knowledge, for the README and for
 * looking at: `node dist/scripts/render-chart.js [out-dir] ["/salary level:senior" …]`.
 * Without lines it draws the README's two: /salary and /salary level:senior.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { loadEngine } from '../src/search/engineCache.js';
import { loadCommands } from '../src/commands/registry.js';
import { runCommand } from '../src/commands/run.js';
import { parseInput } from '../src/cli/parseInput.js';
import { packageRoot } from '../src/paths.js';
import { chartData } from '../src/chart/chartData.js';
import { renderChart } from '../src/chart/renderChart.js';

const root = packageRoot();
const outDir = process.argv[2] ?? join(root, 'docs');
const lines = process.argv.slice(3);
const todo = lines.length ? lines : ['/salary', '/salary level:senior'];
const engine = await loadEngine(join(root, 'knowledge'));
const commands = await loadCommands({ validate: false });
await mkdir(outDir, { recursive: true });
for (const line of todo) {
  const parsed = parseInput(line, commands);
  if (!parsed) throw new Error(`cannot read ${line}`);
  const answer = runCommand({ engine, commands, offset: 0, limit: 3 }, parsed.name, parsed.options);
  if (answer.kind !== 'passages') throw new Error(`${line}: no figures`);
  const t0 = performance.now();
  const chart = await renderChart(chartData(answer.figures ?? [], parsed.options as never));
  const name = line
    .replace(/^\//, '')
    .replace(/[^a-z0-9]+/gi, '-')
    .replace(/-+$/, '');
  await writeFile(join(outDir, `${name}.png`), chart.png);
  await writeFile(join(outDir, `${name}.svg`), chart.svg);
  console.log(
    `${line}: ${chart.width}×${chart.height} in ${(performance.now() - t0).toFixed(0)} ms → ${name}.png`,
  );
}
