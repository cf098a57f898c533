/**
 * One router for every interaction, however it arrives: from the gateway (answered with a REST
 * callback) or POSTed to the interactions endpoint (answered in the HTTP response). It reads
 * Discord's raw interaction JSON, runs the same commands as the console, renders with the one
 * reply builder and keeps Discord's rules (limits, mentions, the 3-second deadline, cooldown).
 * What differs between the two ways in is only the Transport.
 */
import {
  ApplicationCommandOptionType,
  ComponentType,
  InteractionResponseType,
  InteractionType,
  type APIApplicationCommandInteractionDataOption,
  type APIInteraction,
  type APIMessage,
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
} from '../commands/command.js';
import { runCommand } from '../commands/run.js';
import type { Metrics } from '../metrics.js';
import { CHART_FILE, type ChartCache } from '../chart/chartCache.js';
import { describeChart } from '../chart/chartData.js';
import type { ButtonStates, PageRequest, Visibility } from './buttonState.js';
import type { RateLimiter } from './rateLimit.js';
import { LIMITS } from '../limits.js';
import { buildReply, type ReplyChart } from './reply.js';
import { BUTTON_PROBLEMS, buttonsFor, feedbackButtons, readFeedback } from './buttons.js';
import type { Insights } from '../insights/insights.js';
import { insightsReport, reportLines } from '../insights/report.js';

/** Discord's Manage Server permission (MANAGE_GUILD). */
const MANAGE_GUILD = 1n << 5n;
import { ChartDelivery, within } from './chartDelivery.js';
import { readOptions, resultCount, userOf, withoutMention } from './decode.js';
import { messageData, notice } from './messageJson.js';
import { cannotPost, postability, replyPost, targetOf } from './replyInChannel.js';
import { Tracked, type Transport } from './transport.js';

export type { InteractionResponse, Transport } from './transport.js';
export { messageData } from './messageJson.js';

export interface RouterOptions {
  commands: readonly Command[];
  /** Where answers and votes are kept (absent: INSIGHTS=off, no feedback buttons). */
  insights?: Insights | undefined;
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

export class InteractionRouter {
  private stopping = false;

  private readonly charts: ChartDelivery;

  constructor(private readonly options: RouterOptions) {
    this.charts = new ChartDelivery(options);
  }

  /** Draws the charts most asked for (no filter, each level) while nobody waits, one at a time. */
  warmCharts(): Promise<void> {
    return this.charts.warm(
      (request) => this.run(request),
      () => this.stopping,
    );
  }

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

  /** Takes one request from the member's allowance; when it is spent, says when to come back. */
  private async coolingDown(t: Tracked, userId: string, log: InteractionLog): Promise<boolean> {
    const wait = await this.options.cooldown.take(userId);
    if (!wait) return false;
    log.outcome = 'cooldown';
    this.options.metrics?.cooldownHits.inc();
    await t.respond(notice(`You're asking quickly: try again in ${wait} s.`));
    return true;
  }

  /**
   * The feedback buttons for an answer shown by interaction `id` (none when insights are off, or for
   * a mistake or a text answer such as /help), and the answer noted for the insights store.
   */
  private shown(
    t: Tracked,
    id: string,
    request: PageRequest,
    answer: Answer,
  ): { feedback?: { up: string; down: string } } {
    if (!this.options.insights) return {};
    const noMatch = answer.kind === 'message' && Boolean(answer.noMatch);
    if (answer.kind !== 'passages' && !noMatch) return {};
    t.shown = { command: request.command, options: request.options, answer };
    return { feedback: feedbackButtons(id) };
  }

