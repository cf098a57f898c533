import type { ChildProcess } from 'node:child_process';

/** Children started by this test file that may still be running. */
const running = new Set<ChildProcess>();

/** Remembers a child process so that it is stopped when the test file ends, whatever happened. */
export function track<T extends ChildProcess>(child: T): T {
  running.add(child);
  child.once('exit', () => running.delete(child));
  return child;
}

/** Stops every tracked child still running (SIGTERM, then SIGKILL after 3 s). */
export async function stopAll(): Promise<void> {
  await Promise.all(
    [...running].map(
      (child) =>
        new Promise<void>((resolve) => {
          if (child.exitCode !== null || child.signalCode !== null) return resolve();
          const force = setTimeout(() => child.kill('SIGKILL'), 3000);
          child.once('exit', () => {
            clearTimeout(force);
            resolve();
          });
          child.kill('SIGTERM');
        }),
    ),
  );
  running.clear();
}
