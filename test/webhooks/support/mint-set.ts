import type { KakaoEmulator } from '../../../src/testing';
import type { MintIdTokenOptions } from '../../../src/testing';

export const OAUTH = 'https://schemas.openid.net/secevent/oauth/event-type/';

/**
 * A SET signed by the emulator's id_token key with exactly these claims (the id_token claims
 * mintIdToken starts from are all removed), header `typ: secevent+jwt` unless given.
 */
export function mintSet(
  kakao: KakaoEmulator,
  claims: Record<string, unknown>,
  options: MintIdTokenOptions = {},
): string {
  const base = JSON.parse(
    Buffer.from(kakao.mintIdToken().split('.')[1], 'base64url').toString('utf8'),
  ) as Record<string, unknown>;
  const cleared = Object.fromEntries(Object.keys(base).map((key) => [key, undefined]));
  return kakao.mintIdToken({ ...cleared, ...claims }, { typ: 'secevent+jwt', ...options });
}

/** The claims of a good SET for `userId` with one event. */
export function setClaims(
  kakao: KakaoEmulator,
  userId: string,
  event = `${OAUTH}user-linked`,
  fields: Record<string, unknown> = {},
): Record<string, unknown> {
  return {
    aud: kakao.clientID,
    sub: userId,
    iss: kakao.issuer,
    txm: '1d61d6c8-173b-488c-b8af-2e2b6ca29777',
    iat: Math.floor(kakao.now() / 1000),
    jti: `jti-${Math.random().toString(36).slice(2)}-${Date.now()}`,
    events: {
      [event]: { subject: { sub: userId, subject_type: 'iss-sub', iss: kakao.issuer }, ...fields },
    },
  };
}
