import type { Command, CommandOption, MessageCommand } from '../commands/command.js';

/** Discord's JSON for one command (the fields careerbot sets): a slash command (type 1) or a message command (3). */
export interface DiscordCommand {
  name: string;
  /** Slash commands only: message commands have none. */
  description?: string;
  type: 1 | 3;
  options?: DiscordOption[];
  /** 0 = in servers, 1 = in DMs with the bot. */
  contexts: number[];
  /** 0 = installed to a server. */
  integration_types: number[];
  /**
   * Who sees it by default: a permission bitfield (32: Manage Server), or null for everyone. Sent as
   * a number, as Discord's OpenAPI spec has it; Discord answers with the same bits as a string.
   */
  default_member_permissions?: number | string | null;
}

export interface DiscordOption {
  type: 3 | 6;
  name: string;
  description: string;
  required: boolean;
  choices?: Array<{ name: string; value: string }>;
  autocomplete?: boolean;
  max_length?: number;
}

function toOption(o: CommandOption): DiscordOption {
  const out: DiscordOption = {
    type: o.type === 'user' ? 6 : 3,
    name: o.name,
    description: o.description,
    required: Boolean(o.required),
  };
  if (o.choices?.length) out.choices = o.choices.map((c) => ({ name: c.name, value: c.value }));
  if (o.autocomplete) out.autocomplete = true;
  if (o.maxLength !== undefined) out.max_length = o.maxLength;
  return out;
}

/** The definitions deploy registers: the same command lists the bot routes with. */
export function toDiscordCommands(
  commands: readonly Command[],
  messageCommands: readonly MessageCommand[] = [],
): DiscordCommand[] {
  const slash = commands.map((c): DiscordCommand => ({
    name: c.name,
    description: c.description,
    type: 1,
    // Required options first, as Discord demands.
    options: [...c.options]
      .sort((a, b) => Number(Boolean(b.required)) - Number(Boolean(a.required)))
      .map(toOption),
    // An admin command: in servers only, shown to members with Manage Server unless a server changes it.
    contexts: c.adminOnly ? [0] : [0, 1],
    integration_types: [0],
    ...(c.adminOnly ? { default_member_permissions: 1 << 5 } : {}),
  }));
  // In servers and in DMs with the bot, where the bot is installed (never as a user app in others' DMs).
  const message = messageCommands.map((c): DiscordCommand => ({
    name: c.name,
    type: 3,
    contexts: [0, 1],
    integration_types: [0],
  }));
  return [...slash, ...message];
}

/**
 * The part of a registered command that deploy compares: what careerbot sets, with Discord's
 * defaults filled in, so a command Discord returns with extra fields (id, version…) still matches.
 */
export function comparable(command: unknown): string {
  const c = (command ?? {}) as Record<string, unknown>;
  const options = Array.isArray(c.options) ? (c.options as Array<Record<string, unknown>>) : [];
  return JSON.stringify({
    name: c.name,
    // Discord returns "" for a message command's missing description.
    description: c.description || '',
    type: c.type ?? 1,
    options: options.map((o) => ({
      type: o.type,
      name: o.name,
      description: o.description,
      required: Boolean(o.required),
      choices: Array.isArray(o.choices) && o.choices.length ? o.choices : undefined,
      autocomplete: Boolean(o.autocomplete),
      max_length: o.max_length,
    })),
    contexts: Array.isArray(c.contexts) ? [...(c.contexts as number[])].sort() : null,
    integration_types: Array.isArray(c.integration_types)
      ? [...(c.integration_types as number[])].sort()
      : [0],
    default_member_permissions:
      c.default_member_permissions === undefined || c.default_member_permissions === null
        ? null
        : String(c.default_member_permissions as string | number),
  });
}

export interface CommandChanges {
  added: string[];
  changed: string[];
  removed: string[];
}

/** How deploy names a command: "/ask", or a message command's menu name in quotes. */
export function commandLabel(command: { name?: unknown; type?: unknown }): string {
  const name = String(command.name);
  return (command.type ?? 1) === 1 ? `/${name}` : `“${name}” (message menu)`;
}

/** What a bulk overwrite with `wanted` would change in `registered` (labels as `commandLabel` gives them). */
export function diffCommands(registered: unknown[], wanted: DiscordCommand[]): CommandChanges {
  // A slash command and a message command may share a name: they are told apart by type.
  const key = (c: { name?: unknown; type?: unknown }) => `${Number(c.type ?? 1)}:${String(c.name)}`;
  const byKey = new Map(registered.map((c) => [key(c as DiscordCommand), c as DiscordCommand]));
  const changes: CommandChanges = { added: [], changed: [], removed: [] };
  for (const w of wanted) {
    const r = byKey.get(key(w));
    if (!r) changes.added.push(commandLabel(w));
    else if (comparable(r) !== comparable(w)) changes.changed.push(commandLabel(w));
    byKey.delete(key(w));
  }
  changes.removed.push(...[...byKey.values()].map(commandLabel));
  return changes;
}
