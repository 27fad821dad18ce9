import { createHash, randomBytes } from 'node:crypto';
import { Agent, type IncomingMessage } from 'node:http';
import type { Socket } from 'node:net';
import {
  type KakaoAuthenticateOptions,
  type KakaoProfile,
  type KakaoProfileCallback,
  KakaoStrategy,
  type KakaoStrategyOptions,
  type KakaoStateStoreMeta,
  type KakaoTokenResponse,
  type KakaoVerifyCallback,
} from '../../src/passport';
import { KakaoEmulator } from '../../src/testing';
import { TestBrowser } from '../support/test-browser';
import {
  type ContractApp,
  type ContractAppOptions,
  startContractApp,
} from './support/contract-app';

/**
 * passport-oauth2's contract, on real logins against the emulator: the hooks a subclass
 * overrides and the options a passport-oauth2 or passport-kakao user passes all take effect.
 */
describe('KakaoStrategy keeps passport-oauth2 contract (e2e on the emulator)', () => {
  let kakao: KakaoEmulator;
  const apps: ContractApp[] = [];

  beforeAll(async () => {
    kakao = await KakaoEmulator.start({ autoApprove: true });
  });
  afterEach(async () => {
    kakao.faults.clear();
    kakao.clearRequests();
    await Promise.all(apps.splice(0).map((a) => a.close()));
  });
  afterAll(() => kakao.stop());

  const kakaoOptions = (callbackURL: string): KakaoStrategyOptions => ({
    clientID: kakao.clientID,
    callbackURL,
    authBaseURL: kakao.authBaseURL,
    apiBaseURL: kakao.apiBaseURL,
    logger: false,
  });
  const userVerify = (
    _at: string,
    _rt: string | undefined,
    profile: KakaoProfile | undefined,
    done: KakaoVerifyCallback,
  ) => done(null, { id: profile?.id ?? null, profile: profile ?? null });

  async function app(
    build: (callbackURL: string, url: string) => KakaoStrategy,
    options?: ContractAppOptions,
  ) {
    const started = await startContractApp(build, options);
    apps.push(started);
    return started;
  }

  /** A whole login in one browser: what the callback answered, and the login's redirect. */
  async function login(target: ContractApp, browser = new TestBrowser()) {
    const start = await browser.get(`${target.url}/auth/kakao`);
    const res = await browser.follow(start.location ?? `${target.url}/auth/kakao`);
    return { start, res, body: JSON.parse(res.body) as Record<string, any> };
  }
  const request = (path: string) => kakao.requests.find((r) => r.path === path);
  const requests = (path: string) => kakao.requests.filter((r) => r.path === path);

  describe('hooks', () => {
    it('authorizationParams and tokenParams of a subclass reach Kakao; the protocol parameters win', async () => {
      class Sub extends KakaoStrategy {
        override authorizationParams(options: KakaoAuthenticateOptions) {
          return {
            ...super.authorizationParams(options),
            display: 'popup',
            response_type: 'token',
          };
        }
        override tokenParams() {
          return { extra_token_param: 'yes' };
        }
      }
      const target = await app((cb) => new Sub(kakaoOptions(cb), userVerify), {
        login: () => ({ prompt: 'login' }),
      });
      const { body } = await login(target);
      expect(body.user.id).toBe(kakao.users[0].id);
      const authorize = request('/oauth/authorize')!;
      expect(authorize.query).toMatchObject({
        display: 'popup',
        prompt: 'login',
        response_type: 'code',
      });
      expect(request('/oauth/token')!.form).toMatchObject({
        extra_token_param: 'yes',
        grant_type: 'authorization_code',
      });
    });

    it('a userProfile override replaces /v2/user/me, and may use this._oauth2.get against Kakao', async () => {
      class Custom extends KakaoStrategy {
        override userProfile(accessToken: string, done: KakaoProfileCallback) {
          this._oauth2.get(this.settings.userProfileURL, accessToken, (err, body) => {
            if (err) return done(err as unknown as Error);
            const json = JSON.parse(String(body)) as { id: number };
            done(null, { provider: 'kakao', id: `custom-${json.id}` } as KakaoProfile);
          });
        }
      }
      const target = await app((cb) => new Custom(kakaoOptions(cb), userVerify));
      const { body } = await login(target);
      expect(body.user.id).toBe(`custom-${kakao.users[0].id}`);
      expect(request('/v2/user/me')!.headers.authorization).toMatch(/^Bearer /);
    });

    it('a userProfile override that gets a Kakao error fails the login with its reason', async () => {
      class Custom extends KakaoStrategy {
        override userProfile(accessToken: string, done: KakaoProfileCallback) {
          this._oauth2.get(this.settings.userProfileURL, accessToken, (err) =>
            done(err as unknown as Error),
          );
        }
      }
      kakao.faults.set('GET /v2/user/me', { status: 503 });
      const target = await app((cb) => new Custom(kakaoOptions(cb), userVerify));
      const { body } = await login(target);
      expect(body.failed).toMatchObject({ reason: 'kakao_unavailable' });
    });

    it('parseErrorResponse of a subclass gets the token endpoint body and status', async () => {
      const seen: Array<[string, number]> = [];
      class AppError extends Error {}
      class Custom extends KakaoStrategy {
        override parseErrorResponse(body: string, status: number): Error {
          seen.push([body, status]);
          return Object.assign(new AppError('parsed by the app'), { name: 'AppError' });
        }
      }
      const target = await app((cb) => new Custom(kakaoOptions(cb), userVerify));
      // A login-state problem stays a failure with its reason…
      kakao.faults.set('POST /oauth/token', { kakaoError: 'KOE320', times: 1 });
      expect((await login(target)).body.failed).toMatchObject({ reason: 'kakao_error' });
      // …a misconfiguration is an error: the app's own error, from its parseErrorResponse.
      kakao.faults.set('POST /oauth/token', { kakaoError: 'KOE010', times: 1 });
      expect((await login(target)).body).toMatchObject({
        error: 'AppError',
        message: 'parsed by the app',
      });
      expect(seen.map(([body, status]) => [JSON.parse(body).error_code, status])).toEqual([
        ['KOE320', 400],
        ['KOE010', 401],
      ]);
    });

    it.each([
      ['true', true],
      ['() => true', () => true],
      [
        '(accessToken, done) => done(null, true)',
        (_at: string, done: (e: null, s: boolean) => void) => done(null, true),
      ],
    ] as const)(
      'skipUserProfile %s: no /v2/user/me, the verify callback gets no profile',
      async (_label, skip) => {
        const target = await app(
          (cb) => new KakaoStrategy({ ...kakaoOptions(cb), skipUserProfile: skip }, userVerify),
        );
        const { body } = await login(target);
        expect(body.user).toEqual({ id: null, profile: null });
        expect(requests('/v2/user/me')).toHaveLength(0);
      },
    );

    it('skipUserProfile returning false still fetches the profile', async () => {
      const target = await app(
        (cb) =>
          new KakaoStrategy(
            { ...kakaoOptions(cb), skipUserProfile: (_at, done) => done(null, false) },
            userVerify,
          ),
      );
      expect((await login(target)).body.user.id).toBe(kakao.users[0].id);
      expect(requests('/v2/user/me')).toHaveLength(1);
    });

    it('skipUserProfile with openid: the profile comes from the verified id_token', async () => {
      const target = await app(
        (cb) =>
          new KakaoStrategy(
            { ...kakaoOptions(cb), openid: true, skipUserProfile: true },
            userVerify,
          ),
      );
      const { body } = await login(target);
      expect(body.user.id).toBe(kakao.users[0].id);
      expect(body.user.profile.source).toBe('id_token');
      expect(requests('/v2/user/me')).toHaveLength(0);
    });
  });

  describe('a passport-oauth2 state store', () => {
    class PlainStore {
      readonly handles = new Map<string, KakaoStateStoreMeta>();
      store(
        _req: IncomingMessage,
        meta: KakaoStateStoreMeta,
        cb: (err: Error | null, s?: string) => void,
      ) {
        const handle = randomBytes(12).toString('hex');
        this.handles.set(handle, meta);
        cb(null, handle);
      }
      verify(
        _req: IncomingMessage,
        state: string,
        _meta: KakaoStateStoreMeta,
        cb: (err: Error | null, ok?: boolean, info?: unknown) => void,
      ) {
        const ok = this.handles.delete(state);
        cb(null, ok, ok ? { returnTo: '/from-plain-store' } : { message: 'unknown' });
      }
    }

    class PkceStore {
      readonly entries = new Map<string, { verifier: string; state: unknown }>();
      stored = 0;
      store(
        _req: IncomingMessage,
        verifier: string,
        state: unknown,
        _meta: KakaoStateStoreMeta,
        cb: (err: Error | null, s?: string) => void,
      ) {
        const handle = randomBytes(12).toString('hex');
        this.stored += 1;
        this.entries.set(handle, { verifier, state });
        cb(null, handle);
      }
      verify(
        _req: IncomingMessage,
        state: string,
        cb: (err: Error | null, ok?: string | false, s?: unknown) => void,
      ) {
        const entry = this.entries.get(state);
        this.entries.delete(state);
        cb(null, entry ? entry.verifier : false, entry?.state);
      }
    }

    it('the plain form store(req, meta, cb) / verify(req, state, meta, cb) owns the state: no session needed', async () => {
      const store = new PlainStore();
      const target = await app(
        (cb) => new KakaoStrategy({ ...kakaoOptions(cb), store }, userVerify),
        {
          session: false,
        },
      );
      const { body } = await login(target);
      expect(body.user.id).toBe(kakao.users[0].id);
      expect(body.info.state).toEqual({ returnTo: '/from-plain-store' });
      const authorize = request('/oauth/authorize')!;
      expect(authorize.query.state).toMatch(/^[0-9a-f]{24}$/);
      // The plain form has no place for a PKCE verifier.
      expect(authorize.query.code_challenge).toBeUndefined();
      expect(store.handles.size).toBe(0);
    });

    it('the plain form refuses a state it does not know (invalid_state)', async () => {
      const target = await app(
        (cb) => new KakaoStrategy({ ...kakaoOptions(cb), store: new PlainStore() }, userVerify),
        { session: false },
      );
      const browser = new TestBrowser();
      const toKakao = await browser.get(`${target.url}/auth/kakao`);
      const callback = new URL((await browser.get(toKakao.location!)).location!);
      callback.searchParams.set('state', 'f'.repeat(24));
      const res = await browser.get(callback.href);
      expect(JSON.parse(res.body)).toMatchObject({
        failed: { reason: 'invalid_state' },
        status: 403,
      });
      expect(requests('/oauth/token')).toHaveLength(0);
    });

    it('the PKCE form store(req, verifier, state, meta, cb) / verify(req, state, cb) owns state and verifier', async () => {
      const store = new PkceStore();
      const target = await app(
        (cb) => new KakaoStrategy({ ...kakaoOptions(cb), store }, userVerify),
        {
          session: false,
          login: () => ({ state: { returnTo: '/cart' } }),
        },
      );
      const { body } = await login(target);
      expect(body.user.id).toBe(kakao.users[0].id);
      expect(body.info.state).toEqual({ returnTo: '/cart' });
      const authorize = request('/oauth/authorize')!;
      const verifier = request('/oauth/token')!.form!.code_verifier;
      expect(authorize.query.code_challenge_method).toBe('S256');
      expect(authorize.query.code_challenge).toBe(
        createHash('sha256').update(verifier).digest('base64url'),
      );
    });

    it('with openid, the nonce stays with the strategy and the id_token is verified', async () => {
      const store = new PkceStore();
      const target = await app(
        (cb) => new KakaoStrategy({ ...kakaoOptions(cb), store, openid: true }, userVerify),
      );
      const { body } = await login(target);
      const authorize = request('/oauth/authorize')!;
      // The app's store made the state; the strategy kept the nonce and checked the id_token.
      expect(store.stored).toBe(1);
      expect(authorize.query.state).toMatch(/^[0-9a-f]{24}$/);
      expect(store.entries.size).toBe(0);
      expect(body.user.profile.idTokenClaims.nonce).toBe(authorize.query.nonce);
    });
  });

  describe('options', () => {
    it('customHeaders and userAgent reach the token and profile requests, never replacing Authorization', async () => {
      const target = await app(
        (cb) =>
          new KakaoStrategy(
            {
              ...kakaoOptions(cb),
              userAgent: 'my-app/1.0',
              customHeaders: { 'X-Trace': 'abc', Authorization: 'Basic nope' },
            },
            userVerify,
          ),
      );
      await login(target);
      for (const path of ['/oauth/token', '/v2/user/me']) {
        expect(request(path)!.headers).toMatchObject({
          'user-agent': 'my-app/1.0',
          'x-trace': 'abc',
        });
      }
      expect(request('/oauth/token')!.headers.authorization).toBeUndefined();
      expect(request('/v2/user/me')!.headers.authorization).toMatch(/^Bearer /);
    });

    it("customHeaders' User-Agent wins over userAgent, as in passport-kakao", async () => {
      const target = await app(
        (cb) =>
          new KakaoStrategy(
            { ...kakaoOptions(cb), userAgent: 'ua', customHeaders: { 'User-Agent': 'HELLO ROTO' } },
            userVerify,
          ),
      );
      await login(target);
      expect(request('/oauth/token')!.headers['user-agent']).toBe('HELLO ROTO');
    });

    it("clientSecret: '' (passport-kakao's README with the secret off) sends no client_secret", async () => {
      const target = await app(
        (cb) => new KakaoStrategy({ ...kakaoOptions(cb), clientSecret: '' }, userVerify),
      );
      expect((await login(target)).body.user.id).toBe(kakao.users[0].id);
      expect(request('/oauth/token')!.form).not.toHaveProperty('client_secret');
    });

    it('state: false with a per-request callbackURL: that URL is used at authorize and at the token exchange', async () => {
      const target = await app(
        (_cb, url) =>
          new KakaoStrategy(
            { ...kakaoOptions(`${url}/configured/callback`), state: false, pkce: false },
            userVerify,
          ),
        {
          callbackPath: '/auth/kakao/other',
          login: (url) => ({ callbackURL: `${url}/auth/kakao/other` }),
          callback: (url) => ({ callbackURL: `${url}/auth/kakao/other` }),
        },
      );
      const { body } = await login(target);
      expect(body.user.id).toBe(kakao.users[0].id);
      expect(request('/oauth/authorize')!.query.redirect_uri).toBe(target.callbackURL);
      expect(request('/oauth/token')!.form!.redirect_uri).toBe(target.callbackURL);
    });

    it('with state on, the per-request callbackURL of the login is the one used at the token exchange', async () => {
      const target = await app(
        (_cb, url) => new KakaoStrategy(kakaoOptions(`${url}/configured/callback`), userVerify),
        {
          callbackPath: '/auth/kakao/other',
          login: (url) => ({ callbackURL: `${url}/auth/kakao/other` }),
        },
      );
      const { body } = await login(target);
      expect(body.user.id).toBe(kakao.users[0].id);
      expect(request('/oauth/token')!.form!.redirect_uri).toBe(target.callbackURL);
    });

    it('a relative per-request callbackURL is refused like the constructor refuses one', async () => {
      const target = await app((cb) => new KakaoStrategy(kakaoOptions(cb), userVerify), {
        login: () => ({ callbackURL: '/auth/kakao/callback' }),
      });
      const res = await new TestBrowser().get(`${target.url}/auth/kakao`);
      expect(res.status).toBe(500);
      expect(res.body).toMatch(/KakaoConfigError|callbackURL must be an absolute/);
      expect(requests('/oauth/authorize')).toHaveLength(0);
    });

    it('state: false sends a per-request string state as passport-oauth2 does', async () => {
      const target = await app(
        (cb) => new KakaoStrategy({ ...kakaoOptions(cb), state: false, pkce: false }, userVerify),
        { login: () => ({ state: 'app-chosen' }) },
      );
      const { start } = await login(target);
      expect(new URL(start.location!).searchParams.get('state')).toBe('app-chosen');
    });

    it("authorizationURL's and tokenURL's own queries are merged, not repeated", async () => {
      const target = await app(
        (cb) =>
          new KakaoStrategy(
            {
              ...kakaoOptions(cb),
              scope: 'account_email',
              authorizationURL: `${kakao.authBaseURL}/oauth/authorize?scope=baz&lang=ko`,
              tokenURL: `${kakao.authBaseURL}/oauth/token?tenant=t1`,
            },
            userVerify,
          ),
      );
      const { start, body } = await login(target);
      expect(body.user.id).toBe(kakao.users[0].id);
      const location = start.location!;
      expect(location.match(/[?&]scope=/g)).toHaveLength(1);
      expect(new URL(location).searchParams.get('scope')).toBe('account_email');
      expect(new URL(location).searchParams.get('lang')).toBe('ko');
      expect(request('/oauth/token')!.query).toEqual({ tenant: 't1' });
    });

    it.each(['_oauth2.setAgent(agent)', 'the agent option'])(
      '%s carries every request to Kakao',
      async (how) => {
        const sockets: Socket[] = [];
        class CountingAgent extends Agent {
          override createConnection(...args: Parameters<Agent['createConnection']>) {
            const socket = super.createConnection(...args) as Socket;
            sockets.push(socket);
            return socket;
          }
        }
        const agent = new CountingAgent({ keepAlive: true });
        const target = await app((cb) => {
          const options = kakaoOptions(cb);
          if (how !== '_oauth2.setAgent(agent)')
            return new KakaoStrategy({ ...options, agent }, userVerify);
          const strategy = new KakaoStrategy(options, userVerify);
          (strategy as unknown as { _oauth2: { setAgent(a: Agent): void } })._oauth2.setAgent(
            agent,
          );
          return strategy;
        });
        expect((await login(target)).body.user.id).toBe(kakao.users[0].id);
        expect(sockets.length).toBeGreaterThan(0);
        expect(
          new Set(
            requests('/oauth/token')
              .concat(requests('/v2/user/me'))
              .map((r) => r.connectionId),
          ).size,
        ).toBe(sockets.length);
        agent.destroy();
      },
    );
  });

  describe("passport-kakao's README usage, with only the import changed", () => {
    it('(accessToken, refreshToken, profile, done): id, username, displayName, _raw, _json, provider', async () => {
      let seen: KakaoProfile | undefined;
      const target = await app(
        (callbackURL) =>
          new KakaoStrategy(
            {
              clientID: kakao.clientID,
              clientSecret: '', // passport-kakao's README: '' when the client secret is off
              callbackURL,
              authBaseURL: kakao.authBaseURL,
              apiBaseURL: kakao.apiBaseURL,
              logger: false,
            },
            (accessToken, refreshToken, profile, done) => {
              seen = profile;
              done(null, {
                id: profile.id,
                accessToken: typeof accessToken,
                refreshToken: typeof refreshToken,
              });
            },
          ),
      );
      const { body } = await login(target);
      expect(body.user).toEqual({
        id: kakao.users[0].id,
        accessToken: 'string',
        refreshToken: 'string',
      });
      expect(seen).toMatchObject({
        provider: 'kakao',
        id: kakao.users[0].id,
        username: kakao.users[0].nickname,
        displayName: kakao.users[0].nickname,
      });
      expect(JSON.parse(seen!._raw).id.toString()).toBe(kakao.users[0].id);
      expect(String(seen!._json.id)).toBe(kakao.users[0].id);
    });

    it('(accessToken, refreshToken, params, profile, done) and passReqToCallback', async () => {
      const target = await app(
        (callbackURL) =>
          new KakaoStrategy(
            { ...kakaoOptions(callbackURL), passReqToCallback: true },
            (
              req: IncomingMessage,
              _at: string,
              _rt: string | undefined,
              params: KakaoTokenResponse,
              profile: KakaoProfile,
              done: KakaoVerifyCallback,
            ) =>
              done(null, {
                id: profile.id,
                path: req.url?.split('?')[0],
                tokenType: params.token_type,
              }),
          ),
      );
      expect((await login(target)).body.user).toEqual({
        id: kakao.users[0].id,
        path: '/auth/kakao/callback',
        tokenType: 'bearer',
      });
    });

    it('done(null, false, info) fails the login with the app info', async () => {
      const target = await app(
        (cb) =>
          new KakaoStrategy(kakaoOptions(cb), (_at, _rt, _profile, done) =>
            done(null, false, { message: 'not invited' }),
          ),
      );
      expect((await login(target)).body).toMatchObject({
        failed: { message: 'not invited', reason: 'user_rejected' },
        status: 401,
      });
    });
  });
});
