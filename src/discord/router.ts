/**
 * One router for every interaction, however it arrives: from the gateway (answered with a REST
 * callback) or POSTed to the interactions endpoint (answered in the HTTP response). It reads
 * Discord's raw interaction JSON, runs the same commands as the console, renders with the one
 * reply builder and keeps Discord's rules (limits, mentions, the 3-second deadline, cooldown).
 * What differs between the two ways in is only the Transport.
 */
import { LEVELS } from '../knowledge/types.js';
import {
  ApplicationCommandOptionType,
  ComponentType,
  InteractionResponseType,
  InteractionType,
  type APIApplicationCommandInteractionDataOption,
  type APIInteraction,
  type APIMessage,
  type APIUser,
} from 'discord-api-types/v10';
import type { Logger } from 'pino';
import { PAGE_SIZE } from '../answers/answer.js';
import type { Answer } from '../answers/types.js';
import type { Engine } from '../search/engine.js';
import {
  UserInputError,
  type Command,
  type CommandOptions,
  type MessageCommand,
  type TargetMessage,
} from '../commands/command.js';
import { runCommand } from '../commands/run.js';
import type { Metrics } from '../metrics.js';
import { ChartCache, CHART_FILE } from '../chart/chartCache.js';
import { describeChart, type ChartData } from '../chart/chartData.js';
import type { RenderedChart } from '../chart/renderChart.js';
import { ButtonStates, type ButtonStore, type PageRequest, type Visibility } from './buttonState.js';
import { ChartWorker } from '../chart/chartWorker.js';
import { memoryRateLimiter, type RateLimiter } from './rateLimit.js';
import { EPHEMERAL, LIMITS } from './limits.js';
import { buildReply, type ReplyBody, type ReplyButtons, type ReplyChart, type ReplyFile } from './reply.js';

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

export interface RouterOptions {
  commands: readonly Command[];
  /** Message (context-menu) commands: "Answer with careerbot". */
  messageCommands?: readonly MessageCommand[];
  /** The current engine (a reload swaps it; every interaction reads it afresh). */
  engine: () => Engine;
  logger: Logger;
  metrics?: Metrics | undefined;
  cooldown: RateLimiter;
  states: ButtonStates;
  charts: ChartCache;
  /**
   * How long a reply waits for a chart not drawn yet; past it the text goes out and an edit adds
   * the picture (0: never wait).
   */
  chartWaitMs: number;
  /** Whether /salary replies carry the chart picture. */
  salaryChart: boolean;
}

const APOLOGY =
  'Sorry, something went wrong while answering that. It has been logged; please try again in a moment.';

const BUTTON_PROBLEMS = {
  stale: 'The knowledge has been updated since this answer was given. Ask again to see the current passages.',
  expired: 'This answer has expired. Ask again to page through it.',
  foreign: 'That button is not one careerbot understands. Ask again with a slash command.',
} as const;

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
type Postability = { ok: true; files: boolean } | { ok: false; reason: string };

/** What is logged about every interaction. */
interface InteractionLog {
  kind: string;
  command?: string;
  options?: CommandOptions;
  userId: string;
  guildId: string | null;
  outcome: 'ok' | 'error' | 'cooldown' | 'user-error' | 'expired';
  results?: number;
}

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
function withoutFiles(body: ReplyBody): ReplyBody {
  const rest: ReplyBody = { ...body, embeds: body.embeds.map(({ image: _image, ...e }) => e) };
  delete rest.files;
  return rest;
}

/** A short private message (cooldown, an old button…). */
function notice(content: string): InteractionResponse {
  return {
    type: InteractionResponseType.ChannelMessageWithSource,
    data: { content, flags: EPHEMERAL, allowed_mentions: { parse: [] } },
  };
}

function userOf(raw: APIInteraction): APIUser | undefined {
  return raw.member?.user ?? raw.user;
}

/** Option values as text, the way the commands take them (user options as ids). */
function readOptions(
  options: readonly APIApplicationCommandInteractionDataOption[] | undefined,
): CommandOptions {
  const out: CommandOptions = {};
  for (const o of options ?? []) {
    if ('value' in o && o.value !== undefined && o.value !== null) out[o.name] = String(o.value);
  }
  return out;
}

function withoutMention(options: CommandOptions): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(options)) if (k !== 'mention' && v !== undefined) out[k] = v;
  return out;
}

