import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The package's root folder (where package.json is), whether running from src/ or dist/. */
export function packageRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'package.json')) && dirname(dir) !== dir) dir = dirname(dir);
  return dir;
}

/** Where derived data is kept (built engines, the word list): the conventional cache folder in node_modules. */
export function defaultCacheDir(): string {
  return join(packageRoot(), 'node_modules', '.cache', 'careerbot');
}
