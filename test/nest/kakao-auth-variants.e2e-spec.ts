import { resolveModuleOptions } from '../../src/nest/resolve-module-options';
import {
  type CanActivate,
  Controller,
  type ExecutionContext,
  Get,
  Injectable,
  Module,
  UseGuards,
} from '@nestjs/common';
import { APP_GUARD, NestFactory, Reflector } from '@nestjs/core';
import { FastifyAdapter } from '@nestjs/platform-fastify';
import type { Response } from 'express';
import {
  isKakaoAuthRoute,
  KakaoAuthenticatedGuard,
  KakaoAuthGuard,
  KakaoApiService,
  KakaoAuthModule,
  type KakaoAuthModuleOptions,
  KakaoConfigError,
  KakaoLoginOptions,
  KakaoUser,
} from '../../src';
import { KakaoEmulator } from '../../src/testing';
import { TestBrowser } from '../support/test-browser';
import { type NestKakaoApp, startNestKakaoApp } from '../support/nest-kakao-app';

const SECRET = 'emulator-client-secret';
const STATE_SECRET = 'a-state-secret-of-at-least-32-characters!';

let kakao: KakaoEmulator;
beforeAll(async () => {
  kakao = await KakaoEmulator.start({ clientSecret: SECRET, autoApprove: true });
});
afterAll(() => kakao.stop());
beforeEach(() => kakao.clearRequests());

@Controller()
class ProfileController {
  @Get('me')
  @UseGuards(KakaoAuthenticatedGuard)
  me(@KakaoUser('id') id: string): { id: string } {
    return { id };
  }
}

describe('routes: { prefix } puts the controller under a custom prefix', () => {
  let app: NestKakaoApp;
  beforeAll(async () => {
    app = await startNestKakaoApp(
      kakao,
      ({ kakaoOptions }) => ({
        module: class CustomPrefixApp {},
        imports: [KakaoAuthModule.forRoot({ ...kakaoOptions, routes: { prefix: '/sso/kakao/' } })],
        controllers: [ProfileController],
      }),
      { prefix: 'sso/kakao' },
    );
  });
  afterAll(() => app.close());

  it('logs in through /sso/kakao and nothing answers under /auth/kakao', async () => {
    const browser = new TestBrowser();
    const done = await browser.follow(`${app.url}/sso/kakao/login`);
    expect(done.url).toBe(`${app.url}/`);
    expect(JSON.parse((await browser.get(`${app.url}/me`)).body)).toEqual({
      id: kakao.users[0].id,
    });
    expect((await browser.get(`${app.url}/auth/kakao/login`)).status).toBe(404);
  });

  it('the webhook lives under the prefix too', async () => {
    const result = await kakao.sendUnlinkWebhook({
      userId: kakao.users[1].id,
      url: `${app.url}/sso/kakao/webhooks/unlink`,
    });
    expect(result.status).toBe(200);
  });
});

@Controller('signin/kakao')
class OwnRoutesController {
  @Get()
  @UseGuards(KakaoAuthGuard)
  @KakaoLoginOptions({ prompt: 'login' })
  start(): void {
    throw new Error('the guard answers the request');
  }

  @Get('callback')
  @UseGuards(KakaoAuthGuard)
  finish(): void {
    throw new Error('the guard answers the request');
  }
}

