/**
 * What a new user and a new admin trip on, each tried from a fresh clone (issue 19, item 8): Markdown
 * as people write it, paging past the end, one colour per source, console options, a level asked
 * where the figures are for all levels, settings and front-matter mistakes, and the temp folder.
 */
import { spawnSync } from 'node:child_process';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { chartData } from '../src/chart/chartData.js';
import { colorOf } from '../src/answers/sourceColors.js';
import { Session } from '../src/cli/session.js';
import { renderTerminal } from '../src/cli/renderTerminal.js';
import { loadConfig } from '../src/config.js';
import { buildReply } from '../src/discord/reply.js';
import { joinSoftBreaks, parseKnowledgeDocument } from '../src/knowledge/parseDocument.js';
import { readKnowledgeFiles } from '../src/knowledge/knowledgeFiles.js';
import { KNOWLEDGE, ROOT, SHIPPED_KNOWLEDGE, seedEngine } from './helpers.js';

const CLI = join(ROOT, 'dist', 'src', 'cli', 'careerbot.js');
const session = async () => {
  const { engine, commands } = await seedEngine();
  return new Session(engine, commands);
};

describe('Markdown as people write it', () => {
  it.each([
    ['one line\nwrapped at 100 columns\nends here.', 'one line wrapped at 100 columns ends here.'],
    ['a hard break  \nkeeps its line', 'a hard break  \nkeeps its line'],
    ['a backslash break\\\nkeeps it too', 'a backslash break\\\nkeeps it too'],
    [
      '- an item that is\n  wrapped\n  - a nested item\n- next',
      '- an item that is wrapped\n  - a nested item\n- next',
    ],
    ['Lead-in:\n1. first\n2. second', 'Lead-in:\n1. first\n2. second'],
    ['para one\n\npara two', 'para one\n\npara two'],
  ])('%j → %j', (raw, joined) => {
    expect(joinSoftBreaks(raw)).toBe(joined);
  });

  it('a paragraph hard-wrapped in a document is quoted as one line of text', () => {
    const doc = parseKnowledgeDocument(
      'wrapped.md',
      [
        '---',
        'title: "Wrapped"',
        'publisher: "P"',
        '---',
        '',
        '## Pay',
        '',
        'Junior machine learning engineers earn about $90,000 per year in',
        'base salary, and more with a bonus.',
        '',
        '- Senior engineers earn about $150,000',
        '  per year in total pay.',
      ].join('\n'),
      'wrapped',
    );
    const [paragraph, list] = doc.sections[0]!.blocks;
    expect(paragraph!.raw).toBe(
      'Junior machine learning engineers earn about $90,000 per year in base salary, and more with a bonus.',
    );
    expect(list!.items).toEqual(['- Senior engineers earn about $150,000 per year in total pay.']);
  });

  it('an autolink prints as its link in the terminal', async () => {
    const s = await session();
    const answer = s.run('/sources')!;
    const text = renderTerminal(
      {
        kind: 'passages',
        asked: '/ask x',
        offset: 0,
        total: 1,
        results: [
          {
            passageId: 'x#1',
            sourceIndex: 0,
            title: 'T',
            publisher: 'P',
            heading: 'H',
            text: 'See <https://example.org/guide> for more.',
            score: 1,
            levels: [],
            topics: [],
          },
        ],
      },
      { color: false, width: 100 },
    );
    expect(answer.kind).toBe('message');
    expect(text).toContain('See https://example.org/guide for more.');
    expect(text).not.toContain('<https://');
  });
});

describe('paging past the end', () => {
  it('/more after the last passage says there are no more (not "passages 4–3 of 1")', async () => {
    const s = await session();
    const answer = s.run('/ask what does an ML engineer do in Toronto')!;
    expect(answer.kind).toBe('passages');
    const total = answer.kind === 'passages' ? answer.total : 0;
    for (let shown = 3; shown < total; shown += 3) expect(s.run('/more')!.kind).toBe('passages');
    const end = s.run('/more')!;
    expect(end.kind).toBe('error');
    if (end.kind === 'error') expect(end.message).toMatch(new RegExp(`has ${total} passages in all`));
  });

  it('careerbot ask --offset past the end exits 1 saying so', () => {
    const r = spawnSync(process.execPath, [CLI, 'ask', '--offset', '60', '/skills'], {
      cwd: ROOT,
      encoding: 'utf8',
    });
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/No more passages: \/skills has \d+ passages in all/);
  });

  it('--offset applies to each line of a --json batch, and --limit is kept', () => {
    const r = spawnSync(process.execPath, [CLI, 'ask', '--json', '--offset', '3', '--limit', '2'], {
      cwd: ROOT,
      encoding: 'utf8',
      input: '/skills\n',
    });
    const line = JSON.parse(r.stdout.trim()) as { results: unknown[]; total: number };
    expect(line.results).toHaveLength(2);
    const first = JSON.parse(
      spawnSync(process.execPath, [CLI, 'ask', '--json'], { cwd: ROOT, encoding: 'utf8', input: '/skills\n' })
        .stdout,
    ) as { results: Array<{ text: string }> };
    expect((line.results[0] as { text: string }).text).toBe(first.results[3]!.text);
  });
});

