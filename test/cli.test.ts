import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { PNG } from 'pngjs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { FIXTURES, KNOWLEDGE, ROOT } from './helpers.js';

const CLI = join(ROOT, 'dist', 'src', 'cli', 'careerbot.js');
const MAIN = join(ROOT, 'dist', 'src', 'main.js');

function run(file: string, args: string[], input: string, env: Record<string, string> = {}) {
  return spawnSync(process.execPath, [file, ...args], {
    cwd: ROOT,
    input,
    encoding: 'utf8',
    env: { ...process.env, DISCORD_TOKEN: '', NO_COLOR: '1', ...env },
    timeout: 20_000,
  });
}

describe('pay guides in pounds and rupees (test/fixtures/uk-guide, india-guide) in the console and the batch', () => {
  const dir = mkdtempSync(join(tmpdir(), 'careerbot-cli-guides-'));
  cpSync(KNOWLEDGE, dir, { recursive: true });
  for (const guide of ['uk-guide', 'india-guide']) cpSync(join(FIXTURES, guide), dir, { recursive: true });
  const env = { KNOWLEDGE_DIR: dir };
  const lines = ['/salary London', '/salary staff', '/salary fresher', '/salary location:Bangalore'];
  type Figure = {
    text: string;
    currency: string | null;
    levels: string[];
    place: string | null;
    unit: string;
  };

  it('the batch JSON: each figure with its ISO currency, level and place; the notice names the currency', () => {
    const r = run(CLI, ['ask', '--json'], lines.join('\n') + '\n', env);
    expect(r.status).toBe(0);
    const out = r.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { figures: Figure[]; notice?: string; results: unknown[] });
    const [london, staff, fresher, bangalore] = out;
    expect(london!.notice).toMatch(/^Figures for London are in pounds/);
    expect(london!.figures.every((f) => f.currency === 'GBP' && f.place === 'London')).toBe(true);
    expect(london!.figures).toContainEqual(
      expect.objectContaining({ text: '£750–£900', unit: 'day', levels: ['staff'] }),
    );
    expect(staff!.figures.every((f) => f.levels.includes('staff'))).toBe(true);
    expect(new Set(staff!.figures.map((f) => f.currency))).toEqual(new Set(['INR', 'GBP']));
    expect(fresher!.figures.map((f) => f.currency)).toEqual(expect.arrayContaining(['USD', 'INR', 'GBP']));
    // US dollars first, then each currency together.
    const order = fresher!.figures.map((f) => f.currency).filter((c, i, all) => c !== all[i - 1]);
    expect(order[0]).toBe('USD');
    expect(new Set(order).size).toBe(order.length);
    expect(bangalore!.figures.map((f) => f.text)).toEqual(expect.arrayContaining(['₹8–14 LPA', '₹50 LPA']));
    expect(bangalore!.figures.every((f) => f.currency === 'INR')).toBe(true);
  });

  it('the console: the glance names the currency, the chart has its own axis per currency', () => {
    const r = run(CLI, ['ask'], '/salary staff\n', { ...env, COLUMNS: '100' });
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/₹50–90 LPA +INR · staff/);
    expect(r.stdout).toMatch(/£95,000 to £120,000 +GBP · staff/);
    expect(r.stdout).toContain('Rupees a year');
    expect(r.stdout).toContain('Pounds a year');
  });

  it('check lists every pay figure with its currency, level and place', () => {
    const r = run(CLI, ['check'], '', env);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('£60k–£75k (GBP; mid, London)');
    expect(r.stdout).toContain('£550 per day (GBP; senior)');
    expect(r.stdout).toContain('₹8–14 LPA (INR; junior, Bangalore)');
    expect(r.stdout).toContain('₹85,000 per month (INR; all levels)');
    // The seeds' dollar figures are listed as before.
    expect(r.stdout).toContain('$147,000 to $182,182 (all levels, Seattle)');
  });

  afterAll(() => rmSync(dir, { recursive: true, force: true }));
});

