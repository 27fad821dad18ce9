import { KakaoApiClient, type KakaoApiClientOptions } from '../../src/passport';
import { KakaoEmulator } from '../../src/testing';
import type { EmulatorRequestLogEntry, KakaoEmulatorOptions } from '../../src/testing';
import { call, postForm } from '../support/emulator-calls';

export const CLIENT_SECRET = 'emulator-client-secret-e2e';
export { REDIRECT_URI } from '../support/emulator-calls';
/** The default emulator users this suite relies on. */
export const USER = '4012345678'; // fully consented, two shipping addresses
export const BIG_USER = '1376016924426111111'; // 19 digits: beyond 2^53

export interface ApiFixture {
  kakao: KakaoEmulator;
  client: KakaoApiClient;
}

/** An emulator with a client secret, and a client configured for it (secret and admin key). */
export async function startApiFixture(
  emulator: KakaoEmulatorOptions = {},
  client: Partial<KakaoApiClientOptions> = {},
): Promise<ApiFixture> {
  const kakao = await KakaoEmulator.start({ clientSecret: CLIENT_SECRET, ...emulator });
  return { kakao, client: clientFor(kakao, client) };
}

export function clientFor(
  kakao: KakaoEmulator,
  options: Partial<KakaoApiClientOptions> = {},
): KakaoApiClient {
  return new KakaoApiClient({
    clientID: kakao.clientID,
    clientSecret: kakao.clientSecret,
    adminKey: kakao.adminKey,
    authBaseURL: kakao.authBaseURL,
    apiBaseURL: kakao.apiBaseURL,
    ca: kakao.caPem,
    ...options,
  });
}

/** The requests Kakao received for one endpoint ('METHOD /path'). */
export function received(kakao: KakaoEmulator, endpoint: string): EmulatorRequestLogEntry[] {
  const [method, path] = endpoint.split(' ');
  return kakao.requests.filter((r) => r.method === method && r.path === path);
}

/** The only request Kakao received for this endpoint since clearRequests(). */
export function only(kakao: KakaoEmulator, endpoint: string): EmulatorRequestLogEntry {
  const requests = received(kakao, endpoint);
  expect(requests).toHaveLength(1);
  return requests[0];
}

export function header(entry: EmulatorRequestLogEntry, name: string): string | undefined {
  const value = entry.headers[name.toLowerCase()];
  return Array.isArray(value) ? value.join(', ') : value;
}

/** A fresh linked user with these consents (tests that unlink or revoke use their own). */
export function freshUser(kakao: KakaoEmulator, agreedScopes?: string[]): string {
  return kakao.addUser({ nickname: '테스트', email: 'test@example.com', agreedScopes }).id;
}

/** An access token for the user (and the whole token response). */
export function tokensFor(kakao: KakaoEmulator, userId: string, openid = false) {
  return kakao.issueTokens(userId, { openid });
}

/** The rejection of a promise; fails the test when it resolves. */
export async function rejection(promise: Promise<unknown>): Promise<Error> {
  try {
    await promise;
  } catch (err) {
    return err as Error;
  }
  throw new Error('expected the call to fail');
}

/** Follows an authorize URL on the auto-approving emulator and exchanges the code. */
export async function authorizeAndExchange(
  kakao: KakaoEmulator,
  authorizeURL: string,
): Promise<{ access_token: string; refresh_token: string; id_token?: string; scope?: string }> {
  const authorize = await call(authorizeURL);
  const code = authorize.location.searchParams.get('code');
  if (!code) throw new Error(`authorize did not redirect with a code (${authorize.status})`);
  const token = await postForm(`${kakao.authBaseURL}/oauth/token`, {
    grant_type: 'authorization_code',
    client_id: kakao.clientID,
    client_secret: kakao.clientSecret ?? '',
    redirect_uri: `${authorize.location.origin}${authorize.location.pathname}`,
    code,
  });
  if (token.status !== 200) throw new Error(`code exchange failed (${token.status})`);
  return token.json() as {
    access_token: string;
    refresh_token: string;
    id_token?: string;
    scope?: string;
  };
}
