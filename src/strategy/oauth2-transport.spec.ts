import type { KakaoHttpClient, KakaoHttpRequest } from '../http/kakao-http.client';
import { KakaoOAuth2Transport } from './oauth2-transport';

/** The body the transport hands to the HTTP client for one token call. */
function bodyOf(
  settings: { clientID: string; clientSecret?: string },
  code: string,
  params: Record<string, unknown>,
): string {
  let sent: KakaoHttpRequest | undefined;
  const http = {
    send: (call: KakaoHttpRequest) => {
      sent = call;
      return new Promise(() => undefined);
    },
  } as unknown as KakaoHttpClient;
  const transport = new KakaoOAuth2Transport(http, {
    ...settings,
    authorizationURL: 'https://kauth.example/oauth/authorize',
    tokenURL: 'https://kauth.example/oauth/token',
  });
  transport.getOAuthAccessToken(code, params, () => undefined);
  return sent!.formBody!;
}

/** What node-oauth's fields give through URLSearchParams: params, client, then the code. */
function expected(fields: Array<[string, string]>): string {
  return new URLSearchParams(fields).toString();
}

describe('KakaoOAuth2Transport token form', () => {
  it('encodes every value as URLSearchParams would, the client part included', () => {
    const redirect = 'https://app.example/auth/카카오/callback?x=a b&y=~*+';
    for (let i = 0; i < 2; i += 1) {
      // Twice: the second call uses the encodings kept from the first.
      expect(
        bodyOf({ clientID: 'key +&=', clientSecret: 's/é' }, 'c o+de', {
          grant_type: 'authorization_code',
          redirect_uri: redirect,
          code_verifier: 'v_-.~',
          skipped: undefined,
          nothing: null,
          n: 42,
        }),
      ).toBe(
        expected([
          ['grant_type', 'authorization_code'],
          ['redirect_uri', redirect],
          ['code_verifier', 'v_-.~'],
          ['n', '42'],
          ['client_id', 'key +&='],
          ['client_secret', 's/é'],
          ['code', 'c o+de'],
        ]),
      );
    }
  });

  it('sends a refresh token as refresh_token and leaves out an empty secret', () => {
    expect(
      bodyOf({ clientID: 'k', clientSecret: '' }, 'r t', { grant_type: 'refresh_token' }),
    ).toBe(
      expected([
        ['grant_type', 'refresh_token'],
        ['client_id', 'k'],
        ['refresh_token', 'r t'],
      ]),
    );
  });

  it('lets the transport set its own fields even when params name them', () => {
    const body = new URLSearchParams(
      bodyOf({ clientID: 'k', clientSecret: 's' }, 'real', { code: 'fake', client_id: 'other' }),
    );
    expect(body.getAll('code')).toEqual(['real']);
    expect(body.getAll('client_id')).toEqual(['k']);
  });

  it('sends a client_secret from params only when none is configured, as before', () => {
    const own = new URLSearchParams(
      bodyOf({ clientID: 'k', clientSecret: 's' }, 'c', { client_secret: 'x' }),
    );
    expect(own.getAll('client_secret')).toEqual(['s']);
    const given = new URLSearchParams(bodyOf({ clientID: 'k' }, 'c', { client_secret: 'x' }));
    expect(given.getAll('client_secret')).toEqual(['x']);
  });
});
