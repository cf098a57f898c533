import { currencyTag, perPeriod } from '../answers/figureText.js';
import { escapeMarkdown } from 'discord.js';
import type { Answer, FigureRow, MessageAnswer, PassagesAnswer, Result } from '../answers/types.js';
import { EPHEMERAL, LIMITS } from '../limits.js';
import { colorOf } from '../answers/sourceColors.js';

/** A button on a reply: its label and the custom_id that says what it does. */
export interface ReplyButtons {
  back?: string;
  more?: string;
  share?: string;
  /** Reply in channel: posts the answer as a reply to the message it answers. */
  reply?: string;
  /** The answer has been posted as a reply: the button stays, disabled, saying so. */
  replied?: boolean;
  /** 👍 / 👎 under the answer (custom_ids naming the answer and the vote); a no-match gets "👎 I needed this" only. */
  feedback?: { up: string; down: string };
}

export interface ReplyOptions {
  /** Private replies are ephemeral: only the person who asked sees them. */
  visibility: 'private' | 'public';
  /** The one user this reply pings (the `mention` option). Nobody else is ever pinged. */
  mention?: string;
  /** Who shared this answer in the channel (shown, never pinged). */
  sharedBy?: string;
  /** Who posted this answer as a reply to a member's message (shown, never pinged). */
  postedBy?: string;
  /** A line for the asker above the answer (why there is no Reply button…). */
  note?: string;
  buttons?: ReplyButtons;
  /** The salary chart the "Salary at a glance" embed shows, when the answer has one. */
  chart?: ReplyChart;
}

/**
 * A chart picture for the reply: sent as a file (`png`), or already on the message being edited
 * (`keep`: its attachment id), so paging back to it does not upload it again.
 */
export interface ReplyChart {
  name: string;
  /** Alt text: what the picture shows, in words (Discord's attachment description, ≤ 1024). */
  description: string;
  png?: Buffer;
  keep?: string;
}

/** A file sent with a reply (multipart), shown where an embed points at `attachment://name`. */
export interface ReplyFile {
  name: string;
  description: string;
  data: Buffer;
}

/** The parts of Discord's message JSON careerbot sends (the body of an interaction reply). */
export interface ReplyBody {
  content?: string;
  embeds: Embed[];
  components: ActionRow[];
  flags?: number;
  allowed_mentions: { parse: []; users?: string[] };
  /** Files uploaded with the reply (the chart). */
  files?: ReplyFile[];
  /** Attachments already on an edited message that stay on it. */
  attachments?: Array<{ id: string }>;
}

export interface Embed {
  title?: string;
  url?: string;
  description?: string;
  color?: number;
  author?: { name: string };
  footer?: { text: string };
  image?: { url: string };
}

export interface Button {
  type: 2;
  style: 1 | 2 | 3 | 4;
  label: string;
  custom_id: string;
  disabled?: boolean;
}

export interface ActionRow {
  type: 1;
  components: Button[];
}

const MESSAGE_COLOR = 0x4f545c;

/**
 * Cuts text to at most `max` characters at the last line break or sentence end that keeps most of
 * it, else at a space; never inside a word when a space exists; ends with an ellipsis.
 */
export function clip(text: string, max: number): string {
  if (text.length <= max) return text;
  if (max <= 1) return '…'.slice(0, max);
  const room = max - 1;
  const head = text.slice(0, room + 1);
  const line = head.lastIndexOf('\n');
  let sentence = -1;
  for (const m of head.matchAll(/[.!?…](?=\s)/g)) if (m.index < room) sentence = m.index + 1;
  const space = head.lastIndexOf(' ');
  let cut: number;
  if (Math.max(line, sentence) >= room * 0.6) cut = Math.max(line, sentence);
  else if (space > 0) cut = space;
  else cut = room;
  // Never split a surrogate pair.
  const code = text.charCodeAt(cut - 1);
  if (code >= 0xd800 && code <= 0xdbff) cut--;
  return text.slice(0, cut).trimEnd() + '…';
}

/** User text echoed back: Markdown shown as typed, and no mention can form. */
export function escapeUserText(text: string): string {
  return escapeMarkdown(text).replace(/@/g, '@\u200b');
}

/** Text from core messages: user words quoted in “…” are escaped, the message's own Markdown kept. */
function escapeQuoted(text: string): string {
  return text
    .replace(/“([^”]*)”/g, (_, inner: string) => `“${escapeMarkdown(inner)}”`)
    .replace(/@/g, '@\u200b');
}

