/**
 * A local fake Discord for tests and benchmarks: the REST routes and the WebSocket gateway that the
 * real discord.js client uses, on 127.0.0.1. It records every REST request, plays the gateway
 * (HELLO, READY, heartbeats, RESUME), and delivers INTERACTION_CREATE events, resolving when the
 * bot's callback for that interaction arrives. See shared notes in README ("Tests").
 */
import { randomBytes } from 'node:crypto';
import type { AppKeys } from './signing.js';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';

/** A file sent with a multipart request (`files[n]`), as Discord receives it. */
export interface UploadedFile {
  field: string;
  name: string;
  type: string;
  data: Buffer;
}

export interface RecordedRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  /** The JSON body, or for multipart/form-data the parsed `payload_json` part. */
  body: unknown;
  /** Files of a multipart request. */
  files: UploadedFile[];
  /** The request's content-type header. */
  contentType: string | undefined;
  authorization: string | undefined;
  at: number;
}

export interface Callback {
  interactionId: string;
  token: string;
  body: { type: number; data?: Record<string, unknown> };
  /** Files uploaded with the callback (multipart), e.g. the salary chart. */
  files: UploadedFile[];
  at: number;
}

/** Reads a multipart/form-data body as Discord does: `payload_json` is the JSON body, the rest are files. */
async function readMultipart(
  raw: Buffer,
  contentType: string,
): Promise<{ body: unknown; files: UploadedFile[] }> {
  const form = await new Response(raw, { headers: { 'content-type': contentType } }).formData();
  let body: unknown = undefined;
  const files: UploadedFile[] = [];
  for (const [field, value] of form.entries()) {
    if (typeof value === 'string') {
      if (field === 'payload_json') body = JSON.parse(value);
    } else {
      files.push({ field, name: value.name, type: value.type, data: Buffer.from(await value.arrayBuffer()) });
    }
  }
  return { body, files };
}

interface Connection {
  socket: WebSocket;
  token: string | undefined;
  shard: [number, number];
  seq: number;
  sessionId: string;
}

/** A REST fault to inject: the next matching request(s) get this status instead. */
export interface Fault {
  method?: string;
  path: RegExp;
  status: number;
  body?: unknown;
  retryAfter?: number;
  /** How many requests it applies to (default 1). */
  times?: number;
  /** Never answer (a hanging request) instead of sending `status`. */
  hang?: boolean;
}

let counter = 0n;
/** A fresh 18-digit snowflake. */
export function snowflake(): string {
  counter += 1n;
  return (BigInt(Date.now() - 1420070400000) * 4194304n + (counter % 4194304n)).toString();
}

export interface UserData {
  id: string;
  username: string;
  global_name?: string | null;
  discriminator?: string;
  avatar?: string | null;
}

export interface InteractionOptions {
  user?: UserData;
  /** Omit for a DM. */
  guildId?: string | null;
  channelId?: string;
  /** Which bot (by token) gets it; the first identified one when omitted. */
  token?: string;
  /** The bot's permissions in the channel (`app_permissions`); a bot with the usual text permissions when omitted. */
  appPermissions?: string;
  /** The member's permissions in the server (`member.permissions`; "0" when omitted). */
  memberPermissions?: string;
}

/** View Channel, Send Messages, Embed Links, Attach Files, Read Message History, Use Application Commands, Send Messages in Threads. */
export const TEXT_PERMISSIONS = String(
  (1n << 10n) | (1n << 11n) | (1n << 14n) | (1n << 15n) | (1n << 16n) | (1n << 31n) | (1n << 38n),
);

/** A member's message as Discord resolves it for a message command (`data.resolved.messages`). */
export interface MemberMessage {
  id?: string;
  content: string;
  author?: UserData & { bot?: boolean };
  attachments?: Array<Record<string, unknown>>;
  embeds?: Array<Record<string, unknown>>;
  sticker_items?: Array<Record<string, unknown>>;
}

export class FakeDiscord {
  readonly requests: RecordedRequest[] = [];
  /** Messages the bot posted in channels (POST /channels/:id/messages), as stored. */
  readonly channelMessages: Array<Record<string, unknown>> = [];
  readonly callbacks: Callback[] = [];
  /** Registered commands, per route ("global" or a guild id), per application. */
  readonly commands = new Map<string, unknown[]>();
  readonly connections: Connection[] = [];
  readonly identifies: Array<{ token: string; shard: [number, number]; intents: number }> = [];
  readonly applicationId: string;
  readonly botUserId = snowflake();
  private faults: Fault[] = [];
  private waiters = new Map<string, (c: Callback) => void>();
  private identifyWaiters: Array<() => void> = [];
  private readonly wss: WebSocketServer;
  private hanging: ServerResponse[] = [];
  /** Set by useEndpoint: interactions are POSTed, signed, to this URL instead of the gateway. */
  private endpoint: { url: () => string; keys: AppKeys } | undefined;

