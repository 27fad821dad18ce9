import { KakaoError } from './kakao.error';
import { redactSecrets } from '../util/redact-secrets';

/** The body Kakao's API server (kapi) sends with an error. */
export interface KakaoApiErrorBody {
  code?: number;
  msg?: string;
  api_type?: string;
  required_scopes?: string[];
  allowed_scopes?: string[];
}

const API_HINTS: Readonly<Record<number, string>> = {
  [-1]: 'Temporary Kakao error; retry later and do not log the user out.',
  [-2]: 'A parameter is missing or malformed.',
  [-3]: 'The API is not available to this app or its prerequisites are missing (e.g. the consent item is not revocable).',
  [-10]: 'Kakao API quota exceeded; slow down and retry later.',
  [-101]: 'The user is not linked to this app.',
  [-102]: 'The user is already registered (signed up).',
  [-201]: 'Unknown user property key; register it under [User Properties] in the console.',
  [-401]:
    'The access token is invalid or expired; refresh it (refreshTokens) or log the user in again.',
  [-402]:
    'The user has not consented to a required scope; ask for additional consent with scope=requiredScopes.',
};

/**
 * An error answered by kapi.kakao.com: `{ code, msg }`. `code` is Kakao's negative number
 * (-401 invalid token, -402 missing consent, -10 quota …); `requiredScopes` comes with -402.
 */
export class KakaoApiError extends KakaoError {
  /** Kakao's numeric error code, e.g. -401. */
  readonly code: number;
  /** Kakao's message. */
  readonly msg: string;
  /** HTTP status of Kakao's answer. */
  readonly status: number;
  /** With -402: the scopes the user must consent to. */
  readonly requiredScopes?: string[];
  /** With -402: the scopes the app may ask for. */
  readonly allowedScopes?: string[];
  /** Kakao's `api_type`, when sent. */
  readonly apiType?: string;
  /** How to handle this code. */
  readonly hint?: string;

  constructor(body: KakaoApiErrorBody, status: number) {
    const code = typeof body.code === 'number' ? body.code : 0;
    const msg =
      typeof body.msg === 'string'
        ? redactSecrets(body.msg.slice(0, 1000)).slice(0, 300)
        : 'unknown Kakao API error';
    const hint = API_HINTS[code];
    super(`Kakao API error ${code} (HTTP ${status}): ${msg}${hint ? `. ${hint}` : ''}`);
    this.code = code;
    this.msg = msg;
    this.status = status;
    if (Array.isArray(body.required_scopes)) this.requiredScopes = body.required_scopes.map(String);
    if (Array.isArray(body.allowed_scopes)) this.allowedScopes = body.allowed_scopes.map(String);
    if (typeof body.api_type === 'string') this.apiType = body.api_type;
    this.hint = hint;
  }

  /** True for errors worth retrying later (-1 temporary, -10 quota, 5xx). */
  get retryable(): boolean {
    return this.code === -1 || this.code === -10 || this.code === -9798 || this.status >= 500;
  }
}
