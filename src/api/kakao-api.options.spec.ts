import { KakaoConfigError } from '../errors/kakao-config.error';
import { KakaoApiClient } from './kakao-api.client';
import type { KakaoApiClientOptions } from './kakao-api.options';

describe('KakaoApiClient options', () => {
  const make = (options: Partial<KakaoApiClientOptions>) => () =>
    new KakaoApiClient(options as KakaoApiClientOptions);

  it('uses Kakao hosts by default and strips trailing slashes', () => {
    expect(new KakaoApiClient({ clientID: 'k' })).toMatchObject({
      clientID: 'k',
      authBaseURL: 'https://kauth.kakao.com',
      apiBaseURL: 'https://kapi.kakao.com',
    });
    expect(
      new KakaoApiClient({ clientID: 'k', authBaseURL: 'http://127.0.0.1:1/kauth/' }).authBaseURL,
    ).toBe('http://127.0.0.1:1/kauth');
  });

  it.each<[string, Partial<KakaoApiClientOptions>, RegExp]>([
    [
      'no clientID',
      {},
      /clientID is required: set it to the REST API key under \[App\] > \[Platform Keys\]/,
    ],
    ['blank clientID', { clientID: '  ' }, /clientID is required/],
    [
      'numeric clientSecret',
      { clientID: 'k', clientSecret: 42 as unknown as string },
      /clientSecret must be a string/,
    ],
    ['empty adminKey', { clientID: 'k', adminKey: '' }, /adminKey must be a non-empty string/],
    [
      'relative authBaseURL',
      { clientID: 'k', authBaseURL: '/kauth' },
      /authBaseURL must be an absolute http\(s\) URL/,
    ],
    [
      'ftp apiBaseURL',
      { clientID: 'k', apiBaseURL: 'ftp://x' },
      /apiBaseURL must be an absolute http\(s\) URL/,
    ],
    [
      'query in apiBaseURL',
      { clientID: 'k', apiBaseURL: 'https://x/?a=1' },
      /must not have a query/,
    ],
    [
      'bare ? in authBaseURL',
      { clientID: 'k', authBaseURL: 'https://x/?' },
      /must not have a query/,
    ],
    ['credentials', { clientID: 'k', apiBaseURL: 'https://u:p@x' }, /must not contain credentials/],
    ['zero timeout', { clientID: 'k', timeoutMs: 0 }, /timeoutMs must be a positive number/],
    ['NaN maxResponseBytes', { clientID: 'k', maxResponseBytes: NaN }, /maxResponseBytes/],
  ])('throws KakaoConfigError for %s', (_name, options, message) => {
    expect(make(options)).toThrow(KakaoConfigError);
    expect(make(options)).toThrow(message);
  });

  it('never echoes a secret in a config error', () => {
    const err = (() => {
      try {
        new KakaoApiClient({ clientID: 'k', clientSecret: 'top-secret', apiBaseURL: 'nope' });
      } catch (e) {
        return e as Error;
      }
    })();
    expect(err?.message).toBeDefined();
    expect(`${err?.message} ${String(err)} ${JSON.stringify(err)}`).not.toContain('top-secret');
  });
});
