import {
  Client,
  Events,
  GatewayIntentBits,
  MessageFlags,
  Options,
  type AutocompleteInteraction,
  type ButtonInteraction,
  type ChatInputCommandInteraction,
  type Interaction,
  type InteractionReplyOptions,
  type InteractionUpdateOptions,
} from 'discord.js';
import type { Logger } from 'pino';
import { PAGE_SIZE } from '../answers/answer.js';
import type { Engine } from '../search/engine.js';
import type { Answer } from '../answers/types.js';
import type { Command, CommandOptions } from '../commands/command.js';
import { runCommand } from '../commands/run.js';
import type { DiscordConfig } from '../config.js';
import type { Metrics } from '../metrics.js';
import { ButtonStates, type PageRequest, type Visibility } from './buttonState.js';
import { Cooldown } from './cooldown.js';
import { LIMITS } from './limits.js';
import { buildReply, type ReplyBody, type ReplyButtons, type ReplyChart } from './reply.js';
import { ChartCache, CHART_FILE } from '../chart/chartCache.js';
import { ChartWorker } from '../chart/chartWorker.js';
import { describeChart, type ChartData } from '../chart/chartData.js';
import type { RenderedChart } from '../chart/renderChart.js';

export interface BotOptions {
  discord: DiscordConfig;
  cooldown: { requests: number; seconds: number };
  /** The current engine (a reload swaps it; every interaction reads it afresh). */
  engine: () => Engine;
  commands: readonly Command[];
  logger: Logger;
  metrics?: Metrics;
  /**
   * How long a REST request (a reply) may take before it is abandoned and retried once. An interaction
   * must be answered within 3 s, so waiting Discord's default 15 s (and three retries) helps no one.
   */
  restTimeoutMs?: number;
  /** Extra facts for the health report (the knowledge's state). */
  describe?: () => Record<string, unknown>;
  /**
   * How long a reply waits for its chart to be drawn before it defers (Discord's "thinking…") and
   * edits the chart in when it is ready (0: defer at once). A drawn chart is cached, so this is
   * only the first time.
   */
  chartWaitMs?: number;
  /** Whether /salary replies carry the chart picture (default true; SALARY_CHART=off). */
  salaryChart?: boolean;
}

/** What /healthz reports of this process's gateway connection(s). */
export interface BotStatus {
  ready: boolean;
  shards: Array<{ id: number; status: string; ping: number }>;
  [key: string]: unknown;
}

export interface Bot {
  client: Client;
  status(): BotStatus;
  /** Stops taking interactions and closes the gateway connection. */
  stop(): Promise<void>;
}

const APOLOGY =
  'Sorry, something went wrong while answering that. It has been logged; please try again in a moment.';

const BUTTON_PROBLEMS = {
  stale: 'The knowledge has been updated since this answer was given. Ask again to see the current passages.',
  expired: 'This answer has expired. Ask again to page through it.',
  foreign: 'That button is not one careerbot understands. Ask again with a slash command.',
} as const;

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

type Components = NonNullable<InteractionReplyOptions['components']>;

function filesOf(body: ReplyBody) {
  return (body.files ?? []).map((f) => ({ attachment: f.data, name: f.name, description: f.description }));
}

function toDiscordReply(body: ReplyBody): InteractionReplyOptions {
  const reply: InteractionReplyOptions = {
    embeds: body.embeds,
    components: body.components as unknown as Components,
    allowedMentions: body.allowed_mentions,
  };
  if (body.content !== undefined) reply.content = body.content;
  if (body.flags !== undefined) reply.flags = MessageFlags.Ephemeral;
  if (body.files?.length) reply.files = filesOf(body);
  return reply;
}

