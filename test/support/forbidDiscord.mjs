// Loaded with `node --import`: makes any attempt to load discord.js fail loudly.
import { register } from 'node:module';

register(
  'data:text/javascript,' +
    encodeURIComponent(`
export async function resolve(specifier, context, next) {
  if (specifier === 'discord.js' || specifier.startsWith('@discordjs/')) throw new Error('discord.js was loaded: ' + specifier);
  return next(specifier, context);
}`),
);
