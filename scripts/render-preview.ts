/**
 * Renders what Discord shows for a reply as an SVG picture (docs/reply-preview.svg), from the real
 * reply builder and engine: `node dist/scripts/render-preview.js "/salary level:senior"`.
 * An approximation of Discord's dark theme, for the README; not used by the bot.
 */
import { writeFile, mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { loadEngine } from '../src/search/engineCache.js';
import { loadCommands } from '../src/commands/registry.js';
import { runCommand } from '../src/commands/run.js';
import { parseInput } from '../src/cli/parseInput.js';
import { buildReply, type Embed } from '../src/discord/reply.js';
import { packageRoot } from '../src/paths.js';

const line = process.argv[2] ?? '/salary level:senior';
const root = packageRoot();
const engine = await loadEngine(join(root, 'knowledge'));
const commands = await loadCommands({ validate: false });
const parsed = parseInput(line, commands);
if (!parsed) throw new Error(`cannot read ${line}`);
const answer = runCommand({ engine, commands, offset: 0, limit: 3 }, parsed.name, parsed.options);
const body = buildReply(answer, {
  visibility: 'private',
  buttons: { back: 'back', more: 'more', share: 'share' },
});

const WIDTH = 760;
const CHARS = 92;
const esc = (t: string) => t.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const plain = (t: string) => t.replace(/\*\*?([^*]+)\*\*?/g, '$1').replace(/\\(.)/g, '$1');
function wrap(text: string, width: number): string[] {
  const out: string[] = [];
  for (const raw of text.split('\n')) {
    let current = '';
    for (const word of raw.split(' ')) {
      if ((current + ' ' + word).trim().length > width) {
        out.push(current);
        current = word;
      } else current = current ? `${current} ${word}` : word;
    }
    out.push(current);
  }
  return out;
}

const parts: string[] = [];
let y = 20;
parts.push(
  `<text x="72" y="${y + 14}" fill="#f2f3f5" font-weight="600">careerbot</text>` +
    `<rect x="148" y="${y + 2}" width="30" height="15" rx="3" fill="#5865f2"/><text x="152" y="${y + 14}" fill="#fff" font-size="10">APP</text>` +
    `<text x="188" y="${y + 14}" fill="#949ba4" font-size="12">Only you can see this</text>` +
    `<circle cx="40" cy="${y + 20}" r="18" fill="#5865f2"/>`,
);
y += 30;
for (const e of body.embeds as Embed[]) {
  const lines: Array<{ text: string; style: string }> = [];
  if (e.author) lines.push({ text: e.author.name, style: 'fill="#f2f3f5" font-size="12" font-weight="600"' });
  if (e.title) lines.push({ text: e.title, style: 'fill="#00a8fc" font-weight="600"' });
  for (const l of wrap(plain(e.description ?? ''), CHARS)) {
    const quoted = l.startsWith('>');
    lines.push({
      text: quoted ? `│ ${l.replace(/^>\s?/, '')}` : l,
      style: quoted ? 'fill="#dbdee1"' : 'fill="#b5bac1" font-style="italic"',
    });
  }
  if (e.footer) lines.push({ text: e.footer.text, style: 'fill="#b5bac1" font-size="11"' });
  const h = lines.length * 18 + 20;
  parts.push(
    `<rect x="72" y="${y}" width="${WIDTH - 90}" height="${h}" rx="4" fill="#2b2d31"/>` +
      `<rect x="72" y="${y}" width="4" height="${h}" rx="2" fill="#${(e.color ?? 0).toString(16).padStart(6, '0')}"/>`,
  );
  lines.forEach((l, i) => parts.push(`<text x="88" y="${y + 24 + i * 18}" ${l.style}>${esc(l.text)}</text>`));
  y += h + 8;
}
let x = 72;
for (const b of body.components[0]?.components ?? []) {
  const w = b.label.length * 8 + 24;
  const fill = b.style === 1 ? '#5865f2' : '#4e5058';
  parts.push(
    `<rect x="${x}" y="${y}" width="${w}" height="32" rx="4" fill="${fill}" opacity="${b.disabled ? 0.5 : 1}"/>` +
      `<text x="${x + 12}" y="${y + 21}" fill="#fff" font-size="13">${esc(b.label)}</text>`,
  );
  x += w + 8;
}
y += 48;
const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${y}" font-family="Helvetica, Arial, sans-serif" font-size="13">
<rect width="100%" height="100%" fill="#313338"/>
${parts.join('\n')}
</svg>
`;
await mkdir(join(root, 'docs'), { recursive: true });
await writeFile(join(root, 'docs', 'reply-preview.svg'), svg);
console.log(`docs/reply-preview.svg: ${line} → ${body.embeds.length} embeds`);
