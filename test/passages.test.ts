import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Classifier, levelFromYears } from '../src/knowledge/classify.js';
import { loadKnowledge } from '../src/knowledge/loadKnowledge.js';
import { buildPassages, dedupKey } from '../src/knowledge/passages.js';
import { parseKnowledgeDocument } from '../src/knowledge/parseDocument.js';
import { FIXTURES, KNOWLEDGE, norm } from './helpers.js';

const knowledge = await loadKnowledge(KNOWLEDGE);
const classifier = new Classifier(knowledge.thesaurus);
const passages = buildPassages(knowledge.documents, classifier);

describe('levels', () => {
  it('reads years of experience', () => {
    expect(levelFromYears(0, 2, false)).toBe('junior');
    expect(levelFromYears(4, 6, false)).toBe('mid');
    expect(levelFromYears(5, 10, false)).toBe('mid');
    expect(levelFromYears(10, undefined, true)).toBe('senior');
    expect(levelFromYears(5, undefined, true)).toBe('senior');
  });
  it('reads level names and experience in headings and text', () => {
    expect([...classifier.levelsOfText('Entry-Level (0-2 years):')]).toEqual(['junior']);
    expect([...classifier.levelsOfText('Senior/Experienced (10+ years):')]).toEqual(['senior']);
    expect([...classifier.levelsOfText('Mid-Career (5-10 years):')]).toEqual(['mid']);
    expect(classifier.levelsOfText('Design and build ML models').size).toBe(0);
  });
  it('tags passages under a level heading with that level, and cuts lists organised by level', () => {
    const mid = passages.filter((p) => p.headingPath[0]?.startsWith('Mid-level'));
    expect(mid.length).toBeGreaterThan(3);
    expect(mid.every((p) => p.levels.join() === 'mid')).toBe(true);
    const byExperience = passages.filter((p) => p.headingPath.at(-1) === 'Salary Ranges by Experience');
    expect(byExperience.map((p) => p.levels.join())).toEqual(['junior', 'mid', 'senior']);
  });
});

describe('topics', () => {
  it('marks salary figures as salary and must-have skills as skills', () => {
    const seniorPay = passages.find((p) => p.text.includes('$233,000 per year'))!;
    expect(seniorPay.topics.salary).toBeGreaterThan(4);
    const skills = passages.find((p) => p.text.startsWith('Must-have skills:') && p.levels.includes('mid'))!;
    expect(skills.topics.skills).toBeGreaterThan(0);
  });
});

