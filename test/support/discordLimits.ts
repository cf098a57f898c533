/** A file uploaded with a reply (multipart `files[n]`). */
interface SentFile {
  name: string;
  data: Buffer;
}

/**
 * Independent checks of a callback body against Discord's documented limits and mention rules;
 * with the files the request carried, also that every `attachment://` an embed points at was
 * sent (or kept), each attachment has its part, alt text fits 1024, and uploads fit 10 MiB.
 */
export function replyProblems(body: unknown, allowedUsers: string[] = [], files: SentFile[] = []): string[] {
  const problems: string[] = [];
  const b = body as { type: number; data?: Record<string, unknown> };
  const data = (b.data ?? {}) as {
    content?: string;
    embeds?: Array<Record<string, unknown>>;
    components?: Array<{ components?: Array<Record<string, unknown>> }>;
    allowed_mentions?: { parse?: unknown[]; users?: string[]; roles?: string[] };
    choices?: Array<{ name: string; value: string }>;
    attachments?: Array<{ id: string; description?: string; filename?: string }>;
  };
  if (b.type === 8) {
    const choices = data.choices ?? [];
    if (choices.length > 25) problems.push(`${choices.length} autocomplete choices`);
    for (const c of choices) {
      if (c.name.length < 1 || c.name.length > 100) problems.push(`choice name of ${c.name.length}`);
      if (String(c.value).length > 100) problems.push(`choice value of ${String(c.value).length}`);
    }
    return problems;
  }
  if (b.type !== 4 && b.type !== 7) return [`unexpected callback type ${b.type}`];
  if ((data.content ?? '').length > 2000) problems.push(`content of ${data.content!.length}`);
  const embeds = data.embeds ?? [];
  if (embeds.length > 10) problems.push(`${embeds.length} embeds`);
  let total = 0;
  for (const e of embeds) {
    const title = String(e.title ?? '');
    const description = String(e.description ?? '');
    const footer = String((e.footer as { text?: string } | undefined)?.text ?? '');
    const author = String((e.author as { name?: string } | undefined)?.name ?? '');
    const fields = (e.fields as Array<{ name: string; value: string }> | undefined) ?? [];
    if (title.length > 256) problems.push(`title of ${title.length}`);
    if (description.length > 4096) problems.push(`description of ${description.length}`);
    if (footer.length > 2048) problems.push(`footer of ${footer.length}`);
    if (author.length > 256) problems.push(`author of ${author.length}`);
    if (fields.length > 25) problems.push(`${fields.length} fields`);
    for (const f of fields) if (f.name.length > 256 || f.value.length > 1024) problems.push('field too long');
    total += title.length + description.length + footer.length + author.length;
    total += fields.reduce((n, f) => n + f.name.length + f.value.length, 0);
  }
  if (total > 6000) problems.push(`embeds total ${total}`);
  const attachments = data.attachments ?? [];
  if (files.length > 10) problems.push(`${files.length} files`);
  const bytes = files.reduce((n, f) => n + f.data.length, 0);
  if (bytes > 10 * 1024 * 1024) problems.push(`${bytes} bytes of files`);
  for (const a of attachments) {
    if ((a.description ?? '').length > 1024)
      problems.push(`attachment description of ${a.description!.length}`);
    if (/^\d{1,2}$/.test(a.id) && !files[Number(a.id)]) problems.push(`attachment ${a.id} without its file`);
  }
  for (const e of embeds) {
    const url = (e.image as { url?: string } | undefined)?.url ?? '';
    const name = /^attachment:\/\/(.+)$/.exec(url)?.[1];
    if (url && !name && !/^https:\/\//.test(url)) problems.push(`embed image ${url}`);
    // A sent file, or an attachment of the message that the edit keeps.
    if (name && !files.some((f) => f.name === name) && !attachments.some((a) => !/^\d{1,2}$/.test(a.id)))
      problems.push(`embed shows ${name}, which is neither sent nor kept`);
  }
  const rows = data.components ?? [];
  if (rows.length > 5) problems.push(`${rows.length} rows`);
  for (const row of rows) {
    const buttons = row.components ?? [];
    if (buttons.length > 5) problems.push(`${buttons.length} buttons in a row`);
    for (const button of buttons) {
      if (String(button.custom_id ?? '').length > 100)
        problems.push(`custom_id of ${String(button.custom_id).length}`);
      if (String(button.label ?? '').length > 80) problems.push('label too long');
    }
    const ids = buttons.map((x) => x.custom_id);
    if (new Set(ids).size !== ids.length) problems.push('duplicate custom_id');
  }
  const mentions = data.allowed_mentions;
  if (b.type === 4 || mentions) {
    if (!mentions || !Array.isArray(mentions.parse) || mentions.parse.length)
      problems.push('mentions may be parsed');
    for (const u of mentions?.users ?? []) if (!allowedUsers.includes(u)) problems.push(`pings user ${u}`);
    if (mentions?.roles?.length) problems.push('pings roles');
  }
  return problems;
}