describe('routes: false registers no controller; KakaoAuthGuard on the app’s own routes', () => {
  let app: NestKakaoApp;
  beforeAll(async () => {
    app = await startNestKakaoApp(
      kakao,
      ({ kakaoOptions }) => ({
        module: class OwnRoutesApp {},
        imports: [
          KakaoAuthModule.forRootAsync({
            routes: false,
            useFactory: () => ({ ...kakaoOptions, failureRedirect: '/oops' }),
          }),
        ],
        controllers: [OwnRoutesController, ProfileController],
      }),
      { prefix: 'signin/kakao' },
    );
  });
  afterAll(() => app.close());

  it('none of the module routes exist', async () => {
    const browser = new TestBrowser();
    for (const path of ['login', 'callback', 'webhooks/unlink'])
      expect((await browser.get(`${app.url}/auth/kakao/${path}`)).status).toBe(404);
  });

  it('the guard starts (with the route’s prompt) and finishes the login, then redirects', async () => {
    const browser = new TestBrowser();
    const done = await browser.follow(`${app.url}/signin/kakao?returnTo=%2Fme`);
    const authorize = kakao.requests.find((r) => r.path === '/oauth/authorize')!;
    expect(authorize.query.prompt).toBe('login');
    expect(done.url).toBe(`${app.url}/me`);
    expect(JSON.parse(done.body)).toEqual({ id: kakao.users[0].id });
  });

  it('the guard turns a Kakao error into the failure redirect', async () => {
    const res = await new TestBrowser().get(`${app.url}/signin/kakao/callback?error=access_denied`);
    expect(res.location).toBe(`${app.url}/oops?error=access_denied`);
  });
});

/** An app-wide guard that refuses everything except the module's routes. */
@Injectable()
class DenyAllGuard implements CanActivate {
  constructor(private readonly reflector: Reflector) {}
  canActivate(context: ExecutionContext): boolean {
    return isKakaoAuthRoute(context, this.reflector);
  }
}

describe('a global deny-all guard that exempts the module routes by their metadata', () => {
  let app: NestKakaoApp;
  beforeAll(async () => {
    app = await startNestKakaoApp(kakao, ({ kakaoOptions }) => ({
      module: class DenyAllApp {},
      imports: [KakaoAuthModule.forRoot(kakaoOptions)],
      controllers: [ProfileController],
      providers: [{ provide: APP_GUARD, useClass: DenyAllGuard }],
    }));
  });
  afterAll(() => app.close());

  it('the unlink webhook and the login still answer; app routes are denied', async () => {
    const result = await kakao.sendUnlinkWebhook({
      userId: kakao.users[1].id,
      url: `${app.url}/auth/kakao/webhooks/unlink`,
    });
    expect(result).toMatchObject({ status: 200, ok: true });
    const browser = new TestBrowser();
    const done = await browser.follow(
      `${app.url}/auth/kakao/login`,
      (url) => url === `${app.url}/`,
    );
    expect(done.location).toBe(`${app.url}/`);
    expect((await browser.get(`${app.url}/me`)).status).toBe(403);
  });
});

describe('KakaoAuthenticatedGuard with redirectToLogin', () => {
  let app: NestKakaoApp;
  beforeAll(async () => {
    app = await startNestKakaoApp(kakao, ({ kakaoOptions }) => ({
      module: class RedirectApp {},
      imports: [KakaoAuthModule.forRoot({ ...kakaoOptions, redirectToLogin: true })],
      controllers: [ProfileController],
    }));
  });
  afterAll(() => app.close());

  it('sends a GET to the login route with returnTo, which comes back after login', async () => {
    const browser = new TestBrowser();
    const first = await browser.get(`${app.url}/me`);
    expect(first.location).toBe(`${app.url}/auth/kakao/login?returnTo=%2Fme`);
    const done = await browser.follow(first.location!);
    expect(done.url).toBe(`${app.url}/me`);
    expect(JSON.parse(done.body)).toEqual({ id: kakao.users[0].id });
  });
});

@Controller()
class TokenController {
  @Get('api/me')
  me(): string {
    return 'ok';
  }
}

