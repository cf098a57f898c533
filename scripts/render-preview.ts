/**
 * Draws what Discord shows for a reply, from the real engine and reply builder, as an SVG for the
 * README (docs/reply-preview.svg) and a PNG to look at (docs/reply-preview.png):
 *   node dist/scripts/render-preview.js "/salary level:senior"
 * or, for the reply "Answer with careerbot" posts under a member's message (docs/reply-to-message.*):
 *   node dist/scripts/render-preview.js --message "anyone know what junior MLEs make in Austin?"
 * Discord's dark theme, approximated: embeds with their colour bar, bold where the embed has
 * `**…**`, a quote bar beside every line of a block quote (wrapped ones too), titles blue only when
 * they link somewhere, buttons sized to their labels, "Only you can see this" under a private
 * reply. Text is measured with the font it is drawn in (DejaVu Sans, installed from npm), so
 * lines wrap where they would. Not used by the bot; no test runs it.
 */
import { createRequire } from 'node:module';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { loadEngine } from '../src/engineCache.js';
import { loadCommandSet } from '../src/commands/registry.js';
import { runCommand } from '../src/commands/run.js';
import { parseInput } from '../src/cli/parseInput.js';
import { buildReply, type Embed } from '../src/discord/reply.js';
import { packageRoot } from '../src/paths.js';
import { renderChart } from '../src/chart/renderChart.js';
import { describeChart } from '../src/chart/chartData.js';
import { CHART_FILE } from '../src/chart/chartCache.js';

const require = createRequire(import.meta.url);
const { Resvg } = require('@resvg/resvg-js') as typeof import('@resvg/resvg-js');
const FONT_DIR = join(require.resolve('dejavu-fonts-ttf/package.json'), '..', 'ttf');
const FONT_FILES = ['DejaVuSans.ttf', 'DejaVuSans-Bold.ttf', 'DejaVuSans-Oblique.ttf'].map((f) =>
  join(FONT_DIR, f),
);

const asMessage = process.argv[2] === '--message';
const line = (asMessage ? process.argv[3] : process.argv[2]) ?? '/salary level:senior';
const root = packageRoot();
const engine = await loadEngine(join(root, 'knowledge'));
const { slash: commands, message: messageCommands } = await loadCommandSet({ validate: false });
const parsed = asMessage
  ? { ...messageCommands[0]!.read({ content: line }), name: 'ask' }
  : parseInput(line, commands);
if (!parsed) throw new Error(`cannot read ${line}`);
const answer = runCommand({ engine, commands, offset: 0, limit: 3 }, parsed.name, parsed.options);
// The chart the bot attaches to a /salary reply, drawn the same way.
const chartData = answer.kind === 'passages' ? answer.chart : undefined;
const chart = chartData ? await renderChart(chartData) : undefined;
const body = buildReply(answer, {
  // The message command's reply in the channel: public, naming who posted it, More/Back only.
  ...(asMessage
    ? { visibility: 'public' as const, postedBy: 'Priya', buttons: { back: 'back', more: 'more' } }
    : { visibility: 'private' as const, buttons: { back: 'back', more: 'more', share: 'share' } }),
  ...(chart && chartData
    ? { chart: { name: CHART_FILE, description: describeChart(chartData), png: chart.png } }
    : {}),
});
const OUT = asMessage ? 'reply-to-message' : 'reply-preview';

const WIDTH = 760;
const LEFT = 72;
const EMBED_WIDTH = 620;
const TEXT_X = LEFT + 16;
const SIZE = 13;
const COLORS = {
  background: '#313338',
  embed: '#2b2d31',
  text: '#dbdee1',
  strong: '#f2f3f5',
  muted: '#b5bac1',
  faint: '#949ba4',
  link: '#00a8fc',
  quoteBar: '#4e5058',
  blurple: '#5865f2',
  grey: '#4e5058',
};

