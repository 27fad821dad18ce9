import { createHash, createPublicKey, verify } from 'node:crypto';
import type { KakaoEmulator } from '../../src/testing';

/**
 * Raw calls to the KakaoEmulator's kauth endpoints (authorize, token, JWKS), as a client makes
 * them: for the emulator's own suites and for tests that need a code or tokens without an app.
 */
export const REDIRECT_URI = 'http://127.0.0.1:3000/auth/kakao/callback';

export interface Answer {
  status: number;
  headers: Headers;
  text: string;
  json: () => Record<string, unknown>;
  location: URL;
}

/** fetch without following redirects; text kept raw so ids can be checked digit by digit. */
export async function call(url: string, init: RequestInit = {}): Promise<Answer> {
  const response = await fetch(url, { redirect: 'manual', ...init });
  const text = await response.text();
  return {
    status: response.status,
    headers: response.headers,
    text,
    json: () => JSON.parse(text) as Record<string, unknown>,
    get location() {
      return new URL(response.headers.get('location') ?? 'http://missing.invalid/');
    },
  };
}

export function postForm(
  url: string,
  form: Record<string, string>,
  headers: Record<string, string> = {},
) {
  return call(url, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded;charset=utf-8', ...headers },
    body: new URLSearchParams(form).toString(),
  });
}

export function authorizeURL(kakao: KakaoEmulator, params: Record<string, string> = {}): string {
  const query = new URLSearchParams({
    client_id: kakao.clientID,
    redirect_uri: REDIRECT_URI,
    response_type: 'code',
    ...params,
  });
  return `${kakao.authBaseURL}/oauth/authorize?${query}`;
}

export function exchangeCode(
  kakao: KakaoEmulator,
  code: string,
  extra: Record<string, string> = {},
) {
  return postForm(`${kakao.authBaseURL}/oauth/token`, {
    grant_type: 'authorization_code',
    client_id: kakao.clientID,
    redirect_uri: REDIRECT_URI,
    code,
    ...extra,
  });
}

/** Runs an auto-approved authorize and returns the code. */
export async function codeFor(
  kakao: KakaoEmulator,
  params: Record<string, string> = {},
): Promise<string> {
  const answer = await call(authorizeURL(kakao, params));
  const code = answer.location.searchParams.get('code');
  if (answer.status !== 302 || !code) throw new Error(`no code: ${answer.status} ${answer.text}`);
  return code;
}

export function pkcePair(verifier = 'v'.repeat(43) + 'erifier-for-the-emulator-tests') {
  return { verifier, challenge: createHash('sha256').update(verifier).digest('base64url') };
}

export function decodeJwt(token: string): {
  header: Record<string, unknown>;
  payload: Record<string, unknown>;
} {
  const [header, payload] = token.split('.');
  return {
    header: JSON.parse(Buffer.from(header, 'base64url').toString('utf8')),
    payload: JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')),
  };
}

/** Verifies an RS256 JWT against the emulator's JWKS, the way a client would. */
export async function verifiesAgainstJwks(kakao: KakaoEmulator, token: string): Promise<boolean> {
  const jwks = (await call(`${kakao.authBaseURL}/.well-known/jwks.json`)).json() as {
    keys: Array<{ kid: string; kty: string; n: string; e: string }>;
  };
  const { header } = decodeJwt(token);
  const jwk = jwks.keys.find((key) => key.kid === header.kid);
  if (!jwk || header.alg !== 'RS256') return false;
  const key = createPublicKey({ key: { kty: jwk.kty, n: jwk.n, e: jwk.e }, format: 'jwk' });
  const [h, p, s] = token.split('.');
  return verify('sha256', Buffer.from(`${h}.${p}`), key, Buffer.from(s, 'base64url'));
}

/** The inputs of an HTML form, by a tiny attribute parser (no DOM library needed). */
export function formInputs(html: string): Array<Record<string, string>> {
  const inputs: Array<Record<string, string>> = [];
  for (const match of html.matchAll(/<(input|button)\b([^>]*)>/g)) {
    const attributes: Record<string, string> = { tag: match[1] };
    for (const attr of match[2].matchAll(/([\w-]+)(?:="([^"]*)")?/g))
      attributes[attr[1]] = attr[2] ?? '';
    inputs.push(attributes);
  }
  return inputs;
}