  /** A command whose handler reads a store (/insights): where it was asked, by whom, and the store. */
  private async runAsync(raw: APIInteraction, command: Command, request: PageRequest): Promise<Answer> {
    const insights = this.options.insights;
    const permissions = raw.member?.permissions;
    try {
      return await command.executeAsync!(
        {
          engine: this.options.engine(),
          commands: this.options.commands,
          messageCommands: this.options.messageCommands ?? [],
          guildId: raw.guild_id,
          canManageServer: permissions !== undefined && (BigInt(permissions) & MANAGE_GUILD) !== 0n,
          insights: insights && {
            async reportLines(filter) {
              // What is still queued is written first, so the report includes the latest answers.
              await insights.flush();
              return reportLines(await insightsReport(insights.store.db, filter));
            },
          },
        },
        request.options,
      );
    } catch (err) {
      if (err instanceof UserInputError)
        return { kind: 'error', asked: `/${command.name}`, message: err.message };
      throw err;
    }
  }

  /** Notes a shown answer in the insights store (queued: never waited for). */
  private record(raw: APIInteraction, shown: NonNullable<Tracked['shown']>, log: InteractionLog, ms: number) {
    const { answer } = shown;
    const noMatch = answer.kind === 'message' && Boolean(answer.noMatch);
    if (noMatch) this.options.metrics?.noMatch.inc({ command: shown.command });
    this.options.insights!.recordAnswer({
      id: raw.id,
      guild: raw.guild_id ?? null,
      command: shown.command,
      question: answer.asked,
      options: shown.options,
      passageIds: answer.kind === 'passages' ? answer.results.map((r) => r.passageId) : [],
      noMatch,
      notice: answer.kind === 'passages' && Boolean(answer.notice),
      latencyMs: ms,
      userId: log.userId,
    });
  }

