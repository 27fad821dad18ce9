import { createHash } from 'node:crypto';
import { KakaoEmulator } from '../../src/testing';
import { TestBrowser } from '../support/test-browser';
import { failureReason, logIn, toCallback, whoAmI } from '../support/login-steps';
import { type NestInstance, startNestInstance } from '../support/nest-instance';

const FAILED = '/login-failed';

/**
 * Attacks on the login flow itself (CSRF state, PKCE, the authorization code, the session),
 * through KakaoAuthModule against the emulator. Each attack is one test; each asserts that
 * nobody is logged in and, where it matters, that no code was exchanged.
 */
describe('security: state, PKCE, code and session attacks on the login flow', () => {
  let kakao: KakaoEmulator;
  let app: NestInstance;

  beforeAll(async () => {
    kakao = await KakaoEmulator.start({ autoApprove: true, clientSecret: 'client-secret-x' });
    app = await startNestInstance(kakao, ({ kakaoOptions }) => ({
      ...kakaoOptions,
      successRedirect: '/welcome',
      failureRedirect: FAILED,
    }));
  });
  afterAll(async () => {
    await app.close();
    await kakao.stop();
  });
  beforeEach(() => {
    kakao.clearRequests();
    kakao.setAutoApprove(true);
  });

  const tokenCalls = () => kakao.requests.filter((r) => r.path === '/oauth/token');
  const reasonOf = (location: string | undefined) => failureReason(location, FAILED);

  describe('CSRF state', () => {
    it('a missing state → invalid_state, no code exchange, nobody logged in', async () => {
      const browser = new TestBrowser();
      const callback = new URL(await toCallback(browser, app));
      callback.searchParams.delete('state');
      expect(reasonOf((await browser.get(callback.href)).location)).toBe('invalid_state');
      expect(tokenCalls()).toHaveLength(0);
      expect(await whoAmI(browser, app.url)).toBeUndefined();
    });

    it('a tampered state (one character changed) → invalid_state, no code exchange', async () => {
      const browser = new TestBrowser();
      const callback = new URL(await toCallback(browser, app));
      const state = callback.searchParams.get('state')!;
      callback.searchParams.set('state', `${state.slice(0, -1)}${state.endsWith('A') ? 'B' : 'A'}`);
      expect(reasonOf((await browser.get(callback.href)).location)).toBe('invalid_state');
      expect(tokenCalls()).toHaveLength(0);
      expect(await whoAmI(browser, app.url)).toBeUndefined();
    });

    it('a state sent twice or as an object (?state=a&state=b, ?state[x]=) → invalid_state, never a 500', async () => {
      const browser = new TestBrowser();
      const callback = new URL(await toCallback(browser, app));
      const state = callback.searchParams.get('state')!;
      const code = callback.searchParams.get('code')!;
      for (const query of [`state=${state}&state=${state}`, `state[x]=${state}`]) {
        const res = await browser.get(`${app.callbackURL}?code=${code}&${query}`);
        expect(reasonOf(res.location)).toBe('invalid_state');
      }
      expect(tokenCalls()).toHaveLength(0);
    });

    it('a state replayed after a successful login → invalid_state, the code is exchanged once', async () => {
      const victim = new TestBrowser();
      const callback = await toCallback(victim, app);
      expect((await victim.get(callback)).location).toBe(`${app.url}/welcome`);
      const attacker = new TestBrowser();
      expect(reasonOf((await attacker.get(callback)).location)).toBe('invalid_state');
      expect(await whoAmI(attacker, app.url)).toBeUndefined();
      expect(tokenCalls()).toHaveLength(1);
    });

    it('an expired state (older than stateTtlSeconds) → invalid_state, no code exchange', async () => {
      const shortLived = await startNestInstance(kakao, ({ kakaoOptions }) => ({
        ...kakaoOptions,
        stateTtlSeconds: 1,
        failureRedirect: FAILED,
      }));
      try {
        const browser = new TestBrowser();
        const callback = await toCallback(browser, shortLived);
        await new Promise((resolve) => setTimeout(resolve, 1100));
        expect(reasonOf((await browser.get(callback)).location)).toBe('invalid_state');
        expect(tokenCalls()).toHaveLength(0);
        expect(await whoAmI(browser, shortLived.url)).toBeUndefined();
      } finally {
        await shortLived.close();
      }
    });

    it('a state from another browser (login CSRF: the attacker’s callback URL opened by the victim) → invalid_state', async () => {
      const attacker = new TestBrowser();
      kakao.setAutoApprove(kakao.users[1].id);
      const attackersCallback = await toCallback(attacker, app);
      const victim = new TestBrowser();
      await victim.get(`${app.url}/auth/kakao/login`); // the victim has a session and a pending login of their own
      expect(reasonOf((await victim.get(attackersCallback)).location)).toBe('invalid_state');
      expect(await whoAmI(victim, app.url)).toBeUndefined();
      expect(tokenCalls()).toHaveLength(0);
    });

    it('Kakao’s callback parameters sent to the login route are refused: no code exchange, the pending state survives', async () => {
      const browser = new TestBrowser();
      const callback = new URL(await toCallback(browser, app));
      const misrouted = await browser.get(`${app.url}/auth/kakao/login${callback.search}`);
      expect(reasonOf(misrouted.location)).toBe('invalid_request');
      const error = await browser.get(`${app.url}/auth/kakao/login?error=access_denied`);
      expect(reasonOf(error.location)).toBe('invalid_request');
      expect(tokenCalls()).toHaveLength(0);
      expect(app.logs.join('\n')).not.toContain('could not start the Kakao login');
      expect((await browser.get(callback.href)).location).toBe(`${app.url}/welcome`);
    });

    it('the state in the authorize URL is 256 random bits, never app data (returnTo stays server-side)', async () => {
      const browser = new TestBrowser();
      const callback = new URL(await toCallback(browser, app, '?returnTo=%2Fsecret-place'));
      const authorize = kakao.requests.find((r) => r.path === '/oauth/authorize')!;
      expect(authorize.query.state).toMatch(/^[A-Za-z0-9_-]{43}$/);
      expect(JSON.stringify(authorize.query)).not.toContain('secret-place');
      expect(callback.search).not.toContain('secret-place');
    });
  });

  describe('PKCE', () => {
    it('the code_verifier sent to the token endpoint is the S256 pre-image of the code_challenge', async () => {
      const browser = new TestBrowser();
      await logIn(browser, app);
      const authorize = kakao.requests.find((r) => r.path === '/oauth/authorize')!;
      const [token] = tokenCalls();
      expect(authorize.query.code_challenge_method).toBe('S256');
      const verifier = token.form!.code_verifier;
      expect(verifier).toMatch(/^[A-Za-z0-9_-]{43}$/);
      expect(createHash('sha256').update(verifier).digest('base64url')).toBe(
        authorize.query.code_challenge,
      );
    });

    it('Kakao (the emulator) refuses the code with a wrong or missing verifier; only the real one works', async () => {
      const browser = new TestBrowser();
      const callback = await toCallback(browser, app);
      const code = new URL(callback).searchParams.get('code')!;
      const exchange = (verifier?: string) => {
        const form = new URLSearchParams({
          grant_type: 'authorization_code',
          client_id: kakao.clientID,
          client_secret: kakao.clientSecret!,
          redirect_uri: app.callbackURL,
          code,
        });
        if (verifier !== undefined) form.set('code_verifier', verifier);
        return fetch(`${kakao.authBaseURL}/oauth/token`, {
          method: 'POST',
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
          body: form,
        });
      };
      for (const verifier of ['x'.repeat(43), undefined]) {
        const res = await exchange(verifier);
        expect(res.status).toBe(400);
        expect(await res.json()).toMatchObject({ error: 'invalid_grant', error_code: 'KOE320' });
      }
      // The code survived the wrong attempts: the app, holding the real verifier, logs in.
      expect((await browser.get(callback)).location).toBe(`${app.url}/welcome`);
    });

    it('a code injected from another login (the attacker’s own code with the victim’s state) fails: the verifiers differ', async () => {
      const attacker = new TestBrowser();
      kakao.setAutoApprove(kakao.users[1].id);
      const attackerCode = new URL(await toCallback(attacker, app)).searchParams.get('code')!;
      kakao.setAutoApprove(true);
      const victim = new TestBrowser();
      const injected = new URL(await toCallback(victim, app));
      injected.searchParams.set('code', attackerCode);
      expect(reasonOf((await victim.get(injected.href)).location)).toBe('kakao_error');
      expect(await whoAmI(victim, app.url)).toBeUndefined();
      expect(tokenCalls()).toHaveLength(1);
      expect(kakao.requests.filter((r) => r.path === '/v2/user/me')).toHaveLength(0);
    });
  });

  describe('authorization code', () => {
    it('code replay: a code already exchanged fails (KOE320) and logs nobody in', async () => {
      const first = new TestBrowser();
      const used = new URL(await toCallback(first, app));
      await first.get(used.href);
      const second = new TestBrowser();
      const fresh = new URL(await toCallback(second, app));
      fresh.searchParams.set('code', used.searchParams.get('code')!);
      expect(reasonOf((await second.get(fresh.href)).location)).toBe('kakao_error');
      expect(await whoAmI(second, app.url)).toBeUndefined();
    });

    it('reload of the callback after success: still logged in, the token endpoint called once', async () => {
      const browser = new TestBrowser();
      const callback = await toCallback(browser, app);
      expect((await browser.get(callback)).location).toBe(`${app.url}/welcome`);
      const reload = await browser.get(callback);
      expect(reload.status).toBe(302);
      expect(reasonOf(reload.location)).toBe('invalid_state');
      expect(await whoAmI(browser, app.url)).toBe(kakao.users[0].id);
      expect(tokenCalls()).toHaveLength(1);
    });
  });

  describe('session', () => {
    it('session fixation: a session id planted before login is not the one that gets logged in', async () => {
      const attacker = new TestBrowser();
      await attacker.get(`${app.url}/auth/kakao/login`);
      const planted = attacker.cookiesFor(app.url).get('connect.sid')!;
      expect(planted).toBeDefined();
      const victim = new TestBrowser();
      victim.cookiesFor(app.url).set('connect.sid', planted);
      const done = await logIn(victim, app);
      expect(done.location).toBe(`${app.url}/welcome`);
      expect(victim.cookiesFor(app.url).get('connect.sid')).not.toBe(planted);
      expect(await whoAmI(victim, app.url)).toBe(kakao.users[0].id);
      // The attacker's copy of the old id is worth nothing.
      expect(await whoAmI(attacker, app.url)).toBeUndefined();
    });

    it('concurrent logins of different users never swap users (each request has its own Passport strategy object)', async () => {
      const users = Array.from({ length: 40 }, (_, i) =>
        kakao.addUser({ nickname: `동시${i}`, email: `concurrent-${i}@example.com` }),
      );
      // A slow token endpoint keeps every login inside its token exchange at the same time.
      kakao.faults.set('POST /oauth/token', { latencyMs: 50 });
      try {
        const seen = await Promise.all(
          users.map(async (user) => {
            const browser = new TestBrowser();
            const done = await logIn(
              browser,
              app,
              `?login_hint=${encodeURIComponent(user.email!)}`,
            );
            return { done: done.location, id: await whoAmI(browser, app.url) };
          }),
        );
        expect(seen.map((s) => s.done)).toEqual(users.map(() => `${app.url}/welcome`));
        expect(seen.map((s) => s.id)).toEqual(users.map((u) => u.id));
      } finally {
        kakao.faults.clear();
      }
    });
  });
});
