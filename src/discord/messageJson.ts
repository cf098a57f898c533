/** The message JSON careerbot sends: a reply body as an interaction response's `data` or an edit's body. */
import { InteractionResponseType } from 'discord-api-types/v10';
import { EPHEMERAL } from '../limits.js';
import type { ReplyBody } from './reply.js';
import type { InteractionResponse } from './transport.js';

/** The message JSON of a reply body, as an interaction response's `data` or an edit's body. */
export function messageData(body: ReplyBody, update = false): Record<string, unknown> {
  const data: Record<string, unknown> = {
    embeds: body.embeds,
    components: body.components,
    allowed_mentions: body.allowed_mentions,
  };
  // An update or an edit replaces the message: no content means none (not "keep the old one").
  if (body.content !== undefined || update) data.content = body.content ?? '';
  if (body.flags !== undefined && !update) data.flags = body.flags;
  const attachments: Array<Record<string, unknown>> = [...(body.attachments ?? [])];
  (body.files ?? []).forEach((f, i) =>
    attachments.push({ id: String(i), filename: f.name, description: f.description }),
  );
  if (attachments.length) data.attachments = attachments;
  return data;
}

/** A reply without the picture (for a first response that cannot carry files): the text goes out at once. */
export function withoutFiles(body: ReplyBody): ReplyBody {
  const rest: ReplyBody = { ...body, embeds: body.embeds.map(({ image: _image, ...e }) => e) };
  delete rest.files;
  return rest;
}

/** A short private message (cooldown, an old button…). */
export function notice(content: string): InteractionResponse {
  return {
    type: InteractionResponseType.ChannelMessageWithSource,
    data: { content, flags: EPHEMERAL, allowed_mentions: { parse: [] } },
  };
}
