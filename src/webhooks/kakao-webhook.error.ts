import { KakaoError } from '../errors/kakao.error';

/** Why a webhook request was refused. */
export type KakaoWebhookProblem =
  | 'too_large'
  | 'malformed'
  | 'wrong_typ'
  | 'unsupported_alg'
  | 'unsupported_crit'
  | 'unknown_kid'
  | 'bad_signature'
  | 'jwks_unavailable'
  | 'store_unavailable'
  | 'wrong_issuer'
  | 'wrong_audience'
  | 'issued_in_future'
  | 'stale'
  | 'missing_jti'
  | 'replayed'
  | 'bad_subject'
  | 'subject_mismatch'
  | 'no_events'
  | 'unauthorized'
  | 'wrong_app'
  | 'bad_user_id';

/**
 * A Kakao webhook request (account-status Security Event Token or unlink webhook) was refused.
 * `problem` names the check; the message never carries the token, the admin key or the body.
 */
export class KakaoWebhookError extends KakaoError {
  readonly problem: KakaoWebhookProblem;

  constructor(problem: KakaoWebhookProblem, detail?: string, options?: { cause?: unknown }) {
    super(`Kakao webhook refused (${problem})${detail ? `: ${detail}` : ''}`, options);
    this.problem = problem;
  }
}
