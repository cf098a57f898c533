/**
 * Discord's HTTP interactions endpoint: Discord POSTs each interaction to `/interactions`, signed
 * with the application's Ed25519 key, and the answer goes back in the HTTP response. No gateway, no
 * state between requests (buttons carry theirs), so any number of replicas can serve one bot behind
 * an ordinary load balancer.
 *
 * Built on node:http rather than a framework: the signature covers the raw bytes of the body, which
 * must be read (and capped) before anything parses them, and the endpoint is three routes. A
 * framework's body parsing would have to be turned off to do this, leaving little of it in use.
 */
import { createPublicKey, verify, type KeyObject } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { REST } from '@discordjs/rest';
import type { APIInteraction } from 'discord-api-types/v10';
import type { Logger } from 'pino';
import type { Health } from '../health.js';
import type { InteractionRouter } from './router.js';
import type { InteractionResponse, Transport } from './transport.js';
import { channelPoster, restFollowUps } from './restReplies.js';

export interface EndpointOptions {
  port: number;
  host: string;
  /** The application's public key, 64 hex digits. */
  publicKey: string;
  applicationId: string;
  router: InteractionRouter;
  /** For what cannot go in the HTTP response: edits of the original message, follow-ups. */
  rest: REST;
  /** Whether `rest` holds the bot token, so the bot can post in channels (Reply in channel). */
  channelPosts?: boolean;
  logger: Logger;
  health: () => Health | Promise<Health>;
  metrics: () => Promise<{ contentType: string; body: string }>;
  /** Largest body taken, in bytes (default 64 KiB; Discord's interactions are far smaller). */
  maxBodyBytes?: number;
  /** How far a request's timestamp may be from now, in seconds, before it is a replay (default 300). */
  maxSkewSeconds?: number;
  now?: () => number;
}

export interface Endpoint {
  server: Server;
  port: number;
  /** Stops accepting, lets the requests in flight finish (up to `graceMs`), then closes. */
  close(graceMs?: number): Promise<void>;
}

/** The DER header of an Ed25519 public key (SPKI), before its 32 raw bytes. */
const ED25519_SPKI_PREFIX = Buffer.from('302a300506032b6570032100', 'hex');

export function publicKeyOf(hex: string): KeyObject {
  return createPublicKey({
    key: Buffer.concat([ED25519_SPKI_PREFIX, Buffer.from(hex, 'hex')]),
    format: 'der',
    type: 'spki',
  });
}

/** Why a request was turned away, for the (rate-limited) log. */
type Rejection =
  'method' | 'path' | 'too large' | 'unsigned' | 'bad signature' | 'stale timestamp' | 'bad json';

/** At most one warning per reason per window; the next one says how many were not logged. */
function rejectionLog(logger: Logger, windowMs = 10_000) {
  const last = new Map<Rejection, { at: number; suppressed: number }>();
  return (reason: Rejection, req: IncomingMessage) => {
    const now = Date.now();
    const seen = last.get(reason);
    if (seen && now - seen.at < windowMs) {
      seen.suppressed++;
      return;
    }
    last.set(reason, { at: now, suppressed: 0 });
    logger.warn(
      {
        reason,
        method: req.method,
        path: (req.url ?? '').slice(0, 100),
        remote: req.socket.remoteAddress,
        ...(seen?.suppressed ? { notLogged: seen.suppressed } : {}),
      },
      'interactions endpoint refused a request',
    );
  };
}

function send(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  if (res.headersSent) return;
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json',
    'content-length': String(Buffer.byteLength(text)),
    ...headers,
  });
  res.end(text);
}

/** Reads the body up to `max` bytes; undefined when it is longer (the rest is not read). */
async function readBody(req: IncomingMessage, max: number): Promise<Buffer | undefined> {
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > max) return undefined;
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > max) return undefined;
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

/** The endpoint's way of answering: the first response in the HTTP response, the rest over REST. */
function httpTransport(
  res: ServerResponse,
  raw: APIInteraction,
  rest: REST,
  applicationId: string,
  channelPosts: boolean,
): Transport {
  return {
    filesInResponse: false,
    respond(response: InteractionResponse) {
      if (res.headersSent) throw new Error('the interaction has already been answered');
      send(res, 200, response);
      return Promise.resolve();
    },
    ...restFollowUps(rest, applicationId, raw.token),
    ...(channelPosts ? { post: channelPoster(rest) } : {}),
  };
}

function isInteraction(value: unknown): value is APIInteraction {
  const v = value as Partial<APIInteraction> | null;
  return (
    typeof v === 'object' &&
    v !== null &&
    typeof v.type === 'number' &&
    typeof v.id === 'string' &&
    typeof v.token === 'string'
  );
}

