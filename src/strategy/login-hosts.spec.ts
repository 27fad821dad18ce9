import type { KakaoStrategyRequest } from './strategy-request';
import { LoginHosts } from './login-hosts';

const from = (host: string) => ({ headers: { host } }) as unknown as KakaoStrategyRequest;
const callbackURL = 'https://app.example/auth/kakao/callback';

describe('LoginHosts', () => {
  it('remembers only logins that started on another host than the callback, once', () => {
    const hosts = new LoginHosts(callbackURL);
    hosts.remember(from('app.example'), callbackURL, 's1');
    hosts.remember(from('www.app.example'), callbackURL, 's2');
    expect(hosts.take('s1')).toBeUndefined();
    expect(hosts.take('s2')).toBe('www.app.example');
    expect(hosts.take('s2')).toBeUndefined();
    expect(hosts.take(undefined)).toBeUndefined();
  });

  it("compares with a per-request callbackURL's host", () => {
    const hosts = new LoginHosts(callbackURL);
    hosts.remember(from('other.example'), 'https://other.example/cb', 's');
    expect(hosts.take('s')).toBeUndefined();
  });

  it('keeps at most 500, dropping the oldest', () => {
    const hosts = new LoginHosts(callbackURL);
    for (let i = 0; i <= 500; i++) hosts.remember(from('www.app.example'), callbackURL, `s${i}`);
    expect(hosts.take('s0')).toBeUndefined();
    expect(hosts.take('s1')).toBe('www.app.example');
    expect(hosts.take('s500')).toBe('www.app.example');
  });
});
