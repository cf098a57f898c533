/**
 * Checks the REST requests the bot sent to the fake Discord against Discord's official OpenAPI spec
 * (https://github.com/discord/discord-api-spec), through the zod schemas `discord-api-spec`
 * generates from it daily: each route's request body must parse with the spec's schema for it, and
 * carry no field the spec does not define (the generated schemas strip unknown keys, so that is
 * checked here by walking the schema beside the body). A route the bot calls that this table does
 * not know is itself a problem: nothing goes unchecked.
 */
import * as spec from 'discord-api-spec/zod';
import type { RecordedRequest } from './fakeDiscord.js';

/** The parts of a zod (mini) schema's definition the walk reads. */
interface Def {
  type: string;
  shape?: Record<string, Schema>;
  innerType?: Schema;
  getter?: () => Schema;
  element?: Schema;
  options?: Schema[];
}
interface Schema {
  _zod: { def: Def };
  safeParse(value: unknown): {
    success: boolean;
    error?: { issues: Array<{ path: PropertyKey[]; message: string }> };
  };
}

const S = spec as unknown as Record<string, Schema>;
const schema = (name: string): Schema => {
  const s = S[name];
  if (!s) throw new Error(`discord-api-spec has no ${name}`);
  return s;
};

/** Fields in `value` that the schema does not define, as paths ("data.embeds.0.colour"). */
function unknownFields(s: Schema, value: unknown, path: string, out: string[]): void {
  const def = s._zod.def;
  if (value === null || value === undefined) return;
  switch (def.type) {
    case 'optional':
    case 'nullable':
      return unknownFields(def.innerType!, value, path, out);
    case 'lazy':
      return unknownFields(def.getter!(), value, path, out);
    case 'array':
      if (Array.isArray(value)) value.forEach((v, i) => unknownFields(def.element!, v, `${path}.${i}`, out));
      return;
    case 'union': {
      // The branch the value parses with (the first one) is the one its fields are checked against.
      const branch = def.options!.find((o) => o.safeParse(value).success);
      if (branch) unknownFields(branch, value, path, out);
      return;
    }
    case 'object':
      if (typeof value !== 'object' || Array.isArray(value)) return;
      for (const [key, v] of Object.entries(value as Record<string, unknown>)) {
        const field = def.shape![key];
        if (!field) out.push(`${path ? `${path}.` : ''}${key}`);
        else unknownFields(field, v, path ? `${path}.${key}` : key, out);
      }
      return;
    default:
      return;
  }
}

function problemsWith(s: Schema, body: unknown, what: string): string[] {
  const result = s.safeParse(body);
  const out: string[] = [];
  if (!result.success)
    for (const issue of result.error!.issues.slice(0, 5))
      out.push(`${what}: ${issue.path.join('.') || '(body)'}: ${issue.message}`);
  const unknown: string[] = [];
  unknownFields(s, body, '', unknown);
  for (const field of unknown) out.push(`${what}: ${field} is not in Discord's spec`);
  return out;
}

/** The spec's schema for an interaction callback, by its type. */
function callbackSchema(type: unknown): Schema | undefined {
  switch (type) {
    case 1:
      return schema('PongInteractionCallbackRequestSchema');
    case 4:
    case 5:
      return schema('CreateMessageInteractionCallbackRequestSchema');
    case 6:
    case 7:
      return schema('UpdateMessageInteractionCallbackRequestSchema');
    case 8:
      return schema('ApplicationCommandAutocompleteCallbackRequestSchema');
    default:
      return undefined;
  }
}

/** Problems of an interaction callback body (also the endpoint's HTTP responses, which are the same JSON). */
export function callbackProblems(body: unknown): string[] {
  const type = (body as { type?: unknown } | null)?.type;
  const s = callbackSchema(type);
  return s
    ? problemsWith(s, body, `callback type ${String(type)}`)
    : [`callback type ${String(type)} is not one careerbot should send`];
}

/** Problems of one recorded REST request against the spec (an empty list when it conforms). */
export function specProblems(request: Pick<RecordedRequest, 'method' | 'path' | 'body'>): string[] {
  const { method, path, body } = request;
  const what = `${method} ${path.replace(/\/[\w-]{30,}/g, '/…')}`;
  if (method === 'GET' || method === 'DELETE') return [];
  if (method === 'POST' && /^\/interactions\/\d+\/[^/]+\/callback$/.test(path)) return callbackProblems(body);
  if (method === 'PATCH' && /^\/webhooks\/\d+\/[^/]+\/messages\/(@original|\d+)$/.test(path))
    return problemsWith(schema('IncomingWebhookUpdateRequestPartialSchema'), body, what);
  if (method === 'POST' && /^\/webhooks\/\d+\/[^/]+$/.test(path))
    return problemsWith(schema('IncomingWebhookRequestPartialSchema'), body, what);
  if (method === 'POST' && /^\/channels\/\d+\/messages$/.test(path))
    return problemsWith(schema('MessageCreateRequestSchema'), body, what);
  if (method === 'PUT' && /^\/applications\/\d+(\/guilds\/\d+)?\/commands$/.test(path)) {
    if (!Array.isArray(body)) return [`${what}: the body is not a list of commands`];
    return body.flatMap((c, i) =>
      problemsWith(schema('ApplicationCommandUpdateRequestSchema'), c, `${what} [${i}]`),
    );
  }
  return [`${what}: a route this check does not know (add it with its schema)`];
}

/** Problems of every request the bot sent, and of the endpoint's HTTP responses when given. */
export function allSpecProblems(
  requests: readonly RecordedRequest[],
  responses: readonly unknown[] = [],
): string[] {
  return [...requests.flatMap((r) => specProblems(r)), ...responses.flatMap((b) => callbackProblems(b))];
}
