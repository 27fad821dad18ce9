import type { IncomingMessage, ServerResponse } from 'node:http';
import { KakaoConfigError } from '../../errors';
import { appendSetCookie, readCookie, readCookies } from './cookie-header';
import { appStateFits, CookieLoginStore, type CookieStoreOptions } from './cookie-login.store';
import { checkStateCookiePath, pathCovers } from './cookie-path';
import type { PendingLogin } from './pending-login';
import { SESSION_KEY, SessionLoginStore } from './session-login.store';
import { StateCipher } from './state-cipher';

/**
 * The pending-login stores and the state cipher at their edges: what keeps a state single-use,
 * short-lived, bound to the browser and unforgeable, beyond the round trips in
 * src/strategy/state/login-stores.spec.ts.
 */
const SECRET = 'k'.repeat(32);
const login = (
  state: string,
  expiresAt: number,
  extra: Partial<PendingLogin> = {},
): PendingLogin => ({
  state,
  expiresAt,
  ...extra,
});

/**
 * One browser's cookie jar in front of a CookieLoginStore: `request()` applies the last
 * Set-Cookie lines and sends the jar back (`url: null` sends a request without a URL).
 */
function browser(
  options: Partial<CookieStoreOptions> = {},
  url: string | null = '/auth/kakao/login',
) {
  const jar = new Map<string, string>();
  let sent: string[] = [];
  const res = {
    getHeader: () => sent,
    setHeader: (_n: string, v: string[]) => (sent = v),
  } as unknown as ServerResponse;
  const store = new CookieLoginStore(new StateCipher(SECRET), {
    prefix: 'kakao_login',
    path: '/',
    secure: false,
    ttlSec: 600,
    max: 5,
    now: () => 0,
    ...options,
  });
  const request = () => {
    for (const c of sent) {
      const [pair] = c.split(';');
      const name = pair.slice(0, pair.indexOf('='));
      if (/Max-Age=0/.test(c)) jar.delete(name);
      else jar.set(name, pair.slice(pair.indexOf('=') + 1));
    }
    sent = [];
    const cookie = [...jar].map(([k, v]) => `${k}=${v}`).join('; ');
    return {
      headers: { cookie },
      ...(url === null ? {} : { url }),
      res,
    } as unknown as IncomingMessage;
  };
  const states = () => [...jar.keys()].filter((k) => k.startsWith('kakao_login.'));
  const stateBytes = () =>
    [...jar]
      .filter(([k]) => k.includes('kakao_login.'))
      .reduce((sum, [k, v]) => sum + k.length + 1 + v.length, 0);
  return { store, jar, request, sent: () => sent, states, stateBytes };
}

describe('StateCipher', () => {
  it('refuses secrets shorter than 32 characters, an empty list and non-strings, saying how to make one', () => {
    for (const secrets of [
      'k'.repeat(31),
      [],
      [SECRET, 'short'],
      [SECRET, 42 as unknown as string],
    ]) {
      expect(() => new StateCipher(secrets)).toThrow(KakaoConfigError);
    }
    expect(() => new StateCipher('k'.repeat(31))).toThrow(
      /at least 32 characters.*randomBytes\(32\)/,
    );
    expect(() => new StateCipher('k'.repeat(32))).not.toThrow();
  });

  it('derives its key the same way in every version: a value sealed before an upgrade still opens', () => {
    // Sealed with stateSecret 'k' x 32 by this release; a change to the key derivation (HKDF
    // salt, info, hash) would log out every login in flight during a deploy.
    const sealed = 'AUE7IUZLshmk_nIPDdrGe-FVQKtLdkUTUEHLqyXxssUyq5t6juinEOcPjQ';
    expect(new StateCipher(SECRET).open(sealed)).toBe('{"s":"golden"}');
  });

  it('seals with the first secret only, and opens with any', () => {
    const a = new StateCipher(['a'.repeat(32)]);
    const ab = new StateCipher(['a'.repeat(32), 'b'.repeat(32)]);
    const ba = new StateCipher(['b'.repeat(32), 'a'.repeat(32)]);
    expect(a.open(ab.seal('x'))).toBe('x');
    expect(a.open(ba.seal('x'))).toBeUndefined();
    expect(ab.open(ba.seal('x'))).toBe('x');
  });

  it('seals the same text differently every time (random IV)', () => {
    const cipher = new StateCipher(SECRET);
    expect(cipher.seal('same')).not.toBe(cipher.seal('same'));
  });

  it('opens the shortest sealed value (a 1-byte text) and refuses anything shorter', () => {
    const cipher = new StateCipher(SECRET);
    const sealed = cipher.seal('x');
    expect(Buffer.from(sealed, 'base64url')).toHaveLength(30);
    expect(cipher.open(sealed)).toBe('x');
    const bytes = Buffer.from(sealed, 'base64url');
    expect(cipher.open(bytes.subarray(0, 29).toString('base64url'))).toBeUndefined();
  });

  it('refuses a value with another version byte even when the rest is intact', () => {
    const cipher = new StateCipher(SECRET);
    const bytes = Buffer.from(cipher.seal('hello'), 'base64url');
    bytes[0] = 2;
    expect(cipher.open(bytes.toString('base64url'))).toBeUndefined();
  });
});