/** An edit of a message in place (a page turned, a deferred reply filled in). */
function toDiscordUpdate(body: ReplyBody): InteractionUpdateOptions {
  const update: InteractionUpdateOptions = {
    content: body.content ?? '',
    embeds: body.embeds,
    components: body.components as unknown as Components,
    allowedMentions: body.allowed_mentions,
  };
  if (body.files?.length) update.files = filesOf(body);
  // Attachments not named are kept by Discord; naming the chart keeps it and shows it again.
  if (body.attachments)
    update.attachments = body.attachments as unknown as NonNullable<InteractionUpdateOptions['attachments']>;
  return update;
}

/** The chart's attachment already on a message (paging back to the first page reuses it). */
function keptChart(interaction: ButtonInteraction): string | undefined {
  return interaction.message.attachments.find((a) => a.name === CHART_FILE)?.id;
}

/** Resolves with the job's value, or undefined if it takes longer than `ms` or fails. */
function within<T>(job: Promise<T>, ms: number): Promise<T | undefined> {
  let timer: NodeJS.Timeout | undefined;
  return Promise.race([
    job.catch(() => undefined),
    new Promise<undefined>((resolve) => (timer = setTimeout(() => resolve(undefined), ms))),
  ]).finally(() => clearTimeout(timer));
}

/** A short private message (cooldown, an old button…). */
function notice(content: string): InteractionReplyOptions {
  return { content, flags: MessageFlags.Ephemeral, allowedMentions: { parse: [] } };
}

/** Option values as text, the way the commands take them (user options as ids). */
function readOptions(interaction: ChatInputCommandInteraction): CommandOptions {
  const options: CommandOptions = {};
  for (const o of interaction.options.data) {
    if (o.value !== undefined && o.value !== null) options[o.name] = String(o.value);
  }
  return options;
}

function withoutMention(options: CommandOptions): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(options)) if (k !== 'mention' && v !== undefined) out[k] = v;
  return out;
}

function resultCount(answer: Answer): number {
  return answer.kind === 'passages' ? answer.results.length : 0;
}

/**
 * The Discord front end: logs in with the Guilds intent only, and routes every interaction through
 * one handler with one catch. Answers come from the same commands as the console; this module only
 * renders them and keeps Discord's rules (limits, mentions, 3-second deadline, cooldown).
 */