  private constructor(
    private readonly server: Server,
    applicationId: string,
  ) {
    this.applicationId = applicationId;
    this.wss = new WebSocketServer({ noServer: true });
    server.on('request', (req, res) => void this.onRequest(req, res));
    server.on('upgrade', (req, socket, head) => {
      this.wss.handleUpgrade(req, socket, head, (ws) => this.onSocket(ws));
    });
  }

  static async start(options: { applicationId?: string } = {}): Promise<FakeDiscord> {
    const server = createServer();
    server.keepAliveTimeout = 1000;
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return new FakeDiscord(server, options.applicationId ?? snowflake());
  }

  get port(): number {
    return (this.server.address() as AddressInfo).port;
  }

  /** What DISCORD_API_URL should be: the REST base without the version. */
  get apiUrl(): string {
    return `http://127.0.0.1:${this.port}/api`;
  }

  get gatewayUrl(): string {
    return `ws://127.0.0.1:${this.port}/gateway`;
  }

  /** Injects a REST fault for the next matching request(s). */
  fail(fault: Fault): void {
    this.faults.push({ times: 1, ...fault });
  }

  clearFaults(): void {
    this.faults = [];
  }

  /** Resolves once `count` IDENTIFYs have been received in all. */
  async identified(count = 1, timeoutMs = 10_000): Promise<void> {
    if (this.identifies.length >= count) return;
    await withTimeout(
      new Promise<void>((resolve) => {
        const check = () => {
          if (this.identifies.length >= count) resolve();
          else this.identifyWaiters.push(check);
        };
        check();
      }),
      timeoutMs,
      `waiting for ${count} IDENTIFY`,
    );
  }

  // ---- interactions -------------------------------------------------------------------------

  /**
   * From now on interactions are delivered as Discord delivers them to an interactions endpoint:
   * POSTed to `url` (a function: picked anew for each, e.g. by a proxy test), signed with `keys`;
   * the HTTP response is the callback. Edits and follow-ups still come to this fake's REST routes.
   */
  useEndpoint(url: string | (() => string), keys: AppKeys): void {
    this.endpoint = { url: typeof url === 'string' ? () => url : url, keys };
  }

  /** POSTs a signed interaction to the endpoint; resolves with its HTTP response as a callback. */
  private async post(interaction: Record<string, unknown>, timeoutMs: number): Promise<Callback> {
    const { url, keys } = this.endpoint!;
    const body = JSON.stringify(interaction);
    const res = await fetch(url(), {
      method: 'POST',
      headers: keys.headers(body),
      body,
      signal: AbortSignal.timeout(timeoutMs),
    });
    const text = await res.text();
    if (res.status !== 200) throw new Error(`endpoint answered ${res.status}: ${text.slice(0, 200)}`);
    const callback: Callback = {
      interactionId: String(interaction.id),
      token: String(interaction.token),
      body: JSON.parse(text) as Callback['body'],
      files: [],
      at: performance.now(),
    };
    this.callbacks.push(callback);
    return callback;
  }

  /** Sends an INTERACTION_CREATE and resolves with the bot's callback for it. */
  async interact(
    payload: Record<string, unknown>,
    options: InteractionOptions = {},
    timeoutMs = 5000,
  ): Promise<Callback> {
    const id = snowflake();
    const token = `itoken-${randomBytes(12).toString('hex')}`;
    const user = options.user ?? { id: '200000000000000001', username: 'learner', global_name: 'Learner' };
    const guildId = options.guildId === undefined ? '300000000000000001' : options.guildId;
    const channelId = options.channelId ?? '400000000000000001';
    const fullUser = { discriminator: '0', avatar: null, global_name: null, ...user };
    const interaction: Record<string, unknown> = {
      id,
      token,
      application_id: this.applicationId,
      version: 1,
      channel_id: channelId,
      channel: { id: channelId, type: guildId ? 0 : 1 },
      locale: 'en-US',
      app_permissions: options.appPermissions ?? TEXT_PERMISSIONS,
      entitlements: [],
      authorizing_integration_owners: {},
      context: guildId ? 0 : 1,
      ...payload,
    };
    if (guildId) {
      interaction.guild_id = guildId;
      interaction.guild_locale = 'en-US';
      interaction.member = {
        user: fullUser,
        roles: [],
        permissions: options.memberPermissions ?? '0',
        joined_at: new Date(0).toISOString(),
        deaf: false,
        mute: false,
        flags: 0,
      };
    } else {
      interaction.user = fullUser;
    }
    if (this.endpoint) return this.post(interaction, timeoutMs);
    const result = new Promise<Callback>((resolve) => this.waiters.set(id, resolve));
    this.dispatch('INTERACTION_CREATE', interaction, options.token, guildId);
    return withTimeout(result, timeoutMs, `no callback for interaction ${String(payload.type)}`).finally(() =>
      this.waiters.delete(id),
    );
  }

