/** Reading Discord's raw interaction JSON: who asked, the options as the commands take them. */
import type {
  APIApplicationCommandInteractionDataOption,
  APIInteraction,
  APIUser,
} from 'discord-api-types/v10';
import type { Answer } from '../answers/types.js';
import type { CommandOptions } from '../commands/command.js';

/** The member or user who sent an interaction. */
export function userOf(raw: APIInteraction): APIUser | undefined {
  return raw.member?.user ?? raw.user;
}

/** Option values as text, the way the commands take them (user options as ids). */
export function readOptions(
  options: readonly APIApplicationCommandInteractionDataOption[] | undefined,
): CommandOptions {
  const out: CommandOptions = {};
  for (const o of options ?? []) {
    if ('value' in o && o.value !== undefined && o.value !== null) out[o.name] = String(o.value);
  }
  return out;
}

/** The options a command runs with: `mention` is Discord's, not the command's. */
export function withoutMention(options: CommandOptions): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(options)) if (k !== 'mention' && v !== undefined) out[k] = v;
  return out;
}

/** How many passages an answer shows (for the log). */
export function resultCount(answer: Answer): number {
  return answer.kind === 'passages' ? answer.results.length : 0;
}
