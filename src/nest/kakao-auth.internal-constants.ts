import { SESSION_KEY } from '../strategy/state/session-login.store';

/** Provider token of the validated options (`ResolvedKakaoAuthOptions`). */
export const KAKAO_AUTH_RESOLVED_OPTIONS = Symbol('KAKAO_AUTH_RESOLVED_OPTIONS');
/** Provider token of the route prefix, or `false` without a controller. */
export const KAKAO_AUTH_ROUTE_PREFIX = Symbol('KAKAO_AUTH_ROUTE_PREFIX');
/** Metadata key of per-route `@KakaoAuthenticateOptions()`. */
export const KAKAO_AUTHENTICATE_OPTIONS = 'kakao-auth:authenticate-options';
/** Session key of the Kakao side of the current login (user id and tokens, for logout/unlink). */
export const SESSION_LOGIN_KEY = 'kakaoLogin';
/** Session key the strategy keeps pending logins under (kept across the login's session regeneration). */
export const SESSION_PENDING_KEY = SESSION_KEY;
/** What the module's serializer stores in `session.passport.user`. */
export const SERIALIZED_USER_KEY = 'kakaoAuthUser';
