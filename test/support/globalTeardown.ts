import { execFileSync } from 'node:child_process';
import { join } from 'node:path';

const ROOT = join(import.meta.dirname, '..', '..');

/** Processes running code of this checkout's dist/ (the bot, its shards, scripts), other than us. */
function leftovers(): Array<{ pid: number; args: string }> {
  const out = execFileSync('ps', ['-eo', 'pid=,args='], { encoding: 'utf8' });
  const dist = join(ROOT, 'dist') + '/';
  return out
    .split('\n')
    .map((line) => /^\s*(\d+)\s+(.*)$/.exec(line))
    .filter((m): m is RegExpExecArray => Boolean(m))
    .map((m) => ({ pid: Number(m[1]), args: m[2]! }))
    .filter((p) => p.pid !== process.pid && p.args.includes(dist));
}

/**
 * After the whole run: a process started by a test and still alive is a broken test. It is killed
 * (so a developer's machine does not collect them) and the run fails, naming it.
 */
export default function setup(): () => void {
  return () => {
    const left = leftovers();
    if (!left.length) return;
    for (const p of left) {
      try {
        process.kill(p.pid, 'SIGKILL');
      } catch {
        // Already gone.
      }
    }
    // vitest reports an error thrown here but still exits 0: set the exit code so the run fails.
    process.exitCode = 1;
    console.error(
      `FAIL tests left ${left.length} process(es) running (now killed):\n${left.map((p) => `  ${p.pid} ${p.args}`).join('\n')}`,
    );
  };
}
