/**
 * Chart rendering cost, in a fresh process so the first figure is what a bot pays once: the
 * libraries loaded, the fonts read, the first chart drawn. Then the first drawing of other filters
 * (libraries loaded), and a cached chart. Prints figures, asserts nothing.
 */
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { loadEngine } from '../src/engineCache.js';
import { loadCommands } from '../src/commands/registry.js';
import { Session } from '../src/cli/session.js';
import { packageRoot } from '../src/paths.js';
import type { ChartData } from '../src/chart/chartData.js';

const engine = await loadEngine(join(packageRoot(), 'knowledge'));
const commands = await loadCommands({ validate: false });
const session = new Session(engine, commands);
const chartOf = (line: string): ChartData => {
  const answer = session.run(line, 0);
  if (answer?.kind !== 'passages' || !answer.chart) throw new Error(`${line}: no chart`);
  return answer.chart;
};
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

const t0 = performance.now();
const { ChartCache } = await import('../src/chart/chartCache.js');
const { renderChart } = await import('../src/chart/renderChart.js');
const cache = new ChartCache();
const first = await cache.get(chartOf('/salary'));
const coldMs = performance.now() - t0;

const lines = [
  '/salary senior',
  '/salary junior',
  '/salary mid',
  '/salary Seattle',
  '/salary industry:real estate',
];
const firsts: Array<[string, number, number]> = [];
for (const line of lines) {
  const data = chartOf(line);
  const t = performance.now();
  const chart = await renderChart(data);
  firsts.push([line, performance.now() - t, chart.png.length]);
}
// Again, now that the JIT has seen the code: what a running bot pays for a filter it has not drawn.
const again: number[] = [];
for (let round = 0; round < 3; round++)
  for (const line of lines) {
    const t = performance.now();
    await renderChart(chartOf(line));
    again.push(performance.now() - t);
  }

const data = chartOf('/salary');
const cached: number[] = [];
for (let i = 0; i < 1000; i++) {
  const t = performance.now();
  await cache.get(data);
  cached.push((performance.now() - t) * 1000);
}

console.log('Salary chart (Vega-Lite → Vega SVG → resvg PNG, 960 px wide):');
console.log(
  `  first chart in a fresh process (libraries and fonts loaded): ${coldMs.toFixed(0)} ms (/salary, ${(first.png.length / 1024).toFixed(0)} KB PNG)`,
);
for (const [line, ms, bytes] of firsts)
  console.log(
    `  first drawing of ${line.padEnd(30)} ${ms.toFixed(0).padStart(5)} ms  ${(bytes / 1024).toFixed(0)} KB`,
  );
console.log(
  `  a filter not drawn yet, warm process: median ${median(again).toFixed(0)} ms, max ${Math.max(...again).toFixed(0)} ms`,
);
console.log(
  `  cached (same chart again): median ${median(cached).toFixed(1)} µs, max ${Math.max(...cached).toFixed(0)} µs`,
);
