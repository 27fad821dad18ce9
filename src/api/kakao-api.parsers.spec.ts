import { KakaoResponseError } from '../errors/kakao-response.error';
import { parseExactJson } from '../util/exact-json';
import * as parse from './kakao-api.parsers';

const BIG = '1376016924429759228';
const json = (text: string) => parseExactJson(text);

describe('Kakao API answer parsers', () => {
  it('keeps 19-digit ids exact everywhere', () => {
    expect(parse.parseUserMe('E', json(`{"id":${BIG}}`)).id).toBe(BIG);
    expect(parse.parseUserIdResponse('E', json(`{"id":${BIG}}`))).toEqual({ id: BIG });
    expect(parse.parseTokenInfo('E', json(`{"id":${BIG},"expires_in":5,"app_id":1}`)).id).toBe(BIG);
    expect(parse.parseScopes('E', json(`{"id":${BIG},"scopes":[]}`)).id).toBe(BIG);
    expect(parse.parseUserIds('E', json(`{"elements":[${BIG},12]}`)).elements).toEqual([BIG, '12']);
    expect(parse.parseOidcUserInfo('E', json(`{"sub":"${BIG}"}`)).sub).toBe(BIG);
    expect(
      parse.parseShippingAddresses('E', json(`{"user_id":${BIG},"shipping_addresses":[{"id":1}]}`)),
    ).toEqual({ user_id: BIG, shipping_addresses: [{ id: '1' }] });
  });

  it('keeps a missing address list missing (consent not given)', () => {
    expect(
      parse.parseShippingAddresses('E', { user_id: 1, shipping_addresses_needs_agreement: true }),
    ).toEqual({ user_id: '1', shipping_addresses_needs_agreement: true });
  });

  it.each<[string, () => unknown]>([
    ['no id', () => parse.parseUserMe('GET /v2/user/me', {})],
    ['a float id', () => parse.parseUserIdResponse('E', { id: 1.5 })],
    ['no scopes list', () => parse.parseScopes('E', { id: 1 })],
    ['no service_terms', () => parse.parseServiceTerms('E', { id: 1, service_terms: {} })],
    ['no expires_in', () => parse.parseTokenInfo('E', { id: 1 })],
    ['a bad element', () => parse.parseUserIds('E', { elements: ['x'] })],
    ['an array', () => parse.parseUserMe('E', [])],
    ['no access_token', () => parse.parseRefreshedTokens('E', { expires_in: 1 }, 0)],
  ])('throws KakaoResponseError for %s', (_name, run) => {
    expect(run).toThrow(KakaoResponseError);
  });

  it('reports a refresh token only when rotated', () => {
    const kept = parse.parseRefreshedTokens(
      'E',
      { token_type: 'bearer', access_token: 'a', expires_in: 10, refresh_token: '' },
      1000,
    );
    expect(kept).toMatchObject({ rotated: false, expiresAt: new Date(11_000) });
    expect('refreshToken' in kept).toBe(false);
    const rotated = parse.parseRefreshedTokens(
      'E',
      { access_token: 'a', expires_in: 10, refresh_token: 'r', refresh_token_expires_in: 20 },
      0,
    );
    expect(rotated).toMatchObject({
      rotated: true,
      refreshToken: 'r',
      refreshTokenExpiresAt: new Date(20_000),
      tokenType: 'bearer',
    });
  });
});
