import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { freePort } from './ports.js';
import { track } from './processes.js';
import { waitFor } from './waitFor.js';

/**
 * A real PostgreSQL (Debian's `postgresql` package; `.ci/run` installs it when missing) in a temp
 * folder on a free port of 127.0.0.1, for the tests of the shared insights store. Started with
 * initdb and postgres (as the `postgres` user when the tests run as root: PostgreSQL refuses
 * root), stopped in every path, its folder removed.
 */

/** initdb and postgres: on PATH, or where Debian puts them (/usr/lib/postgresql/<version>/bin). */
function binDir(): string | undefined {
  const found = spawnSync('initdb', ['--version'], { encoding: 'utf8' });
  if (!found.error && found.status === 0) return '';
  const root = '/usr/lib/postgresql';
  if (!existsSync(root)) return undefined;
  for (const version of readdirSync(root).sort().reverse()) {
    const dir = join(root, version, 'bin');
    if (existsSync(join(dir, 'initdb'))) return dir;
  }
  return undefined;
}

/**
 * Whether PostgreSQL is here. Without it the tests that need it are skipped with one line naming
 * the package, so `npm test` passes on a fresh machine; with CI=true they fail instead.
 */
export function postgresAvailable(): boolean {
  const ok = binDir() !== undefined;
  if (!ok && !process.env.CI)
    console.warn('skipping the PostgreSQL tests: postgresql is not installed (apt-get install postgresql)');
  return ok || Boolean(process.env.CI);
}

/** The uid and gid to run PostgreSQL as: the `postgres` user when we are root, else ourselves. */
function runAs(): { uid: number; gid: number } | undefined {
  if (process.getuid?.() !== 0) return undefined;
  const uid = Number(spawnSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).stdout.trim());
  const gid = Number(spawnSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).stdout.trim());
  if (!Number.isInteger(uid) || !Number.isInteger(gid) || uid === 0)
    throw new Error('running as root, and there is no postgres user to run PostgreSQL as');
  return { uid, gid };
}

export class PostgresServer {
  private child: ChildProcess | undefined;

  private constructor(
    readonly port: number,
    private readonly dir: string,
    private readonly bin: string,
    private readonly user: { uid: number; gid: number } | undefined,
  ) {}

  static async start(): Promise<PostgresServer> {
    const bin = binDir();
    if (bin === undefined)
      throw new Error('postgresql is not installed: `apt-get install postgresql` (.ci/run does it)');
    const user = runAs();
    // In the system's temp folder: the postgres user cannot enter a test file's own (mode 700) one.
    const base = process.env.CAREERBOT_SYSTEM_TMPDIR ?? '/tmp';
    const dir = mkdtempSync(join(base, 'careerbot-pg-'));
    if (user) chownSync(dir, user.uid, user.gid);
    const init = spawnSync(
      join(bin, 'initdb'),
      ['-D', join(dir, 'data'), '-U', 'careerbot', '--auth=trust', '-E', 'UTF8', '--no-sync'],
      { encoding: 'utf8', ...(user ?? {}) },
    );
    if (init.status !== 0) {
      rmSync(dir, { recursive: true, force: true });
      throw new Error(`initdb failed: ${init.stderr || init.stdout}`);
    }
    const server = new PostgresServer(await freePort(), dir, bin, user);
    await server.start();
    return server;
  }

  get url(): string {
    return `postgres://careerbot@127.0.0.1:${this.port}/postgres`;
  }

  /** Starts (again, after kill) on the same folder and port, and waits until it takes connections. */
  async start(): Promise<void> {
    const child = track(
      spawn(
        join(this.bin, 'postgres'),
        [
          '-D',
          join(this.dir, 'data'),
          '-p',
          String(this.port),
          '-h',
          '127.0.0.1',
          '-k',
          this.dir,
          '-c',
          'fsync=off',
          '-c',
          'full_page_writes=off',
        ],
        { stdio: ['ignore', 'ignore', 'pipe'], ...(this.user ?? {}) },
      ),
    );
    this.child = child;
    let log = '';
    child.stderr!.on('data', (d) => (log += String(d)));
    await waitFor(
      'PostgreSQL to accept connections',
      () => {
        if (child.exitCode !== null)
          throw new Error(`postgres exited with ${child.exitCode}: ${log.slice(-500)}`);
        return /ready to accept connections/.test(log);
      },
      20_000,
      50,
    );
  }

  /** Kills the server at once, as a crash would (no shutdown). */
  async kill(): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null) return;
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    child.kill('SIGKILL');
    await exited;
    // A killed postmaster leaves its pid file; the next start would refuse while it names a live pid.
    rmSync(join(this.dir, 'data', 'postmaster.pid'), { force: true });
  }

  async stop(): Promise<void> {
    const child = this.child;
    if (child && child.exitCode === null && child.signalCode === null) {
      const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
      child.kill('SIGINT');
      const force = setTimeout(() => child.kill('SIGKILL'), 5000);
      await exited;
      clearTimeout(force);
    }
    rmSync(this.dir, { recursive: true, force: true });
  }
}