describe('cookie headers', () => {
  const req = (cookie?: string) =>
    ({ headers: cookie === undefined ? {} : { cookie } }) as IncomingMessage;

  it('reads the cookies whose name starts with the prefix, trimmed, and skips parts without "="', () => {
    const found = readCookies(
      req(' kakao_login.a = 1 ;junk;kakao_login.bare; other=2;kakao_login.b=x=y; kakao_login.c='),
      'kakao_login.',
    );
    expect([...found]).toEqual([
      ['kakao_login.a', '1'],
      ['kakao_login.b', 'x=y'],
      ['kakao_login.c', ''],
    ]);
    expect(readCookies(req(), 'kakao_login.').size).toBe(0);
    // an empty name is a name like any other (only the prefix decides)
    expect([...readCookies(req('=x'), '')]).toEqual([['', 'x']]);
    expect(readCookies(req(''), 'kakao_login.').size).toBe(0);
  });

  function response(initial?: string | string[]) {
    const headers = new Map<string, unknown>(
      initial === undefined ? [] : [['set-cookie', initial]],
    );
    const res = {
      getHeader: (n: string) => headers.get(n),
      setHeader: (n: string, v: unknown) => headers.set(n, v),
    } as unknown as ServerResponse;
    return { res, cookies: () => headers.get('set-cookie') as string[] };
  }

  it('appends to the Set-Cookie headers already set (a string or a list) without dropping them', () => {
    const single = response('connect.sid=abc; Path=/');
    appendSetCookie(single.res, 'n', 'v', { path: '/', secure: false, maxAgeSec: 5 });
    expect(single.cookies()).toEqual([
      'connect.sid=abc; Path=/',
      'n=v; Path=/; Max-Age=5; HttpOnly; SameSite=Lax',
    ]);
    const list = response(['a=1', 'b=2']);
    appendSetCookie(list.res, 'n', 'v', { path: '/cb', secure: true, maxAgeSec: 0 });
    expect(list.cookies()).toEqual([
      'a=1',
      'b=2',
      'n=v; Path=/cb; Max-Age=0; HttpOnly; SameSite=Lax; Secure',
    ]);
    const none = response();
    appendSetCookie(none.res, 'n', 'v', { path: '/', secure: false, maxAgeSec: 1 });
    expect(none.cookies()).toHaveLength(1);
  });
});

