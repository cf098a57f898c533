import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PNG } from 'pngjs';
import { waitFor } from './support/waitFor.js';
import { describe, expect, it } from 'vitest';
import { runCommand } from '../src/commands/run.js';
import { loadEngine } from '../src/engineCache.js';
import { loadCommands } from '../src/commands/registry.js';
import type { Engine } from '../src/search/engine.js';
import type { PassagesAnswer } from '../src/answers/types.js';
import { chartData, describeChart, shortFigure, type ChartData } from '../src/chart/chartData.js';
import { CHART_WIDTH, axisOf } from '../src/chart/chartSpec.js';
import { ChartCache } from '../src/chart/chartCache.js';
import { PIXEL_RATIO, chartScene, renderChart, type SceneNode } from '../src/chart/renderChart.js';
import { seedEngine } from './helpers.js';
import { terminalChart } from '../src/chart/terminalChart.js';

async function salary(options: Record<string, string>, engine?: Engine): Promise<PassagesAnswer> {
  const seed = await seedEngine();
  const answer = runCommand(
    { engine: engine ?? seed.engine, commands: seed.commands, offset: 0, limit: 3 },
    'salary',
    options,
  );
  if (answer.kind !== 'passages') throw new Error(`no passages for /salary ${JSON.stringify(options)}`);
  return answer;
}

/** Every node of a scenegraph with the group it sits in (marks' x and y are relative to it). */
function* marks(
  node: SceneNode,
  group?: SceneNode,
): Generator<{ node: SceneNode; group: SceneNode | undefined }> {
  for (const item of node.items ?? []) {
    if (item.marktype) yield* marks(item, group);
    else {
      yield { node: { ...item, marktype: node.marktype, role: node.role, name: node.name }, group };
      if (item.items) yield* marks(item, node.marktype === 'group' ? item : group);
    }
  }
}

