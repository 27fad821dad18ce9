import type { IncomingMessage, ServerResponse } from 'node:http';
import { CookieLoginStore } from './cookie-login.store';
import type { PendingLogin } from './pending-login';
import { SESSION_KEY, SessionLoginStore } from './session-login.store';
import { StateCipher } from './state-cipher';

const SECRET = 'x'.repeat(32);
const login = (
  state: string,
  expiresAt: number,
  extra: Partial<PendingLogin> = {},
): PendingLogin => ({ state, expiresAt, ...extra });

describe('SessionLoginStore', () => {
  it('hands a pending login back once, and never after it expired', async () => {
    let now = 1000;
    const store = new SessionLoginStore(5, () => now);
    const req = { session: {} } as unknown as IncomingMessage;
    await store.put(req, login('a', 2000, { verifier: 'v', appState: { returnTo: '/x' } }));
    await store.put(req, login('b', 2000));
    expect(await store.take(req, 'a')).toMatchObject({
      state: 'a',
      verifier: 'v',
      appState: { returnTo: '/x' },
    });
    expect(await store.take(req, 'a')).toBeUndefined();
    now = 2000;
    expect(await store.take(req, 'b')).toBeUndefined();
  });

  it('drops expired and the oldest logins beyond the cap', async () => {
    let now = 0;
    const store = new SessionLoginStore(2, () => now);
    const req = { session: {} } as unknown as IncomingMessage & {
      session: Record<string, { pending: PendingLogin[] }>;
    };
    await store.put(req, login('old', 10));
    now = 20;
    await store.put(req, login('a', 100));
    await store.put(req, login('b', 100));
    await store.put(req, login('c', 100));
    expect(req.session[SESSION_KEY].pending.map((p) => p.state)).toEqual(['b', 'c']);
  });

  it('ignores a session whose slot was tampered with', async () => {
    const store = new SessionLoginStore(5);
    const req = { session: { [SESSION_KEY]: { pending: 'nope' } } } as unknown as IncomingMessage;
    expect(await store.take(req, 'a')).toBeUndefined();
  });
});

describe('StateCipher', () => {
  it('opens what it sealed, and what an older secret sealed after rotation', () => {
    const old = new StateCipher(SECRET);
    const rotated = new StateCipher(['y'.repeat(32), SECRET]);
    expect(rotated.open(old.seal('hello'))).toBe('hello');
    expect(old.open(rotated.seal('hi'))).toBeUndefined();
  });

  it('refuses tampered, truncated and foreign values', () => {
    const cipher = new StateCipher(SECRET);
    const sealed = cipher.seal('{"s":"state"}');
    const bytes = Buffer.from(sealed, 'base64url');
    for (let i = 0; i < bytes.length; i++) {
      const copy = Buffer.from(bytes);
      copy[i] ^= 1;
      expect(cipher.open(copy.toString('base64url'))).toBeUndefined();
    }
    expect(cipher.open(sealed.slice(0, 20))).toBeUndefined();
    expect(cipher.open('')).toBeUndefined();
    expect(new StateCipher('z'.repeat(32)).open(sealed)).toBeUndefined();
  });
});

describe('CookieLoginStore', () => {
  function harness(now: () => number) {
    const headers = new Map<string, string[]>();
    const res = {
      getHeader: (n: string) => headers.get(n),
      setHeader: (n: string, v: string[]) => headers.set(n, v),
    } as unknown as ServerResponse;
    const jar = new Map<string, string>();
    const req = () => {
      const r = {
        headers: { cookie: [...jar].map(([k, v]) => `${k}=${v}`).join('; ') },
        res,
      } as unknown as IncomingMessage;
      headers.clear();
      return r;
    };
    const apply = () => {
      for (const c of headers.get('set-cookie') ?? []) {
        const [pair] = c.split(';');
        const [k, v] = [pair.slice(0, pair.indexOf('=')), pair.slice(pair.indexOf('=') + 1)];
        if (c.includes('Max-Age=0')) jar.delete(k);
        else jar.set(k, v);
      }
    };
    const store = new CookieLoginStore(new StateCipher(SECRET), {
      prefix: 'kakao_login',
      path: '/',
      secure: true,
      ttlSec: 600,
      max: 3,
      now,
    });
    return { store, req, apply, jar, headers };
  }

  it('round-trips a login through a Secure cookie and clears it', async () => {
    const h = harness(() => 0);
    const r1 = h.req();
    await h.store.put(
      r1,
      login('s1', 1000, { verifier: 'v', nonce: 'n', appState: { returnTo: '/x' } }),
    );
    expect(h.headers.get('set-cookie')).toEqual([
      expect.stringMatching(
        /^__Host-kakao_login-bind=.*; Path=\/; HttpOnly; SameSite=Lax; Secure$/,
      ),
      expect.stringMatching(/^__Host-kakao_login\..*; Secure$/),
    ]);
    h.apply();
    const r2 = h.req();
    expect(await h.store.take(r2, 's1')).toEqual(
      login('s1', 1000, {
        verifier: 'v',
        nonce: 'n',
        appState: { returnTo: '/x' },
        redirectURI: undefined,
      }),
    );
    h.apply();
    expect([...h.jar.keys()]).toEqual(['__Host-kakao_login-bind']);
  });

  it('refuses an expired login even if the browser still sends the cookie', async () => {
    let now = 0;
    const h = harness(() => now);
    await h.store.put(h.req(), login('s1', 1000));
    h.apply();
    now = 1000;
    expect(await h.store.take(h.req(), 's1')).toBeUndefined();
  });

  it('keeps at most `max` pending logins, dropping the oldest', async () => {
    const h = harness(() => 0);
    for (let i = 1; i <= 4; i++) {
      await h.store.put(h.req(), login(`s${i}`, 1000 + i));
      h.apply();
    }
    expect(h.jar.size).toBe(3 + 1);
    expect(await h.store.take(h.req(), 's1')).toBeUndefined();
    h.apply();
    expect(await h.store.take(h.req(), 's4')).toBeDefined();
  });
});
