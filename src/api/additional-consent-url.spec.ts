import { KakaoApiError } from '../errors/kakao-api.error';
import { additionalConsentURL } from './additional-consent-url';

const app = { clientID: 'rest-key' };
const redirectURI = 'https://app.example/auth/kakao/callback';

function params(url: string): Record<string, string> {
  return Object.fromEntries(new URL(url).searchParams);
}

describe('additionalConsentURL', () => {
  it('asks for the required_scopes of a -402, comma-joined', () => {
    const error = new KakaoApiError(
      { code: -402, msg: 'insufficient scopes.', required_scopes: ['account_email', 'gender'] },
      403,
    );
    const url = additionalConsentURL(app, { error, redirectURI, state: 'xyz' });
    expect(url.startsWith('https://kauth.kakao.com/oauth/authorize?')).toBe(true);
    expect(params(url)).toEqual({
      client_id: 'rest-key',
      redirect_uri: redirectURI,
      response_type: 'code',
      scope: 'account_email,gender',
      state: 'xyz',
    });
    expect(url).toContain('scope=account_email%2Cgender');
  });

  it('adds openid once when OIDC is on, and uses authBaseURL', () => {
    const url = additionalConsentURL(
      { clientID: 'k', authBaseURL: 'http://127.0.0.1:9/' },
      { scopes: ['phone_number', 'phone_number', 'openid'], redirectURI, openid: true },
    );
    expect(url.startsWith('http://127.0.0.1:9/oauth/authorize?')).toBe(true);
    expect(params(url).scope).toBe('phone_number,openid');
    expect(params(url).state).toBeUndefined();
    expect(
      params(additionalConsentURL(app, { scopes: ['gender'], redirectURI, openid: true })).scope,
    ).toBe('gender,openid');
  });

  it('refuses errors that are not a -402 with scopes, and bad input', () => {
    const invalidToken = new KakaoApiError({ code: -401, msg: 'x' }, 401);
    const noScopes = new KakaoApiError({ code: -402, msg: 'x' }, 403);
    expect(() => additionalConsentURL(app, { error: invalidToken, redirectURI })).toThrow(/-402/);
    expect(() => additionalConsentURL(app, { error: noScopes, redirectURI })).toThrow(
      /names no required_scopes/,
    );
    expect(() => additionalConsentURL(app, { scopes: [], redirectURI })).toThrow(/non-empty list/);
    expect(() => additionalConsentURL(app, { scopes: ['a b'], redirectURI })).toThrow(TypeError);
    expect(() => additionalConsentURL(app, { scopes: ['x'], redirectURI: '/cb' })).toThrow(
      /redirectURI must be an absolute/,
    );
    expect(() => additionalConsentURL({ clientID: '' }, { scopes: ['x'], redirectURI })).toThrow(
      /clientID/,
    );
  });
});
