import { describe, expect, it } from 'vitest';
import { parseInput } from '../src/cli/parseInput.js';
import { Session } from '../src/cli/session.js';
import { renderTerminal } from '../src/cli/renderTerminal.js';
import { seedEngine } from './helpers.js';

const { engine, commands } = await seedEngine();
const run = (line: string) => new Session(engine, commands).run(line);

describe('command modules', () => {
  it('load from commands/, one per slash command', () => {
    expect(commands.map((c) => c.name).sort()).toEqual([
      'ask',
      'career',
      'help',
      'insights',
      'salary',
      'skills',
      'sources',
    ]);
  });
});

describe('parseInput', () => {
  it('reads the forms people type', () => {
    expect(parseInput('/salary senior', commands)).toEqual({ name: 'salary', options: { level: 'senior' } });
    expect(parseInput('/salary level:senior', commands)).toEqual({
      name: 'salary',
      options: { level: 'senior' },
    });
    expect(parseInput('/ask question: how much in Boston?', commands)).toEqual({
      name: 'ask',
      options: { question: 'how much in Boston?' },
    });
    expect(parseInput('/ask what is a ratio: 3:2', commands)).toEqual({
      name: 'ask',
      options: { question: 'what is a ratio: 3:2' },
    });
    expect(parseInput('how much in Boston', commands)).toEqual({
      name: 'ask',
      options: { question: 'how much in Boston' },
    });
    expect(parseInput('   ', commands)).toBeUndefined();
  });

  it('reads /salary options in any order, bare words going to the option they fit', () => {
    const session = () => new Session(engine, commands);
    const figuresOf = (line: string) => {
      const a = session().run(line);
      if (a?.kind !== 'passages') throw new Error(`expected passages for ${line}`);
      return { asked: a.asked, figures: a.figures!.map((f) => f.text) };
    };
    expect(figuresOf('/salary senior Seattle')).toEqual({
      asked: '/salary level:senior location:Seattle',
      figures: ['$147,000 to $182,182'],
    });
    expect(figuresOf('/salary senior location:Seattle').figures).toEqual(['$147,000 to $182,182']);
    expect(figuresOf('/salary location:Seattle senior').asked).toBe('/salary level:senior location:Seattle');
    expect(figuresOf('/salary Seattle').figures).toEqual(['$147,000 to $182,182']);
    expect(figuresOf('/salary mid remote')).toEqual({
      asked: '/salary level:mid location:remote',
      figures: ['$187,824'],
    });
    expect(figuresOf('/salary real estate').asked).toBe('/salary industry:Real Estate');
    expect(figuresOf('/salary entry-level').asked).toBe('/salary level:junior');
    // A slip in a level name is read as the level it is next to; nonsense is still refused.
    expect(figuresOf('/salary senoir').asked).toBe('/salary level:senior');
    expect(figuresOf('/salary level:juinor').asked).toBe('/salary level:junior');
  });

  it('a word that fits no option names the values each option takes', () => {
    const answer = new Session(engine, commands).run('/salary Atlantis');
    expect(answer?.kind).toBe('error');
    if (answer?.kind !== 'error') return;
    expect(answer.message).toContain('“Atlantis”');
    expect(answer.message).toMatch(
      /level: junior, mid, senior or staff; location: .* and \d+ more; industry: /,
    );
  });
});

