/**
 * Per-user rate limit: at most `requests` in any `seconds`-long window (a sliding log of recent
 * request times). Memory stays bounded: users idle for a whole window are forgotten.
 */
export class Cooldown {
  private readonly recent = new Map<string, number[]>();
  private lastSweep = 0;

  constructor(
    private readonly requests: number,
    private readonly seconds: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** Takes one request for `userId`: 0 when allowed, else the whole seconds to wait. */
  take(userId: string): number {
    const now = this.now();
    const windowMs = this.seconds * 1000;
    this.sweep(now, windowMs);
    const times = (this.recent.get(userId) ?? []).filter((t) => now - t < windowMs);
    if (times.length >= this.requests) {
      this.recent.set(userId, times);
      return Math.max(1, Math.ceil((times[0]! + windowMs - now) / 1000));
    }
    times.push(now);
    this.recent.set(userId, times);
    return 0;
  }

  get trackedUsers(): number {
    return this.recent.size;
  }

  private sweep(now: number, windowMs: number): void {
    if (now - this.lastSweep < windowMs) return;
    this.lastSweep = now;
    for (const [user, times] of this.recent)
      if (now - times[times.length - 1]! >= windowMs) this.recent.delete(user);
  }
}