/** The text of an SVG without tags, entities decoded, spaces collapsed. */
function svgText(svg: string): string {
  return [...svg.matchAll(/<text[^>]*>([^<]*)<\/text>/g)]
    .map((m) =>
      m[1]!
        .replace(/&amp;/g, '&')
        .replace(/&#x27;|&apos;/g, "'")
        .replace(/&lt;/g, '<'),
    )
    .join('\n');
}

describe('the salary range chart', () => {
  it('takes yearly dollar figures only, grouped by level, labelled with source and basis', async () => {
    const answer = await salary({});
    const chart = answer.chart!;
    expect(chart.rows.length).toBeGreaterThan(10);
    // Yearly salaries: additional cash (a bonus on top) is listed, not drawn among them.
    const yearly = answer.figures!.filter(
      (f) => f.unit === 'year' && (f.low ?? f.high ?? 0) >= 1000 && !f.basis.includes('additional cash'),
    );
    expect(chart.rows.length).toBe(yearly.length);
    // The hourly wage and the raise percentages are listed in the text, not drawn.
    expect(chart.leftOut).toBe(answer.figures!.length - yearly.length);
    expect(chart.leftOut).toBeGreaterThanOrEqual(2);
    expect(chart.rows.map((r) => r.text)).not.toContain('$41.21');
    expect(chart.rows.some((r) => r.text.includes('%'))).toBe(false);
    // Groups in level order, each row within its group.
    const groups = [...new Set(chart.rows.map((r) => r.group))];
    expect(groups).toEqual(['All levels', 'Junior', 'Mid', 'Senior']);
    expect(chart.rows.map((r) => r.groupOrder)).toEqual([...chart.rows.map((r) => r.groupOrder)].sort());
    expect(chart.rows.find((r) => r.text === '$192,000 to $290,000')).toMatchObject({
      group: 'Senior',
      label: 'Dataquest · total',
      low: 192_000,
      high: 290_000,
    });
    expect(chart.sources.map((s) => s.name).sort()).toEqual(['AiPathly', 'Career.Guide', 'Dataquest']);
    expect(chart.credit).toMatch(/^Sources: .*Dataquest \(Glassdoor\)/);
    expect(chart.title).toMatch(/by level/);
  });

  it('follows the filters, and names them in its title', async () => {
    const senior = (await salary({ level: 'senior' })).chart!;
    expect(senior.title).toBe('Yearly pay · senior');
    expect(new Set(senior.rows.map((r) => r.group))).toEqual(new Set(['Senior']));
    const seattle = (await salary({ location: 'Seattle' })).chart!;
    expect(seattle.title).toBe('Yearly pay · Seattle');
    expect(seattle.rows.map((r) => r.text)).toEqual(['$147,000 to $182,182']);
    // A source keeps its colour (its place among all sources) whatever the filter.
    const all = (await salary({})).chart!;
    const index = (c: ChartData, name: string) => c.sources.find((s) => s.name === name)?.index;
    expect(index(senior, 'AiPathly')).toBe(index(all, 'AiPathly'));
    expect(index(senior, 'Dataquest')).toBe(index(all, 'Dataquest'));
  });

  it('an axis of round ticks that covers every figure', () => {
    const rows = [
      { low: 96_000, high: 132_000 },
      { low: 192_000, high: 290_000 },
    ] as ChartData['rows'];
    const { domain, ticks } = axisOf(rows);
    expect(domain[0]).toBeLessThan(96_000);
    expect(domain[1]).toBeGreaterThan(290_000);
    const step = ticks[1]! - ticks[0]!;
    expect([10_000, 20_000, 25_000, 50_000, 100_000]).toContain(step);
    expect(ticks.every((t) => t % step === 0)).toBe(true);
    expect(ticks.length).toBeGreaterThanOrEqual(3);
    expect(ticks.length).toBeLessThanOrEqual(6);
    expect(ticks[0]).toBe(domain[0]);
    expect(ticks.at(-1)).toBe(domain[1]);
  });

  it('draws every figure and every source into the SVG, and a PNG of the expected size', async () => {
    for (const options of [{}, { level: 'senior' }, { location: 'Seattle' }]) {
      const data = (await salary(options)).chart!;
      const chart = await renderChart(data);
      const text = svgText(chart.svg);
      expect(text).toContain(data.title);
      expect(text).toContain(data.credit);
      for (const row of data.rows) {
        expect(text).toContain(row.label);
        expect(text).toContain(row.short);
      }
      for (const source of data.sources) expect(text).toContain(source.name);
      expect(text).toMatch(/\$\d+k/);
      const png = PNG.sync.read(chart.png);
      expect(png.width).toBe(CHART_WIDTH * PIXEL_RATIO);
      expect(png.height).toBe(chart.height);
      expect(png.height).toBeGreaterThan(150);
      // Laid out at the width it is drawn at, whatever the labels' length.
      expect(chart.svg).toMatch(new RegExp(`<svg[^>]*width="${CHART_WIDTH}"`));
    }
  });

  it('puts every bar, dot and arrow inside its plot area', async () => {
    const data = (await salary({})).chart!;
    const scene = await chartScene(data);
    let checked = 0;
    for (const { node, group } of marks(scene)) {
      if (node.role !== 'mark' || (node.marktype !== 'rule' && node.marktype !== 'symbol')) continue;
      if (!node.opacity) continue;
      expect(group, `${node.name} outside a cell`).toBeDefined();
      const width = group!.width!;
      const height = group!.height!;
      for (const x of [node.x!, node.x2 ?? node.x!]) {
        expect(x).toBeGreaterThanOrEqual(0);
        expect(x).toBeLessThanOrEqual(width);
      }
      expect(node.y!).toBeGreaterThan(0);
      expect(node.y!).toBeLessThan(height);
      checked++;
    }
    // A bar per range, a dot per single amount, an arrow per open-ended figure ("$172,654+" is an arrow only).
    const ranges = data.rows.filter((r) => r.low !== r.high).length;
    const dots = data.rows.filter((r) => r.low === r.high && !r.openEnded).length;
    const arrows = data.rows.filter((r) => r.openEnded).length;
    expect(arrows).toBeGreaterThan(0);
    expect(checked).toBe(ranges + dots + arrows);
  });

  it('a drawn chart is cached: drawn once, the second is the same bytes', async () => {
    const data = (await salary({ level: 'mid' })).chart!;
    let draws = 0;
    const cache = new ChartCache(64, (d) => {
      draws++;
      return renderChart(d);
    });
    expect(cache.peek(data)).toBeUndefined();
    const [first, concurrent] = await Promise.all([cache.get(data), cache.get(data)]);
    expect(concurrent).toBe(first);
    const again = await cache.get(data);
    expect(again).toBe(first);
    expect(cache.peek(structuredClone(data))).toBe(first);
    // Asked three times (two at once), drawn once: no timing, a count.
    expect(draws).toBe(1);
    expect(again.png.equals(first.png)).toBe(true);
    // Drawn anew (another cache), the picture is byte-identical too.
    const fresh = await renderChart(structuredClone(data));
    expect(fresh.png.equals(first.png)).toBe(true);
    expect(fresh.svg).toBe(first.svg);
  });

  it('a filter with no yearly figure gives no picture and says why', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'careerbot-chart-'));
    await writeFile(
      join(dir, 'contracting.md'),
      [
        '---',
        'title: Contracting rates',
        'publisher: Test Press',
        '---',
        '',
        '## Salary of contractors',
        '',
        'ML contractors in Denver charge $85 per hour on average.',
        '',
        '## Salary of employees',
        '',
        'Machine learning engineers in Austin earn $150,000 a year.',
        '',
      ].join('\n'),
    );
    const engine = await loadEngine(dir, { cacheDir: false });
    const commands = await loadCommands();
    const run = (options: Record<string, string>) =>
      runCommand({ engine, commands, offset: 0, limit: 3 }, 'salary', options) as PassagesAnswer;
    const denver = run({ location: 'Denver' });
    expect(denver.figures?.map((f) => f.text)).toEqual(['$85']);
    expect(denver.chart).toBeUndefined();
    expect(denver.chartNote).toMatch(/No chart for Denver: none of these figures is a yearly amount/);
    const austin = run({ location: 'Austin' });
    expect(austin.chart?.rows.map((r) => r.text)).toEqual(['$150,000']);
    expect(austin.chartNote).toBeUndefined();
  });

  it('writes each figure in thousands beside its bar', () => {
    expect(shortFigure(147_000, 182_182, false)).toBe('$147k–$182.2k');
    expect(shortFigure(172_654, undefined, true)).toBe('$172.7k+');
    expect(shortFigure(148_672, 208_931, true)).toBe('$148.7k–$208.9k+');
    expect(shortFigure(undefined, 152_601, false)).toBe('up to $152.6k');
    expect(shortFigure(233_000, 233_000, false)).toBe('$233k');
  });

  it('says in words what it shows (the alt text)', async () => {
    const data = (await salary({ level: 'senior' })).chart!;
    const alt = describeChart(data);
    expect(alt).toMatch(/^Range chart, Yearly pay · senior\. Senior: \$100k to \$290k \(/);
    expect(alt).toContain('5 figures');
    expect(alt).toContain(data.credit);
    expect(describeChart(chartData([], {}))).toMatch(/^Range chart/);
  });

  it('in a terminal: a Unicode chart that fits the width, bars where their amounts are', async () => {
    const data = (await salary({})).chart!;
    for (const width of [60, 88, 100, 140]) {
      const lines = terminalChart(data, width, false);
      expect(lines.length).toBeGreaterThan(data.rows.length);
      for (const l of lines) expect([...l].length, l).toBeLessThanOrEqual(width);
      // Every row is drawn with its figure; groups in level order.
      for (const r of data.rows) expect(lines.some((l) => l.includes(r.short))).toBe(true);
      expect(lines.filter((l) => /^(All levels|Junior|Mid|Senior)$/.test(l))).toEqual([
        'All levels',
        'Junior',
        'Mid',
        'Senior',
      ]);
    }
    // A higher figure starts further right.
    const lines = terminalChart(data, 100, false);
    const start = (short: string) => {
      const line = lines.find((l) => l.endsWith(` ${short}`))!;
      return line.search(/[━●▶]/);
    };
    expect(start('$192k–$290k')).toBeGreaterThan(start('$96k–$132k'));
    expect(start('$233k')).toBeGreaterThan(start('$85.7k'));
    // Colour codes only when asked for.
    expect(terminalChart(data, 100, true).join('\n')).toContain('\x1b[');
    expect(lines.join('\n')).not.toContain('\x1b[');
    // Too narrow to say anything: no chart rather than a garbled one.
    expect(terminalChart(data, 30, false)).toEqual([]);
  });
});

