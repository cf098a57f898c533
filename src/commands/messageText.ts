/**
 * The question in a chat message: what a member wrote, without the chat markup around it. Mentions,
 * channel links, custom emoji, timestamps and links carry no subject the sources could cover, so they
 * go; Markdown marks go but their words stay ("**junior** pay" → "junior pay"); quoted lines and
 * code blocks stay as words.
 */

/** `<@123>`, `<@!123>`, `<@&123>` (role), `<#123>` (channel), `</cmd:123>`, `<:name:123>`, `<a:name:123>`, `<t:123:R>`. */
const CHAT_TOKENS = /<(?:@[!&]?\d+|#\d+|\/[\w -]+:\d+|a?:\w+:\d+|t:-?\d+(?::[tTdDfFR])?)>/g;
const LINKS = /<?\bhttps?:\/\/[^\s>]+>?/gi;
/** `@everyone` and `@here` are words to Discord, not to a question. */
const BROADCASTS = /@(?:everyone|here)\b/gi;
/** Markdown marks: bold, italics, strikethrough, spoilers, code ticks, heading and quote marks at a line start. */
const MARKS = /(\*{1,3}|_{2}|~~|\|\||`{1,3})/g;
const LINE_MARKS = /^\s*(?:>{1,3}|#{1,3}|-#|[-*]|\d+\.)\s+/gm;

export function questionOfMessage(content: string): string {
  return content
    .replace(CHAT_TOKENS, ' ')
    .replace(LINKS, ' ')
    .replace(BROADCASTS, ' ')
    .replace(LINE_MARKS, '')
    .replace(MARKS, '')
    .replace(/\s+/g, ' ')
    .trim();
}