export async function startEndpoint(options: EndpointOptions): Promise<Endpoint> {
  const key = publicKeyOf(options.publicKey);
  const maxBody = options.maxBodyBytes ?? 64 * 1024;
  const maxSkew = options.maxSkewSeconds ?? 300;
  const now = options.now ?? Date.now;
  const refuse = rejectionLog(options.logger);
  /** Requests being answered, and work an answer started (edits after the first response). */
  const inFlight = new Set<Promise<unknown>>();
  let closing = false;

  const reject = (
    res: ServerResponse,
    req: IncomingMessage,
    status: number,
    reason: Rejection,
    message: string,
  ) => {
    refuse(reason, req);
    send(
      res,
      status,
      { error: message },
      status === 405 ? { allow: req.url?.startsWith('/interactions') ? 'POST' : 'GET' } : {},
    );
  };

  async function onInteraction(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const body = await readBody(req, maxBody);
    if (!body) {
      reject(res, req, 413, 'too large', `request body larger than ${maxBody} bytes`);
      // Stop reading what is left; the connection is not reused.
      res.once('finish', () => req.destroy());
      return;
    }
    const signature = req.headers['x-signature-ed25519'];
    const timestamp = req.headers['x-signature-timestamp'];
    if (
      typeof signature !== 'string' ||
      typeof timestamp !== 'string' ||
      !/^[0-9a-f]{128}$/i.test(signature) ||
      !/^\d{1,13}$/.test(timestamp)
    ) {
      reject(res, req, 401, 'unsigned', 'missing or malformed request signature');
      return;
    }
    // Verified before the body is parsed: nothing Discord did not sign is even read as JSON.
    const signed = Buffer.concat([Buffer.from(timestamp, 'utf8'), body]);
    if (!verify(null, signed, key, Buffer.from(signature, 'hex'))) {
      reject(res, req, 401, 'bad signature', 'invalid request signature');
      return;
    }
    if (Math.abs(now() / 1000 - Number(timestamp)) > maxSkew) {
      reject(res, req, 401, 'stale timestamp', 'request timestamp too far from now');
      return;
    }
    let raw: unknown;
    try {
      raw = JSON.parse(body.toString('utf8'));
    } catch {
      raw = undefined;
    }
    if (!isInteraction(raw)) {
      reject(res, req, 400, 'bad json', 'the body is not an interaction');
      return;
    }
    if (closing && raw.type !== 1) {
      send(res, 503, { error: 'shutting down' }, { connection: 'close' });
      return;
    }
    await options.router.handle(
      raw,
      httpTransport(res, raw, options.rest, options.applicationId, options.channelPosts ?? false),
    );
    // The router always answers; if it could not (it was stopped), say so rather than hang.
    if (!res.headersSent) send(res, 503, { error: 'not answering now' });
  }

  const server = createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0];
    let work: Promise<unknown>;
    if (path === '/interactions') {
      if (req.method !== 'POST') {
        reject(res, req, 405, 'method', 'use POST');
        return;
      }
      work = onInteraction(req, res).catch((err: unknown) => {
        options.logger.error({ err }, 'interactions endpoint failed on a request');
        send(res, 500, { error: 'internal error' });
      });
    } else if (path === '/healthz' || path === '/metrics') {
      if (req.method !== 'GET' && req.method !== 'HEAD') {
        reject(res, req, 405, 'method', 'use GET');
        return;
      }
      work = (async () => {
        try {
          if (path === '/healthz') {
            const h = await options.health();
            send(res, h.ready && !closing ? 200 : 503, { ...h, ready: h.ready && !closing });
          } else {
            const m = await options.metrics();
            res.writeHead(200, { 'content-type': m.contentType });
            res.end(m.body);
          }
        } catch (err) {
          options.logger.error({ err, path }, 'health or metrics failed');
          send(res, 500, { error: 'internal error' });
        }
      })();
    } else {
      reject(
        res,
        req,
        404,
        'path',
        'not found: careerbot serves POST /interactions, GET /healthz, GET /metrics',
      );
      return;
    }
    inFlight.add(work);
    void work.finally(() => inFlight.delete(work));
  });
  server.keepAliveTimeout = 65_000;
  server.headersTimeout = 10_000;
  server.requestTimeout = 10_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  options.logger.info({ port, host: options.host }, 'interactions endpoint listening');
  return {
    server,
    port,
    async close(graceMs = 4000) {
      closing = true;
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeIdleConnections();
      const deadline = new Promise<void>((resolve) => setTimeout(resolve, graceMs).unref());
      await Promise.race([Promise.allSettled([...inFlight]).then(() => undefined), deadline]);
      server.closeAllConnections();
      await Promise.race([closed, deadline]);
    },
  };
}