function resultCount(answer: Answer): number {
  return answer.kind === 'passages' ? answer.results.length : 0;
}

/** Resolves with the job's value, or undefined if it takes longer than `ms` or fails. */
function within<T>(job: Promise<T>, ms: number): Promise<T | undefined> {
  let timer: NodeJS.Timeout | undefined;
  return Promise.race([
    job.catch(() => undefined),
    new Promise<undefined>((resolve) => (timer = setTimeout(() => resolve(undefined), ms))),
  ]).finally(() => clearTimeout(timer));
}

/** A Transport that remembers whether it has answered, so the one catch knows how to apologise. */
class Tracked implements Transport {
  responded = false;
  constructor(private readonly inner: Transport) {}
  get filesInResponse() {
    return this.inner.filesInResponse;
  }
  async respond(response: InteractionResponse, files?: ReplyFile[]) {
    await this.inner.respond(response, files);
    this.responded = true;
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

export class InteractionRouter {
  private stopping = false;

  constructor(private readonly options: RouterOptions) {}

  /** From now on interactions are ignored (shutting down). */
  stop(): void {
    this.stopping = true;
  }

  private run(request: PageRequest): Answer {
    return runCommand(
      {
        engine: this.options.engine(),
        commands: this.options.commands,
        messageCommands: this.options.messageCommands ?? [],
        offset: request.offset,
        limit: PAGE_SIZE,
      },
      request.command,
      request.options,
    );
  }

  /**
   * The buttons of an answer: More/Back, and on a private answer Share in channel, or Reply in
   * channel when it answers a member's message (`target`, carried by every page's buttons;
   * `canReply` false where the bot cannot post there).
   */
  private buttonsFor(
    request: PageRequest,
    answer: Answer,
    visibility: Visibility,
    target?: { id: string; canReply: boolean },
  ): ReplyButtons {
    const { states } = this.options;
    const buttons: ReplyButtons = {};
    if (answer.kind === 'error' || (answer.kind === 'message' && answer.noMatch)) return buttons;
    const targetId = visibility === 'private' ? target?.id : undefined;
    if (answer.kind === 'passages') {
      buttons.back = states.encode(
        'page',
        visibility,
        { ...request, offset: Math.max(0, answer.offset - PAGE_SIZE) },
        targetId,
      );
      buttons.more = states.encode(
        'page',
        visibility,
        { ...request, offset: answer.offset + answer.results.length },
        targetId,
      );
    }
    if (visibility === 'private') {
      if (!target) buttons.share = states.encode('share', 'private', request);
      else if (target.canReply) buttons.reply = states.encode('reply', 'private', request, target.id);
    }
    return buttons;
  }

  /** Draws the charts most asked for (no filter, each level) while nobody waits, one at a time. */
  async warmCharts(): Promise<void> {
    if (!this.options.salaryChart) return;
    const started = performance.now();
    let drawn = 0;
    for (const level of [undefined, ...LEVELS]) {
      if (this.stopping) return;
      const answer = this.run({ command: 'salary', options: level ? { level } : {}, offset: 0 });
      if (answer.kind !== 'passages' || !answer.chart) continue;
      const chart = await this.options.charts
        .get(answer.chart)
        .catch((err: unknown) => this.chartLog(answer.chart!, err));
      if (chart) drawn++;
      await new Promise((resolve) => setTimeout(resolve, 0));
    }
    this.options.logger.info(
      { charts: drawn, ms: Math.round(performance.now() - started) },
      'salary charts drawn',
    );
  }

  private chartLog(data: ChartData, err: unknown) {
    this.options.logger.warn({ err, chart: data.title }, 'salary chart not drawn; replying without it');
  }

  /**
   * Sends an answer as a new message (`reply`) or in place of the clicked one (`update`), with its
   * chart when it has one. A chart already drawn goes with it; one being drawn is waited for up to
   * `chartWaitMs`, after which the text goes out at once and an edit of the message adds the picture
   * when it is ready (none if drawing fails), so the reply is never late and never deferred. Where
   * the first response cannot carry files (the HTTP endpoint), the picture always comes in an edit.
   * `keep`: the chart already on the message being updated, shown again without sending it.
   */
  private async sendAnswer(
    t: Tracked,
    answer: Answer,
    build: (chart?: ReplyChart) => ReplyBody,
    mode: 'reply' | 'update',
    keep?: string,
  ): Promise<void> {
    const type =
      mode === 'reply'
        ? InteractionResponseType.ChannelMessageWithSource
        : InteractionResponseType.UpdateMessage;
    const send = async (body: ReplyBody) => {
      if (body.files?.length && !t.filesInResponse) {
        await t.respond({ type, data: messageData(withoutFiles(body), mode === 'update') });
        await t.edit(messageData(body, true), body.files);
      } else await t.respond({ type, data: messageData(body, mode === 'update') }, body.files);
    };
    const data =
      answer.kind === 'passages' && answer.offset === 0 && this.options.salaryChart
        ? answer.chart
        : undefined;
    if (!data) return send(build());
    const picture = (chart: RenderedChart): ReplyChart => ({
      name: CHART_FILE,
      description: describeChart(data),
      png: chart.png,
    });
    if (keep) return send(build({ name: CHART_FILE, description: describeChart(data), keep }));
    const { charts, chartWaitMs } = this.options;
    const ready = charts.peek(data);
    if (ready) return send(build(picture(ready)));
    const job = charts.get(data);
    // A chart being drawn is waited for briefly (where the response can carry it); past that, the
    // text goes out at once and an edit of the message adds the picture when it is drawn.
    const drawn = t.filesInResponse && chartWaitMs > 0 ? await within(job, chartWaitMs) : undefined;
    if (drawn) return send(build(picture(drawn)));
    await t.respond({ type, data: messageData(build(), mode === 'update') });
    const late = await job.catch((err: unknown) => void this.chartLog(data, err));
    if (late) {
      const body = build(picture(late));
      await t.edit(messageData(body, true), body.files);
    }
  }

  /** Takes one request from the member's allowance; when it is spent, says when to come back. */
  private async coolingDown(t: Tracked, userId: string, log: InteractionLog): Promise<boolean> {
    const wait = await this.options.cooldown.take(userId);
    if (!wait) return false;
    log.outcome = 'cooldown';
    this.options.metrics?.cooldownHits.inc();
    await t.respond(notice(`You're asking quickly: try again in ${wait} s.`));
    return true;
  }

  private async onCommand(
    t: Tracked,
    raw: APIInteraction & { type: InteractionType.ApplicationCommand },
    log: InteractionLog,
  ) {
    const data = raw.data as { name: string; options?: APIApplicationCommandInteractionDataOption[] };
    const all = readOptions(data.options);
    log.command = data.name;
    log.options = all;
    if (await this.coolingDown(t, log.userId, log)) return;
    const request: PageRequest = { command: data.name, options: withoutMention(all), offset: 0 };
    const mentionOption = data.options?.find(
      (o) => o.name === 'mention' && o.type === ApplicationCommandOptionType.User,
    );
    const mention = mentionOption && 'value' in mentionOption ? String(mentionOption.value) : undefined;
    const answer = this.run(request);
    if (answer.kind === 'error') log.outcome = 'user-error';
    log.results = resultCount(answer);
    // A mistake or an honest "no good match" is for the asker only, even with a mention.
    const answered = answer.kind === 'passages' || (answer.kind === 'message' && !answer.noMatch);
    const visibility: Visibility = mention && answered ? 'public' : 'private';
    await this.sendAnswer(
      t,
      answer,
      (chart) =>
        buildReply(answer, {
          visibility,
          ...(mention && visibility === 'public' ? { mention } : {}),
          buttons: this.buttonsFor(request, answer, visibility),
          ...(chart ? { chart } : {}),
        }),
      'reply',
    );
  }

  private async onButton(
    t: Tracked,
    raw: APIInteraction & { type: InteractionType.MessageComponent },
    log: InteractionLog,
  ) {
    const decoded = await this.options.states.resolve(raw.data.custom_id);
    if (!decoded.ok) {
      log.outcome = 'expired';
      await t.respond(notice(BUTTON_PROBLEMS[decoded.reason]));
      return;
    }
    const { action, visibility, request, target } = decoded.state;
    log.command = request.command;
    log.options = request.options;
    if (await this.coolingDown(t, log.userId, log)) return;
    const answer = this.run(request);
    if (action === 'reply' && target) {
      await this.onReply(t, raw, request, answer, target, log);
      return;
    }
    const about = target ? { id: target, canReply: this.postability(t, raw).ok } : undefined;
    log.results = resultCount(answer);
    if (action === 'share') {
      const user = userOf(raw);
      await this.sendAnswer(
        t,
        answer,
        (chart) =>
          buildReply(answer, {
            visibility: 'public',
            sharedBy: user?.global_name || user?.username || 'someone',
            buttons: this.buttonsFor(request, answer, 'public'),
            ...(chart ? { chart } : {}),
          }),
        'reply',
      );
      return;
    }
    const build = (chart?: ReplyChart) =>
      buildReply(answer, {
        visibility: 'private',
        buttons: this.buttonsFor(request, answer, 'private', about),
        ...(chart ? { chart } : {}),
      });
    if (visibility === 'private') {
      // Paging a private answer turns its page in place; the chart already on it stays (never sent twice).
      const kept = raw.message?.attachments?.find((a) => a.filename === CHART_FILE)?.id;
      await this.sendAnswer(t, answer, build, 'update', kept);
    } else {
      // Paging a message everyone sees must not change it for everyone: the clicker gets the page privately.
      await this.sendAnswer(t, answer, build, 'reply');
    }
  }

  /**
   * Whether the bot can post in the interaction's channel: it needs a way to post (a token), and in
   * a server the permissions Discord says it has there (`app_permissions`) to see the channel, send,
   * embed and reply. In a DM with the bot it can always answer.
   */
  private postability(t: Tracked, raw: APIInteraction): Postability {
    if (!t.post)
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

  /** "Answer with careerbot" on a member's message: the answer as /ask gives it, privately, with Reply in channel. */
  private async onMessageCommand(
    t: Tracked,
    raw: APIInteraction & { type: InteractionType.ApplicationCommand },
    log: InteractionLog,
  ) {
    const data = raw.data as {
      name: string;
      target_id?: string;
      resolved?: { messages?: Record<string, APIMessage> };
    };
    log.command = data.name;
    const command = this.options.messageCommands?.find((c) => c.name === data.name);
    if (!command) {
      log.outcome = 'user-error';
      await t.respond(
        notice(`careerbot has no menu command “${data.name.slice(0, 40)}” any more. Try /help.`),
      );
      return;
    }
    if (await this.coolingDown(t, log.userId, log)) return;
    const message = data.target_id ? data.resolved?.messages?.[data.target_id] : undefined;
    if (!message || !data.target_id) {
      log.outcome = 'user-error';
      await t.respond(notice('Discord did not send the message to answer. Try again, or use /ask.'));
      return;
    }
    const target: TargetMessage = {
      content: message.content ?? '',
      fromBot: Boolean(message.author?.bot || message.webhook_id),
      fromThisApp:
        message.author?.id === raw.application_id ||
        (message.application_id === raw.application_id && Boolean(message.interaction_metadata)),
      attachments: message.attachments?.length ?? 0,
      embeds: message.embeds?.length ?? 0,
      stickers: message.sticker_items?.length ?? 0,
    };
    let request: PageRequest;
    try {
      const asked = command.read(target);
      request = { command: asked.command, options: asked.options, offset: 0 };
    } catch (err) {
      if (!(err instanceof UserInputError)) throw err;
      log.outcome = 'user-error';
      await t.respond(notice(`⚠️ ${err.message}`));
      return;
    }
    log.options = request.options;
    const answer = this.run(request);
    if (answer.kind === 'error') log.outcome = 'user-error';
    log.results = resultCount(answer);
    const answered = answer.kind === 'passages' || (answer.kind === 'message' && !answer.noMatch);
    const where = this.postability(t, raw);
    const about = { id: data.target_id, canReply: where.ok };
    await this.sendAnswer(
      t,
      answer,
      (chart) =>
        buildReply(answer, {
          visibility: 'private',
          buttons: this.buttonsFor(request, answer, 'private', about),
          ...(answered && !where.ok ? { note: where.reason } : {}),
          ...(chart ? { chart } : {}),
        }),
      'reply',
    );
  }

  /**
   * Reply in channel: posts the answer as a reply to the member's message, naming who posted it and
   * pinging nobody (not even the asker); the private answer's button then says it was posted. The
   * click is acknowledged first (the post and a chart may take longer than Discord's 3 seconds).
   */
  private async onReply(
    t: Tracked,
    raw: APIInteraction & { type: InteractionType.MessageComponent },
    request: PageRequest,
    answer: Answer,
    target: string,
    log: InteractionLog,
  ) {
    log.results = resultCount(answer);
    const answered = answer.kind === 'passages' || (answer.kind === 'message' && !answer.noMatch);
    const where = this.postability(t, raw);
    const channelId = raw.channel_id ?? raw.channel?.id;
    if (!answered || !channelId || !where.ok || !t.post) {
      log.outcome = 'user-error';
      await t.respond(
        notice(
          !answered
            ? 'This answer cannot be posted: ask again to get passages.'
            : where.ok
              ? 'careerbot cannot tell which channel to post in; the answer stays private.'
              : where.reason,
        ),
      );
      return;
    }
    await t.respond({ type: InteractionResponseType.DeferredMessageUpdate });
    const user = userOf(raw);
    const data =
      answer.kind === 'passages' && answer.offset === 0 && this.options.salaryChart
        ? answer.chart
        : undefined;
    const drawn = data && where.files ? await within(this.options.charts.get(data), 5000) : undefined;
    const body = buildReply(answer, {
      visibility: 'public',
      postedBy: user?.global_name || user?.username || 'someone',
      buttons: this.buttonsFor(request, answer, 'public'),
      ...(drawn && data
        ? { chart: { name: CHART_FILE, description: describeChart(data), png: drawn.png } }
        : {}),
    });
    const post = {
      ...messageData(body),
      message_reference: {
        type: 0,
        message_id: target,
        channel_id: channelId,
        ...(raw.guild_id ? { guild_id: raw.guild_id } : {}),
        // The message may have been deleted since: the answer is posted all the same.
        fail_if_not_exists: false,
      },
      // A reply pings its message's author unless told not to: nobody is pinged.
      allowed_mentions: { parse: [], replied_user: false },
    };
    try {
      await t.post(channelId, post, body.files);
    } catch (err) {
      const code = (err as { code?: unknown }).code;
      const status = (err as { status?: unknown }).status;
      if (!(typeof code === 'number' && CANNOT_POST_CODES.has(code)) && status !== 403) throw err;
      log.outcome = 'user-error';
      this.options.logger.info({ code, status, channelId }, 'could not post a reply in the channel');
      await t.followUp(
        notice(
          'careerbot could not post in this channel (Discord refused: it lacks permission to send messages here), so the answer stays private.',
        ).data!,
      );
      return;
    }
    // The private answer stays as it was, its Reply button now saying the answer was posted.
    const kept = raw.message?.attachments?.find((a) => a.filename === CHART_FILE)?.id;
    const mine = buildReply(answer, {
      visibility: 'private',
      buttons: {
        ...this.buttonsFor(request, answer, 'private', { id: target, canReply: true }),
        replied: true,
      },
      ...(kept && data ? { chart: { name: CHART_FILE, description: describeChart(data), keep: kept } } : {}),
    });
    await t.edit(messageData(mine, true));
  }

  private async onAutocomplete(
    t: Tracked,
    raw: APIInteraction & { type: InteractionType.ApplicationCommandAutocomplete },
    log: InteractionLog,
  ) {
    log.command = raw.data.name;
    const focused = raw.data.options?.find((o) => 'focused' in o && o.focused) as
      { name: string; value: unknown } | undefined;
    const command = this.options.commands.find((c) => c.name === raw.data.name);
    const choices = (
      focused
        ? (command?.suggest?.(this.options.engine(), focused.name, String(focused.value ?? '')) ?? [])
        : []
    )
      .filter((s) => s.trim())
      .slice(0, LIMITS.autocompleteChoices)
      .map((s) => ({ name: s.slice(0, LIMITS.choiceName), value: s.slice(0, LIMITS.choiceValue) }));
    log.results = choices.length;
    await t.respond({
      type: InteractionResponseType.ApplicationCommandAutocompleteResult,
      data: { choices },
    });
  }

  private async apologize(t: Tracked, raw: APIInteraction, log: InteractionLog): Promise<void> {
    try {
      if (raw.type === InteractionType.ApplicationCommandAutocomplete) {
        if (!t.responded)
          await t.respond({
            type: InteractionResponseType.ApplicationCommandAutocompleteResult,
            data: { choices: [] },
          });
        return;
      }
      // Before any reply, the apology is the reply; after one (a chart edit failed), a private follow-up.
      if (!t.responded) await t.respond(notice(APOLOGY));
      else await t.followUp(notice(APOLOGY).data!);
    } catch (err) {
      this.options.logger.warn({ err, ...log }, 'could not send the apology');
    }
  }

  /** Handles one interaction end to end: one catch, one log line, metrics. */
  async handle(raw: APIInteraction, transport: Transport): Promise<void> {
    if (this.stopping) return;
    const started = performance.now();
    const t = new Tracked(transport);
    const kind =
      raw.type === InteractionType.ApplicationCommandAutocomplete
        ? 'autocomplete'
        : raw.type === InteractionType.ApplicationCommand
          ? 'command'
          : raw.type === InteractionType.MessageComponent
            ? 'button'
            : raw.type === InteractionType.Ping
              ? 'ping'
              : `type-${raw.type}`;
    const log: InteractionLog = {
      kind,
      userId: userOf(raw)?.id ?? '',
      guildId: raw.guild_id ?? null,
      outcome: 'ok',
    };
    try {
      if (raw.type === InteractionType.Ping) {
        await t.respond({ type: InteractionResponseType.Pong });
        return;
      }
      if (raw.type === InteractionType.ApplicationCommandAutocomplete) await this.onAutocomplete(t, raw, log);
      else if (raw.type === InteractionType.ApplicationCommand && raw.data.type === 1)
        await this.onCommand(t, raw, log);
      else if (raw.type === InteractionType.ApplicationCommand && raw.data.type === 3)
        await this.onMessageCommand(t, raw, log);
      else if (
        raw.type === InteractionType.MessageComponent &&
        raw.data.component_type === ComponentType.Button
      )
        await this.onButton(t, raw, log);
      else {
        // Nothing careerbot sends asks for these (modals, select menus, user commands).
        await t.respond(notice('careerbot does not handle that kind of interaction. Try /help.'));
        return;
      }
    } catch (err) {
      log.outcome = 'error';
      this.options.logger.error({ err, ...log }, 'interaction failed');
      await this.apologize(t, raw, log);
    }
    const ms = performance.now() - started;
    this.options.logger.info({ ...log, ms: Math.round(ms * 100) / 100 }, 'interaction');
    this.options.metrics?.interactions.inc({
      kind: log.kind,
      command: log.command ?? '',
      outcome: log.outcome,
    });
    this.options.metrics?.latency.observe({ kind: log.kind }, ms / 1000);
  }
}

export interface ServiceOptions {
  commands: readonly Command[];
  messageCommands?: readonly MessageCommand[] | undefined;
  engine: () => Engine;
  logger: Logger;
  metrics?: Metrics | undefined;
  /** Each member's allowance, kept in this process's memory unless `rateLimiter` keeps it elsewhere. */
  cooldown: { requests: number; seconds: number };
  rateLimiter?: RateLimiter | undefined;
  /** Long button options shared with other processes (Redis), if any. */
  buttonStore?: ButtonStore | undefined;
  chartWaitMs?: number | undefined;
  salaryChart?: boolean | undefined;
}

/**
 * The router with what it needs, as both front ends build it: button states tied to the knowledge's
 * fingerprint, and charts drawn on a worker thread (a drawing never holds up other interactions)
 * and cached. `close` stops the worker.
 */
export function createRouter(options: ServiceOptions): { router: InteractionRouter; close(): Promise<void> } {
  const chartWorker = new ChartWorker();
  const router = new InteractionRouter({
    commands: options.commands,
    messageCommands: options.messageCommands ?? [],
    engine: options.engine,
    logger: options.logger,
    metrics: options.metrics,
    cooldown: options.rateLimiter ?? memoryRateLimiter(options.cooldown.requests, options.cooldown.seconds),
    states: new ButtonStates({
      fingerprint: () => options.engine().fingerprint,
      ...(options.buttonStore ? { store: options.buttonStore } : {}),
    }),
    charts: new ChartCache(64, chartWorker.draw),
    chartWaitMs: options.chartWaitMs ?? 300,
    salaryChart: options.salaryChart !== false,
  });
  return {
    router,
    async close() {
      router.stop();
      await chartWorker.close();
    },
  };
}
