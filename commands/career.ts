import { LEVEL_LIST } from '../src/knowledge/types.js';
import { answerTopic, defineCommand, levelOption, mentionOption } from '../src/commands/command.js';

export default defineCommand({
  name: 'career',
  description: 'Career progression and next steps for ML engineers, quoted from the sources.',
  options: [levelOption(`Career level you are at: ${LEVEL_LIST} (all levels if left out)`), mentionOption()],
  execute: (context, options) => answerTopic(context, 'career', 'career', options),
});
