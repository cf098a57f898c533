import { answerTopic, defineCommand, levelOption, mentionOption } from '../src/commands/command.js';

export default defineCommand({
  name: 'salary',
  description: 'What ML engineers earn, quoted from the sources: pick a career level or see all.',
  options: [levelOption('Career level: junior, mid or senior (all levels if left out)'), mentionOption()],
  execute: (context, options) => answerTopic(context, 'salary', 'salary', options),
});
