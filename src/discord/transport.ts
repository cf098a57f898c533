/** How the answers to one interaction reach Discord, whichever way it came in (gateway or endpoint). */
import type { InteractionResponseType } from 'discord-api-types/v10';
import type { ReplyFile } from './reply.js';

/** An interaction response as Discord takes it: `{ type, data }`. */
export interface InteractionResponse {
  type: InteractionResponseType;
  data?: Record<string, unknown>;
}

/** How the answers to one interaction reach Discord. */
export interface Transport {
  /** The first response (PONG, a message, an update, a defer, autocomplete choices). */
  respond(response: InteractionResponse, files?: ReplyFile[]): Promise<void>;
  /** Edits the first response's message (after a defer, or to add a file the first could not carry). */
  edit(data: Record<string, unknown>, files?: ReplyFile[]): Promise<void>;
  /** A further message (an apology when a reply already went out). */
  followUp(data: Record<string, unknown>): Promise<void>;
  /** Whether the first response can carry files: a REST callback can, an HTTP response cannot. */
  readonly filesInResponse: boolean;
  /**
   * Posts a message in a channel as the bot (a reply to a member's message); absent where the bot
   * has no token to post with (an interactions endpoint run without DISCORD_TOKEN).
   */
  readonly post?:
    ((channelId: string, data: Record<string, unknown>, files?: ReplyFile[]) => Promise<void>) | undefined;
}

/** A Transport that remembers whether it has answered, so the one catch knows how to apologise. */
export class Tracked implements Transport {
  responded = false;
  /** The answer this interaction showed, for the insights store (set by the handler that showed it). */
  shown?: { command: string; options: Record<string, string>; answer: import('../answers/types.js').Answer };
  constructor(private readonly inner: Transport) {}
  get filesInResponse() {
    return this.inner.filesInResponse;
  }
  /** When the first response went out (performance.now()): the latency the asker saw. */
  respondedAt?: number;
  async respond(response: InteractionResponse, files?: ReplyFile[]) {
    await this.inner.respond(response, files);
    this.responded = true;
    this.respondedAt ??= performance.now();
  }
  edit(data: Record<string, unknown>, files?: ReplyFile[]) {
    return this.inner.edit(data, files);
  }
  followUp(data: Record<string, unknown>) {
    return this.inner.followUp(data);
  }
  get post() {
    return this.inner.post?.bind(this.inner);
  }
}
