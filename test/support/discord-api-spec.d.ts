// discord-api-spec ships its zod schemas as plain JS (its "types" entry for ./zod points at the .js):
// openapi.ts reads them through its own narrow Schema interface.
declare module 'discord-api-spec/zod';
