import type { IncomingMessage, ServerResponse } from 'node:http';
import { KakaoConfigError } from '../../src/errors';
import { appendSetCookie, readCookies } from '../../src/strategy/state/cookie-header';
import {
  CookieLoginStore,
  type CookieStoreOptions,
} from '../../src/strategy/state/cookie-login.store';
import type { PendingLogin } from '../../src/strategy/state/pending-login';
import { SESSION_KEY, SessionLoginStore } from '../../src/strategy/state/session-login.store';
import { StateCipher } from '../../src/strategy/state/state-cipher';

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
  function browser(options: Partial<CookieStoreOptions> = {}, now = () => 0) {
    const jar = new Map<string, string>();
    let setCookies: string[] = [];
    const res = {
      getHeader: () => setCookies,
      setHeader: (_n: string, v: string[]) => (setCookies = v),
    } as unknown as ServerResponse;
    const store = new CookieLoginStore(new StateCipher(SECRET), {
      prefix: 'kakao_login',
      path: '/',
      secure: false,
      ttlSec: 600,
      max: 3,
      now,
      ...options,
    });
    /** A request (to a login route) carrying the jar; the previous answer's cookies are applied first. */
    const request = () => {
      for (const c of setCookies) {
        const [pair] = c.split(';');
        const name = pair.slice(0, pair.indexOf('='));
        if (/Max-Age=0/.test(c)) jar.delete(name);
        else jar.set(name, pair.slice(pair.indexOf('=') + 1));
      }
      setCookies = [];
      const cookie = [...jar].map(([k, v]) => `${k}=${v}`).join('; ');
      return { headers: { cookie }, url: '/auth/kakao/login', res } as unknown as IncomingMessage;
    };
    /** The state cookies (not the browser binding). */
    const states = () => [...jar].filter(([name]) => !name.endsWith('-bind'));
    const sentStates = () => setCookies.filter((c) => !/^[^=]*-bind=/.test(c));
    return { store, jar, request, states, sent: sentStates };
  }

  it('names each cookie after its state, under the prefix, with the configured path and lifetime', async () => {
    const b = browser({ prefix: 'myapp', path: '/auth', ttlSec: 120 });
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
    const b = browser();
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
    const b = browser();
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
    const b = browser({}, () => now);
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
    const b = browser();
    await b.store.put(b.request(), login('s1', 1000));
    b.request();
    const [[name]] = b.states();
    b.jar.set(name, value());
    expect(await b.store.take(b.request(), 's1')).toBeUndefined();
  });

  it('drops the oldest logins beyond max, counting unreadable cookies as the oldest', async () => {
    const b = browser({ max: 2 });
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
    const b = browser({ max: 5 });
    for (const s of ['s1', 's2', 's3', 's4']) await b.store.put(b.request(), login(s, 1000));
    b.request();
    expect(b.states()).toHaveLength(4);
  });

  it('keeps exactly max logins', async () => {
    const b = browser({ max: 3 });
    for (const s of ['s1', 's2', 's3']) await b.store.put(b.request(), login(s, 1000));
    b.request();
    expect(b.states()).toHaveLength(3);
  });

  it('remembers used states only until they expire, once 1,000 accumulate', async () => {
    let now = 0;
    const b = browser({ max: 5 }, () => now);
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
    const b = browser({ max: 5 }, () => now);
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
    const b = browser({ max: 5 }, () => now);
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

  it('put explains that it needs a session', async () => {
    const store = new SessionLoginStore(5);
    await expect(store.put({ headers: {} } as IncomingMessage, login('a', 1))).rejects.toThrow(
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
