import { KakaoError } from './kakao.error';

/** Why an id_token was refused. */
export type KakaoIdTokenProblem =
  | 'missing'
  | 'malformed'
  | 'unsupported_alg'
  | 'unknown_kid'
  | 'bad_signature'
  | 'wrong_issuer'
  | 'wrong_audience'
  | 'expired'
  | 'issued_in_future'
  | 'too_old'
  | 'nonce_mismatch'
  | 'subject_mismatch';

/** An id_token failed verification; it never reaches the app. */
export class KakaoIdTokenError extends KakaoError {
  readonly problem: KakaoIdTokenProblem;

  constructor(problem: KakaoIdTokenProblem, detail?: string) {
    super(`id_token rejected (${problem})${detail ? `: ${detail}` : ''}`);
    this.problem = problem;
  }
}
