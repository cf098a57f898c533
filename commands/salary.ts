import { LEVEL_LIST } from '../src/knowledge/types.js';
import { PAGE_SIZE } from '../src/answers/answer.js';
import { answerSalary, resolveFilter, suggestFigureValues } from '../src/answers/compare.js';
import { defineCommand, levelOption, mentionOption, readLevel } from '../src/commands/command.js';

const FILTERS = { location: 'place', industry: 'industry' } as const;

export default defineCommand({
  name: 'salary',
  description:
    'What ML engineers earn, quoted from the sources: figures side by side, by level, place, industry.',
  options: [
    levelOption(`Career level: ${LEVEL_LIST} (all levels if left out)`),
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
    return field ? suggestFigureValues(engine, field, typed) : [];
  },
  resolve(engine, option, typed) {
    const field = FILTERS[option as keyof typeof FILTERS];
    return field ? resolveFilter(engine, field, typed) : undefined;
  },
  execute(context, options) {
    const { engine } = context;
    const level = readLevel(engine, options.level);
    const location = options.location?.replace(/\s+/g, ' ').trim().slice(0, 100) || undefined;
    const industry = options.industry?.replace(/\s+/g, ' ').trim().slice(0, 100) || undefined;
    const asked = [
      '/salary',
      level && `level:${level}`,
      location && `location:${location}`,
      industry && `industry:${industry}`,
    ]
      .filter(Boolean)
      .join(' ');
    const filter = {
      ...(level ? { level } : {}),
      ...(location ? { location } : {}),
      ...(industry ? { industry } : {}),
    };
    return answerSalary(engine, filter, {
      asked,
      offset: context.offset ?? 0,
      limit: context.limit ?? PAGE_SIZE,
    });
  },
});
