import { LEVEL_LIST } from '../src/knowledge/types.js';
import { defineCommand } from '../src/commands/command.js';

export default defineCommand({
  name: 'help',
  description: 'What careerbot can answer and how to ask.',
  options: [],
  execute({ commands, messageCommands, frontEnd }) {
    const text = frontEnd === 'text';
    const lines = commands.map((c) => {
      // In a terminal: no Discord-only options (mention) and no Markdown.
      const shown = text ? c.options.filter((o) => o.type === 'string') : c.options;
      const opts = shown.map((o) => (o.required ? `${o.name}:<${o.name}>` : `[${o.name}]`)).join(' ');
      const usage = `/${c.name}${opts ? ' ' + opts : ''}`;
      return `${text ? usage : `\`${usage}\``} — ${c.description}`;
    });
    for (const m of messageCommands ?? [])
      lines.push(
        text
          ? `/answer <pasted message> — what “${m.name}” would post for a member's message (a line starting with > works too).`
          : `**${m.name}** — on a member's message: ⋯ (right-click or long-press) → Apps. Answers it as /ask would, privately, with a button to post the answer as a reply.`,
      );
    lines.push('', `Levels are ${LEVEL_LIST}. Every passage is quoted word for word and names its source.`);
    if (text)
      lines.push(
        'Options go as name:value in any order, or as bare words: /salary senior Seattle, /salary level:mid location:remote. ' +
          'A line without a slash is a question for /ask; /more shows the next passages.',
      );
    return {
      kind: 'message',
      asked: '/help',
      title: 'careerbot answers career questions about machine-learning engineering',
      lines,
      suggestions: ['/salary senior', '/skills mid', '/career junior', '/ask what degree do I need'],
    };
  },
});
