/** Outcome of asking the rate limiter whether a user may ask another question now. */
export interface RateDecision {
  allowed: boolean;
  /** Seconds until the next question is allowed (0 when allowed). */
  retryAfterSeconds: number;
  /** True the first time a user is refused in a window: answer that one, stay quiet on the rest in chat. */
  firstRefusal: boolean;
}

/** Per-user sliding window: at most `limit` questions in any `windowMs`. Bounded: idle users are forgotten. */
export class RateLimiter {
  private readonly users = new Map<string, { times: number[]; warned: boolean }>();

  constructor(
    private readonly limit: number,
    private readonly windowMs: number,
    private readonly now: () => number = Date.now,
    private readonly maxUsers = 10_000,
  ) {}

  take(userId: string): RateDecision {
    const now = this.now();
    const entry = this.users.get(userId) ?? { times: [], warned: false };
    entry.times = entry.times.filter((t) => t > now - this.windowMs);
    this.users.delete(userId);
    this.users.set(userId, entry);
    if (this.users.size > this.maxUsers) this.sweep(now);
    if (entry.times.length < this.limit) {
      entry.times.push(now);
      entry.warned = false;
      return { allowed: true, retryAfterSeconds: 0, firstRefusal: false };
    }
    const retryAfterSeconds = Math.max(1, Math.ceil((entry.times[0]! + this.windowMs - now) / 1000));
    const firstRefusal = !entry.warned;
    entry.warned = true;
    return { allowed: false, retryAfterSeconds, firstRefusal };
  }

  private sweep(now: number): void {
    for (const [id, entry] of this.users) {
      if (entry.times.every((t) => t <= now - this.windowMs)) this.users.delete(id);
      if (this.users.size <= this.maxUsers / 2) break;
    }
    while (this.users.size > this.maxUsers) this.users.delete(this.users.keys().next().value as string);
  }
}

export function rateLimitMessage(retryAfterSeconds: number): string {
  return `You're asking faster than I can keep up with. Please wait ${retryAfterSeconds} s and ask again.`;
}
