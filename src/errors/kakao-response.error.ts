import { KakaoError } from './kakao.error';

/** Why an answer from Kakao could not be used. */
export type KakaoResponseProblem = 'too_large' | 'malformed' | 'unexpected';

/**
 * Kakao answered, but not with anything usable: a body over the size cap, JSON that does not
 * parse, an HTML error page, or a shape that lacks a required field.
 */
export class KakaoResponseError extends KakaoError {
  readonly endpoint: string;
  readonly status?: number;
  readonly problem: KakaoResponseProblem;

  constructor(endpoint: string, problem: KakaoResponseProblem, detail: string, status?: number) {
    super(`Unusable answer from Kakao (${endpoint}${status ? `, HTTP ${status}` : ''}): ${detail}`);
    this.endpoint = endpoint;
    this.problem = problem;
    this.status = status;
  }
}
