import { answerQuery, PAGE_SIZE } from '../src/answers/answer.js';
import { suggest } from '../src/search/suggest.js';
import {
  MAX_QUESTION_LENGTH,
  UserInputError,
  defineCommand,
  mentionOption,
} from '../src/commands/command.js';

export default defineCommand({
  name: 'ask',
  description: 'Ask anything about ML engineering careers; get the passages of the sources that answer it.',
  options: [
    {
      type: 'string',
      name: 'question',
      description: 'Your question, e.g. "how much do ML engineers make in Seattle"',
      required: true,
      autocomplete: true,
      maxLength: MAX_QUESTION_LENGTH,
    },
    mentionOption(),
  ],
  suggest: (engine, option, typed) => (option === 'question' ? suggest(engine, typed) : []),
  execute(context, options) {
    const question = (options.question ?? '').replace(/\s+/g, ' ').trim();
    if (!question) {
      throw new UserInputError(
        'Ask a question after /ask, for example: /ask how much do ML engineers make in Seattle',
      );
    }
    if (question.length > MAX_QUESTION_LENGTH) {
      throw new UserInputError(
        `That question is ${question.length} characters long; /ask takes up to ${MAX_QUESTION_LENGTH}. Try the key words only.`,
      );
    }
    return answerQuery(
      context.engine,
      { text: question },
      { asked: `/ask ${question}`, offset: context.offset ?? 0, limit: context.limit ?? PAGE_SIZE },
    );
  },
});