describe('CookieLoginStore', () => {
  /** A browser whose store keeps 3 logins; `states` and `sent` leave out the browser binding. */
  function loginBrowser(options: Partial<CookieStoreOptions> = {}, now = () => 0) {
    const b = browser({ max: 3, now, ...options });
    const states = () => [...b.jar].filter(([name]) => !name.endsWith('-bind'));
    const sent = () => b.sent().filter((c) => !/^[^=]*-bind=/.test(c));
    return { store: b.store, jar: b.jar, request: b.request, states, sent };
  }

  it('names each cookie after its state, under the prefix, with the configured path and lifetime', async () => {
    const b = loginBrowser({ prefix: 'myapp', path: '/auth', ttlSec: 120 });
    await b.store.put(b.request(), login('s1', 1000));
    expect(b.sent()).toEqual([
      expect.stringMatching(
        /^myapp\.[A-Za-z0-9_-]{12}=[A-Za-z0-9_-]+; Path=\/auth; Max-Age=120; HttpOnly; SameSite=Lax$/,
      ),
    ]);
    await b.store.put(b.request(), login('s2', 1000));
    b.request();
    const names = b.states().map(([name]) => name);
    expect(names).toHaveLength(2);
    expect(names[0]).not.toBe(names[1]);
  });

  it('hands the login back once; a replay with a copy of the cookie is refused by this process', async () => {
    const b = loginBrowser();
    await b.store.put(
      b.request(),
      login('s1', 1000, { verifier: 'v', nonce: 'n', redirectURI: 'https://a/cb' }),
    );
    const copy = b.request();
    const first = await b.store.take(copy, 's1');
    expect(first).toEqual(
      login('s1', 1000, {
        verifier: 'v',
        nonce: 'n',
        redirectURI: 'https://a/cb',
        appState: undefined,
      }),
    );
    expect(b.sent()).toEqual([
      expect.stringMatching(/=; Path=\/; Max-Age=0; HttpOnly; SameSite=Lax$/),
    ]);
    expect(await b.store.take(copy, 's1')).toBeUndefined();
  });

  it('refuses a state whose cookie is missing, and a cookie holding another state', async () => {
    const b = loginBrowser();
    await b.store.put(b.request(), login('s1', 1000));
    expect(await b.store.take(b.request(), 's2')).toBeUndefined();
    await b.store.put(b.request(), login('s2', 1000));
    b.request();
    // s1's sealed value moved under s2's cookie name: the state inside must match
    const [[, v1], [n2]] = b.states();
    b.jar.set(n2, v1);
    expect(await b.store.take(b.request(), 's2')).toBeUndefined();
  });

  it('refuses an expired login at its exact expiry, and accepts it a millisecond before', async () => {
    let now = 0;
    const b = loginBrowser({}, () => now);
    await b.store.put(b.request(), login('early', 1000));
    await b.store.put(b.request(), login('late', 1000));
    now = 999;
    expect(await b.store.take(b.request(), 'early')).toBeDefined();
    now = 1000;
    expect(await b.store.take(b.request(), 'late')).toBeUndefined();
  });

  it.each([
    ['not sealed by us', () => 'garbage'],
    ['sealed JSON that is not a login', () => new StateCipher(SECRET).seal('{"x":1}')],
    [
      'a login whose expiry is not a number',
      () => new StateCipher(SECRET).seal('{"s":"s1","e":"9999"}'),
    ],
    ['a login whose state is not a string', () => new StateCipher(SECRET).seal('{"s":1,"e":9999}')],
    ['sealed text that is not JSON', () => new StateCipher(SECRET).seal('{not json')],
  ])('refuses a cookie %s', async (_label, value) => {
    const b = loginBrowser();
    await b.store.put(b.request(), login('s1', 1000));
    b.request();
    const [[name]] = b.states();
    b.jar.set(name, value());
    expect(await b.store.take(b.request(), 's1')).toBeUndefined();
  });

  it('drops the oldest logins beyond max, counting unreadable cookies as the oldest', async () => {
    const b = loginBrowser({ max: 2 });
    b.jar.set('kakao_login.unreadable', 'garbage');
    b.jar.set('unrelated', 'kept');
    await b.store.put(b.request(), login('s1', 2000));
    await b.store.put(b.request(), login('s2', 1000));
    b.request();
    expect(b.jar.has('kakao_login.unreadable')).toBe(false);
    expect(b.jar.get('unrelated')).toBe('kept');
    await b.store.put(b.request(), login('s3', 3000));
    // s2 expires first, so it is the oldest: s1 and s3 survive
    expect(await b.store.take(b.request(), 's2')).toBeUndefined();
    expect(await b.store.take(b.request(), 's1')).toBeDefined();
    expect(await b.store.take(b.request(), 's3')).toBeDefined();
  });

  it('below max nothing is dropped', async () => {
    const b = loginBrowser({ max: 5 });
    for (const s of ['s1', 's2', 's3', 's4']) await b.store.put(b.request(), login(s, 1000));
    b.request();
    expect(b.states()).toHaveLength(4);
  });

  it('keeps exactly max logins', async () => {
    const b = loginBrowser({ max: 3 });
    for (const s of ['s1', 's2', 's3']) await b.store.put(b.request(), login(s, 1000));
    b.request();
    expect(b.states()).toHaveLength(3);
  });

  it('remembers used states only until they expire, once 1,000 accumulate', async () => {
    let now = 0;
    const b = loginBrowser({ max: 5 }, () => now);
    const used = (b.store as unknown as { used: Map<string, number> }).used;
    for (let i = 0; i < 999; i++) {
      await b.store.put(b.request(), login(`old${i}`, 100));
      await b.store.take(b.request(), `old${i}`);
    }
    await b.store.put(b.request(), login('recent', 1000));
    const recentCopy = b.request();
    await b.store.take(recentCopy, 'recent');
    expect(used.size).toBe(1000);
    now = 100;
    await b.store.put(b.request(), login('fresh', 500));
    await b.store.take(b.request(), 'fresh');
    expect([...used.keys()].sort()).toEqual(['fresh', 'recent']);
    // the unexpired one is still refused with a copy of its cookie
    expect(await b.store.take(recentCopy, 'recent')).toBeUndefined();
  });

  it('sweeps in insertion order and stops at the first state still alive', async () => {
    let now = 0;
    const b = loginBrowser({ max: 5 }, () => now);
    const used = (b.store as unknown as { used: Map<string, number> }).used;
    await b.store.put(b.request(), login('long', 1000));
    await b.store.take(b.request(), 'long');
    for (let i = 0; i < 999; i++) {
      await b.store.put(b.request(), login(`old${i}`, 100));
      await b.store.take(b.request(), `old${i}`);
    }
    now = 100;
    await b.store.put(b.request(), login('fresh', 500));
    await b.store.take(b.request(), 'fresh');
    // the live 'long' at the front stops this sweep; the expired ones go once it has expired
    expect(used.size).toBe(1001);
    now = 1000;
    await b.store.put(b.request(), login('later', 2000));
    await b.store.take(b.request(), 'later');
    expect([...used.keys()]).toEqual(['later']);
  });

  it('does not sweep below 1,000 used states', async () => {
    let now = 0;
    const b = loginBrowser({ max: 5 }, () => now);
    const used = (b.store as unknown as { used: Map<string, number> }).used;
    for (let i = 0; i < 999; i++) {
      await b.store.put(b.request(), login(`old${i}`, 100));
      await b.store.take(b.request(), `old${i}`);
    }
    now = 100;
    await b.store.put(b.request(), login('fresh', 500));
    await b.store.take(b.request(), 'fresh');
    expect(used.size).toBe(1000);
  });

  it('explains that it needs req.res', async () => {
    const store = new CookieLoginStore(new StateCipher(SECRET), {
      prefix: 'p',
      path: '/',
      secure: false,
      ttlSec: 1,
      max: 1,
    });
    const noRes = { headers: {} } as IncomingMessage;
    await expect(store.put(noRes, login('s', 1))).rejects.toThrow(
      /needs req\.res.*stateStore "session"/,
    );
    const badRes = { headers: {}, res: {} } as unknown as IncomingMessage;
    await expect(store.put(badRes, login('s', 1))).rejects.toThrow(KakaoConfigError);
  });

  it('uses the real clock by default', async () => {
    const store = new CookieLoginStore(new StateCipher(SECRET), {
      prefix: 'p',
      path: '/',
      secure: false,
      ttlSec: 1,
      max: 1,
    });
    let cookies: string[] = [];
    const res = { getHeader: () => cookies, setHeader: (_n: string, v: string[]) => (cookies = v) };
    await store.put(
      { headers: {}, res } as unknown as IncomingMessage,
      login('s', Date.now() + 60_000),
    );
    const cookie = cookies.map((c) => c.split(';')[0]).join('; ');
    const back = await store.take({ headers: { cookie }, res } as unknown as IncomingMessage, 's');
    expect(back?.state).toBe('s');
  });
});

