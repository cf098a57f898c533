/**
 * The one poll of the tests: waits until `check` gives a value (anything but undefined, null or
 * false), checking every `everyMs`, and fails after `timeoutMs` naming what it waited for. Tests wait
 * on what they need to see (a log line, a request at the fake), never for a fixed time.
 */
export async function waitFor<T>(
  what: string,
  check: () => T | undefined | null | false | Promise<T | undefined | null | false>,
  timeoutMs = 8000,
  everyMs = 20,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined && value !== null && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, everyMs));
  }
}
