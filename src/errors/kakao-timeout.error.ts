import { KakaoNetworkError } from './kakao-network.error';

/** Kakao did not answer within `timeoutMs`. */
export class KakaoTimeoutError extends KakaoNetworkError {
  readonly timeoutMs: number;

  constructor(endpoint: string, timeoutMs: number, cause?: unknown) {
    super(
      endpoint,
      cause,
      `Kakao did not answer ${endpoint} within ${timeoutMs} ms; raise timeoutMs or retry later`,
    );
    this.timeoutMs = timeoutMs;
  }
}
