import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from './helpers.js';

const CLI = join(ROOT, 'dist', 'src', 'cli', 'careerbot.js');
const MAIN = join(ROOT, 'dist', 'src', 'main.js');

function run(file: string, args: string[], input: string) {
  return spawnSync(process.execPath, [file, ...args], {
    cwd: ROOT,
    input,
    encoding: 'utf8',
    env: { ...process.env, DISCORD_TOKEN: '', NO_COLOR: '1' },
    timeout: 20_000,
  });
}

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
    expect(out[5]!.error).toMatch(/junior, mid or senior/);
  });

  it('answers one command given as arguments', () => {
    const r = run(CLI, ['ask', '/skills', 'mid'], '');
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^\/skills level:mid — passages 1–3/);
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
