/**
 * The baseline for `npm run bench`: a plain discord.js bot that answers every slash command with
 * the same ephemeral embeds (about the size of a careerbot answer) and buttons. Same client options
 * as careerbot: Guilds intent, REST pointed at DISCORD_API_URL.
 */
import { Client, Events, GatewayIntentBits, MessageFlags } from 'discord.js';

const text =
  'Senior machine learning engineers earn a base salary that depends on location and employer. '.repeat(6);
const embeds = [1, 2, 3].map((n) => ({
  title: 'Machine learning engineer careers',
  author: { name: 'Publisher' },
  description: `> ${text}\n\n*Salary › Senior*`,
  footer: { text: `/salary level:senior · ${n} of 9` },
}));
const components = [
  {
    type: 1,
    components: [
      { type: 2, style: 2, label: '◀ Back', custom_id: 'back', disabled: true },
      { type: 2, style: 2, label: 'More ▶', custom_id: 'more' },
      { type: 2, style: 1, label: 'Share in channel', custom_id: 'share' },
    ],
  },
];

const client = new Client({
  intents: [GatewayIntentBits.Guilds],
  rest: { api: process.env['DISCORD_API_URL'] ?? 'https://discord.com/api' },
});
client.on(Events.InteractionCreate, (interaction) => {
  if (!interaction.isChatInputCommand()) return;
  void interaction
    .reply({
      embeds,
      components: components as never,
      flags: MessageFlags.Ephemeral,
      allowedMentions: { parse: [] },
    })
    .catch((err: unknown) => console.error(err));
});
client.once(Events.ClientReady, () => console.log('ready'));
process.once('SIGTERM', () => void client.destroy().then(() => process.exit(0)));
await client.login(process.env['DISCORD_TOKEN']);
