import { PAGE_SIZE, answerQuery } from '../src/core/answer.js';
import { compareFigures, figureValues } from '../src/core/compare.js';
import type { Query } from '../src/core/engine.js';
import { MAX_SUGGESTIONS, MAX_SUGGESTION_LENGTH } from '../src/core/suggest.js';
import { defineCommand, levelOption, mentionOption, readLevel } from '../src/commands/command.js';

const FILTERS = { location: 'place', industry: 'industry' } as const;

export default defineCommand({
  name: 'salary',
  description:
    'What ML engineers earn, quoted from the sources: figures side by side, by level, place, industry.',
  options: [
    levelOption('Career level: junior, mid or senior (all levels if left out)'),
    {
      type: 'string',
      name: 'location',
      description: 'A city or "remote": the figures the sources give for it',
      required: false,
      autocomplete: true,
      maxLength: 100,
    },
    {
      type: 'string',
      name: 'industry',
      description: 'An industry or kind of company, e.g. "real estate" or "AI startups"',
      required: false,
      autocomplete: true,
      maxLength: 100,
    },
    mentionOption(),
  ],
  suggest(engine, option, typed) {
    const field = FILTERS[option as keyof typeof FILTERS];
    if (!field) return [];
    const wanted = typed.trim().toLowerCase();
    return figureValues(engine, field)
      .filter((v) => !wanted || v.toLowerCase().includes(wanted))
      .slice(0, MAX_SUGGESTIONS)
      .map((v) => v.slice(0, MAX_SUGGESTION_LENGTH));
  },
  execute(context, options) {
    const { engine } = context;
    const level = readLevel(engine, options.level);
    const location = options.location?.replace(/\s+/g, ' ').trim().slice(0, 100) || undefined;
    const industry = options.industry?.replace(/\s+/g, ' ').trim().slice(0, 100) || undefined;
    // The place and industry words also steer which passages come first.
    const query: Query = { text: [location, industry].filter(Boolean).join(' '), topic: 'salary' };
    if (level) query.levels = [level];
    const asked = [
      '/salary',
      level && `level:${level}`,
      location && `location:${location}`,
      industry && `industry:${industry}`,
    ]
      .filter(Boolean)
      .join(' ');
    const answer = answerQuery(engine, query, {
      asked,
      offset: context.offset ?? 0,
      limit: context.limit ?? PAGE_SIZE,
    });
    if (answer.kind !== 'passages') return answer;
    const filter = {
      ...(level ? { level } : {}),
      ...(location ? { location } : {}),
      ...(industry ? { industry } : {}),
    };
    answer.figures = compareFigures(engine, query, filter);
    if (!answer.figures.length && (location || industry)) {
      const field = location ? 'place' : 'industry';
      const known = figureValues(engine, field).slice(0, 12).join(', ');
      answer.notice = `No figure in the sources for ${location ? `location “${location}”` : `industry “${industry}”`}${
        level ? ` at ${level} level` : ''
      }. Figures exist for: ${known}.`;
    }
    return answer;
  },
});