describe('session: false: onLogin issues the app’s own token', () => {
  let app: NestKakaoApp;
  const issued: Array<{ id: string }> = [];
  beforeAll(async () => {
    app = await startNestKakaoApp(
      kakao,
      ({ kakaoOptions }) => ({
        module: class TokenApp {},
        imports: [
          KakaoAuthModule.forRoot({
            ...kakaoOptions,
            session: false,
            stateSecret: STATE_SECRET,
            successRedirect: '/app',
            onLogin: (user, { res }) => {
              const { id } = user as { id: string };
              issued.push({ id });
              (res as Response).cookie('app_token', `token-for-${id}`, { httpOnly: true });
            },
          }),
        ],
        controllers: [TokenController],
      }),
      { session: false },
    );
  });
  afterAll(() => app.close());

  it('keeps the state in a sealed cookie and hands the user to onLogin, then redirects', async () => {
    const browser = new TestBrowser();
    const done = await browser.follow(
      `${app.url}/auth/kakao/login`,
      (url) => url === `${app.url}/app`,
    );
    expect(done.location).toBe(`${app.url}/app`);
    expect(issued).toEqual([{ id: kakao.users[0].id }]);
    expect(browser.cookiesFor(app.url).get('app_token')).toBe(`token-for-${kakao.users[0].id}`);
    expect(browser.cookiesFor(app.url).has('connect.sid')).toBe(false);
  });

  it('a forged state still fails', async () => {
    const res = await new TestBrowser().get(`${app.callbackURL}?code=abc&state=forged`);
    expect(res.location).toBe(`${app.url}/?error=invalid_state`);
  });
});

describe('startup checks', () => {
  const base = (): KakaoAuthModuleOptions => ({
    clientID: kakao.clientID,
    callbackURL: 'http://127.0.0.1:1/auth/kakao/callback',
    authBaseURL: kakao.authBaseURL,
    apiBaseURL: kakao.apiBaseURL,
  });

  async function boot(options: KakaoAuthModuleOptions, fastify = false): Promise<unknown> {
    @Module({ imports: [KakaoAuthModule.forRoot(options)] })
    class BootApp {}
    const app = fastify
      ? await NestFactory.create(BootApp, new FastifyAdapter(), {
          logger: false,
          abortOnError: false,
        })
      : await NestFactory.create(BootApp, { logger: false, abortOnError: false });
    try {
      await app.init();
      return undefined;
    } catch (err) {
      return err;
    } finally {
      await app.close().catch(() => undefined);
    }
  }

  async function bootError(options: KakaoAuthModuleOptions): Promise<unknown> {
    try {
      return await boot(options);
    } catch (err) {
      return err;
    }
  }

  it('the Fastify adapter fails at startup with a clear message', async () => {
    const err = await boot(base(), true);
    expect(err).toBeInstanceOf(KakaoConfigError);
    expect((err as Error).message).toMatch(
      /fastify HTTP adapter is not supported yet.*Express adapter/,
    );
  });

  it('the Express adapter boots', async () => {
    expect(await boot(base())).toBeUndefined();
  });

  it.each<[string, Partial<KakaoAuthModuleOptions>, RegExp]>([
    ['no clientID', { clientID: '' }, /clientID is required.*REST API key/],
    ['a relative callbackURL', { callbackURL: '/auth/kakao/callback' }, /callbackURL/],
    [
      'session: false without stateSecret',
      { session: false, onLogin: () => undefined },
      /stateSecret/,
    ],
    ['session: false without onLogin', { session: false, stateSecret: STATE_SECRET }, /onLogin/],
    [
      'a returnTo origin with a path',
      { allowedRedirectOrigins: ['https://app.example/x'] },
      /is not an origin/,
    ],
    [
      'an external failureRedirect that is not a URL',
      { failureRedirect: '//evil.example' },
      /failureRedirect/,
    ],
    ['a non-numeric appId', { appId: 'abc' }, /appId/],
  ])(
    '%s is refused at startup with a message saying how to fix it',
    async (_label, patch, message) => {
      const err = await bootError({ ...base(), ...patch } as KakaoAuthModuleOptions);
      expect(err).toBeInstanceOf(KakaoConfigError);
      expect((err as Error).message).toMatch(/^KakaoAuthModule: /);
      expect((err as Error).message).toMatch(message);
    },
  );
});

