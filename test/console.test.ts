import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { startConsole } from '../src/cli/console.js';
import { renderTerminal } from '../src/cli/renderTerminal.js';
import { Session } from '../src/cli/session.js';
import { seedEngine } from './helpers.js';

const { engine, commands } = await seedEngine();
const run = (line: string) => new Session(engine, commands).run(line)!;

/** A fake terminal: input and output streams that say they are TTYs, with a settable width. */
function terminal(columns: number) {
  const input = Object.assign(new PassThrough(), { isTTY: true, setRawMode: () => input });
  const output = Object.assign(new PassThrough(), { isTTY: true, columns });
  let text = '';
  output.on('data', (d) => (text += String(d)));
  return { input, output, text: () => text };
}
// eslint-disable-next-line no-control-regex -- ANSI escape sequences are what is stripped
const strip = (s: string) => s.replace(/\x1b\[[0-9;]*[A-Za-z]/g, '');
const until = async (check: () => boolean) => {
  for (let i = 0; i < 200 && !check(); i++) await new Promise((r) => setTimeout(r, 10));
};

describe('console rendering', () => {
  it('notices, errors and Try lines wrap at word boundaries like the passages', () => {
    for (const line of [
      '/ask ML engineer salary in London',
      '/ask how do I bake sourdough bread',
      '/salary Atlantis',
    ]) {
      const out = renderTerminal(run(line), { color: false, width: 50 });
      for (const l of out.split('\n')) expect(l.length, l).toBeLessThanOrEqual(50);
    }
  });

  it('a quoted numbered list keeps its own number; a source is named once', () => {
    const out = renderTerminal(run('/salary senior'), { color: false, width: 100 });
    expect(out).not.toMatch(/^ ?\d\. \d\. /m);
    expect(out).toMatch(/^\[1\] /m);
    expect(out).not.toContain('Dataquest: machine learning engineer jobs, salaries and skills (Dataquest)');
  });

  it('one figure quoted with two bases is one row; "between A and B" is one range', () => {
    const senior = run('/salary senior');
    if (senior.kind !== 'passages') throw new Error('expected passages');
    const rows = senior.figures!.filter((f) => f.text === '$233,000');
    expect(rows).toHaveLength(1);
    expect(rows[0]!.alsoAs?.length).toBe(1);
    const mid = run('/salary mid');
    if (mid.kind !== 'passages') throw new Error('expected passages');
    expect(mid.figures!.map((f) => f.text)).toContain('between $133,000 and $230,000');
  });

  it('follows the terminal width when it is resized, and prints log lines above the prompt', async () => {
    const term = terminal(100);
    const sink = { write: (_: string) => {} };
    const done = startConsole(engine, commands, {
      input: term.input,
      output: term.output as unknown as NodeJS.WriteStream,
      logSink: sink,
    });
    term.input.write('/salary senior\n');
    await until(() => term.text().includes('passages 1–3'));
    term.output.columns = 40;
    const before = term.text().length;
    term.input.write('/skills mid\n');
    await until(() => strip(term.text().slice(before)).includes('passages 1–3'));
    const narrow = strip(term.text().slice(before))
      .split('\n')
      .filter((l) => l.includes(' '));
    for (const l of narrow) expect(l.replace(/^.*careerbot> /, '').length, l).toBeLessThanOrEqual(40);
    // A log line while the prompt shows: it is printed, then the prompt is drawn again with the typing.
    term.input.write('/salary se');
    const mark = term.text().length;
    const logged: string[] = [];
    const stderrWrite = process.stderr.write.bind(process.stderr);
    process.stderr.write = ((chunk: string) => (
      logged.push(String(chunk)),
      true
    )) as typeof process.stderr.write;
    try {
      sink.write('knowledge reloaded\n');
    } finally {
      process.stderr.write = stderrWrite;
    }
    expect(logged).toEqual(['knowledge reloaded\n']);
    expect(strip(term.text().slice(mark))).toContain('careerbot> /salary se');
    term.input.end();
    await done;
  });
});