export async function startBot(options: BotOptions): Promise<Bot> {
  const { logger, commands } = options;
  const cooldown = new Cooldown(options.cooldown.requests, options.cooldown.seconds);
  const states = new ButtonStates({ fingerprint: () => options.engine().fingerprint });
  let stopping = false;

  const client = new Client({
    intents: [GatewayIntentBits.Guilds],
    // A safety net under the reply builder, which sets allowed mentions on every message itself.
    allowedMentions: { parse: [] },
    rest: {
      ...(options.discord.apiUrl ? { api: options.discord.apiUrl } : {}),
      timeout: options.restTimeoutMs ?? 5000,
      retries: 1,
    },
    // careerbot reads nothing from messages, members or presences: keep those caches empty.
    makeCache: Options.cacheWithLimits({
      ...Options.DefaultMakeCacheSettings,
      MessageManager: 0,
      PresenceManager: 0,
      ReactionManager: 0,
      GuildMemberManager: { maxSize: 0, keepOverLimit: (member) => member.id === member.client.user.id },
      UserManager: { maxSize: 0, keepOverLimit: (user) => user.id === user.client.user.id },
    }),
  });

  // Charts are drawn on a worker thread: a drawing never holds up other interactions.
  const chartWorker = new ChartWorker();
  const charts = new ChartCache(64, chartWorker.draw);
  const chartWaitMs = options.chartWaitMs ?? 1500;
  const replyChart = (data: ChartData, chart: RenderedChart): ReplyChart => ({
    name: CHART_FILE,
    description: describeChart(data),
    png: chart.png,
  });
  const chartLog = (data: ChartData, err: unknown) =>
    logger.warn({ err, chart: data.title }, 'salary chart not drawn; replying without it');

  /**
   * Sends an answer, with its chart when it has one. A chart already drawn goes out at once; one
   * being drawn is waited for up to `chartWaitMs`, after which the interaction is deferred and the
   * reply edited in with the chart when it is ready (or without it if drawing fails), so Discord's
   * 3-second deadline is never missed. `keep` is the chart already on the message being edited.
   */
  const sendAnswer = async (
    answer: Answer,
    build: (chart?: ReplyChart) => ReplyBody,
    send: (body: ReplyBody) => Promise<unknown>,
    defer: () => Promise<unknown>,
    edit: (body: ReplyBody) => Promise<unknown>,
    keep?: string,
  ) => {
    const data =
      answer.kind === 'passages' && answer.offset === 0 && options.salaryChart !== false
        ? answer.chart
        : undefined;
    if (!data) return send(build());
    if (keep) return send(build({ name: CHART_FILE, description: describeChart(data), keep }));
    const ready = charts.peek(data);
    if (ready) return send(build(replyChart(data, ready)));
    const job = charts.get(data);
    // 0: never wait for a drawing (defer at once).
    const drawn = chartWaitMs > 0 ? await within(job, chartWaitMs) : undefined;
    if (drawn) return send(build(replyChart(data, drawn)));
    await defer();
    const late = await job.catch((err: unknown) => void chartLog(data, err));
    return edit(build(late ? replyChart(data, late) : undefined));
  };

  /**
   * Draws the charts most asked for (no filter, each level) while nobody waits for them, one at a
   * time with a turn of the event loop between, so interactions arriving meanwhile are not held up.
   */
  const warmCharts = async () => {
    if (options.salaryChart === false) return;
    for (const level of [undefined, 'junior', 'mid', 'senior']) {
      if (stopping) return;
      const answer = run({ command: 'salary', options: level ? { level } : {}, offset: 0 });
      if (answer.kind !== 'passages' || !answer.chart) continue;
      await charts.get(answer.chart).catch((err: unknown) => chartLog(answer.chart!, err));
      await new Promise((resolve) => setTimeout(resolve, 0));
    }
  };

  const run = (request: PageRequest): Answer =>
    runCommand(
      { engine: options.engine(), commands, offset: request.offset, limit: PAGE_SIZE },
      request.command,
      request.options,
    );

  const buttonsFor = (request: PageRequest, answer: Answer, visibility: Visibility): ReplyButtons => {
    const buttons: ReplyButtons = {};
    if (answer.kind === 'error' || (answer.kind === 'message' && answer.noMatch)) return buttons;
    if (answer.kind === 'passages') {
      buttons.back = states.encode('page', visibility, {
        ...request,
        offset: Math.max(0, answer.offset - PAGE_SIZE),
      });
      buttons.more = states.encode('page', visibility, {
        ...request,
        offset: answer.offset + answer.results.length,
      });
    }
    if (visibility === 'private') buttons.share = states.encode('share', 'private', request);
    return buttons;
  };

  /** Takes one request from the member's allowance; when it is spent, says when to come back. */
  const coolingDown = async (
    interaction: ChatInputCommandInteraction | ButtonInteraction,
    log: InteractionLog,
  ) => {
    const wait = cooldown.take(interaction.user.id);
    if (!wait) return false;
    log.outcome = 'cooldown';
    options.metrics?.cooldownHits.inc();
    await interaction.reply(notice(`You're asking quickly: try again in ${wait} s.`));
    return true;
  };

  const onCommand = async (interaction: ChatInputCommandInteraction, log: InteractionLog) => {
    const all = readOptions(interaction);
    log.command = interaction.commandName;
    log.options = all;
    if (await coolingDown(interaction, log)) return;
    const request: PageRequest = {
      command: interaction.commandName,
      options: withoutMention(all),
      offset: 0,
    };
    const mention = interaction.options.getUser('mention')?.id;
    const answer = run(request);
    if (answer.kind === 'error') log.outcome = 'user-error';
    log.results = resultCount(answer);
    // A mistake or an honest "no good match" is for the asker only, even with a mention.
    const answered = answer.kind === 'passages' || (answer.kind === 'message' && !answer.noMatch);
    const visibility: Visibility = mention && answered ? 'public' : 'private';
    await sendAnswer(
      answer,
      (chart) =>
        buildReply(answer, {
          visibility,
          ...(mention && visibility === 'public' ? { mention } : {}),
          buttons: buttonsFor(request, answer, visibility),
          ...(chart ? { chart } : {}),
        }),
      (body) => interaction.reply(toDiscordReply(body)),
      () => interaction.deferReply(visibility === 'private' ? { flags: MessageFlags.Ephemeral } : {}),
      (body) => interaction.editReply(toDiscordUpdate(body)),
    );
  };

  const onButton = async (interaction: ButtonInteraction, log: InteractionLog) => {
    const decoded = states.decode(interaction.customId);
    if (!decoded.ok) {
      log.outcome = 'expired';
      await interaction.reply(notice(BUTTON_PROBLEMS[decoded.reason]));
      return;
    }
    const { action, visibility, request } = decoded.state;
    log.command = request.command;
    log.options = request.options;
    if (await coolingDown(interaction, log)) return;
    const answer = run(request);
    log.results = resultCount(answer);
    const editReply = (body: ReplyBody) => interaction.editReply(toDiscordUpdate(body));
    if (action === 'share') {
      await sendAnswer(
        answer,
        (chart) =>
          buildReply(answer, {
            visibility: 'public',
            sharedBy: interaction.user.displayName,
            buttons: buttonsFor(request, answer, 'public'),
            ...(chart ? { chart } : {}),
          }),
        (body) => interaction.reply(toDiscordReply(body)),
        () => interaction.deferReply(),
        editReply,
      );
      return;
    }
    const build = (chart?: ReplyChart) =>
      buildReply(answer, {
        visibility: 'private',
        buttons: buttonsFor(request, answer, 'private'),
        ...(chart ? { chart } : {}),
      });
    if (visibility === 'private') {
      // Paging a private answer turns its page in place; the chart already on it stays (never sent twice).
      await sendAnswer(
        answer,
        build,
        (body) => interaction.update(toDiscordUpdate(body)),
        () => interaction.deferUpdate(),
        editReply,
        keptChart(interaction),
      );
    } else {
      // Paging a message everyone sees must not change it for everyone: the clicker gets the page privately.
      await sendAnswer(
        answer,
        build,
        (body) => interaction.reply(toDiscordReply(body)),
        () => interaction.deferReply({ flags: MessageFlags.Ephemeral }),
        editReply,
      );
    }
  };

  const onAutocomplete = async (interaction: AutocompleteInteraction, log: InteractionLog) => {
    log.command = interaction.commandName;
    const focused = interaction.options.getFocused(true);
    const command = commands.find((c) => c.name === interaction.commandName);
    const choices = (command?.suggest?.(options.engine(), focused.name, String(focused.value)) ?? [])
      .filter((s) => s.trim())
      .slice(0, LIMITS.autocompleteChoices)
      .map((s) => ({ name: s.slice(0, LIMITS.choiceName), value: s.slice(0, LIMITS.choiceValue) }));
    log.results = choices.length;
    await interaction.respond(choices);
  };

  const apologize = async (interaction: Interaction, log: InteractionLog) => {
    try {
      if (interaction.isAutocomplete()) {
        if (!interaction.responded) await interaction.respond([]);
        return;
      }
      if (!interaction.isRepliable()) return;
      const payload = { content: APOLOGY, allowedMentions: { parse: [] } };
      if (interaction.deferred && !interaction.replied) await interaction.editReply(payload);
      else if (interaction.replied) await interaction.followUp({ ...payload, flags: MessageFlags.Ephemeral });
      else await interaction.reply({ ...payload, flags: MessageFlags.Ephemeral });
    } catch (err) {
      logger.warn({ err, ...log }, 'could not send the apology');
    }
  };

  client.on(Events.InteractionCreate, (interaction) => {
    if (stopping) return;
    void handle(interaction);
  });

  async function handle(interaction: Interaction): Promise<void> {
    const started = performance.now();
    const log: InteractionLog = {
      kind: interaction.isAutocomplete()
        ? 'autocomplete'
        : interaction.isChatInputCommand()
          ? 'command'
          : interaction.isButton()
            ? 'button'
            : `type-${interaction.type}`,
      userId: interaction.user.id,
      guildId: interaction.guildId,
      outcome: 'ok',
    };
    try {
      if (interaction.isAutocomplete()) await onAutocomplete(interaction, log);
      else if (interaction.isChatInputCommand()) await onCommand(interaction, log);
      else if (interaction.isButton()) await onButton(interaction, log);
      else return;
    } catch (err) {
      log.outcome = 'error';
      logger.error({ err, ...log }, 'interaction failed');
      await apologize(interaction, log);
    }
    const ms = performance.now() - started;
    logger.info({ ...log, ms: Math.round(ms * 100) / 100 }, 'interaction');
    options.metrics?.interactions.inc({ kind: log.kind, command: log.command ?? '', outcome: log.outcome });
    options.metrics?.latency.observe({ kind: log.kind }, ms / 1000);
  }

  const STATUS_NAMES = [
    'ready',
    'connecting',
    'reconnecting',
    'idle',
    'nearly',
    'disconnected',
    'waiting-for-guilds',
    'identifying',
    'resuming',
  ];
  const status = (): BotStatus => {
    const shards = [...client.ws.shards.values()].map((shard) => ({
      id: shard.id,
      status: STATUS_NAMES[shard.status] ?? String(shard.status),
      ping: shard.ping,
    }));
    return {
      ready: !stopping && client.isReady() && shards.every((sh) => sh.status === 'ready'),
      shards,
      ...options.describe?.(),
    };
  };
  // The sharding manager asks each shard process for this through broadcastEval.
  Object.assign(client, {
    careerbot: { status, metrics: () => options.metrics?.registry.getMetricsAsJSON() ?? Promise.resolve([]) },
  });

  client.once(Events.ClientReady, (c) => {
    void warmCharts();
    logger.info({ user: c.user.tag, applicationId: c.application.id, guilds: c.guilds.cache.size }, 'ready');
  });
  client.on(Events.Error, (err) => logger.error({ err }, 'discord client error'));
  client.on(Events.ShardDisconnect, (event, shardId) =>
    logger.warn({ shardId, code: event.code }, 'gateway disconnected'),
  );
  client.on(Events.ShardResume, (shardId) => logger.info({ shardId }, 'gateway resumed'));

  await login(client, options.discord.token, logger);
  return {
    client,
    status,
    async stop() {
      stopping = true;
      await client.destroy();
      await chartWorker.close();
    },
  };
}

export class LoginError extends Error {
  override name = 'LoginError';
}

/**
 * Logs in, retrying with exponential backoff (1 s doubling to 60 s) while Discord cannot be
 * reached; a refused token stops at once with a message that names the setting, not its value.
 */
async function login(client: Client, token: string, logger: Logger): Promise<void> {
  let delay = 1000;
  for (;;) {
    try {
      await client.login(token);
      return;
    } catch (err) {
      const code = (err as { code?: unknown }).code;
      if (code === 'TokenInvalid') {
        throw new LoginError(
          'Discord refused DISCORD_TOKEN: copy the token again from the developer portal.',
        );
      }
      const message = err instanceof Error ? err.message.split(token).join('[redacted]') : String(err);
      logger.error({ error: message, retryInSeconds: delay / 1000 }, 'cannot reach Discord; retrying');
      await new Promise((resolve) => setTimeout(resolve, delay));
      delay = Math.min(delay * 2, 60_000);
    }
  }
}
