import { z } from 'zod/mini';
import { COMMAND_LIMITS, type Command, type MessageCommand } from './command.js';

const OptionSchema = z.object({
  type: z.enum(['string', 'user']),
  name: z.string().check(z.regex(/^[a-z0-9_-]{1,32}$/)),
  description: z.string().check(z.minLength(1), z.maxLength(COMMAND_LIMITS.descriptionLength)),
  required: z.optional(z.boolean()),
  choices: z.optional(
    z
      .array(
        z.object({ name: z.string().check(z.maxLength(100)), value: z.string().check(z.maxLength(100)) }),
      )
      .check(z.maxLength(COMMAND_LIMITS.choices)),
  ),
  autocomplete: z.optional(z.boolean()),
  maxLength: z.optional(z.number().check(z.int(), z.minimum(1), z.maximum(COMMAND_LIMITS.maxStringLength))),
});

/** Checks a command module's default export: a broken command fails loudly, naming its file. */
export const CommandSchema = z.object({
  name: z.string().check(z.regex(/^[a-z0-9_-]{1,32}$/)),
  description: z.string().check(z.minLength(1), z.maxLength(COMMAND_LIMITS.descriptionLength)),
  options: z.array(OptionSchema).check(z.maxLength(COMMAND_LIMITS.options)),
  execute: z.custom<Command['execute']>((v) => typeof v === 'function', 'execute must be a function'),
  executeAsync: z.optional(
    z.custom<NonNullable<Command['executeAsync']>>(
      (v) => typeof v === 'function',
      'executeAsync must be a function',
    ),
  ),
  adminOnly: z.optional(z.boolean()),
  resolve: z.optional(
    z.custom<NonNullable<Command['resolve']>>((v) => typeof v === 'function', 'resolve must be a function'),
  ),
  suggest: z.optional(
    z.custom<NonNullable<Command['suggest']>>((v) => typeof v === 'function', 'suggest must be a function'),
  ),
});

/** A message command: a menu name of 1–32 characters (Discord allows spaces and capitals there) and `read`. */
export const MessageCommandSchema = z.object({
  type: z.literal('message'),
  name: z.string().check(z.minLength(1), z.maxLength(COMMAND_LIMITS.nameLength), z.regex(/^\S(.*\S)?$/)),
  read: z.custom<MessageCommand['read']>((v) => typeof v === 'function', 'read must be a function'),
});