describe('SessionLoginStore', () => {
  type Req = IncomingMessage & { session: Record<string, unknown> };
  const req = (session: Record<string, unknown> = {}) => ({ session }) as unknown as Req;
  const states = (r: Req) =>
    (r.session[SESSION_KEY] as { pending: PendingLogin[] }).pending.map((p) => p.state);

  it('keeps pending logins under req.session.kakaoAuth (the name the Nest module carries over a login)', async () => {
    const store = new SessionLoginStore(5, () => 0);
    const r = req();
    await store.put(r, login('a', 100));
    expect(r.session).toEqual({ kakaoAuth: { pending: [login('a', 100)] } });
  });

  it('drops expired logins when a new one is put, at their exact expiry', async () => {
    let now = 0;
    const store = new SessionLoginStore(5, () => now);
    const r = req();
    await store.put(r, login('a', 100));
    await store.put(r, login('b', 101));
    now = 100;
    await store.put(r, login('c', 500));
    expect(states(r)).toEqual(['b', 'c']);
  });

  it('keeps exactly max logins, dropping the oldest', async () => {
    const store = new SessionLoginStore(2, () => 0);
    const r = req();
    await store.put(r, login('a', 100));
    await store.put(r, login('b', 100));
    expect(states(r)).toEqual(['a', 'b']);
    await store.put(r, login('c', 100));
    expect(states(r)).toEqual(['b', 'c']);
  });

  it('takes the matching login out, leaving the others', async () => {
    const store = new SessionLoginStore(5, () => 0);
    const r = req();
    for (const s of ['a', 'b', 'c']) await store.put(r, login(s, 100));
    expect((await store.take(r, 'b'))?.state).toBe('b');
    expect(states(r)).toEqual(['a', 'c']);
    expect(await store.take(r, 'b')).toBeUndefined();
  });

  it('an expired login is taken out (never usable again) but not handed back', async () => {
    let now = 0;
    const store = new SessionLoginStore(5, () => now);
    const r = req();
    await store.put(r, login('a', 100));
    now = 99;
    await store.put(r, login('b', 200));
    now = 100;
    expect(await store.take(r, 'a')).toBeUndefined();
    expect(states(r)).toEqual(['b']);
  });

  it.each([
    ['no session', { headers: {} }],
    ['no slot', { session: {} }],
    ['a slot without a list', { session: { [SESSION_KEY]: { pending: {} } } }],
    [
      'a list with holes and foreign entries',
      { session: { [SESSION_KEY]: { pending: [null, 5, { state: 'x' }] } } },
    ],
  ])('take with %s finds nothing', async (_label, r) => {
    const store = new SessionLoginStore(5, () => 0);
    expect(await store.take(r as unknown as IncomingMessage, 'a')).toBeUndefined();
  });

  it('put replaces a tampered slot and keeps a valid one', async () => {
    const store = new SessionLoginStore(5, () => 0);
    const tampered = req({ [SESSION_KEY]: { pending: 'x' } });
    await store.put(tampered, login('a', 100));
    expect(states(tampered)).toEqual(['a']);
    const valid = req({ [SESSION_KEY]: { pending: [login('old', 100)] } });
    await store.put(valid, login('new', 100));
    expect(states(valid)).toEqual(['old', 'new']);
  });

  it('put explains that it needs a session (at once: the session store answers synchronously)', () => {
    const store = new SessionLoginStore(5);
    expect(() => store.put({ headers: {} } as IncomingMessage, login('a', 1))).toThrow(
      /needs req\.session; install express-session/,
    );
  });

  it('uses the real clock by default', async () => {
    const store = new SessionLoginStore(5);
    const r = req();
    await store.put(r, login('a', Date.now() + 60_000));
    expect((await store.take(r, 'a'))?.state).toBe('a');
  });
});

