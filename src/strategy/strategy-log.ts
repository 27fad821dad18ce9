/** Where the strategy writes its warnings: `console` by default, Nest's `Logger` in the module. */
export interface KakaoLogger {
  warn(message: string): void;
}

const consoleLogger: KakaoLogger = {
  warn: (message) => console.warn(`[nestjs-kakao-auth] ${message}`),
};

const DEFAULT_INTERVAL_MS = 60_000;
const MAX_KEYS = 100;

/**
 * Warnings that repeat at most once per interval per key, so a misconfiguration or a broken
 * cookie setup gives one line a minute, not one per login.
 */
export class StrategyLog {
  private readonly logger?: KakaoLogger;
  private readonly last = new Map<string, number>();

  constructor(
    logger: KakaoLogger | false | undefined,
    private readonly intervalMs = DEFAULT_INTERVAL_MS,
    private readonly now: () => number = Date.now,
  ) {
    this.logger = logger === false ? undefined : (logger ?? consoleLogger);
  }

  /** Logs `message` unless `key` was logged within the interval; true when it was logged. */
  warn(key: string, message: string): boolean {
    if (!this.logger) return false;
    const now = this.now();
    const previous = this.last.get(key);
    if (previous !== undefined && now - previous < this.intervalMs) return false;
    if (this.last.size >= MAX_KEYS) this.last.clear();
    this.last.set(key, now);
    this.logger.warn(message);
    return true;
  }
}
