import { answerQuery, PAGE_SIZE } from '../answers/answer.js';
import type { Engine, Query } from '../search/engine.js';
import { LEVELS, LEVEL_LIST, isLevel, type Level } from '../knowledge/types.js';
import { editDistance } from '../search/text.js';
import { type Answer } from '../answers/types.js';
import { COMMAND_LIMITS } from '../limits.js';

export { COMMAND_LIMITS } from '../limits.js';

/** The longest question `/ask` takes: long enough for any real question, short enough to search fast. */
export const MAX_QUESTION_LENGTH = 300;

/** One option of a slash command, in the shape of Discord's command JSON (string and user options). */
export interface CommandOption {
  type: 'string' | 'user';
  name: string;
  description: string;
  required?: boolean;
  choices?: Array<{ name: string; value: string }>;
  autocomplete?: boolean;
  maxLength?: number;
}

export interface CommandDefinition {
  name: string;
  description: string;
  options: CommandOption[];
  /**
   * For server admins only: Discord shows it to members with Manage Server by default (and not in
   * DMs), and the handler checks the member's permissions again.
   */
  adminOnly?: boolean;
}

/** What the insights report reads for one command: the summary of one server's answers and votes. */
export interface InsightsReader {
  reportLines(filter: { days?: number; guild?: string }): Promise<string[]>;
}

/** What an asynchronous handler is given besides the usual: where it was asked and by whom. */
export interface AsyncCommandContext extends CommandContext {
  guildId?: string | undefined;
  /** Whether the member may manage the server (Discord's Manage Server permission). */
  canManageServer: boolean;
  insights?: InsightsReader | undefined;
}

/** What a handler is given: the engine and the paging the front end asks for. */
export interface CommandContext {
  engine: Engine;
  /** All commands, for /help. */
  commands: readonly Command[];
  /** The message (context-menu) commands, for /help. */
  messageCommands?: readonly MessageCommand[];
  offset?: number;
  limit?: number;
  /** Where the answer is shown: Discord (the default) or a text front end (console, CLI). */
  frontEnd?: 'discord' | 'text';
}

export type CommandOptions = Record<string, string | undefined>;

/** A slash command: its definition beside its handler. The handler returns an answer; it renders nothing. */
export interface Command extends CommandDefinition {
  execute(context: CommandContext, options: CommandOptions): Answer;
  /** A handler that reads a store (the insights report): the Discord front end awaits it instead of `execute`. */
  executeAsync?(context: AsyncCommandContext, options: CommandOptions): Promise<Answer>;
  /** Suggestions for an option with `autocomplete` while the user types it (at most 25, ≤ 100 chars). */
  suggest?(engine: Engine, option: string, typed: string): string[];
  /** The value a typed word stands for in an option with known values ("nyc" → "New York City"). */
  resolve?(engine: Engine, option: string, typed: string): string | undefined;
}

/** Types a command module's definition and handler together. */
export function defineCommand(command: Command): Command {
  return command;
}

/** The `level` option shared by /salary, /skills and /career. */
export function levelOption(description: string): CommandOption {
  return {
    type: 'string',
    name: 'level',
    description,
    required: false,
    choices: LEVELS.map((l) => ({ name: l, value: l })),
  };
}

/**
 * The `mention` option: in Discord, posts the answer publicly and pings that one user (a way to
 * answer someone's question in the channel). Other front ends ignore it.
 */
export function mentionOption(): CommandOption {
  return {
    type: 'user',
    name: 'mention',
    description: 'Post the answer in the channel and notify this member (otherwise only you see it)',
    required: false,
  };
}

/** A mistake in what the user typed: shown to them as written. */
export class UserInputError extends Error {
  override name = 'UserInputError';
}

/**
 * Reads a level option. Besides the three choices, the console accepts the words people use for
 * them ("entry-level", "intermediate", "experienced"), understood through the thesaurus.
 */
export function readLevel(engine: Engine, value: string | undefined): Level | undefined {
  const raw = value?.trim().toLowerCase();
  if (!raw) return undefined;
  if (isLevel(raw)) return raw;
  const levels = engine.levelsNamed(raw);
  if (levels.length === 1) return levels[0];
  const misspelt = nearLevel(raw);
  if (misspelt) return misspelt;
  throw new UserInputError(
    `Unknown level “${raw.slice(0, 40)}”. Choose ${LEVEL_LIST} (or leave it out for all levels).`,
  );
}

/** A level name typed with a slip ("senoir", "juinor"): within two edits of one level and no other. */
export function nearLevel(typed: string): Level | undefined {
  if (typed.length < 5) return undefined;
  const near = LEVELS.filter((l) => editDistance(typed, l, 2) <= 2);
  return near.length === 1 ? near[0] : undefined;
}

/** The shared handler of the typed commands: passages on one topic, for one level or all. */
export function answerTopic(
  context: CommandContext,
  topic: string,
  command: string,
  options: CommandOptions,
): Answer {
  const level = readLevel(context.engine, options.level);
  const query: Query = { text: '', topic };
  if (level) query.levels = [level];
  return answerQuery(context.engine, query, {
    asked: level ? `/${command} level:${level}` : `/${command}`,
    offset: context.offset ?? 0,
    limit: context.limit ?? PAGE_SIZE,
  });
}

/**
 * A message a member posted, as a message command sees it: its text and what else it carries. The
 * front end fills it in (Discord from the interaction's resolved message, the console from pasted
 * text); the core never sees Discord's JSON.
 */
export interface TargetMessage {
  content: string;
  /** Posted by a bot or a webhook (another bot's answer, an announcement feed). */
  fromBot?: boolean;
  /** Posted by careerbot itself. */
  fromThisApp?: boolean;
  attachments?: number;
  embeds?: number;
  stickers?: number;
}

/** The slash command and options a message command answers a message with. */
export interface MessageRequest {
  command: string;
  options: Record<string, string>;
}

/**
 * A message command (Discord's message context menu: right-click a message → Apps → its name). It
 * answers the message as a slash command would: `read` turns the message into that command's
 * options, or throws a UserInputError saying why the message cannot be answered.
 */
export interface MessageCommand {
  type: 'message';
  /** Shown in Discord's menu: 1–32 characters, spaces and capitals allowed. */
  name: string;
  read(message: TargetMessage): MessageRequest;
}

/** Types a message command module. */
export function defineMessageCommand(command: MessageCommand): MessageCommand {
  return command;
}

/** Discord's limit on message commands per application. */
export const MAX_MESSAGE_COMMANDS = COMMAND_LIMITS.messageCommands;