  /**
   * 👍 / 👎 on an answer: one vote per member per answer, changeable (a later click replaces it).
   * A private answer's buttons show the vote taken; a message everyone sees stays as it is.
   */
  private async onFeedback(
    t: Tracked,
    raw: APIInteraction & { type: InteractionType.MessageComponent },
    vote: { answerId: string; vote: 1 | -1 },
    log: InteractionLog,
  ) {
    log.command = 'feedback';
    const insights = this.options.insights;
    if (!insights) {
      await t.respond(notice('Feedback is turned off for this bot.'));
      return;
    }
    insights.recordVote({ answerId: vote.answerId, userId: log.userId, vote: vote.vote });
    this.options.metrics?.feedback.inc({ vote: vote.vote > 0 ? 'up' : 'down' });
    const message = raw.message as
      | { flags?: number; components?: Array<{ type: number; components?: Array<Record<string, unknown>> }> }
      | undefined;
    if (!message || !((message.flags ?? 0) & 64) || !message.components) {
      await t.respond({ type: InteractionResponseType.DeferredMessageUpdate });
      return;
    }
    const chosen = raw.data.custom_id;
    const components = message.components.map((row) => ({
      ...row,
      components: (row.components ?? []).map((b) => {
        const id = String(b.custom_id ?? '');
        if (!readFeedback(id) || !id.startsWith(`cb1|f|${vote.answerId}|`)) return b;
        return { ...b, style: id === chosen ? (vote.vote > 0 ? 3 : 4) : 2 };
      }),
    }));
    await t.respond({ type: InteractionResponseType.UpdateMessage, data: { components } });
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
    const command = this.options.commands.find((c) => c.name === data.name);
    const answer = command?.executeAsync ? await this.runAsync(raw, command, request) : this.run(request);
    if (answer.kind === 'error') log.outcome = 'user-error';
    log.results = resultCount(answer);
    // A mistake or an honest "no good match" is for the asker only, even with a mention.
    const answered = answer.kind === 'passages' || (answer.kind === 'message' && !answer.noMatch);
    const visibility: Visibility = mention && answered ? 'public' : 'private';
    const feedback = this.shown(t, raw.id, request, answer);
    await this.charts.send(
      t,
      answer,
      (chart) =>
        buildReply(answer, {
          visibility,
          ...(mention && visibility === 'public' ? { mention } : {}),
          buttons: { ...buttonsFor(this.options.states, request, answer, visibility), ...feedback },
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
    const vote = readFeedback(raw.data.custom_id);
    if (vote) return this.onFeedback(t, raw, vote, log);
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
    const about = target ? { id: target, canReply: postability(raw, Boolean(t.post)).ok } : undefined;
    log.results = resultCount(answer);
    const feedback = this.shown(t, raw.id, request, answer);
    if (action === 'share') {
      const user = userOf(raw);
      await this.charts.send(
        t,
        answer,
        (chart) =>
          buildReply(answer, {
            visibility: 'public',
            sharedBy: user?.global_name || user?.username || 'someone',
            buttons: { ...buttonsFor(this.options.states, request, answer, 'public'), ...feedback },
            ...(chart ? { chart } : {}),
          }),
        'reply',
      );
      return;
    }
    const build = (chart?: ReplyChart) =>
      buildReply(answer, {
        visibility: 'private',
        buttons: { ...buttonsFor(this.options.states, request, answer, 'private', about), ...feedback },
        ...(chart ? { chart } : {}),
      });
    if (visibility === 'private') {
      // Paging a private answer turns its page in place; the chart already on it stays (never sent twice).
      const kept = raw.message?.attachments?.find((a) => a.filename === CHART_FILE)?.id;
      await this.charts.send(t, answer, build, 'update', kept);
    } else {
      // Paging a message everyone sees must not change it for everyone: the clicker gets the page privately.
      await this.charts.send(t, answer, build, 'reply');
    }
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
    const target = targetOf(message, raw.application_id);
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
    const where = postability(raw, Boolean(t.post));
    const about = { id: data.target_id, canReply: where.ok };
    const feedback = this.shown(t, raw.id, request, answer);
    await this.charts.send(
      t,
      answer,
      (chart) =>
        buildReply(answer, {
          visibility: 'private',
          buttons: { ...buttonsFor(this.options.states, request, answer, 'private', about), ...feedback },
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
    const where = postability(raw, Boolean(t.post));
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
      buttons: {
        ...buttonsFor(this.options.states, request, answer, 'public'),
        ...this.shown(t, raw.id, request, answer),
      },
      ...(drawn && data
        ? { chart: { name: CHART_FILE, description: describeChart(data), png: drawn.png } }
        : {}),
    });
    const post = replyPost(messageData(body), {
      messageId: target,
      channelId,
      guildId: raw.guild_id,
    });
    try {
      await t.post(channelId, post, body.files);
    } catch (err) {
      if (!cannotPost(err)) throw err;
      log.outcome = 'user-error';
      this.options.logger.info({ err, channelId }, 'could not post a reply in the channel');
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
        ...buttonsFor(this.options.states, request, answer, 'private', { id: target, canReply: true }),
        ...feedbackOn(raw.message),
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
    // The latency the asker saw: to the first response (a chart may follow in an edit).
    if (t.shown && this.options.insights && log.outcome !== 'error')
      this.record(raw, t.shown, log, (t.respondedAt ?? performance.now()) - started);
    this.options.logger.info({ ...log, ms: Math.round(ms * 100) / 100 }, 'interaction');
    this.options.metrics?.interactions.inc({
      kind: log.kind,
      command: log.command ?? '',
      outcome: log.outcome,
    });
    this.options.metrics?.latency.observe({ kind: log.kind }, ms / 1000);
  }
}

/** The feedback buttons already on a message (an edit keeps them, naming the same answer). */
function feedbackOn(message: { components?: unknown[] } | undefined): {
  feedback?: { up: string; down: string };
} {
  for (const row of (message?.components ?? []) as Array<{ components?: Array<{ custom_id?: string }> }>)
    for (const b of row.components ?? []) {
      const found = readFeedback(String(b.custom_id ?? ''));
      if (found) return { feedback: feedbackButtons(found.answerId) };
    }
  return {};
}