/** Plain-text places (footers, author names) render no Markdown or mentions; only their length matters. */
function plainText(text: string, max: number): string {
  return clip(text.replace(/\s+/g, ' ').trim(), max);
}

function quote(text: string): string {
  return text
    .split('\n')
    .map((l) => (l.trim() ? `> ${l}` : '>'))
    .join('\n');
}

function embedLength(e: Embed): number {
  return (
    (e.title?.length ?? 0) +
    (e.description?.length ?? 0) +
    (e.footer?.text.length ?? 0) +
    (e.author?.name.length ?? 0)
  );
}

function isWebLink(url: string | undefined): url is string {
  return Boolean(url && /^https?:\/\/\S+$/i.test(url) && url.length <= 2000);
}

function passageEmbeds(answer: PassagesAnswer, reserved: number): Embed[] {
  const results = answer.results.slice(0, LIMITS.embedsPerMessage - 1);
  const shells = results.map((r: Result, i): { embed: Embed; suffix: string; text: string } => {
    const embed: Embed = {
      color: Number.parseInt(colorOf(r.sourceIndex).slice(1), 16),
      title: plainText(r.title, LIMITS.embedTitle),
      footer: {
        text: plainText(`${answer.asked} · ${answer.offset + i + 1} of ${answer.total}`, LIMITS.embedFooter),
      },
    };
    if (r.publisher) embed.author = { name: plainText(r.publisher, LIMITS.embedAuthor) };
    if (isWebLink(r.url)) embed.url = r.url;
    const suffix = r.heading ? `\n\n*${escapeMarkdown(clip(r.heading.replace(/\s+/g, ' '), 300))}*` : '';
    return { embed, suffix, text: r.text };
  });
  // Share what is left of the message's 6000 characters equally between the quoted passages.
  const fixed = shells.reduce((n, s) => n + embedLength(s.embed) + s.suffix.length, 0);
  const each = Math.floor((LIMITS.embedTotal - reserved - fixed) / Math.max(1, shells.length));
  return shells.map(({ embed, suffix, text }) => {
    const budget = Math.min(LIMITS.embedDescription - suffix.length, each);
    // Quoting adds two characters per line: leave room for them before cutting.
    let body = clip(text, Math.max(1, budget - 2 * text.split('\n').length));
    while (quote(body).length > budget && body.length > 1) body = clip(body, body.length - 20);
    return { ...embed, description: quote(body) + suffix };
  });
}

/** How many figures the comparison lists before saying how many more there are. */
const MAX_FIGURE_LINES = 14;

/** One comparison line: the figure as written, then what it measures, for whom, where, whose. */
function figureLine(f: FigureRow): string {
  const what = [
    [f.basis.join(' '), ...(f.alsoAs ?? []).map((b) => `also ${b || 'without a basis'}`)]
      .filter(Boolean)
      .join(', ') || null,
    perPeriod(f.unit).trim() || null,
    currencyTag(f),
    f.levels.length ? f.levels.join('/') : 'all levels',
    f.place ?? null,
    f.industry ?? null,
  ].filter(Boolean);
  const where = `${f.publisher || f.source}${f.dataSource ? ` (${f.dataSource})` : ''}`;
  return `**${escapeMarkdown(f.text)}** · ${escapeMarkdown(what.join(' · '))} — ${escapeMarkdown(where)}${
    f.rank ? ` → #${f.rank}` : ''
  }`;
}

function comparisonEmbed(answer: PassagesAnswer, chart: ReplyChart | undefined): Embed | undefined {
  const figures = answer.figures ?? [];
  if (!figures.length || answer.offset > 0) return undefined;
  const lines = figures.slice(0, MAX_FIGURE_LINES).map(figureLine);
  if (figures.length > MAX_FIGURE_LINES)
    lines.push(`…and ${figures.length - MAX_FIGURE_LINES} more: narrow with level, location or industry.`);
  if (answer.chartNote) lines.push('', `*${escapeQuoted(answer.chartNote)}*`);
  return {
    ...(chart ? { image: { url: `attachment://${chart.name}` } } : {}),
    color: MESSAGE_COLOR,
    title: 'Salary at a glance',
    description: clip(lines.join('\n'), 1800),
    footer: {
      text: 'Figures exactly as each source writes them; #n is the passage (n of m) that quotes it.',
    },
  };
}