describe('the compiled CLI (npm run build)', () => {
  it('is built', () => {
    expect(existsSync(CLI), 'run `npm run build` first').toBe(true);
  });

  it('batch contract: one JSON line per input line, in order, errors in step', () => {
    const lines = [
      '/salary senior',
      '/nope',
      '',
      '/ask ' + 'x'.repeat(10_000),
      '/ask Austin pay',
      '/salary wizard',
    ];
    const r = run(CLI, ['ask', '--json'], lines.join('\n') + '\n');
    expect(r.status).toBe(0);
    const out = r.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { results: Array<Record<string, unknown>>; error?: string });
    expect(out).toHaveLength(lines.length);
    expect(out[0]!.results.length).toBeGreaterThan(3);
    expect(out[0]!.results.length).toBeLessThanOrEqual(10);
    expect(Object.keys(out[0]!.results[0]!)).toEqual([
      'title',
      'publisher',
      'url',
      'heading',
      'text',
      'score',
      'levels',
      'topics',
    ]);
    expect(out[1]!.error).toMatch(/Unknown command/);
    expect(out[2]!.error).toMatch(/Empty line/);
    expect(out[3]!.error).toMatch(/2000/);
    expect(String(out[4]!.results[0]!.text)).toContain('Austin');
    expect(out[5]!.error).toMatch(/junior, mid, senior or staff/);
  });

  it('answers one command given as arguments', () => {
    const r = run(CLI, ['ask', '/skills', 'mid'], '');
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^\/skills level:mid — passages 1–3/);
  });

  it('one-shot: mistakes exit 1 with a line saying what is accepted; --help exits 0; more passages by --offset', () => {
    const level = run(CLI, ['ask', '/salary level:wizard'], '');
    expect(level.status).toBe(1);
    expect(level.stderr).toMatch(/Choose junior, mid, senior or staff/);
    const unknown = run(CLI, ['ask', '/salry senior'], '');
    expect(unknown.status).toBe(1);
    expect(unknown.stderr).toMatch(/Did you mean \/salary\? Try \/ask, /);
    for (const flag of ['--help', '-h']) {
      const help = run(CLI, [flag], '');
      expect(help.status).toBe(0);
      expect(help.stdout).toMatch(/Usage:\n {2}careerbot ask "\/salary senior"/);
    }
    const first = run(CLI, ['ask', '/salary senior'], '');
    expect(first.status).toBe(0);
    expect(first.stdout).not.toContain('/more');
    expect(first.stdout).toContain('More: careerbot ask --offset 3 "/salary senior"');
    const next = run(CLI, ['ask', '--offset', '3', '/salary senior'], '');
    expect(next.stdout).toMatch(/passages 4–6 of \d+/);
    const bad = run(CLI, ['ask', '--limit', '99', '/salary'], '');
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/--limit takes a whole number from 1 to 10/);
  });

  it('batch: /sources and no-match messages carry no Markdown; figures point at results by 0-based index', () => {
    const r = run(CLI, ['ask', '--json'], '/sources\n/ask how do I bake sourdough bread\n/salary senior\n');
    const [sources, none, salary] = r.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(String(sources!.message)).not.toMatch(/\*\*|`|<http/);
    expect(String(sources!.message)).toContain('(Dataquest)');
    expect(none!.results).toEqual([]);
    expect(String(none!.message)).toMatch(/^No good match/);
    expect(none!.suggestions).toEqual(expect.arrayContaining(['/salary senior']));
    const figures = salary!.figures as Array<{ text: string; passage: number | null }>;
    const results = salary!.results as Array<{ text: string }>;
    for (const f of figures) if (f.passage !== null) expect(results[f.passage]!.text).toContain(f.text);
    expect(figures.some((f) => f.passage === 0)).toBe(true);
  });

  it('adding knowledge: a staging folder without a thesaurus is checked with the main one', () => {
    const staging = join(ROOT, 'test', 'fixtures', 'fourth-document');
    const r = spawnSync(process.execPath, [CLI, 'check'], {
      cwd: ROOT,
      encoding: 'utf8',
      env: { ...process.env, KNOWLEDGE_DIR: staging, NO_COLOR: '1' },
    });
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/thesaurus: .* has none; checked with .*knowledge\/thesaurus\.yaml/);
    // The levels the bot gives these figures once the file is in knowledge/ (from the main thesaurus).
    expect(r.stdout).toContain('$171k to $236k (base; staff)');
  });

  it('one broken document: the console serves the others and names the broken file and line; check fails', async () => {
    const { mkdtemp, cp, writeFile, rm } = await import('node:fs/promises');
    const { tmpdir } = await import('node:os');
    const dir = await mkdtemp(join(tmpdir(), 'careerbot-broken-'));
    try {
      await cp(KNOWLEDGE, dir, { recursive: true });
      await writeFile(join(dir, 'broken.md'), '---\ntitle: [unclosed\npublisher: P\n---\n\ntext\n');
      const env = { ...process.env, KNOWLEDGE_DIR: dir, DISCORD_TOKEN: '', NO_COLOR: '1' };
      const consoleRun = spawnSync(process.execPath, [MAIN], {
        cwd: ROOT,
        encoding: 'utf8',
        env,
        input: '/salary senior\n',
      });
      expect(consoleRun.status).toBe(0);
      expect(consoleRun.stdout).toContain('$172,654+');
      expect(consoleRun.stderr).toMatch(
        /knowledge partly loaded[\s\S]*broken\.md:2: front matter is not valid YAML/,
      );
      const check = spawnSync(process.execPath, [CLI, 'check'], { cwd: ROOT, encoding: 'utf8', env });
      expect(check.status).toBe(1);
      expect(check.stderr).toMatch(/broken\.md:2:/);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('ask with no question on a terminal prints usage instead of waiting', () => {
    // util-linux `script` gives the CLI a terminal for stdin, as a person typing `npm run ask` has.
    const r = spawnSync('script', ['-qec', `${process.execPath} ${CLI} ask`, '/dev/null'], {
      cwd: ROOT,
      encoding: 'utf8',
      input: '',
      timeout: 10_000,
    });
    expect(r.error, 'util-linux script is needed for this test').toBeUndefined();
    expect(r.status).toBe(2);
    expect(r.stdout).toMatch(/ask what\? For example: careerbot ask "\/salary senior"[\s\S]*Usage:/);
  });

  it('npm start without a token is the console: piped lines are answered with sources', () => {
    const r = run(MAIN, [], '/salary senior\n');
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('$233,000');
    expect(r.stdout).toContain('$172,654+');
    expect(r.stdout).toContain('— Dataquest');
    expect(r.stdout).toContain('— Machine Learning Developer (AiPathly)');
  });

  it('check validates the knowledge and reports counts', () => {
    const r = run(CLI, ['check'], '');
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/knowledge ok: 3 documents, \d+ sections, \d+ passages/);
  });

  it('a broken knowledge folder fails with path:line', () => {
    const r = spawnSync(process.execPath, [CLI, 'ask', '/help'], {
      cwd: ROOT,
      encoding: 'utf8',
      env: { ...process.env, KNOWLEDGE_DIR: join(ROOT, 'test', 'fixtures', 'broken-knowledge') },
    });
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/broken-knowledge\/bad\.md:3: front matter is missing "title"|bad\.md:\d+:/);
  });
});

describe('careerbot chart', () => {
  const dir = mkdtempSync(join(tmpdir(), 'careerbot-cli-chart-'));

  it("writes /salary's range chart as a PNG (-o) or an SVG (--svg)", () => {
    const png = join(dir, 'senior.png');
    const r = run(CLI, ['chart', '/salary senior', '-o', png], '');
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^wrote .*senior\.png \(PNG 960×\d+\): Yearly pay · senior, 5 figures\n$/);
    const image = PNG.sync.read(readFileSync(png));
    expect(image.width).toBe(960);
    const svg = join(dir, 'seattle.svg');
    const s = run(CLI, ['chart', '--svg', '/salary location:Seattle', '-o', svg], '');
    expect(s.status).toBe(0);
    const text = readFileSync(svg, 'utf8');
    expect(text).toMatch(/^<svg /);
    expect(text).toContain('Yearly pay · Seattle');
    expect(text).toContain('$147k–$182.2k');
  });

  it('says why when there is nothing to draw, with an exit code', () => {
    const other = run(CLI, ['chart', '/skills mid', '-o', join(dir, 'x.png')], '');
    expect(other.status).toBe(1);
    expect(other.stderr).toMatch(/only \/salary has a chart/);
    const bad = run(CLI, ['chart', '/salary level:wizard'], '');
    expect(bad.status).toBe(1);
    expect(bad.stderr).toMatch(/junior, mid, senior or staff/);
    const flag = run(CLI, ['chart', '--width', '9'], '');
    expect(flag.status).toBe(2);
    expect(flag.stderr).toMatch(/accepted: -o FILE, --svg/);
    expect(existsSync(join(dir, 'x.png'))).toBe(false);
  });

  it('the one-shot answer draws the chart in Unicode under the table, within the width', () => {
    const r = run(CLI, ['ask', '/salary senior'], '');
    expect(r.status).toBe(0);
    const lines = r.stdout.split('\n');
    const title = lines.indexOf('Yearly pay · senior');
    expect(title).toBeGreaterThan(lines.indexOf('Salary at a glance'));
    const chart = lines.slice(title, title + 10).join('\n');
    expect(chart).toMatch(/Dataquest · total +━+ \$192k–\$290k/);
    expect(chart).toMatch(/AiPathly +▶ \$172\.7k\+/);
    expect(chart).toMatch(/┬─+┬/);
    for (const l of lines) expect(l.length).toBeLessThanOrEqual(88);
  });
});
