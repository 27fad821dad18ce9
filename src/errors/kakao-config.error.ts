import { KakaoError } from './kakao.error';

/** A misconfiguration, thrown at construction or start-up; the message says how to fix it. */
export class KakaoConfigError extends KakaoError {}
