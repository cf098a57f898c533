/**
 * Discord's limits, in one place (https://discord.com/developers/docs/resources/message and
 * …/interactions/application-commands): every reply is built to fit them, every command definition
 * is checked against them, and the core's suggestion lists are cut to them. Plain numbers, so the
 * core can use them without knowing anything else of Discord.
 */
export const LIMITS = {
  content: 2000,
  embedsPerMessage: 10,
  embedTitle: 256,
  embedDescription: 4096,
  embedFields: 25,
  embedFieldName: 256,
  embedFieldValue: 1024,
  embedFooter: 2048,
  embedAuthor: 256,
  /** Title, description, field names and values, footer and author of all embeds of a message. */
  embedTotal: 6000,
  /** An attachment's description (its alt text). */
  attachmentDescription: 1024,
  buttonsPerRow: 5,
  actionRows: 5,
  buttonLabel: 80,
  customId: 100,
  autocompleteChoices: 25,
  choiceName: 100,
  choiceValue: 100,
  /** An interaction must get its first response within this many milliseconds. */
  firstResponseMs: 3000,
} as const;

/** Message flag: only the person who asked sees the reply. */
export const EPHEMERAL = 1 << 6;

/** Discord's limits on command definitions, so a definition that Discord would refuse fails here. */
export const COMMAND_LIMITS = {
  nameLength: 32,
  descriptionLength: 100,
  options: 25,
  choices: 25,
  maxStringLength: 6000,
  /** Message (context-menu) commands per application. */
  messageCommands: 5,
} as const;