/** Advance widths of DejaVu Sans (regular and bold) at 1 em, for measuring lines as they will be drawn. */
const em = (() => {
  const inkWidth = (text: string, bold: boolean) => {
    const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="4000" height="200"><text x="10" y="150" font-family="DejaVu Sans" font-size="100"${bold ? ' font-weight="700"' : ''} xml:space="preserve">${escapeXml(text)}</text></svg>`;
    return new Resvg(svg, { font: { fontFiles: FONT_FILES, loadSystemFonts: false } }).getBBox()?.width ?? 0;
  };
  // An advance is what ten more of a character add between two fixed ones (ink boxes alone under-measure).
  const table = (bold: boolean) => {
    const widths = new Map<string, number>();
    const base = inkWidth('HH', bold);
    for (let c = 32; c < 127; c++) {
      const ch = String.fromCharCode(c);
      widths.set(ch, (inkWidth(`H${ch.repeat(10)}H`, bold) - base) / 1000);
    }
    return widths;
  };
  const regular = table(false);
  const heavy = table(true);
  return (text: string, bold = false) =>
    [...text].reduce((w, ch) => w + ((bold ? heavy : regular).get(ch) ?? 0.7), 0);
})();

function escapeXml(t: string): string {
  return t.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** Discord's Markdown as drawn: escapes removed, `**bold**` and `*italic*` kept as runs. */
type Run = { text: string; bold: boolean; italic?: boolean };
function runsOf(markdown: string): Run[] {
  const out: Run[] = [];
  const re =
    /\*\*((?:\\.|[^*])+)\*\*|(?<![\w\\])\*((?:\\.|[^*])+)\*(?!\w)|(?<![\w\\])_((?:\\.|[^_])+)_(?!\w)/g;
  let last = 0;
  for (const m of markdown.matchAll(re)) {
    if (m.index > last) out.push({ text: markdown.slice(last, m.index), bold: false });
    if (m[1] !== undefined) out.push({ text: m[1], bold: true });
    else out.push({ text: (m[2] ?? m[3])!, bold: false, italic: true });
    last = m.index + m[0].length;
  }
  if (last < markdown.length) out.push({ text: markdown.slice(last), bold: false });
  return out.map((r) => ({ ...r, text: r.text.replace(/\\(.)/g, '$1') }));
}

/** Wraps runs to a pixel width, word by word, keeping each word's weight. */
function wrapRuns(runs: Run[], width: number): Run[][] {
  const words: Run[] = [];
  for (const r of runs) for (const w of r.text.split(/(?<= )/)) if (w) words.push({ ...r, text: w });
  const lines: Run[][] = [];
  let current: Run[] = [];
  let used = 0;
  for (const w of words) {
    const wpx = em(w.text.trimEnd(), w.bold) * SIZE;
    if (current.length && used + wpx > width) {
      lines.push(current);
      current = [];
      used = 0;
    }
    current.push(w);
    used += em(w.text, w.bold) * SIZE;
  }
  if (current.length) lines.push(current);
  return lines;
}

function textRuns(x: number, y: number, runs: Run[], fill: string): string {
  const spans = runs
    .map(
      (r) =>
        `<tspan${r.bold ? ` font-weight="700" fill="${COLORS.strong}"` : ''}${r.italic ? ' font-style="italic"' : ''}>${escapeXml(r.text)}</tspan>`,
    )
    .join('');
  return `<text x="${x}" y="${y}" fill="${fill}" xml:space="preserve">${spans}</text>`;
}

const parts: string[] = [];
let y = 20;
if (asMessage) {
  // The member's message the answer replies to, as Discord shows it above a reply: a thin elbow,
  // a small avatar, the author's name and the start of their message.
  const quoted = line.length > 70 ? `${line.slice(0, 69)}…` : line;
  parts.push(
    `<path d="M 40 ${y + 16} v -6 q 0 -6 6 -6 h 18" fill="none" stroke="${COLORS.quoteBar}" stroke-width="2"/>` +
      `<circle cx="${LEFT + 6}" cy="${y + 4}" r="7" fill="#3ba55c"/>` +
      `<text x="${LEFT + 18}" y="${y + 8}" fill="${COLORS.muted}" font-size="12" font-weight="700">Sam</text>` +
      `<text x="${LEFT + 54}" y="${y + 8}" fill="${COLORS.faint}" font-size="12">${escapeXml(quoted)}</text>`,
  );
  y += 16;
}
parts.push(
  `<circle cx="40" cy="${y + 18}" r="18" fill="${COLORS.blurple}"/>` +
    `<text x="${LEFT}" y="${y + 14}" fill="${COLORS.strong}" font-weight="700">careerbot</text>` +
    `<rect x="${LEFT + em('careerbot', true) * SIZE + 6}" y="${y + 2}" width="${Math.ceil(em('APP', true) * 10) + 8}" height="15" rx="3" fill="${COLORS.blurple}"/>` +
    `<text x="${LEFT + em('careerbot', true) * SIZE + 10}" y="${y + 14}" fill="#fff" font-size="10" font-weight="700">APP</text>`,
);
y += 26;
if (body.content) {
  for (const l of wrapRuns(runsOf(body.content), EMBED_WIDTH)) {
    parts.push(textRuns(LEFT, y + 14, l, COLORS.text));
    y += 18;
  }
  y += 4;
}
for (const e of body.embeds as Embed[]) {
  const inner = EMBED_WIDTH - 32;
  const rows: string[] = [];
  let h = 12;
  if (e.author) {
    rows.push(
      `<text x="${TEXT_X}" y="${y + h + 12}" fill="${COLORS.strong}" font-size="12" font-weight="700">${escapeXml(e.author.name)}</text>`,
    );
    h += 20;
  }
  if (e.title) {
    // Discord draws a title blue only when it links somewhere.
    const fill = e.url ? COLORS.link : COLORS.strong;
    for (const l of wrapRuns([{ text: e.title, bold: true }], inner)) {
      rows.push(
        textRuns(TEXT_X, y + h + 13, l, fill).replace(`fill="${COLORS.strong}" xml`, `fill="${fill}" xml`),
      );
      h += 19;
    }
    h += 4;
  }
  // The quote bar runs beside every line of a block quote, wrapped ones included, without a break.
  let quoteTop: number | undefined;
  const endQuote = () => {
    if (quoteTop !== undefined)
      rows.push(
        `<rect x="${TEXT_X}" y="${quoteTop + 1}" width="4" height="${y + h - quoteTop - 2}" rx="2" fill="${COLORS.quoteBar}"/>`,
      );
    quoteTop = undefined;
  };
  for (const raw of (e.description ?? '').split('\n')) {
    const quoted = raw.startsWith('>');
    if (quoted && quoteTop === undefined) quoteTop = y + h;
    if (!quoted) endQuote();
    const text = quoted ? raw.replace(/^>\s?/, '') : raw;
    const lines = text ? wrapRuns(runsOf(text), inner - (quoted ? 14 : 0)) : [[]];
    for (const l of lines) {
      rows.push(textRuns(TEXT_X + (quoted ? 14 : 0), y + h + 13, l, COLORS.text));
      h += 18;
    }
  }
  endQuote();
  // An attached image shows under the description at the embed's width (Discord caps it near 400 px).
  if (e.image?.url === `attachment://${CHART_FILE}` && chart) {
    const w = Math.min(inner, 400);
    const ih = Math.round((chart.height / chart.width) * w);
    h += 8;
    rows.push(
      `<image x="${TEXT_X}" y="${y + h}" width="${w}" height="${ih}" href="data:image/png;base64,${chart.png.toString('base64')}"/>`,
    );
    h += ih + 4;
  }
  if (e.footer) {
    h += 6;
    rows.push(
      `<text x="${TEXT_X}" y="${y + h + 12}" fill="${COLORS.muted}" font-size="11">${escapeXml(e.footer.text)}</text>`,
    );
    h += 18;
  }
  h += 10;
  parts.push(
    `<rect x="${LEFT}" y="${y}" width="${EMBED_WIDTH}" height="${h}" rx="4" fill="${COLORS.embed}"/>` +
      `<rect x="${LEFT}" y="${y}" width="4" height="${h}" rx="2" fill="#${(e.color ?? 0x4f545c).toString(16).padStart(6, '0')}"/>`,
    ...rows,
  );
  y += h + 8;
}
let x = LEFT;
for (const b of body.components[0]?.components ?? []) {
  // A button is as wide as its label and its padding.
  const w = Math.ceil(em(b.label) * 14) + 32;
  parts.push(
    `<rect x="${x}" y="${y}" width="${w}" height="32" rx="4" fill="${b.style === 1 ? COLORS.blurple : COLORS.grey}" opacity="${b.disabled ? 0.5 : 1}"/>` +
      `<text x="${x + 16}" y="${y + 21}" fill="#fff" font-size="14">${escapeXml(b.label)}</text>`,
  );
  x += w + 8;
}
y += 40;
if (body.flags) {
  parts.push(
    // An eye, drawn (the font has no emoji), then Discord's words.
    `<ellipse cx="${LEFT + 7}" cy="${y + 8}" rx="7" ry="4.5" fill="none" stroke="${COLORS.faint}" stroke-width="1.5"/>` +
      `<circle cx="${LEFT + 7}" cy="${y + 8}" r="2" fill="${COLORS.faint}"/>` +
      `<text x="${LEFT + 20}" y="${y + 12}" fill="${COLORS.faint}" font-size="12">Only you can see this • <tspan fill="${COLORS.link}">Dismiss message</tspan></text>`,
  );
  y += 24;
}
y += 12;
const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${y}" font-family="DejaVu Sans, Verdana, sans-serif" font-size="${SIZE}">
<rect width="100%" height="100%" fill="${COLORS.background}"/>
${parts.join('\n')}
</svg>
`;
await mkdir(join(root, 'docs'), { recursive: true });
await writeFile(join(root, 'docs', `${OUT}.svg`), svg);
const png = new Resvg(svg, {
  font: { fontFiles: FONT_FILES, loadSystemFonts: false, defaultFontFamily: 'DejaVu Sans' },
})
  .render()
  .asPng();
await writeFile(join(root, 'docs', `${OUT}.png`), png);
console.log(`docs/${OUT}.svg and .png: ${line} → ${body.embeds.length} embeds, ${WIDTH}×${y}`);
