import { UserInputError, defineCommand } from '../src/commands/command.js';

/** "7", "30 days": a whole number of days from 1 to 365. */
function readDays(value: string | undefined): number | undefined {
  if (!value?.trim()) return undefined;
  const n = Number(/^\s*(\d{1,3})\s*(?:d|days?)?\s*$/i.exec(value)?.[1]);
  if (!Number.isInteger(n) || n < 1 || n > 365)
    throw new UserInputError(`“${value.slice(0, 20)}” is not a number of days: give 1 to 365 (default 30).`);
  return n;
}

/**
 * /insights: what this server's members asked and how they voted, for its admins only. Discord
 * offers it to members with Manage Server; the handler checks again, and reads that server's rows only.
 */
export default defineCommand({
  name: 'insights',
  description: "What this server's members asked careerbot and how they voted (admins only).",
  adminOnly: true,
  options: [
    {
      type: 'string',
      name: 'days',
      description: 'How many days back, 1 to 365 (default 30)',
      required: false,
      maxLength: 10,
    },
  ],
  execute() {
    // The console and the CLI have no server: the whole store is `careerbot insights`.
    return {
      kind: 'message',
      asked: '/insights',
      title: 'Insights',
      lines: [
        'In a terminal, run `careerbot insights` (or `npm run insights`): the same report for every server.',
      ],
    };
  },
  async executeAsync(context, options) {
    const days = readDays(options.days);
    if (!context.guildId)
      throw new UserInputError(
        '/insights is for a server: use it in the server whose questions you want to see.',
      );
    if (!context.canManageServer)
      throw new UserInputError('/insights is for members who can manage this server.');
    if (!context.insights)
      throw new UserInputError('Insights are turned off for this bot (INSIGHTS=off): nothing is stored.');
    const lines = await context.insights.reportLines({ guild: context.guildId, ...(days ? { days } : {}) });
    return {
      kind: 'message',
      asked: `/insights${days ? ` days:${days}` : ''}`,
      title: 'What members asked',
      lines,
    };
  },
});
