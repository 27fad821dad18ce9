/** Counts calls in a sliding one-minute window of the emulator clock. */
export class RateLimiter {
  private readonly calls: number[] = [];

  constructor(
    private readonly perMinute: number | undefined,
    private readonly now: () => number,
  ) {}

  /** Records a call; false when it goes over the limit (the call is not counted then). */
  take(): boolean {
    if (this.perMinute === undefined) return true;
    const now = this.now();
    while (this.calls.length > 0 && this.calls[0] <= now - 60_000) this.calls.shift();
    if (this.calls.length >= this.perMinute) return false;
    this.calls.push(now);
    return true;
  }
}
