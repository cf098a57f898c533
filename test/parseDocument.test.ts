import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { KnowledgeError, KnowledgeErrors } from '../src/knowledge/errors.js';
import { loadKnowledge } from '../src/knowledge/loadKnowledge.js';
import { parseKnowledgeDocument, decodeKnowledgeFile } from '../src/knowledge/parseDocument.js';
import { parseThesaurus } from '../src/knowledge/parseThesaurus.js';

const ok = `---\ntitle: A guide\npublisher: Someone\n---\n\n## Pay\n\nJuniors earn $1.\n\n## Skills\n\nLead-in:\n\n- one\n- two\n`;

function errorOf(fn: () => unknown): KnowledgeError {
  try {
    fn();
  } catch (err) {
    if (err instanceof KnowledgeError) return err;
    throw err;
  }
  throw new Error('expected a KnowledgeError');
}

describe('parseKnowledgeDocument', () => {
  it('reads front matter and splits sections by heading with line numbers', () => {
    const doc = parseKnowledgeDocument('k/a.md', ok, 'a');
    expect(doc.source).toMatchObject({ id: 'a', title: 'A guide', publisher: 'Someone', path: 'k/a.md' });
    expect(doc.sections.map((s) => s.headingPath)).toEqual([['Pay'], ['Skills']]);
    expect(doc.sections[0]!.blocks[0]).toMatchObject({ kind: 'paragraph', raw: 'Juniors earn $1.', line: 8 });
    expect(doc.sections[1]!.blocks[1]).toMatchObject({ kind: 'list', items: ['- one', '- two'] });
  });

  it('names file and line of invalid YAML', () => {
    const e = errorOf(() =>
      parseKnowledgeDocument('k/b.md', '---\ntitle: x\npublisher: [oops\n---\ntext\n', 'b'),
    );
    expect(e.message).toMatch(/^k\/b\.md:\d+: front matter is not valid YAML/);
  });

  it('names the line the YAML mistake is on, not the line where the parser noticed it', () => {
    const line = (text: string) =>
      Number(
        /^k\/b\.md:(\d+):/.exec(errorOf(() => parseKnowledgeDocument('k/b.md', text, 'b')).message)?.[1],
      );
    expect(line('---\ntitle: x\npublisher: [oops\n---\ntext\n')).toBe(3);
    expect(line('---\ntitle: Good\npublisher: P\nfoo: [1, 2\nbar: 3\n---\ntext\n')).toBe(4);
    expect(line('---\ntitle: "unclosed\npublisher: P\n---\ntext\n')).toBe(2);
    expect(line('---\ntitle: Good\npublisher: P\n  bad indent: x\n---\ntext\n')).toBe(4);
    const thesaurus = errorOf(() =>
      parseThesaurus('k/thesaurus.yaml', 'levels:\n  junior:\n    tags: [junior\n    asked: []\n'),
    );
    expect(thesaurus.message).toMatch(/^k\/thesaurus\.yaml:3: not valid YAML/);
  });

  it('reports a missing title at the front matter', () => {
    const e = errorOf(() => parseKnowledgeDocument('k/c.md', '---\npublisher: P\n---\ntext\n', 'c'));
    expect(e.message).toBe('k/c.md:1: front matter is missing "title"');
  });

  it('points at the line of a bad value and of an unknown key', () => {
    const bad = errorOf(() =>
      parseKnowledgeDocument('k/d.md', '---\ntitle: T\npublisher: P\nurl: not a url\n---\ntext\n', 'd'),
    );
    expect(bad.message).toMatch(/^k\/d\.md:4: front matter "url"/);
    const unknown = errorOf(() =>
      parseKnowledgeDocument('k/d.md', '---\ntitle: T\npublisher: P\ntitel: x\n---\ntext\n', 'd'),
    );
    expect(unknown.message).toMatch(/^k\/d\.md:4: unknown front matter key "titel"/);
  });

  it('refuses a file without front matter, with an empty body, or with headings only', () => {
    expect(errorOf(() => parseKnowledgeDocument('k/e.md', '# Just text\n', 'e')).message).toMatch(
      /k\/e\.md:1: must start with front matter/,
    );
    expect(
      errorOf(() => parseKnowledgeDocument('k/e.md', '---\ntitle: T\npublisher: P\n---\n\n', 'e')).message,
    ).toMatch(/k\/e\.md:5: has no text/);
    expect(
      errorOf(() => parseKnowledgeDocument('k/e.md', '---\ntitle: T\npublisher: P\n---\n# A\n## B\n', 'e'))
        .message,
    ).toMatch(/no text to quote/);
  });

  it('refuses binary and non-UTF-8 files', () => {
    expect(errorOf(() => decodeKnowledgeFile('k/f.md', new Uint8Array([1, 0, 2]))).message).toBe(
      'k/f.md:1: is a binary file, not Markdown text',
    );
    expect(errorOf(() => decodeKnowledgeFile('k/f.md', new Uint8Array([0xff, 0xfe, 0x41]))).message).toMatch(
      /not valid UTF-8/,
    );
  });
});

describe('loadKnowledge', () => {
  it('reports every broken file at once, and duplicate ids', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'careerbot-'));
    await writeFile(join(dir, 'a.md'), ok);
    await writeFile(join(dir, 'b.md'), ok.replace('title: A guide', 'id: a\ntitle: Copy'));
    await writeFile(join(dir, 'c.md'), 'no front matter');
    const err = await loadKnowledge(dir).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(KnowledgeErrors);
    const messages = (err as KnowledgeErrors).errors.map((e) => e.message);
    expect(messages).toHaveLength(2);
    expect(messages[0]).toMatch(/b\.md:1: duplicate document id "a"/);
    expect(messages[1]).toMatch(/c\.md:1: must start with front matter/);
  });

  it('checks the thesaurus and names the line of a bad entry', () => {
    const e = errorOf(() =>
      parseThesaurus('k/thesaurus.yaml', 'levels:\n  junior:\n    tags: [a]\n  expert:\n    tags: [b]\n'),
    );
    expect(e.message).toMatch(/^k\/thesaurus\.yaml:\d+: levels/);
  });
});
