/** Kakao's auth server: authorize, token, logout, JWKS; also the id_token and webhook `iss`. */
export const KAKAO_AUTH_BASE_URL = 'https://kauth.kakao.com';
/** Kakao's API server: `/v2/user/me` and the other REST APIs. */
export const KAKAO_API_BASE_URL = 'https://kapi.kakao.com';

/** Kakao's JWKS under an auth base URL (no trailing slash). */
export function jwksURLOf(authBaseURL: string): string {
  return `${authBaseURL}/.well-known/jwks.json`;
}

/**
 * The `iss` to expect: Kakao's, unless the app pointed `authBaseURL` elsewhere (the emulator
 * issues its own). `configured` is the option as given, `resolved` the checked base URL.
 */
export function issuerFor(configured: string | undefined, resolved: string): string {
  return configured === undefined ? KAKAO_AUTH_BASE_URL : resolved;
}