describe('one colour per source', () => {
  it("a source's embed stripe is its colour in the salary chart", async () => {
    const { engine, commands } = await seedEngine();
    const answer = new Session(engine, commands).run('/salary')!;
    expect(answer.kind).toBe('passages');
    if (answer.kind !== 'passages' || !answer.chart) throw new Error('no chart');
    const body = buildReply(answer, { visibility: 'private' });
    const byName = new Map(answer.chart.sources.map((s) => [s.name, colorOf(s.index)]));
    const passages = body.embeds.filter((e) => e.author);
    expect(passages.length).toBeGreaterThan(0);
    for (const [i, e] of passages.entries()) {
      const r = answer.results[i]!;
      const chartColor = byName.get(r.publisher || r.title);
      if (chartColor) expect(`#${e.color!.toString(16).padStart(6, '0')}`).toBe(chartColor);
    }
    expect(passages.some((_, i) => byName.has(answer.results[i]!.publisher))).toBe(true);
  });
});

describe('console options and the salary glance', () => {
  it('an option the command does not have is named, anywhere in the line', async () => {
    const s = await session();
    for (const [line, name] of [
      ['/skills level:senior location:Seattle', 'location'],
      ['/skills foo:bar', 'foo'],
      ['/salary level:senior foo:bar', 'foo'],
    ]) {
      const answer = s.run(line!)!;
      expect(answer.kind, line).toBe('error');
      if (answer.kind === 'error') expect(answer.message).toContain(`has no option “${name}”`);
    }
    // A colon inside a question is part of the question.
    expect(s.run('/ask what is the note: on mlops')!.kind).toBe('passages');
  });

  it("a word that fits no option lists some of the option's values and says how many more", async () => {
    const answer = (await session()).run('/salary banana')!;
    expect(answer.kind).toBe('error');
    if (answer.kind === 'error') {
      expect(answer.message).toMatch(/location: United States, Austin, Boston and \d+ more;/);
      expect(answer.message).not.toContain('…');
    }
  });

  it('a level asked where the figures are for all levels says so', async () => {
    const answer = (await session()).run('/salary senior Seattle')!;
    expect(answer.kind).toBe('passages');
    if (answer.kind === 'passages') {
      expect(answer.notice).toBe('No senior-level figure for Seattle; this one is for all levels.');
      expect(answer.figures!.every((f) => f.levels.length === 0)).toBe(true);
    }
  });

  it('a figure quoted with two bases is labelled alike in every view', async () => {
    const s = await session();
    const label = (line: string) => {
      const a = s.run(line)!;
      const f = a.kind === 'passages' ? a.figures?.find((x) => x.text === '$233,000') : undefined;
      return f && [f.basis.join(' '), ...(f.alsoAs ?? [])].join(', ');
    };
    expect(label('/salary')).toBeTruthy();
    expect(label('/salary senior')).toBe(label('/salary'));
    expect(label('/salary level:senior location:')).toBe(label('/salary'));
  });

  it('the chart draws salaries, not additional cash', async () => {
    const { engine, commands } = await seedEngine();
    const answer = new Session(engine, commands).run('/salary')!;
    if (answer.kind !== 'passages') throw new Error('no answer');
    const extra = answer.figures!.filter((f) => f.basis.includes('additional cash'));
    const data = chartData(answer.figures!, {}, []);
    for (const f of extra) expect(data.rows.some((r) => r.text === f.text)).toBe(false);
    expect(data.rows.length).toBeGreaterThan(0);
  });
});

describe('settings and front matter', () => {
  it.each([
    ['COOLDOWN_REQUESTS', 'abc', /COOLDOWN_REQUESTS is invalid: expected a whole number/],
    ['SHARD_COUNT', 'auto', /SHARD_COUNT is invalid: expected a whole number of shards/],
  ])('%s=%s is invalid, not missing', async (name, value, message) => {
    await expect(loadConfig({ [name]: value })).rejects.toThrow(message);
  });

  it('LOG_LEVEL in any case', async () => {
    expect((await loadConfig({ LOG_LEVEL: 'INFO' })).logLevel).toBe('info');
  });

  it('a knowledge folder that does not exist says so, naming the setting', async () => {
    await expect(readKnowledgeFiles('/nonexistent-careerbot')).rejects.toThrow(
      /^\/nonexistent-careerbot: there is no such folder \(set KNOWLEDGE_DIR/,
    );
  });

  /** `careerbot check` on a folder holding one document whose front matter is `front`. */
  const checkOne = async (front: string) => {
    const dir = await mkdtemp(join(tmpdir(), 'careerbot-check-'));
    await writeFile(join(dir, 'x.md'), `---\n${front}\n---\n\n## A\n\nSome text about pay.\n`);
    return spawnSync(process.execPath, [CLI, 'check'], {
      cwd: ROOT,
      encoding: 'utf8',
      env: { ...process.env, KNOWLEDGE_DIR: dir },
    });
  };

  it('a misspelt front-matter key is named, with the key it is close to', async () => {
    const r = await checkOne('title: "X"\npublsher: "Y"');
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('x.md:3: unknown front matter key "publsher" (did you mean "publisher"?)');
  });

  it('check counts in words that agree ("1 document")', async () => {
    const r = await checkOne('title: "X"\npublisher: "Y"');
    expect(r.stdout).toMatch(/knowledge ok: 1 document, 1 section, 1 passage, 0 pay figures/);
  });
});

describe('the tests and the shipped knowledge', () => {
  it('code tests run on the frozen seed copy; the shipped knowledge/ only has to pass check', () => {
    expect(process.env.KNOWLEDGE_DIR).toBe(KNOWLEDGE);
    const r = spawnSync(process.execPath, [CLI, 'check'], {
      cwd: ROOT,
      encoding: 'utf8',
      env: { ...process.env, KNOWLEDGE_DIR: SHIPPED_KNOWLEDGE },
    });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^knowledge ok: /);
  });

  it("a test file's temporary folders are made in one folder of its own, removed when the file ends", () => {
    expect(tmpdir()).toMatch(/careerbot-test-\w+$/);
  });
});
