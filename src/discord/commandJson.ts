import type { Command, CommandOption } from '../commands/command.js';

/** Discord's JSON for one slash command (the fields careerbot sets). */
export interface DiscordCommand {
  name: string;
  description: string;
  type: 1;
  options: DiscordOption[];
  /** 0 = in servers, 1 = in DMs with the bot. */
  contexts: number[];
  /** 0 = installed to a server. */
  integration_types: number[];
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

/** The definitions deploy registers: the same command list the bot routes with. */
export function toDiscordCommands(commands: readonly Command[]): DiscordCommand[] {
  return commands.map((c) => ({
    name: c.name,
    description: c.description,
    type: 1,
    // Required options first, as Discord demands.
    options: [...c.options]
      .sort((a, b) => Number(Boolean(b.required)) - Number(Boolean(a.required)))
      .map(toOption),
    contexts: [0, 1],
    integration_types: [0],
  }));
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
    description: c.description,
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
  });
}

export interface CommandChanges {
  added: string[];
  changed: string[];
  removed: string[];
}

/** What a bulk overwrite with `wanted` would change in `registered`. */
export function diffCommands(registered: unknown[], wanted: DiscordCommand[]): CommandChanges {
  const byName = new Map(registered.map((c) => [String((c as { name?: unknown }).name), c]));
  const changes: CommandChanges = { added: [], changed: [], removed: [] };
  for (const w of wanted) {
    const r = byName.get(w.name);
    if (!r) changes.added.push(w.name);
    else if (comparable(r) !== comparable(w)) changes.changed.push(w.name);
    byName.delete(w.name);
  }
  changes.removed.push(...byName.keys());
  return changes;
}