  /** A slash command; `options` are string options unless given as objects. */
  command(
    name: string,
    options: Record<string, string | { type: number; value: string }> = {},
    extra: InteractionOptions & { resolvedUsers?: UserData[]; timeoutMs?: number } = {},
  ): Promise<Callback> {
    const data: Record<string, unknown> = {
      id: snowflake(),
      name,
      type: 1,
      options: Object.entries(options).map(([n, v]) =>
        typeof v === 'string' ? { name: n, type: 3, value: v } : { name: n, ...v },
      ),
    };
    if (extra.resolvedUsers?.length) {
      data.resolved = {
        users: Object.fromEntries(
          extra.resolvedUsers.map((u) => [
            u.id,
            { discriminator: '0', avatar: null, global_name: null, ...u },
          ]),
        ),
      };
    }
    return this.interact({ type: 2, data }, extra, extra.timeoutMs);
  }

  /**
   * A message command ("Answer with careerbot") on a member's message: Discord sends the message in
   * `data.resolved.messages`, keyed by `target_id`. Resolves with the callback and the message sent.
   */
  async messageCommand(
    name: string,
    message: MemberMessage,
    extra: InteractionOptions & { timeoutMs?: number } = {},
  ): Promise<{ callback: Callback; message: Record<string, unknown> }> {
    const channelId = extra.channelId ?? '400000000000000001';
    const author = message.author ?? { id: '200000000000000002', username: 'asker', global_name: 'Asker' };
    const id = message.id ?? snowflake();
    const full = {
      ...messageShape({
        id,
        channelId,
        author: { discriminator: '0', avatar: null, global_name: null, ...author },
        content: message.content,
        attachments: message.attachments ?? [],
        embeds: message.embeds ?? [],
        components: [],
        flags: 0,
      }),
      ...(message.sticker_items ? { sticker_items: message.sticker_items } : {}),
    };
    const data = {
      id: snowflake(),
      name,
      type: 3,
      target_id: id,
      resolved: { messages: { [id]: full } },
    };
    const callback = await this.interact({ type: 2, data }, extra, extra.timeoutMs);
    return { callback, message: full };
  }

  autocomplete(
    name: string,
    option: string,
    value: string,
    extra: InteractionOptions = {},
  ): Promise<Callback> {
    return this.interact(
      {
        type: 4,
        data: { id: snowflake(), name, type: 1, options: [{ name: option, type: 3, value, focused: true }] },
      },
      extra,
    );
  }

  /**
   * A click on a button of a message the bot sent (flags 64 when that message was private).
   * `on`: the callback that message came from, so the click carries its attachments (the chart).
   */
  click(
    customId: string,
    messageFlags = 64,
    extra: InteractionOptions & { on?: Callback } = {},
  ): Promise<Callback> {
    const channelId = extra.channelId ?? '400000000000000001';
    // The message the button is on, as Discord sends it with the click.
    const message = {
      ...this.message({ ...extra.on?.body.data, flags: messageFlags }, extra.on?.files ?? []),
      channel_id: channelId,
      type: 20,
    };
    return this.interact({ type: 3, data: { component_type: 2, custom_id: customId }, message }, extra);
  }

  // ---- gateway ----------------------------------------------------------------------------------

  private dispatch(t: string, d: unknown, token?: string, guildId?: string | null): void {
    const candidates = this.connections.filter(
      (c) => c.token !== undefined && (token === undefined || c.token === token) && c.socket.readyState === 1,
    );
    if (!candidates.length) throw new Error(`fake Discord: no bot connected to send ${t} to`);
    const count = candidates[0]!.shard[1];
    const shardId = guildId ? Number((BigInt(guildId) >> 22n) % BigInt(count)) : 0;
    const conn = candidates.find((c) => c.shard[0] === shardId) ?? candidates[0]!;
    this.send(conn, { op: 0, t, d, s: ++conn.seq });
  }

  private send(conn: Connection, payload: unknown): void {
    conn.socket.send(JSON.stringify(payload));
  }