describe('validateUser maps, links or rejects the login', () => {
  let app: NestKakaoApp;
  const seen: Array<{ currentUser: unknown; hasRefreshExpiry: boolean }> = [];
  let reject = false;
  beforeAll(async () => {
    app = await startNestKakaoApp(kakao, ({ kakaoOptions }) => ({
      module: class MappingApp {},
      imports: [
        KakaoAuthModule.forRoot({
          ...kakaoOptions,
          failureRedirect: '/login-failed',
          validateUser: async ({ profile, params, currentUser }) => {
            seen.push({
              currentUser,
              hasRefreshExpiry: typeof params.refresh_token_expires_in === 'number',
            });
            if (reject) return false;
            const linkedTo = (currentUser as { appUserId?: number } | undefined)?.appUserId;
            return { appUserId: linkedTo ?? 7, kakaoId: profile.id };
          },
        }),
      ],
      controllers: [MappedUserController],
    }));
  });
  afterAll(() => app.close());
  beforeEach(() => {
    seen.length = 0;
    reject = false;
  });

  it('the app user is what the session keeps; a second login sees it as currentUser', async () => {
    const browser = new TestBrowser();
    await browser.follow(`${app.url}/auth/kakao/login`);
    expect(JSON.parse((await browser.get(`${app.url}/mapped`)).body)).toEqual({
      appUserId: 7,
      kakaoId: kakao.users[0].id,
    });
    await browser.follow(`${app.url}/auth/kakao/login`);
    expect(seen).toEqual([
      { currentUser: undefined, hasRefreshExpiry: true },
      { currentUser: { appUserId: 7, kakaoId: kakao.users[0].id }, hasRefreshExpiry: true },
    ]);
  });

  it('false rejects the login with ?error=user_rejected and logs nobody in', async () => {
    reject = true;
    const browser = new TestBrowser();
    const done = await browser.follow(`${app.url}/auth/kakao/login`, (url) =>
      url.includes('/login-failed'),
    );
    expect(done.location).toBe(`${app.url}/login-failed?error=user_rejected`);
    expect((await browser.get(`${app.url}/mapped`)).status).toBe(401);
  });
});

@Controller()
class MappedUserController {
  @Get('mapped')
  @UseGuards(KakaoAuthenticatedGuard)
  mapped(@KakaoUser() user: unknown): unknown {
    return user;
  }
}

describe('POST logout with accountLogout "on_request", POST unlink with its own redirect', () => {
  let app: NestKakaoApp;
  beforeAll(async () => {
    app = await startNestKakaoApp(kakao, ({ url, kakaoOptions }) => ({
      module: class OnRequestLogoutApp {},
      imports: [
        KakaoAuthModule.forRoot({
          ...kakaoOptions,
          logout: {
            accountLogoutRedirectURI: `${url}/bye`,
            accountLogout: 'on_request',
            redirect: '/signed-out',
            unlinkRedirect: '/unlinked',
          },
        }),
      ],
      controllers: [ProfileController],
    }));
  });
  afterAll(() => app.close());

  async function loggedIn(): Promise<TestBrowser> {
    const browser = new TestBrowser();
    await browser.follow(`${app.url}/auth/kakao/login`, (url) => url === `${app.url}/`);
    expect((await browser.get(`${app.url}/me`)).status).toBe(200);
    return browser;
  }
  const post = (browser: TestBrowser, path: string, body?: string) =>
    browser.request(`${app.url}${path}`, {
      method: 'POST',
      headers: {
        'sec-fetch-site': 'same-origin',
        accept: 'text/html',
        ...(body ? { 'content-type': 'application/x-www-form-urlencoded' } : {}),
      },
      body,
    });

  it('a plain logout stays in the app', async () => {
    const browser = await loggedIn();
    const res = await post(browser, '/auth/kakao/logout');
    expect(res.location).toBe(`${app.url}/signed-out`);
    expect((await browser.get(`${app.url}/me`)).status).toBe(401);
  });

  it('a logout posted with kakaoAccount=true continues to Kakao account logout', async () => {
    const browser = await loggedIn();
    const res = await post(browser, '/auth/kakao/logout', 'kakaoAccount=true');
    expect(res.location).toBe(
      `${kakao.authBaseURL}/oauth/logout?client_id=${kakao.clientID}&logout_redirect_uri=${encodeURIComponent(`${app.url}/bye`)}`,
    );
    expect((await browser.get(`${app.url}/me`)).status).toBe(401);
  });

  it('a form unlink goes to unlinkRedirect', async () => {
    const browser = await loggedIn();
    kakao.clearRequests();
    const res = await post(browser, '/auth/kakao/unlink');
    expect(res.location).toBe(`${app.url}/unlinked`);
    expect(kakao.requests.some((r) => r.path === '/v1/user/unlink')).toBe(true);
  });

  it('refuses accountLogout without a logout redirect URI at startup', () => {
    expect(() =>
      resolveModuleOptions({
        clientID: 'k',
        callbackURL: 'http://127.0.0.1/auth/kakao/callback',
        logout: { accountLogout: 'on_request' },
      }),
    ).toThrow(/logout.accountLogout needs logout.accountLogoutRedirectURI/);
  });
});