describe('CookieLoginStore: size budget, browser binding, __Host- names, shared claims', () => {
  it('refuses app state over 512 bytes of JSON, and accepts exactly 512', async () => {
    const b = browser();
    const exact = { r: 'x'.repeat(512 - '{"r":""}'.length) };
    expect(JSON.stringify(exact)).toHaveLength(512);
    expect(appStateFits(exact)).toBe(true);
    await b.store.put(b.request(), login('ok', 1000, { appState: exact }));
    const over = { r: `${exact.r}x` };
    expect(appStateFits(over)).toBe(false);
    expect(appStateFits(undefined)).toBe(true);
    await expect(b.store.put(b.request(), login('big', 1000, { appState: over }))).rejects.toThrow(
      /app state .* 513 bytes of JSON; at most 512 fit/,
    );
    // Multi-byte characters count as bytes, not characters.
    expect(appStateFits({ r: '가'.repeat(200) })).toBe(false);
  });

  it('refuses a login whose cookie would exceed 1,200 bytes (a huge redirect URI)', async () => {
    const b = browser();
    const redirectURI = `https://a.example/${'p'.repeat(900)}`;
    await expect(b.store.put(b.request(), login('s', 1000, { redirectURI }))).rejects.toThrow(
      /needs a \d+-byte state cookie, more than the 1200 allowed/,
    );
    expect(b.sent()).toEqual([]);
  });

  it('keeps all state cookies within 2,048 bytes, dropping the oldest first', async () => {
    const b = browser({ max: 10 });
    const appState = { returnTo: `/${'r'.repeat(480)}` };
    for (let i = 1; i <= 6; i++) {
      await b.store.put(b.request(), login(`s${i}`, 1000 + i, { appState }));
      b.request();
      expect(b.stateBytes()).toBeLessThanOrEqual(2048);
    }
    expect(await b.store.take(b.request(), 's1')).toBeUndefined();
    expect(await b.store.take(b.request(), 's6')).toBeDefined();
    // Small logins: the count cap binds before the budget.
    const small = browser({ max: 3 });
    for (let i = 1; i <= 5; i++) await small.store.put(small.request(), login(`t${i}`, 1000 + i));
    small.request();
    expect([...small.jar.keys()].filter((k) => k.includes('.'))).toHaveLength(3);
  });

  it('looks at no more than max + 3 state cookies on a login start', async () => {
    const b = browser({ max: 2 });
    for (let i = 0; i < 40; i++) b.jar.set(`kakao_login.junk${i}`, 'x'.repeat(30));
    const opened = jest.spyOn(StateCipher.prototype, 'open');
    try {
      await b.store.put(b.request(), login('s', 1000));
      expect(opened.mock.calls.length).toBeLessThanOrEqual(5);
      expect(b.sent().filter((c) => /Max-Age=0/.test(c)).length).toBeLessThanOrEqual(5);
    } finally {
      opened.mockRestore();
    }
    // An oversized cookie is not even opened.
    const big = browser();
    big.jar.set('kakao_login.big', 'x'.repeat(1300));
    const opens = jest.spyOn(StateCipher.prototype, 'open');
    try {
      await big.store.put(big.request(), login('s', 1000));
      expect(opens).not.toHaveBeenCalled();
      expect(big.sent().some((c) => c.startsWith('kakao_login.big=;'))).toBe(true);
    } finally {
      opens.mockRestore();
    }
  });

  it('binds a login to its browser: set once as a session cookie, reused, required at the callback', async () => {
    const b = browser();
    await b.store.put(b.request(), login('s1', 1000));
    expect(b.sent()[0]).toMatch(/^kakao_login-bind=[\w-]{22}; Path=\/; HttpOnly; SameSite=Lax$/);
    const req = b.request();
    const binding = b.jar.get('kakao_login-bind');
    await b.store.put(req, login('s2', 1000));
    expect(b.sent().some((c) => c.startsWith('kakao_login-bind='))).toBe(false);
    b.request();
    expect(b.jar.get('kakao_login-bind')).toBe(binding);
    // Another browser's binding (same length), a malformed one, or none: refused.
    for (const other of ['A'.repeat(22), 'short', undefined]) {
      const copy = browser();
      for (const [k, v] of b.jar) copy.jar.set(k, v);
      if (other === undefined) copy.jar.delete('kakao_login-bind');
      else copy.jar.set('kakao_login-bind', other);
      expect(await copy.store.take(copy.request(), 's1')).toBeUndefined();
    }
    expect(await b.store.take(b.request(), 's1')).toBeDefined();
    // A sealed login without a binding (sealed before bindings existed) is refused.
    const unbound = browser();
    unbound.jar.set('kakao_login-bind', binding!);
    const name = [...b.jar.keys()].find((k) => k.startsWith('kakao_login.'))!;
    unbound.jar.set(name, new StateCipher(SECRET).seal('{"s":"s2","e":1000}'));
    expect(await unbound.store.take(unbound.request(), 's2')).toBeUndefined();
  });

  it('on https: __Host- names, Path=/ whatever the path option, Secure', async () => {
    const b = browser({ secure: true, path: '/auth' });
    await b.store.put(b.request(), login('s1', 1000));
    expect(b.sent()).toEqual([
      expect.stringMatching(
        /^__Host-kakao_login-bind=[\w-]{22}; Path=\/; HttpOnly; SameSite=Lax; Secure$/,
      ),
      expect.stringMatching(
        /^__Host-kakao_login\.[\w-]{12}=[\w-]+; Path=\/; Max-Age=600; HttpOnly; SameSite=Lax; Secure$/,
      ),
    ]);
    const req = b.request();
    // The same cookie without the prefix (tossed by a sibling) is not read.
    const tossed = browser({ secure: true });
    for (const [k, v] of b.jar) tossed.jar.set(k.replace('__Host-', ''), v);
    expect(await tossed.store.take(tossed.request(), 's1')).toBeUndefined();
    expect(await b.store.take(req, 's1')).toBeDefined();
  });

  it('claims used states in the shared store when given, with the login’s remaining lifetime', async () => {
    const claims: Array<[string, number]> = [];
    const taken = new Set<string>();
    const claim = (key: string, ttlSec: number) => {
      claims.push([key, ttlSec]);
      if (taken.has(key)) return false;
      taken.add(key);
      return true;
    };
    let now = 0;
    const b = browser({ claim, now: () => now });
    await b.store.put(b.request(), login('s1', 10_500));
    const copy = b.request();
    now = 1000;
    expect(await b.store.take(copy, 's1')).toBeDefined();
    expect(await b.store.take(copy, 's1')).toBeUndefined();
    expect(claims).toEqual([
      [expect.stringMatching(/^state:[\w-]{43}$/), 10],
      [claims[0][0], 10],
    ]);
    expect(claims[0][0]).not.toContain('s1');
    // A login about to expire still claims for at least a second.
    await b.store.put(b.request(), login('s2', 1200));
    expect(await b.store.take(b.request(), 's2')).toBeDefined();
    expect(claims[2][1]).toBe(1);
    // The shared store failing fails the take (a clean login failure upstream).
    const failing = browser({ claim: () => Promise.reject(new Error('redis down')) });
    await failing.store.put(failing.request(), login('s3', 1000));
    await expect(failing.store.take(failing.request(), 's3')).rejects.toThrow('redis down');
  });

  it('refuses a login start on a route the cookie path does not cover, once checked per route', async () => {
    const outside = browser({ path: '/auth/kakao/callback' }, '/auth/kakao/login?x=1');
    await expect(outside.store.put(outside.request(), login('s', 1000))).rejects.toThrow(
      /stateCookiePath "\/auth\/kakao\/callback" does not cover the login route \/auth\/kakao\/login/,
    );
    const inside = browser({ path: '/auth/kakao' });
    await inside.store.put(inside.request(), login('s1', 1000));
    await inside.store.put(inside.request(), login('s2', 1000));
    expect(inside.sent()[0]).toMatch(/Path=\/auth\/kakao;/);
    // Express's originalUrl wins over url (a router mounted under a prefix).
    const mounted = browser({ path: '/auth' }, '/login');
    const req = mounted.request() as IncomingMessage & { originalUrl?: string };
    req.originalUrl = '/auth/login';
    await mounted.store.put(req, login('s', 1000));
  });
});

