import { randomBytes } from 'node:crypto';
import { LIMITS } from '../limits.js';

/** What a button asks for again: a command, its options and which passages. */
export interface PageRequest {
  command: string;
  options: Record<string, string>;
  offset: number;
}

/** More/Back, Share in channel, and Reply in channel (to the message a message command answered). */
export type ButtonAction = 'page' | 'share' | 'reply';
/** Where the button sits: on a private (ephemeral) reply, or on a message everyone sees. */
export type Visibility = 'private' | 'public';

export interface ButtonState {
  action: ButtonAction;
  visibility: Visibility;
  request: PageRequest;
  /** `reply`: the id of the message the answer replies to (in the channel the click comes from). */
  target?: string;
}

export type DecodedButton =
  { ok: true; state: ButtonState } | { ok: false; reason: 'expired' | 'stale' | 'foreign' };

const PREFIX = 'cb1';
const ACTIONS: Record<ButtonAction, string> = { page: 'p', share: 's', reply: 'r' };
const VISIBILITY: Record<Visibility, string> = { private: 'e', public: 'p' };

interface Entry {
  serialized: string;
  options: Record<string, string>;
  expires: number;
}

/** Where long options are shared between processes (Redis), so any replica can answer a button. */
export interface ButtonStore {
  set(key: string, serialized: string, ttlMs: number): Promise<void>;
  get(key: string): Promise<string | undefined>;
}

export interface ButtonStateOptions {
  /** Identifies the knowledge the answer came from; a button from other knowledge is stale. */
  fingerprint: () => string;
  /** Options too long for a custom_id are kept in memory: at most this many… */
  maxEntries?: number;
  /** …for this long. */
  ttlMs?: number;
  now?: () => number;
  /** Shares long options with the other processes serving the bot (optional). */
  store?: ButtonStore;
}

/**
 * Button state lives in the button's custom_id (≤ 100 characters), so More, Back and Share keep
 * working after a restart. Options that do not fit (a long /ask question) are kept in a bounded,
 * expiring cache instead; a click after the entry is gone gets "ask again", never an error.
 */
export class ButtonStates {
  private readonly cache = new Map<string, Entry>();
  /** Serialized options → their key, so the buttons of one answer share one entry. */
  private readonly keys = new Map<string, string>();
  private readonly maxEntries: number;
  private readonly ttlMs: number;
  private readonly now: () => number;

  constructor(private readonly options: ButtonStateOptions) {
    this.maxEntries = options.maxEntries ?? 10_000;
    this.ttlMs = options.ttlMs ?? 60 * 60 * 1000;
    this.now = options.now ?? Date.now;
  }

  get size(): number {
    return this.cache.size;
  }

  /** A custom_id for the button (≤ 100 characters); `target`: the message a `reply` button replies to. */
  encode(action: ButtonAction, visibility: Visibility, request: PageRequest, target?: string): string {
    const head = [
      PREFIX,
      ACTIONS[action],
      VISIBILITY[visibility],
      this.options.fingerprint(),
      String(Math.max(0, request.offset)),
      request.command,
      // A button of an answer to a member's message carries that message (a snowflake); others keep 7 parts.
      ...(action === 'reply' || target !== undefined
        ? [/^\d{1,20}$/.test(target ?? '') ? target! : '0']
        : []),
    ].join('|');
    const serialized = new URLSearchParams(request.options).toString();
    const inline = `${head}|${serialized}`;
    if (inline.length <= LIMITS.customId) return inline;
    const key = this.remember(serialized, request.options);
    return `${head}|~${key}`;
  }

  /** The parts of a custom_id, or undefined when careerbot did not make it. */
  private parts(customId: string):
    | {
        action: ButtonAction;
        visibility: Visibility;
        fingerprint: string;
        offset: number;
        command: string;
        target?: string;
        rest: string;
      }
    | undefined {
    const parts = customId.split('|');
    if (parts[0] !== PREFIX) return undefined;
    const action = (Object.keys(ACTIONS) as ButtonAction[]).find((k) => ACTIONS[k] === parts[1]);
    if (!action || !(parts.length === 8 || (parts.length === 7 && action !== 'reply'))) return undefined;
    const visibility = (Object.keys(VISIBILITY) as Visibility[]).find((k) => VISIBILITY[k] === parts[2]);
    const [, , , fingerprint, offset, command] = parts as [string, ...string[]];
    const target = parts.length === 8 ? parts[6] : undefined;
    if (!visibility || !command || !/^\d{1,4}$/.test(offset ?? '')) return undefined;
    if (target !== undefined && !/^\d{1,20}$/.test(target)) return undefined;
    return {
      action,
      visibility,
      fingerprint: fingerprint!,
      offset: Number(offset),
      command,
      ...(target !== undefined ? { target } : {}),
      rest: parts[parts.length - 1]!,
    };
  }

  decode(customId: string): DecodedButton {
    const p = this.parts(customId);
    if (!p) return { ok: false, reason: 'foreign' };
    if (p.fingerprint !== this.options.fingerprint()) return { ok: false, reason: 'stale' };
    let options: Record<string, string>;
    if (p.rest.startsWith('~')) {
      const entry = this.cache.get(p.rest.slice(1));
      if (!entry || entry.expires < this.now()) return { ok: false, reason: 'expired' };
      options = entry.options;
    } else {
      options = Object.fromEntries(new URLSearchParams(p.rest));
    }
    return { ok: true, state: stateOf(p, options) };
  }

  /**
   * Like decode, but a long question this process does not hold is looked up in the shared store
   * (another replica may have answered it).
   */
  async resolve(customId: string): Promise<DecodedButton> {
    const decoded = this.decode(customId);
    const store = this.options.store;
    if (decoded.ok || decoded.reason !== 'expired' || !store) return decoded;
    const p = this.parts(customId)!;
    const serialized = await store.get(p.rest.slice(1));
    if (serialized === undefined) return decoded;
    return { ok: true, state: stateOf(p, Object.fromEntries(new URLSearchParams(serialized))) };
  }

  private remember(serialized: string, options: Record<string, string>): string {
    const now = this.now();
    const known = this.keys.get(serialized);
    if (known) {
      // Used again: it moves to the end of the line and lives longer.
      this.cache.delete(known);
      this.cache.set(known, { serialized, options, expires: now + this.ttlMs });
      void this.options.store?.set(known, serialized, this.ttlMs);
      return known;
    }
    // Oldest first: drop expired entries and, past the bound, the oldest ones.
    for (const [key, entry] of this.cache) {
      if (entry.expires >= now && this.cache.size < this.maxEntries) break;
      this.cache.delete(key);
      this.keys.delete(entry.serialized);
    }
    const key = randomBytes(9).toString('base64url');
    this.cache.set(key, { serialized, options, expires: now + this.ttlMs });
    this.keys.set(serialized, key);
    // Shared before the reply goes out; a click comes seconds later at the earliest.
    void this.options.store?.set(key, serialized, this.ttlMs);
    return key;
  }
}

function stateOf(
  p: { action: ButtonAction; visibility: Visibility; offset: number; command: string; target?: string },
  options: Record<string, string>,
): ButtonState {
  return {
    action: p.action,
    visibility: p.visibility,
    request: { command: p.command, options, offset: p.offset },
    ...(p.target !== undefined ? { target: p.target } : {}),
  };
}
