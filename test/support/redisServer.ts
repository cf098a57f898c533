import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { createConnection } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from './ports.js';
import { track } from './processes.js';
import { waitFor } from './waitFor.js';

/**
 * A real redis-server (Debian's package; `.ci/run` installs it when missing) on a free port of
 * 127.0.0.1, its files in a temporary folder, nothing persisted. Tracked, so it is stopped when
 * the test file ends whatever happens; `stop` and `start` again keep the same port (an outage).
 */
/**
 * Whether redis-server is here. Without it the tests that need it are skipped with one line naming
 * the package, so `npm test` passes on a fresh machine; with CI=true they fail instead (CI installs it).
 */
export function redisAvailable(): boolean {
  const found = spawnSync('redis-server', ['--version'], { encoding: 'utf8' });
  const ok = !found.error && found.status === 0;
  if (!ok && !process.env.CI)
    console.warn(
      'skipping the shared-Redis tests: redis-server is not installed (apt-get install redis-server)',
    );
  return ok || Boolean(process.env.CI);
}

export class RedisServer {
  private child: ChildProcess | undefined;

  private constructor(
    readonly port: number,
    private readonly dir: string,
  ) {}

  static async start(): Promise<RedisServer> {
    const found = spawnSync('redis-server', ['--version'], { encoding: 'utf8' });
    if (found.error || found.status !== 0)
      throw new Error('redis-server is not installed: `apt-get install redis-server` (.ci/run does it)');
    const server = new RedisServer(await freePort(), await mkdtemp(join(tmpdir(), 'careerbot-redis-')));
    await server.start();
    return server;
  }

  get url(): string {
    return `redis://127.0.0.1:${this.port}`;
  }

  async start(): Promise<void> {
    const child = track(
      spawn(
        'redis-server',
        [
          '--port',
          String(this.port),
          '--bind',
          '127.0.0.1',
          '--dir',
          this.dir,
          '--save',
          '',
          '--appendonly',
          'no',
        ],
        { stdio: 'ignore' },
      ),
    );
    this.child = child;
    await waitFor(
      'redis-server to answer PING',
      async () => {
        if (child.exitCode !== null) throw new Error(`redis-server exited with ${child.exitCode}`);
        return this.ping();
      },
      10_000,
      50,
    );
  }

  /** Whether the server answers PING. */
  ping(): Promise<boolean> {
    return new Promise((resolve) => {
      const socket = createConnection(this.port, '127.0.0.1');
      socket.setTimeout(500);
      socket.once('connect', () => socket.write('PING\r\n'));
      socket.once('data', (d) => {
        socket.destroy();
        resolve(String(d).startsWith('+PONG'));
      });
      socket.once('error', () => resolve(false));
      socket.once('timeout', () => {
        socket.destroy();
        resolve(false);
      });
    });
  }

  async stop(): Promise<void> {
    const child = this.child;
    this.child = undefined;
    if (!child || child.exitCode !== null) return;
    await new Promise<void>((resolve) => {
      child.once('exit', () => resolve());
      child.kill('SIGKILL');
    });
  }

  async close(): Promise<void> {
    await this.stop();
    await rm(this.dir, { recursive: true, force: true });
  }
}
