import { KakaoError } from './kakao.error';
import { KOE_HINTS } from './koe-hints';
import { redactSecrets } from '../util/redact-secrets';

/** The body Kakao's auth server (kauth) sends with an error. */
export interface KakaoAuthErrorBody {
  error?: string;
  error_description?: string;
  error_code?: string;
}

/**
 * An error answered by kauth.kakao.com (token exchange, refresh, logout): `{ error,
 * error_description, error_code }`. Switch on `errorCode` (`KOE320` …), not on `status`.
 */
export class KakaoAuthError extends KakaoError {
  /** OAuth error, e.g. `invalid_grant`, `invalid_client`. */
  readonly error: string;
  /** Kakao's `error_code`, e.g. `KOE320`; undefined when Kakao sent none. */
  readonly errorCode?: string;
  /** Kakao's `error_description`, with any code or token in it redacted. */
  readonly description?: string;
  /** HTTP status of Kakao's answer. */
  readonly status?: number;
  /** How to fix the common KOE codes. */
  readonly hint?: string;

  constructor(body: KakaoAuthErrorBody, status?: number) {
    const error = typeof body.error === 'string' && body.error ? body.error : 'kakao_error';
    const errorCode =
      typeof body.error_code === 'string' && body.error_code ? body.error_code : undefined;
    const description = redactDescription(body.error_description);
    const hint = errorCode ? KOE_HINTS[errorCode] : undefined;
    const head = errorCode ? `${errorCode} ${error}` : error;
    super(
      `Kakao auth error ${head}${description ? `: ${description}` : ''}${hint ? `. ${hint}` : ''}`,
    );
    this.error = error;
    this.errorCode = errorCode;
    this.description = description;
    this.status = status;
    this.hint = hint;
  }
}

/** Kakao and proxies echo codes and tokens (`for code=…`, `code [X]`, URLs); never let them reach logs. */
function redactDescription(description: unknown): string | undefined {
  if (typeof description !== 'string' || !description) return undefined;
  return redactSecrets(description.slice(0, 1000)).slice(0, 300);
}