function messageEmbed(answer: MessageAnswer, contentLength: number): Embed {
  const footer = plainText(answer.asked, LIMITS.embedFooter);
  const title = plainText(answer.title, LIMITS.embedTitle);
  const lines = answer.lines.map(escapeQuoted);
  if (answer.suggestions?.length)
    lines.push('', `Try: ${answer.suggestions.map((s) => `\`${s}\``).join(' · ')}`);
  const room = Math.min(
    LIMITS.embedDescription,
    LIMITS.embedTotal - contentLength - footer.length - title.length,
  );
  return { color: MESSAGE_COLOR, title, description: clip(lines.join('\n'), room), footer: { text: footer } };
}

function buttonRow(buttons: ReplyButtons | undefined, answer: Answer): ActionRow[] {
  if (!buttons) return [];
  const row: Button[] = [];
  const hasMore = answer.kind === 'passages' && answer.offset + answer.results.length < answer.total;
  if (answer.kind === 'passages' && (answer.offset > 0 || hasMore)) {
    if (buttons.back)
      row.push({
        type: 2,
        style: 2,
        label: '◀ Back',
        custom_id: buttons.back,
        disabled: answer.offset === 0,
      });
    if (buttons.more)
      row.push({ type: 2, style: 2, label: 'More ▶', custom_id: buttons.more, disabled: !hasMore });
  }
  if (buttons.share) row.push({ type: 2, style: 1, label: 'Share in channel', custom_id: buttons.share });
  if (buttons.reply)
    row.push(
      buttons.replied
        ? { type: 2, style: 3, label: 'Replied in channel ✓', custom_id: buttons.reply, disabled: true }
        : { type: 2, style: 1, label: 'Reply in channel', custom_id: buttons.reply },
    );
  const rows: ActionRow[] = row.length ? [{ type: 1, components: row.slice(0, LIMITS.buttonsPerRow) }] : [];
  if (buttons.feedback) {
    const noMatch = answer.kind === 'message' && answer.noMatch;
    rows.push({
      type: 1,
      components: noMatch
        ? [{ type: 2, style: 2, label: '👎 I needed this', custom_id: buttons.feedback.down }]
        : [
            { type: 2, style: 2, label: '👍', custom_id: buttons.feedback.up },
            { type: 2, style: 2, label: '👎', custom_id: buttons.feedback.down },
          ],
    });
  }
  return rows;
}

/**
 * The one reply builder: an answer becomes a message that fits every Discord limit, quotes each
 * passage with its source, pings nobody unless asked to, and escapes user text it echoes.
 */
export function buildReply(answer: Answer, options: ReplyOptions): ReplyBody {
  if (answer.kind === 'error') {
    return {
      content: clip(`⚠️ ${escapeQuoted(answer.message)}`, LIMITS.content),
      embeds: [],
      components: [],
      flags: EPHEMERAL,
      allowed_mentions: { parse: [] },
    };
  }
  const head: string[] = [];
  if (options.mention && /^\d{1,20}$/.test(options.mention)) head.push(`<@${options.mention}>`);
  if (options.sharedBy) head.push(`Shared by ${escapeUserText(plainText(options.sharedBy, 80))}`);
  if (options.postedBy) head.push(`Answer posted by ${escapeUserText(plainText(options.postedBy, 80))}`);
  if (options.note) head.push(escapeQuoted(options.note));
  if (answer.kind === 'passages' && answer.notice) head.push(escapeQuoted(answer.notice));
  const content = clip(head.join(' · '), LIMITS.content);
  const chart =
    answer.kind === 'passages' && answer.chart && (options.chart?.png || options.chart?.keep)
      ? options.chart
      : undefined;
  const comparison = answer.kind === 'passages' ? comparisonEmbed(answer, chart) : undefined;
  const reserved = content.length + (comparison ? embedLength(comparison) : 0);
  const body: ReplyBody = {
    embeds:
      answer.kind === 'passages'
        ? [...(comparison ? [comparison] : []), ...passageEmbeds(answer, reserved)]
        : [messageEmbed(answer, content.length)],
    components: buttonRow(options.buttons, answer),
    allowed_mentions: { parse: [] },
  };
  if (content) body.content = content;
  if (comparison?.image && chart) {
    const description = clip(chart.description, LIMITS.attachmentDescription);
    if (chart.png) body.files = [{ name: chart.name, description, data: chart.png }];
    else if (chart.keep) body.attachments = [{ id: chart.keep }];
  }
  if (options.visibility === 'private') body.flags = EPHEMERAL;
  if (options.mention && head[0]?.startsWith('<@')) body.allowed_mentions.users = [options.mention];
  return body;
}
