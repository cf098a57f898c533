import { defineCommand } from '../src/commands/command.js';

export default defineCommand({
  name: 'help',
  description: 'What careerbot can answer and how to ask.',
  options: [],
  execute({ commands }) {
    const lines = commands.map((c) => {
      const opts = c.options.map((o) => (o.required ? `${o.name}:<${o.name}>` : `[${o.name}]`)).join(' ');
      return `\`/${c.name}${opts ? ' ' + opts : ''}\` — ${c.description}`;
    });
    lines.push(
      '',
      'Levels are junior, mid or senior. Every passage is quoted word for word and names its source.',
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