describe('passages', () => {
  it('have unique, stable ids and stay quotable in size', () => {
    expect(new Set(passages.map((p) => p.id)).size).toBe(passages.length);
    expect(passages.every((p) => p.text.length <= 1200)).toBe(true);
    expect(passages[0]!.id).toMatch(/^[a-z0-9-]+#[^#]+#\d+$/);
  });

  it('shows a block repeated by an article once', () => {
    const keys = passages.map((p) => dedupKey(p.text));
    expect(new Set(keys).size).toBe(keys.length);
    const outlook = passages.filter((p) => p.text.includes('the tech industry leads the pack'));
    expect(outlook).toHaveLength(1);
  });

  it('quote the seed articles word for word', () => {
    // Each passage, lines joined, must appear in its source file (with \$ escapes undone).
    const seeds = new Map<string, string>();
    for (const doc of knowledge.documents) {
      if (!doc.source.sourceFile) continue;
      const raw = readFileSync(join(FIXTURES, 'seeds', doc.source.sourceFile), 'utf8').replace(/\\\$/g, '$');
      seeds.set(doc.source.id, norm(raw.replace(/[•]/g, ' ')));
    }
    expect(seeds.size).toBe(3);
    for (const p of passages) {
      const seed = seeds.get(p.sourceId);
      if (!seed) continue;
      for (const line of p.text.split('\n')) {
        const words = norm(line.replace(/^\s*(?:[-*]|\d+\.)\s+/, ''));
        expect(seed.includes(words), `${p.id}: "${words.slice(0, 80)}"`).toBe(true);
      }
    }
  });

  it('keep a long lead-in once and a short one with every part', () => {
    const doc = parseKnowledgeDocument(
      'k/x.md',
      `---\ntitle: T\npublisher: P\n---\n\n## S\n\nMust-have skills:\n\n${Array.from({ length: 12 }, (_, i) => `- Skill number ${i} ${'words '.repeat(18)}`).join('\n')}\n`,
      'x',
    );
    const parts = buildPassages([doc], classifier);
    expect(parts.length).toBeGreaterThan(1);
    expect(parts.every((p) => p.text.startsWith('Must-have skills:'))).toBe(true);
  });
});

describe('tables and passage features', () => {
  const doc = parseKnowledgeDocument(
    'pay.md',
    [
      '---',
      'title: Pay guide',
      'publisher: Test',
      '---',
      '',
      '## Pay by stage',
      '',
      'Our survey gives these base salaries:',
      '',
      '| Stage | Experience | Base salary |',
      '| --- | --- | --- |',
      '| Apprentice | 0-2 years | $92k to $118k |',
      '| Practitioner | 3-6 years | $126k to $158k |',
      '| Staff | 7+ years | $171k to $236k |',
      '',
      '## How to get hired',
      '',
      '- Build two projects a stranger can run',
      '- Ask for referrals',
      '',
      '## Why it matters',
      '',
      'This could be the perfect path for you if you enjoy learning and growing every single day.',
      '',
    ].join('\n'),
    'pay',
  );
  const cut = buildPassages([doc], classifier);

  it('a table is cut by level between rows, each part with its lead-in and header row', () => {
    const rows = cut.filter((p) => p.headingPath[0] === 'Pay by stage');
    expect(rows.map((p) => p.levels)).toEqual([['junior'], ['mid'], ['senior']]);
    for (const p of rows) {
      expect(p.text).toMatch(
        /^Our survey gives these base salaries:\n\| Stage \| Experience \| Base salary \|\n\| --- /,
      );
    }
    expect(rows[2]!.text).toContain('| Staff | 7+ years | $171k to $236k |');
  });

  it('features: the heading frames the topic, lists of steps are steps, facts are concrete', () => {
    const byHeading = (h: string) => cut.find((p) => p.headingPath[0] === h)!;
    expect(byHeading('Pay by stage').features.frame).toContain('salary');
    expect(byHeading('How to get hired').features.steps).toBe(1);
    expect(byHeading('Pay by stage').features.concrete).toBeGreaterThan(
      byHeading('Why it matters').features.concrete,
    );
    expect(byHeading('Why it matters').features.concrete).toBeLessThan(0.2);
  });
});

describe('announcements', () => {
  it('a one-sentence paragraph announcing what follows is marked, and ranks below what it announces', async () => {
    const { seedEngine } = await import('./helpers.js');
    const { engine } = await seedEngine();
    const intro = engine.passages.find((p) => /consider these best practices:$/.test(p.text));
    expect(intro?.features.introOnly).toBe(true);
    // A paragraph with something to say before its colon is not an announcement.
    const overview = engine.passages.find((p) =>
      /^A Machine Learning \(ML\) Engineer is a specialized/.test(p.text),
    );
    expect(overview?.features.introOnly).toBeFalsy();
    const top = engine.rank({ text: 'mlops best practices' }).ranked[0]!;
    expect(top.passage.id).not.toBe(intro!.id);
    expect(top.passage.headingPath.at(-1)).toBe('Team Collaboration and MLOps');
  });
});

describe('levels from the figures a passage quotes', () => {
  it('a passage naming no level of its own takes the levels its figures are for', async () => {
    const { parseKnowledge } = await import('../src/knowledge/loadKnowledge.js');
    const { buildEngineData } = await import('../src/search/buildIndex.js');
    const { readFile } = await import('node:fs/promises');
    const { join } = await import('node:path');
    const { KNOWLEDGE } = await import('./helpers.js');
    const thesaurus = await readFile(join(KNOWLEDGE, 'thesaurus.yaml'), 'utf8');
    const doc = [
      '---',
      'title: Pay survey',
      'publisher: Test',
      '---',
      '',
      '## What people reported',
      '',
      'New graduates reported a median salary of 118,000 USD, and staff-level engineers reported 240,000 USD.',
      '',
    ].join('\n');
    const data = buildEngineData(
      parseKnowledge({
        dir: 'test',
        files: [
          { path: 'survey.md', bytes: Buffer.from(doc) },
          { path: 'thesaurus.yaml', bytes: Buffer.from(thesaurus) },
        ],
      }),
    );
    expect(data.passages[0]!.levels).toEqual(['junior', 'staff']);
  });
});
