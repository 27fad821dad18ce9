import { createHmac, timingSafeEqual } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  Controller,
  type DynamicModule,
  Get,
  type INestApplication,
  type LoggerService,
  Module,
  UseGuards,
} from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { ExpressAdapter } from '@nestjs/platform-express';
import express, { type Request } from 'express';
import session from 'express-session';
import passport from 'passport';
import {
  KakaoAuthenticatedGuard,
  KakaoAuthModule,
  type KakaoAuthModuleOptions,
  KakaoUser,
} from '../../../src';
import type { KakaoEmulator } from '../../../src/testing';

/**
 * A Nest app like the module's e2e helper (test/nest/support/nest-kakao-app.ts), with the knobs
 * the reliability suites need: a shared session store (Redis), a public URL in front of several
 * instances (load balancer), trust proxy and Secure cookies, Express's query parser, and a
 * session-less mode whose `onLogin` issues an app cookie every instance can read.
 */
export interface InstanceOptions {
  /** express-session settings, or `false` for the module's session-less mode (sealed state cookies). */
  session?: false | SessionSettings;
  /** `app.set('trust proxy', …)`. */
  trustProxy?: boolean | number;
  /** Express's `query parser` (Express 5 default: `simple`). */
  queryParser?: 'simple' | 'extended';
  /** Base URL the callbackURL is built from, e.g. a load balancer; default the instance's own URL. */
  publicURL?: string;
  /** `false`: express-session without `passport.session()` (the README quick start's main.ts). */
  passportSession?: boolean;
  /** `false`: no express-session at all, though the module is in session mode. */
  expressSession?: boolean;
}

export interface SessionSettings {
  store?: session.Store;
  secret?: string | string[];
  cookie?: session.CookieOptions;
}

export interface NestInstance {
  /** Where this instance listens. */
  url: string;
  /** The public callbackURL the module is configured with. */
  callbackURL: string;
  app: INestApplication;
  /** Everything Nest and the module logged. */
  logs: string[];
  close(): Promise<void>;
}

/** Context handed to the options builder. */
export interface InstanceContext {
  url: string;
  callbackURL: string;
  /** clientID, clientSecret, callbackURL, emulator URLs, adminKey, appId. */
  kakaoOptions: KakaoAuthModuleOptions;
}

/** The secret of the app cookie issued by `onLogin` in session-less mode (shared by instances). */
export const APP_COOKIE = 'app_user';
const APP_COOKIE_SECRET = 'app-cookie-secret-shared-by-every-instance';

/** `onLogin` for session-less apps: an HMAC-signed `app_user` cookie holding the Kakao id. */
export const issueAppCookie: NonNullable<KakaoAuthModuleOptions['onLogin']> = (user, { res }) => {
  const id = (user as { id: string }).id;
  res.cookie(APP_COOKIE, `${id}.${sign(id)}`, { httpOnly: true, sameSite: 'lax', path: '/' });
};

function sign(value: string): string {
  return createHmac('sha256', APP_COOKIE_SECRET).update(value).digest('base64url');
}

/** The user of a valid `app_user` cookie, as `req.user`. */
function appCookieUser(req: Request): { id: string } | undefined {
  const raw = /(?:^|;\s*)app_user=([^;]+)/.exec(req.headers.cookie ?? '')?.[1];
  const [id, mac] = raw?.split('.') ?? [];
  if (!id || !mac) return undefined;
  const expected = Buffer.from(sign(id));
  const given = Buffer.from(mac);
  return given.length === expected.length && timingSafeEqual(given, expected) ? { id } : undefined;
}

class CapturingLogger implements LoggerService {
  constructor(private readonly lines: string[]) {}
  log(message: unknown): void {
    this.lines.push(String(message));
  }
  error(message: unknown, ...rest: unknown[]): void {
    this.lines.push([message, ...rest].map(String).join(' '));
  }
  warn(message: unknown): void {
    this.lines.push(String(message));
  }
}

@Controller()
class MeController {
  @Get('me')
  @UseGuards(KakaoAuthenticatedGuard)
  me(@KakaoUser('id') id: string): { id: string } {
    return { id };
  }
}

function appModule(options: KakaoAuthModuleOptions): DynamicModule {
  @Module({})
  class ReliabilityAppModule {}
  return {
    module: ReliabilityAppModule,
    imports: [KakaoAuthModule.forRoot(options)],
    controllers: [MeController],
  };
}

/** Starts one instance on 127.0.0.1:0; `build` gets the emulator-facing options to extend. */
export async function startNestInstance(
  kakao: KakaoEmulator,
  build: (context: InstanceContext) => KakaoAuthModuleOptions = (c) => c.kakaoOptions,
  options: InstanceOptions = {},
): Promise<NestInstance> {
  const server: Server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const callbackURL = `${options.publicURL ?? url}/auth/kakao/callback`;
  const instance = express();
  if (options.trustProxy !== undefined) instance.set('trust proxy', options.trustProxy);
  if (options.queryParser) instance.set('query parser', options.queryParser);
  if (options.session === false) {
    instance.use((req, _res, next) => {
      const user = appCookieUser(req);
      if (user) (req as Request & { user?: unknown }).user = user;
      next();
    });
  } else if (options.expressSession !== false) {
    const settings = options.session ?? {};
    instance.use(
      session({
        store: settings.store,
        secret: settings.secret ?? 'reliability-session-secret',
        resave: false,
        saveUninitialized: false,
        cookie: { httpOnly: true, sameSite: 'lax', ...settings.cookie },
      }),
    );
    if (options.passportSession !== false) instance.use(passport.session());
  }
  const logs: string[] = [];
  const kakaoOptions: KakaoAuthModuleOptions = {
    clientID: kakao.clientID,
    clientSecret: kakao.clientSecret,
    callbackURL,
    authBaseURL: kakao.authBaseURL,
    apiBaseURL: kakao.apiBaseURL,
    adminKey: kakao.adminKey,
    appId: kakao.appId,
    ...(options.session === false ? { session: false, onLogin: issueAppCookie } : {}),
  };
  const app = await NestFactory.create(
    appModule(build({ url, callbackURL, kakaoOptions })),
    new ExpressAdapter(instance),
    // A startup error rejects here instead of exiting the process (Nest's default).
    { logger: new CapturingLogger(logs), abortOnError: false },
  );
  await app.init();
  server.on('request', instance);
  return {
    url,
    callbackURL,
    app,
    logs,
    close: async () => {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
      await app.close();
    },
  };
}