describe('the chart worker thread', () => {
  it('draws the same bytes as this thread, and starts again after it dies', async () => {
    const { ChartWorker } = await import('../src/chart/chartWorker.js');
    const data = (await salary({ level: 'junior' })).chart!;
    const here = await renderChart(data);
    const worker = new ChartWorker();
    try {
      const there = await worker.draw(data);
      expect(worker.running).toBe(true);
      expect(Buffer.isBuffer(there.png)).toBe(true);
      expect(there.png.equals(here.png)).toBe(true);
      expect(there.svg).toBe(here.svg);
      // A drawing that fails is an error for its caller, not a crash.
      await expect(
        worker.draw({ ...data, rows: [{ ...data.rows[0]!, low: Number.NaN }] }),
      ).resolves.toBeDefined();
      await worker.close();
      expect(worker.running).toBe(false);
      const again = await worker.draw(data);
      expect(again.png.equals(here.png)).toBe(true);
    } finally {
      await worker.close();
    }
  });

  it('stops when it has had nothing to draw for a while, and starts again when asked', async () => {
    const { ChartWorker } = await import('../src/chart/chartWorker.js');
    const data = (await salary({ location: 'Seattle' })).chart!;
    const worker = new ChartWorker(50);
    try {
      await worker.draw(data);
      expect(worker.running).toBe(true);
      await waitFor('the idle worker to stop', () => !worker.running, 3000).catch(() => undefined);
      expect(worker.running).toBe(false);
      expect((await worker.draw(data)).width).toBe(960);
    } finally {
      await worker.close();
    }
  });
});
