import { answerTopic, defineCommand, levelOption, mentionOption } from '../src/commands/command.js';

export default defineCommand({
  name: 'career',
  description: 'Career progression and next steps for ML engineers, quoted from the sources.',
  options: [
    levelOption('Career level you are at: junior, mid or senior (all levels if left out)'),
    mentionOption(),
  ],
  execute: (context, options) => answerTopic(context, 'career', 'career', options),
});