describe('cookie paths', () => {
  it.each([
    ['/', '/anything', true],
    ['/auth', '/auth', true],
    ['/auth', '/auth/kakao/login', true],
    ['/auth/', '/auth/kakao', true],
    ['/auth', '/authz', false],
    ['/auth/kakao', '/auth', false],
    ['/auth/kakao/callback', '/auth/kakao/login', false],
  ])('Path=%s covers %s: %s', (cookiePath, requestPath, covered) => {
    expect(pathCovers(cookiePath, requestPath)).toBe(covered);
  });

  it('names the routes missed, all the routes, and a common parent', () => {
    expect(() =>
      checkStateCookiePath('X', '/a/b/callback', [
        ['login', '/a/b/login'],
        ['callback', '/a/b/callback'],
        ['exchange', '/a/b/exchange'],
      ]),
    ).toThrow(
      'X: stateCookiePath "/a/b/callback" does not cover the login route /a/b/login and the exchange route /a/b/exchange; the state cookies must reach every one of: login /a/b/login, callback /a/b/callback, exchange /a/b/exchange. Use a common parent path (e.g. "/a/b") or leave stateCookiePath out (default "/")',
    );
    expect(() =>
      checkStateCookiePath('X', '/z', [
        ['login', '/a/login'],
        ['callback', '/b/cb'],
      ]),
    ).toThrow(/e\.g\. "\/"\)/);
    expect(() => checkStateCookiePath('X', '/a', [['login', '/a/login']])).not.toThrow();
  });

  it('reads a bounded number of prefixed cookies, and one cookie by its exact name', () => {
    const req = {
      headers: { cookie: 'p.1=a; p.2=b; other=c; p.3=d; p=e; p.10=f' },
    } as unknown as IncomingMessage;
    expect([...readCookies(req, 'p.', 2)]).toEqual([
      ['p.1', 'a'],
      ['p.2', 'b'],
    ]);
    expect(readCookies(req, 'p.').size).toBe(4);
    expect(readCookie(req, 'p')).toBe('e');
    expect(readCookie(req, 'p.1')).toBe('a');
    expect(readCookie(req, 'missing')).toBeUndefined();
    expect(readCookie({ headers: {} } as IncomingMessage, 'p')).toBeUndefined();
    expect(
      readCookie({ headers: { cookie: 'novalue; p=1' } } as unknown as IncomingMessage, 'p'),
    ).toBe('1');
  });

  it('appends a browser-session cookie without Max-Age', () => {
    let sent: string[] = [];
    const res = {
      getHeader: () => undefined,
      setHeader: (_n: string, v: string[]) => (sent = v),
    } as unknown as ServerResponse;
    appendSetCookie(res, 'n', 'v', { path: '/', secure: false });
    expect(sent).toEqual(['n=v; Path=/; HttpOnly; SameSite=Lax']);
  });
});

