import { KakaoError } from './kakao.error';
import { redactSecrets } from '../util/redact-secrets';

/** Kakao could not be reached (DNS, refused, reset, TLS). The original error is `cause`. */
export class KakaoNetworkError extends KakaoError {
  /** Which call failed, e.g. `POST /oauth/token` (never with query or body). */
  readonly endpoint: string;

  constructor(endpoint: string, cause: unknown, message?: string) {
    super(message ?? `Could not reach Kakao (${endpoint}): ${describeCause(cause)}`, { cause });
    this.endpoint = endpoint;
  }
}

function describeCause(cause: unknown): string {
  const err = cause as { code?: unknown; message?: unknown } | undefined;
  if (err && typeof err.code === 'string') return err.code;
  if (err && typeof err.message === 'string') return redactSecrets(err.message).slice(0, 200);
  return 'network error';
}