  private onSocket(socket: WebSocket): void {
    const conn: Connection = {
      socket,
      token: undefined,
      shard: [0, 1],
      seq: 0,
      sessionId: randomBytes(16).toString('hex'),
    };
    this.connections.push(conn);
    socket.on('close', () => {
      const i = this.connections.indexOf(conn);
      if (i >= 0) this.connections.splice(i, 1);
    });
    socket.on('message', (raw) => {
      const msg = JSON.parse(String(raw)) as { op: number; d: Record<string, unknown> };
      if (msg.op === 1) this.send(conn, { op: 11 });
      else if (msg.op === 2) {
        conn.token = String(msg.d.token);
        conn.shard = (msg.d.shard as [number, number] | undefined) ?? [0, 1];
        this.identifies.push({ token: conn.token, shard: conn.shard, intents: Number(msg.d.intents) });
        this.send(conn, {
          op: 0,
          t: 'READY',
          s: ++conn.seq,
          d: {
            v: 10,
            user: { id: this.botUserId, username: 'careerbot', discriminator: '0', avatar: null, bot: true },
            guilds: [],
            session_id: conn.sessionId,
            resume_gateway_url: this.gatewayUrl,
            shard: conn.shard,
            application: { id: this.applicationId, flags: 0 },
          },
        });
        for (const w of this.identifyWaiters.splice(0)) w();
      } else if (msg.op === 6) {
        this.resumes++;
        conn.token = String(msg.d.token);
        conn.seq = Number(msg.d.seq ?? 0);
        this.send(conn, { op: 0, t: 'RESUMED', s: ++conn.seq, d: {} });
      }
    });
    this.send(conn, { op: 10, d: { heartbeat_interval: 41_250 } });
  }

  // ---- REST -------------------------------------------------------------------------------------

  private async onRequest(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const path = decodeURIComponent(url.pathname).replace(/^\/api\/v\d+/, '');
    const raw = Buffer.concat(chunks);
    const contentType = req.headers['content-type'];
    let body: unknown = undefined;
    let files: UploadedFile[] = [];
    if (contentType?.startsWith('multipart/form-data')) {
      ({ body, files } = await readMultipart(raw, contentType));
    } else if (raw.length) {
      const text = raw.toString('utf8');
      try {
        body = JSON.parse(text);
      } catch {
        body = text;
      }
    }
    const method = req.method ?? 'GET';
    const record: RecordedRequest = {
      method,
      path,
      query: url.searchParams,
      body,
      files,
      contentType,
      authorization: req.headers.authorization,
      at: performance.now(),
    };
    this.requests.push(record);

    const fault = this.faults.find((f) => (!f.method || f.method === method) && f.path.test(path));
    if (fault) {
      fault.times = (fault.times ?? 1) - 1;
      if (fault.times <= 0) this.faults.splice(this.faults.indexOf(fault), 1);
      if (fault.hang) {
        this.hanging.push(res);
        return;
      }
      const headers: Record<string, string> = { 'content-type': 'application/json' };
      if (fault.retryAfter !== undefined) {
        headers['retry-after'] = String(fault.retryAfter);
        headers['x-ratelimit-scope'] = 'user';
      }
      res.writeHead(fault.status, headers);
      res.end(
        JSON.stringify(
          fault.body ??
            (fault.status === 429
              ? { message: 'You are being rate limited.', retry_after: fault.retryAfter ?? 0, global: false }
              : { message: 'Internal Server Error', code: 0 }),
        ),
      );
      return;
    }

    const json = (status: number, data?: unknown) => {
      if (data === undefined) {
        res.writeHead(status);
        res.end();
        return;
      }
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(data));
    };
    if (!req.headers.authorization && !path.startsWith('/interactions/') && !path.startsWith('/webhooks/')) {
      json(401, { message: '401: Unauthorized', code: 0 });
      return;
    }

