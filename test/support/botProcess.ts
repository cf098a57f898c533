import { spawn, type ChildProcess } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FakeDiscord } from './fakeDiscord.js';
import { track } from './processes.js';
import { waitFor } from './waitFor.js';

const ROOT = join(import.meta.dirname, '..', '..');
let started = 0;

export interface BotProcess {
  child: ChildProcess;
  /** Every JSON log line the bot wrote so far. */
  logs: Array<Record<string, unknown>>;
  output: () => string;
  /** Sends a signal and resolves with the exit code and how long the exit took. */
  stop(signal?: NodeJS.Signals): Promise<{ code: number | null; ms: number }>;
}

/**
 * Starts the bot exactly as README says (`npm start` runs `node dist/src/main.js`), pointed at the
 * fake Discord through the environment, and waits until it has logged in.
 */
export async function startBotProcess(
  fake: FakeDiscord,
  env: Record<string, string> = {},
  token = 'test-token',
  options: { waitForLogin?: boolean } = {},
): Promise<BotProcess> {
  const before = fake.identifies.length;
  const child = track(
    spawn(process.execPath, [join(ROOT, 'dist', 'src', 'main.js')], {
      cwd: ROOT,
      env: {
        PATH: process.env.PATH ?? '',
        DISCORD_TOKEN: token,
        DISCORD_APPLICATION_ID: fake.applicationId,
        DISCORD_API_URL: fake.apiUrl,
        LOG_LEVEL: 'info',
        COOLDOWN_REQUESTS: '100',
        // Each bot its own insights store in the test file's temp folder, unless a test gives one.
        INSIGHTS_DB: join(tmpdir(), `insights-${process.pid}-${++started}.db`),
        // The frozen seed knowledge the tests run on (set by the setup file), unless a test gives its own.
        ...(process.env.KNOWLEDGE_DIR ? { KNOWLEDGE_DIR: process.env.KNOWLEDGE_DIR } : {}),
        ...env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    }),
  );
  let text = '';
  const logs: Array<Record<string, unknown>> = [];
  let partial = '';
  const onData = (d: Buffer) => {
    text += String(d);
    partial += String(d);
    const lines = partial.split('\n');
    partial = lines.pop() ?? '';
    for (const line of lines) {
      try {
        logs.push(JSON.parse(line) as Record<string, unknown>);
      } catch {
        // not a log line
      }
    }
  };
  child.stdout!.on('data', onData);
  child.stderr!.on('data', onData);
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const handle: BotProcess = {
    child,
    logs,
    output: () => text,
    async stop(signal = 'SIGTERM') {
      const t0 = performance.now();
      if (child.exitCode === null) child.kill(signal);
      const code = await exited;
      return { code, ms: performance.now() - t0 };
    },
  };
  if (options.waitForLogin === false) return handle;
  await Promise.race([
    fake.identified(before + 1, 15_000),
    exited.then((code) => {
      throw new Error(`bot exited with ${code} before logging in:\n${text}`);
    }),
  ]);
  // READY has been sent; give the client a moment to process it.
  await waitFor('the "ready" log line', () => logs.some((l) => l.msg === 'ready'), 5000, 10).catch(
    () => undefined,
  );
  return handle;
}
