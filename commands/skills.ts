import { LEVEL_LIST } from '../src/knowledge/types.js';
import { answerTopic, defineCommand, levelOption, mentionOption } from '../src/commands/command.js';

export default defineCommand({
  name: 'skills',
  description: 'The skills ML engineers need, quoted from the sources, for a career level or all.',
  options: [levelOption(`Career level: ${LEVEL_LIST} (all levels if left out)`), mentionOption()],
  execute: (context, options) => answerTopic(context, 'skills', 'skills', options),
});