    let m: RegExpExecArray | null;
    if (method === 'GET' && path === '/gateway/bot') {
      json(200, {
        url: this.gatewayUrl,
        shards: 1,
        session_start_limit: { total: 1000, remaining: 999, reset_after: 14_400_000, max_concurrency: 16 },
      });
    } else if ((m = /^\/applications\/(\d+)(?:\/guilds\/(\d+))?\/commands$/.exec(path))) {
      const key = `${m[1]}:${m[2] ?? 'global'}`;
      if (method === 'GET') json(200, this.commands.get(key) ?? []);
      else if (method === 'PUT') {
        const list = (Array.isArray(body) ? body : []).map((c: Record<string, unknown>) => ({
          ...c,
          id: snowflake(),
          application_id: m![1],
          version: snowflake(),
          // Discord answers with the bits as a string.
          default_member_permissions:
            c.default_member_permissions === undefined || c.default_member_permissions === null
              ? null
              : String(c.default_member_permissions as string | number),
          nsfw: false,
          ...(m![2] ? { guild_id: m![2] } : {}),
        }));
        this.commands.set(key, list);
        json(200, list);
      } else json(405, { message: 'Method Not Allowed', code: 0 });
    } else if ((m = /^\/interactions\/(\d+)\/([^/]+)\/callback$/.exec(path)) && method === 'POST') {
      const callback: Callback = {
        interactionId: m[1]!,
        token: m[2]!,
        body: body as Callback['body'],
        files,
        at: performance.now(),
      };
      this.callbacks.push(callback);
      json(204);
      this.waiters.get(callback.interactionId)?.(callback);
    } else if ((m = /^\/channels\/(\d+)\/messages$/.exec(path)) && method === 'POST') {
      const b = (body ?? {}) as Record<string, unknown>;
      const stored = {
        ...this.message(body, files),
        channel_id: m[1],
        ...(b.message_reference ? { type: 19, message_reference: b.message_reference } : {}),
      };
      this.channelMessages.push(stored);
      json(200, stored);
    } else if ((m = /^\/webhooks\/(\d+)\/([^/]+)(?:\/messages\/(.+))?$/.exec(path))) {
      json(200, this.message(body, files));
    } else {
      json(404, { message: `404: Not Found (${method} ${path})`, code: 0 });
    }
  }

  /** The message Discord would store for a body: uploaded files become attachments with ids and URLs. */
  message(body: unknown, files: UploadedFile[] = []): Record<string, unknown> {
    const b = (body ?? {}) as Record<string, unknown>;
    const described = (b.attachments ?? []) as Array<{ id: string; description?: string }>;
    const attachments = files.map((f, i) => {
      const id = snowflake();
      return {
        id,
        filename: f.name,
        description: described.find((a) => a.id === String(i))?.description,
        content_type: f.type,
        size: f.data.length,
        url: `https://cdn.discordapp.com/attachments/400000000000000001/${id}/${f.name}`,
        proxy_url: `https://media.discordapp.net/attachments/400000000000000001/${id}/${f.name}`,
      };
    });
    return messageShape({
      id: snowflake(),
      channelId: '400000000000000001',
      author: { id: this.botUserId, username: 'careerbot', discriminator: '0', avatar: null, bot: true },
      content: String(b.content ?? ''),
      attachments,
      embeds: (b.embeds ?? []) as unknown[],
      components: (b.components ?? []) as unknown[],
      flags: Number(b.flags ?? 0),
    });
  }

  /** Requests to routes under `prefix` (e.g. "/webhooks/"). */
  requestsTo(prefix: string): RecordedRequest[] {
    return this.requests.filter((r) => r.path.startsWith(prefix));
  }

  /** Sends a gateway opcode (7 RECONNECT, 9 INVALID_SESSION…) to every connected bot. */
  sendOp(op: number, d: unknown = null): void {
    for (const c of this.connections) this.send(c, { op, d });
  }

  /** How many RESUMEs (op 6) the fake has answered. */
  resumes = 0;

  /** Cuts every gateway socket without a close frame, as when the server dies. */
  killConnections(): void {
    for (const c of this.connections) c.socket.terminate();
  }

  /** Closes every gateway socket with `code` (a resumable code makes the client resume). */
  dropConnections(code = 4000): void {
    for (const c of this.connections) c.socket.close(code, 'test');
  }

  async close(): Promise<void> {
    for (const res of this.hanging.splice(0)) res.destroy();
    for (const c of this.connections) c.socket.terminate();
    this.wss.close();
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}

async function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([
      promise,
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`fake Discord: timed out ${what}`)), ms);
      }),
    ]);
  } finally {
    clearTimeout(timer);
  }
}

/** A message as Discord stores and sends it (the fields discord.js reads), by author and content. */
function messageShape(m: {
  id: string;
  channelId: string;
  author: Record<string, unknown>;
  content: string;
  attachments: unknown[];
  embeds: unknown[];
  components: unknown[];
  flags: number;
}): Record<string, unknown> {
  return {
    id: m.id,
    channel_id: m.channelId,
    author: m.author,
    content: m.content,
    timestamp: new Date().toISOString(),
    edited_timestamp: null,
    tts: false,
    mention_everyone: false,
    mentions: [],
    mention_roles: [],
    attachments: m.attachments,
    embeds: m.embeds,
    components: m.components,
    pinned: false,
    type: 0,
    flags: m.flags,
  };
}
