import type { REST } from '@discordjs/rest';
import { Routes } from 'discord-api-types/v10';
import type { ReplyFile } from './reply.js';
import type { Transport } from './transport.js';

/** Files as @discordjs/rest uploads them (multipart `files[n]`). */
export function restFiles(list?: ReplyFile[]) {
  return list?.map((f) => ({ name: f.name, data: f.data, contentType: 'image/png' }));
}

/**
 * What every way in sends over REST after the first response: edits of the original message and
 * follow-ups, as discord.js's own interaction methods send them (the interaction token authorises
 * them, not the bot token).
 */
export function restFollowUps(
  rest: REST,
  applicationId: string,
  token: string,
): Pick<Transport, 'edit' | 'followUp'> {
  return {
    async edit(data, list) {
      await rest.patch(Routes.webhookMessage(applicationId, token, '@original'), {
        body: data,
        files: restFiles(list),
        auth: false,
      });
    },
    async followUp(data) {
      await rest.post(Routes.webhook(applicationId, token), { body: data, auth: false });
    },
  };
}

/** Posts a message in a channel with the bot token (a reply to a member's message). */
export function channelPoster(rest: REST): NonNullable<Transport['post']> {
  return async (channelId, data, list) => {
    await rest.post(Routes.channelMessages(channelId), { body: data, files: restFiles(list) });
  };
}
