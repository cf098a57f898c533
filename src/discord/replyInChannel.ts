/**
 * Reply in channel, for "Answer with careerbot": whether the bot can post where it was asked, the
 * member's message as the command reads it, and the reply's body.
 */
import type { APIInteraction, APIMessage } from 'discord-api-types/v10';
import type { TargetMessage } from '../commands/command.js';

/** Permission bits a reply in a channel needs (https://discord.com/developers/docs/topics/permissions). */
const PERMISSIONS = {
  'View Channel': 1n << 10n,
  'Send Messages': 1n << 11n,
  'Embed Links': 1n << 14n,
  'Read Message History': 1n << 16n,
} as const;
const SEND_IN_THREADS = 1n << 38n;
const ATTACH_FILES = 1n << 15n;
/** Thread channel types (announcement, public and private threads): posting there is its own permission. */
const THREAD_TYPES = new Set([10, 11, 12]);
/** Discord's error codes for "the bot cannot post here": Missing Access, Missing Permissions, Unknown Channel, cannot send to this user. */
const CANNOT_POST_CODES = new Set([50001, 50013, 10003, 50007]);

/** Whether, and how, the bot can post in the channel an interaction came from. */
export type Postability = { ok: true; files: boolean } | { ok: false; reason: string };

/**
 * Whether the bot can post in the interaction's channel: it needs a way to post (a token), and in
 * a server the permissions Discord says it has there (`app_permissions`) to see the channel, send,
 * embed and reply. In a DM with the bot it can always answer.
 */
export function postability(raw: APIInteraction, canPost: boolean): Postability {
  if (!canPost)
    return {
      ok: false,
      reason: 'careerbot runs here without a bot token, so it can only answer you privately.',
    };
  if (!raw.guild_id || raw.app_permissions === undefined) return { ok: true, files: true };
  let have: bigint;
  try {
    have = BigInt(raw.app_permissions);
  } catch {
    return { ok: true, files: true };
  }
  // None at all is what a client that does not fill the field sends too: the post itself decides
  // (a refusal gets a private line), rather than hiding the button from a bot that can post.
  if (have === 0n) return { ok: true, files: true };
  const missing = Object.entries(PERMISSIONS)
    .filter(([name, bit]) => {
      if (name === 'Send Messages' && raw.channel && THREAD_TYPES.has(raw.channel.type))
        return (have & SEND_IN_THREADS) === 0n;
      return (have & bit) === 0n;
    })
    .map(([name]) => name);
  if (missing.length)
    return {
      ok: false,
      reason: `careerbot cannot post in this channel (it lacks the ${missing.join(', ')} permission${missing.length > 1 ? 's' : ''} here), so this answer is only for you.`,
    };
  return { ok: true, files: (have & ATTACH_FILES) !== 0n };
}

/** The member's message a message command was used on, as the command reads it. */
export function targetOf(message: APIMessage, applicationId: string): TargetMessage {
  return {
    content: message.content ?? '',
    fromBot: Boolean(message.author?.bot || message.webhook_id),
    fromThisApp:
      message.author?.id === applicationId ||
      (message.application_id === applicationId && Boolean(message.interaction_metadata)),
    attachments: message.attachments?.length ?? 0,
    embeds: message.embeds?.length ?? 0,
    stickers: message.sticker_items?.length ?? 0,
  };
}

/**
 * The body that posts an answer as a reply to a member's message: a `message_reference` to it
 * (posted all the same if it was deleted since) and mentions that ping nobody, not even its author.
 */
export function replyPost(
  data: Record<string, unknown>,
  target: { messageId: string; channelId: string; guildId?: string | undefined },
): Record<string, unknown> {
  return {
    ...data,
    message_reference: {
      type: 0,
      message_id: target.messageId,
      channel_id: target.channelId,
      ...(target.guildId ? { guild_id: target.guildId } : {}),
      fail_if_not_exists: false,
    },
    allowed_mentions: { parse: [], replied_user: false },
  };
}

/** Whether a REST error is Discord refusing the bot a post in that channel (permissions, access). */
export function cannotPost(err: unknown): boolean {
  const code = (err as { code?: unknown }).code;
  const status = (err as { status?: unknown }).status;
  return (typeof code === 'number' && CANNOT_POST_CODES.has(code)) || status === 403;
}