describe('/help', () => {
  it('in the console shows the console syntax: no Discord-only options, no Markdown', () => {
    const help = run('/help');
    if (help?.kind !== 'message') throw new Error('expected a message');
    const text = help.lines.join('\n');
    expect(text).toContain('/salary [level] [location] [industry] —');
    expect(text).not.toMatch(/mention|`/);
    expect(text).toMatch(/name:value in any order, or as bare words/);
  });
});

describe('commands', () => {
  it.each(['/salary', '/salary junior', '/skills mid', '/career senior', '/ask hyperparameter tuning'])(
    '%s answers with sourced passages',
    (line) => {
      const answer = run(line);
      expect(answer?.kind).toBe('passages');
      if (answer?.kind !== 'passages') return;
      expect(answer.results.length).toBe(3);
      expect(answer.total).toBeGreaterThanOrEqual(answer.results.length);
      for (const r of answer.results) {
        expect(r.title).toBeTruthy();
        expect(r.text.length).toBeGreaterThan(10);
      }
    },
  );

  it('/skills junior puts the junior must-have skills first', () => {
    const answer = run('/skills junior');
    expect(answer?.kind === 'passages' && answer.results[0]!.text).toContain('familiarity with ML libraries');
  });

  it('/career is about progression, not any passage with "steps"', () => {
    const answer = run('/career junior');
    expect(answer?.kind).toBe('passages');
    if (answer?.kind === 'passages') {
      expect(answer.results.every((r) => r.topics.includes('career'))).toBe(true);
      expect(answer.results[0]!.levels).toContain('junior');
    }
  });

  it('accepts the everyday names of levels in the console', () => {
    const answer = run('/salary entry-level');
    expect(answer?.kind === 'passages' && answer.asked).toBe('/salary level:junior');
  });

  it('/sources lists every document with its passage count, /help every command', () => {
    const sources = run('/sources');
    expect(sources?.kind).toBe('message');
    if (sources?.kind === 'message') {
      expect(sources.lines).toHaveLength(3);
      expect(sources.lines.join('\n')).toMatch(/AiPathly.*\d+ passages/);
    }
    const help = run('/help');
    expect(help?.kind === 'message' && help.lines.join('\n')).toContain('/ask question:<question>');
  });

  it('/more pages through the same answer without repeating', () => {
    const session = new Session(engine, commands);
    const first = session.run('/salary');
    const second = session.run('/more');
    expect(first?.kind === 'passages' && second?.kind === 'passages').toBe(true);
    if (first?.kind === 'passages' && second?.kind === 'passages') {
      expect(second.offset).toBe(3);
      const ids = new Set(first.results.map((r) => r.passageId));
      expect(second.results.some((r) => ids.has(r.passageId))).toBe(false);
    }
  });
});

describe('bad input gets one clear line saying what is accepted', () => {
  it.each([
    ['/salary wizard', /does not know “wizard”. It takes level: junior, mid, senior or staff; location: /],
    ['/salary level:wizard', /Unknown level “wizard”. Choose junior, mid, senior or staff/],
    [
      '/nope',
      /Unknown command “\/nope”. Try \/ask, \/career, \/help, \/insights, \/salary, \/skills, \/sources/,
    ],
    ['/ask', /Ask a question after \/ask/],
    ['/ask ' + 'why '.repeat(100), /takes up to 300/],
    ['/ask ' + 'x'.repeat(10_000), /commands take up to 2000/],
    ['/salary rank:senior', /has no option “rank”; it takes: level/],
    ['/sources please', /takes no options/],
  ])('%#: %s', (line, message) => {
    const answer = run(line);
    expect(answer?.kind).toBe('error');
    if (answer?.kind === 'error') {
      expect(answer.message).toMatch(message);
      expect(answer.message).not.toContain('\n');
      expect(answer.message.length).toBeLessThan(200);
    }
  });
});

describe('terminal rendering', () => {
  it('numbers passages, wraps to width, names sources, no colour when asked not to', () => {
    const answer = run('/salary senior')!;
    const out = renderTerminal(answer, { color: false, width: 60 });
    expect(out).toMatch(/^\/salary level:senior — passages 1–3 of \d+/);
    const first = answer.kind === 'passages' ? answer.results[0]! : undefined;
    expect(out).toMatch(/\n\[1\] \S/);
    expect(out).toContain(`— ${first!.title.slice(0, 20)}`);
    expect(out).not.toContain('\x1b[');
    expect(out.split('\n').every((l) => l.length <= 60)).toBe(true);
  });
});
