import { createHmac, timingSafeEqual } from 'node:crypto';
import { Controller, type DynamicModule, Get, Module, UseGuards } from '@nestjs/common';
import type { Request } from 'express';
import {
  KakaoAuthenticatedGuard,
  KakaoAuthModule,
  type KakaoAuthModuleOptions,
  KakaoUser,
} from '../../src';
import type { KakaoEmulator } from '../../src/testing';
import {
  startNestKakaoApp,
  type AppContext,
  type NestKakaoApp,
  type SessionSettings,
} from './nest-kakao-app';

/**
 * The app of the reliability suites (security, faults, fuzz, redis, webhooks), on the one Nest
 * harness: KakaoAuthModule.forRoot plus a guarded `GET /me`, and a session-less mode whose
 * `onLogin` issues an app cookie every instance can read.
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

export type NestInstance = NestKakaoApp;
export type InstanceContext = AppContext;

/** The name of the app cookie issued by `onLogin` in session-less mode (shared by instances). */
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
  const sessionLess = options.session === false;
  return startNestKakaoApp(
    kakao,
    (context) =>
      appModule(
        build(
          sessionLess
            ? {
                ...context,
                kakaoOptions: { ...context.kakaoOptions, session: false, onLogin: issueAppCookie },
              }
            : context,
        ),
      ),
    {
      session: sessionLess || options.expressSession === false ? false : (options.session ?? {}),
      passportSession: options.passportSession,
      publicURL: options.publicURL,
      trustProxy: options.trustProxy,
      queryParser: options.queryParser,
      before: sessionLess
        ? (req, _res, next) => {
            const user = appCookieUser(req);
            if (user) (req as Request & { user?: unknown }).user = user;
            next();
          }
        : undefined,
    },
  );
}
