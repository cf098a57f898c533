/**
 * Draws the salary range chart for /salary lines from the real knowledge, for the README and for
 * looking at: `node dist/scripts/render-chart.js [out-dir] ["/salary level:senior" …]` writes
 * chart-salary.png, chart-salary-level-senior.png… (and `--svg` beside them). Without lines it
 * draws the README's two, /salary and /salary level:senior, into docs/.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { loadEngine } from '../src/engineCache.js';
import { loadCommands } from '../src/commands/registry.js';
import { runCommand } from '../src/commands/run.js';
import { parseInput } from '../src/cli/parseInput.js';
import { packageRoot } from '../src/paths.js';
import { renderChart } from '../src/chart/renderChart.js';

const root = packageRoot();
const args = process.argv.slice(2).filter((a) => a !== '--svg');
const withSvg = process.argv.includes('--svg');
const outDir = args[0] ?? join(root, 'docs');
const lines = args.slice(1);
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
  if (!answer.chart) throw new Error(`${line}: ${answer.chartNote ?? 'no yearly figure to draw'}`);
  const chart = await renderChart(answer.chart);
  const name = `chart-${line
    .replace(/^\//, '')
    .replace(/[^a-z0-9]+/gi, '-')
    .replace(/-+$/, '')}`;
  await writeFile(join(outDir, `${name}.png`), chart.png);
  if (withSvg) await writeFile(join(outDir, `${name}.svg`), chart.svg);
  console.log(
    `${line}: ${chart.width}×${chart.height} in ${(performance.now() - t0).toFixed(0)} ms → ${name}.png`,
  );
}
