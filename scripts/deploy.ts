/**
 * `npm run deploy`: registers the slash commands with Discord (globally, or to DISCORD_GUILD_ID)
 * in one bulk overwrite, and only when they differ from what Discord already has. The bot never
 * registers commands itself: Discord caps command creations per day.
 */
import { REST, Routes } from 'discord.js';
import { ConfigError, loadConfig } from '../src/config.js';
import { loadCommandSet } from '../src/commands/registry.js';
import { commandLabel, diffCommands, toDiscordCommands } from '../src/discord/commandJson.js';

async function deploy(): Promise<number> {
  let config;
  try {
    config = await loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) {
      process.stderr.write(`deploy: ${err.message}\n`);
      return 1;
    }
    throw err;
  }
  if (!config.discord) {
    process.stderr.write('deploy: DISCORD_TOKEN is missing: set it (and DISCORD_APPLICATION_ID) in .env.\n');
    return 1;
  }
  const { token, applicationId, guildId, apiUrl } = config.discord;
  const rest = new REST(apiUrl ? { api: apiUrl } : {}).setToken(token);
  const route = guildId
    ? Routes.applicationGuildCommands(applicationId, guildId)
    : Routes.applicationCommands(applicationId);
  const where = guildId ? `server ${guildId}` : 'all servers (global)';

  const set = await loadCommandSet();
  const wanted = toDiscordCommands(set.slash, set.message);
  const registered = (await rest.get(route)) as unknown[];
  const changes = diffCommands(registered, wanted);
  const count = changes.added.length + changes.changed.length + changes.removed.length;
  if (!count) {
    console.log(`Commands are up to date for ${where}: ${wanted.map(commandLabel).join(', ')}.`);
    return 0;
  }
  await rest.put(route, { body: wanted });
  console.log(`Deployed ${wanted.length} commands to ${where}:`);
  for (const label of changes.added) console.log(`  + ${label} (new)`);
  for (const label of changes.changed) console.log(`  ~ ${label} (changed)`);
  for (const label of changes.removed) console.log(`  - ${label} (removed)`);
  if (!guildId) console.log('Global commands can take a few minutes to appear in Discord.');
  return 0;
}

try {
  process.exitCode = await deploy();
} catch (err) {
  const status = (err as { status?: number }).status;
  const message = err instanceof Error ? err.message : String(err);
  process.stderr.write(
    status === 401
      ? 'deploy: Discord refused DISCORD_TOKEN: copy the token again from the developer portal.\n'
      : `deploy: could not register the commands: ${message}\n`,
  );
  process.exitCode = 1;
}
