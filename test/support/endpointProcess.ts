import { startBotProcess, type BotProcess } from './botProcess.js';
import type { FakeDiscord } from './fakeDiscord.js';
import { freePort } from './ports.js';
import type { AppKeys } from './signing.js';
import { waitFor } from './waitFor.js';

export interface EndpointProcess extends BotProcess {
  port: number;
  /** The endpoint's base URL (POST /interactions, GET /healthz). */
  url: string;
}

/**
 * Starts `npm start` (node dist/src/main.js) as an interactions endpoint, as README says: a port,
 * the application's public key and id, no token; REST edits go to the fake Discord.
 */
export async function startEndpointProcess(
  fake: FakeDiscord,
  keys: AppKeys,
  env: Record<string, string> = {},
): Promise<EndpointProcess> {
  const port = await freePort();
  const bot = await startBotProcess(
    fake,
    {
      INTERACTIONS_PORT: String(port),
      INTERACTIONS_HOST: '127.0.0.1',
      DISCORD_PUBLIC_KEY: keys.publicKeyHex,
      ...env,
    },
    '',
    { waitForLogin: false },
  );
  await waitFor(
    'the endpoint to listen',
    () => {
      if (bot.child.exitCode !== null)
        throw new Error(`endpoint exited with ${bot.child.exitCode}:\n${bot.output()}`);
      return bot.logs.some((l) => l.msg === 'interactions endpoint listening');
    },
    15_000,
  ).catch((err: Error) => {
    throw new Error(`endpoint did not start (${err.message}):\n${bot.output()}`);
  });
  return Object.assign(bot, { port, url: `http://127.0.0.1:${port}` });
}