describe('state store edges found by mutation testing', () => {
  const sealedWith = (plain: string) => new StateCipher(SECRET).seal(plain);

  it('readCookie: a part without "=" is no cookie, "=v" has an empty name, values are trimmed', () => {
    const req = (cookie: string) => ({ headers: { cookie } }) as unknown as IncomingMessage;
    expect(readCookie(req('novalue; novalu=1'), 'novalu')).toBe('1');
    expect(readCookie(req('=v; a=1'), '')).toBe('v');
    expect(readCookie(req('a=1; p= 2 '), 'p')).toBe('2');
  });

  it('the session slot is removed once its last pending login is taken', async () => {
    const store = new SessionLoginStore(5, () => 0);
    const req = { session: {} } as unknown as IncomingMessage & { session: object };
    await store.put(req, login('a', 100));
    await store.put(req, login('b', 100));
    await store.take(req, 'a');
    expect(req.session).toHaveProperty(SESSION_KEY);
    await store.take(req, 'b');
    expect(req.session).toEqual({});
  });

  it('the common parent suggested for one route is its folder', () => {
    expect(() => checkStateCookiePath('X', '/z', [['login', '/a/b/login']])).toThrow(
      /e\.g\. "\/a\/b"\)/,
    );
  });

  it.each([
    ['23 characters', 'A'.repeat(23)],
    ['a foreign first character', `!${'A'.repeat(22)}`],
    ['a foreign last character', `${'A'.repeat(22)}!`],
    ['too short', 'short'],
  ])('a malformed binding cookie (%s) is replaced, not trusted', async (_label, value) => {
    const b = browser();
    b.jar.set('kakao_login-bind', value);
    await b.store.put(b.request(), login('s1', 1000));
    const set = b.sent().find((c) => c.startsWith('kakao_login-bind='));
    expect(set).toMatch(/^kakao_login-bind=[\w-]{22};/);
    expect(set).not.toContain(value);
    // The login is bound to the new value: it completes with it.
    expect(await b.store.take(b.request(), 's1')).toBeDefined();
  });

  it('a login without a sealed binding is refused, never a throw, whatever the browser holds', async () => {
    const b = browser();
    await b.store.put(b.request(), login('s0', 1000));
    b.request();
    const name = b.states()[0];
    b.jar.set(name, sealedWith('{"s":"s0","e":1000}'));
    await expect(b.store.take(b.request(), 's0')).resolves.toBeUndefined();
    // A sealed binding of another length than the browser's: refused, never a throw.
    b.jar.set(name, sealedWith(`{"s":"s0","e":1000,"b":"${'A'.repeat(21)}"}`));
    await expect(b.store.take(b.request(), 's0')).resolves.toBeUndefined();
    // The browser has no binding at all.
    b.jar.delete('kakao_login-bind');
    b.jar.set(name, sealedWith(`{"s":"s0","e":1000,"b":"${'A'.repeat(22)}"}`));
    await expect(b.store.take(b.request(), 's0')).resolves.toBeUndefined();
  });

  it('the login-route message names the strategy, and a request without a URL counts as "/"', async () => {
    const b = browser({ path: '/auth' }, null);
    await expect(b.store.put(b.request(), login('s', 1000))).rejects.toThrow(
      /^KakaoStrategy: stateCookiePath "\/auth" does not cover the login route \/;/,
    );
  });

  it('a cookie of exactly 1,200 characters is still opened; a longer one is not', async () => {
    const opened = jest.spyOn(StateCipher.prototype, 'open');
    try {
      const exact = browser();
      exact.jar.set('kakao_login.x', 'A'.repeat(1200));
      await exact.store.put(exact.request(), login('s', 1000));
      expect(opened).toHaveBeenCalledTimes(1);
      opened.mockClear();
      const longer = browser();
      longer.jar.set('kakao_login.x', 'A'.repeat(1201));
      await longer.store.put(longer.request(), login('s', 1000));
      expect(opened).not.toHaveBeenCalled();
    } finally {
      opened.mockRestore();
    }
  });

  it('over the budget, only as many old logins go as needed', async () => {
    const b = browser({ max: 10 });
    const appState = { returnTo: `/${'r'.repeat(480)}` };
    for (let i = 1; i <= 4; i++) {
      await b.store.put(b.request(), login(`s${i}`, 1000 + i, { appState }));
      b.request();
      // Two ≈ 930-byte cookies fit in 2,048 bytes, a third does not.
      expect(b.states()).toHaveLength(Math.min(i, 2));
    }
  });

  it.each([
    ['an expiry that is not a number', '{"s":"x","e":"9999"}'],
    ['a state that is not a string', '{"s":1,"e":9999}'],
    ['no state and no expiry', '{"x":1}'],
  ])('a sealed cookie with %s is cleared at the next login start', async (_label, plain) => {
    const b = browser();
    b.jar.set('kakao_login.odd', sealedWith(plain));
    await b.store.put(b.request(), login('s', 1000));
    expect(b.sent()).toContainEqual(expect.stringMatching(/^kakao_login\.odd=; .*Max-Age=0/));
  });

  it('a state cookie of exactly 1,200 bytes is set; one byte more is refused', async () => {
    // Find redirect URIs whose cookie lands exactly on 1,200 and 1,201 bytes (base64 grows by
    // 1 or 2 characters a byte, so the state's length shifts the phase).
    const sizes = new Map<number, number>();
    for (const state of ['s', 'ss', 'sss'])
      for (let n = 740; n < 840; n++) {
        const probe = browser();
        const redirectURI = `https://a.example/${'p'.repeat(n)}`;
        try {
          await probe.store.put(probe.request(), login(state, 1000, { redirectURI }));
          const cookie = probe.sent().find((c) => c.startsWith('kakao_login.'))!;
          sizes.set(cookie.split(';')[0].length, n);
        } catch (err) {
          const size = Number(/needs a (\d+)-byte/.exec((err as Error).message)?.[1]);
          sizes.set(size, -n);
        }
      }
    expect(sizes.get(1200)).toBeGreaterThan(0);
    expect(sizes.get(1201)).toBeLessThan(0);
    expect([...sizes].filter(([size, n]) => (size > 1200 ? n > 0 : n < 0))).toEqual([]);
  });
});
