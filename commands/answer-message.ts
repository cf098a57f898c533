import { MAX_QUESTION_LENGTH, UserInputError, defineMessageCommand } from '../src/commands/command.js';
import { questionOfMessage } from '../src/commands/messageText.js';

/**
 * "Answer with careerbot" in a message's Apps menu: answers a member's message where it was asked,
 * exactly as `/ask <the message>` would (same engine, no-match, notices and limits).
 */
export default defineMessageCommand({
  type: 'message',
  name: 'Answer with careerbot',
  read(message) {
    if (message.fromThisApp)
      throw new UserInputError('That is one of careerbot’s own messages. Pick the question a member asked.');
    if (message.fromBot)
      throw new UserInputError(
        'That message was posted by a bot or an integration. careerbot answers the questions members ask.',
      );
    const question = questionOfMessage(message.content);
    if (!question) {
      const only = [
        message.attachments ? 'an image or a file' : '',
        message.embeds ? 'an embed' : '',
        message.stickers ? 'a sticker' : '',
      ].filter(Boolean);
      const what = only.length
        ? `only ${only.join(' and ')}`
        : message.content.trim()
          ? 'only mentions, emoji or links'
          : 'no text';
      throw new UserInputError(
        `That message has ${what}, no question in words. careerbot answers questions written as text; you can also use /ask.`,
      );
    }
    if (question.length > MAX_QUESTION_LENGTH)
      throw new UserInputError(
        `That message is ${question.length} characters long; careerbot answers messages of up to ${MAX_QUESTION_LENGTH}. Ask its key question with /ask.`,
      );
    return { command: 'ask', options: { question } };
  },
});