describe('POST logout: Kakao account logout and an already expired token', () => {
  let app: NestKakaoApp;
  beforeAll(async () => {
    app = await startNestKakaoApp(kakao, ({ url, kakaoOptions }) => ({
      module: class AccountLogoutApp {},
      imports: [
        KakaoAuthModule.forRoot({
          ...kakaoOptions,
          logout: { accountLogoutRedirectURI: `${url}/bye` },
        }),
      ],
      controllers: [ProfileController],
    }));
  });
  afterAll(() => app.close());

  async function loggedIn(): Promise<TestBrowser> {
    const browser = new TestBrowser();
    await browser.follow(`${app.url}/auth/kakao/login`, (url) => url === `${app.url}/`);
    return browser;
  }

  it('a form POST continues to Kakao account logout; a fetch gets the URL as JSON', async () => {
    const form = await loggedIn();
    const res = await form.request(`${app.url}/auth/kakao/logout`, {
      method: 'POST',
      headers: { 'sec-fetch-site': 'same-origin', accept: 'text/html' },
    });
    const expected = `${kakao.authBaseURL}/oauth/logout?client_id=${kakao.clientID}&logout_redirect_uri=${encodeURIComponent(`${app.url}/bye`)}`;
    expect(res.status).toBe(302);
    expect(res.location).toBe(expected);
    const fetcher = await loggedIn();
    const json = await fetcher.request(`${app.url}/auth/kakao/logout`, {
      method: 'POST',
      headers: { 'sec-fetch-site': 'same-origin', accept: 'application/json' },
    });
    expect(JSON.parse(json.body)).toEqual({ loggedOut: true, redirectTo: expected });
  });

  it('a token Kakao no longer knows (-401) counts as logged out', async () => {
    const browser = await loggedIn();
    const api = app.app.get(KakaoApiService);
    const me = JSON.parse((await browser.get(`${app.url}/me`)).body) as { id: string };
    await api.logoutUser(me.id);
    const res = await browser.request(`${app.url}/auth/kakao/logout`, {
      method: 'POST',
      headers: { 'sec-fetch-site': 'same-origin', accept: 'application/json' },
    });
    expect(res.status).toBe(200);
    expect((await browser.get(`${app.url}/me`)).status).toBe(401);
    expect(app.logs.join('\n')).not.toMatch(/Kakao token logout failed/);
  });

  it('KakaoApiService is injectable and configured from the module options', async () => {
    const api = app.app.get(KakaoApiService);
    expect(api.clientID).toBe(kakao.clientID);
    const { id } = await api.unlinkUser(kakao.users[2].id);
    expect(id).toBe(kakao.users[2].id);
  });
});
