import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { DynamicModule, INestApplication, LoggerService, Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { ExpressAdapter } from '@nestjs/platform-express';
import express, { type RequestHandler } from 'express';
import session from 'express-session';
import passport from 'passport';
import type { KakaoAuthModuleOptions } from '../../src';
import type { KakaoEmulator } from '../../src/testing';

/**
 * The one Nest e2e harness: a real Nest app (Express adapter) on 127.0.0.1:0 against the
 * KakaoEmulator. test/support/nest-instance.ts builds the reliability suites' app on it.
 */
export interface NestKakaoApp {
  /** Where this app listens. */
  url: string;
  /** The public callbackURL the module is configured with. */
  callbackURL: string;
  app: INestApplication;
  /** Everything Nest and the module logged (to check that nothing secret is logged). */
  logs: string[];
  close(): Promise<void>;
}

/** Context handed to the module builder. */
export interface AppContext {
  url: string;
  callbackURL: string;
  /** clientID, clientSecret, callbackURL, emulator URLs, adminKey, appId: what every app starts from. */
  kakaoOptions: KakaoAuthModuleOptions;
}

export interface SessionSettings {
  store?: session.Store;
  secret?: string | string[];
  cookie?: session.CookieOptions;
}

export interface StartOptions {
  /** Route prefix the callbackURL is built with (default `auth/kakao`). */
  prefix?: string;
  /** express-session (default on, with these settings when an object); `false`: none at all. */
  session?: boolean | SessionSettings;
  /** passport.session() after express-session (default true), as most Nest session apps do. */
  passportSession?: boolean;
  /** Base URL the callbackURL is built from, e.g. a load balancer; default the app's own URL. */
  publicURL?: string;
  /** `app.set('trust proxy', …)`. */
  trustProxy?: boolean | number;
  /** Express's `query parser` (Express 5 default: `simple`). */
  queryParser?: 'simple' | 'extended';
  /** Middleware mounted before the session (e.g. an app cookie that sets `req.user`). */
  before?: RequestHandler;
  /** NestFactory's `rawBody` (req.rawBody for the body parsers Nest registers). */
  rawBody?: boolean;
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

/** The emulator-facing module options every test app starts from. */
export function emulatorModuleOptions(
  kakao: KakaoEmulator,
  callbackURL: string,
): KakaoAuthModuleOptions {
  return {
    clientID: kakao.clientID,
    clientSecret: kakao.clientSecret,
    callbackURL,
    authBaseURL: kakao.authBaseURL,
    apiBaseURL: kakao.apiBaseURL,
    adminKey: kakao.adminKey,
    appId: kakao.appId,
  };
}

/**
 * Starts the app. The HTTP server listens first, so the callbackURL is known when the module
 * is configured.
 */
export async function startNestKakaoApp(
  kakao: KakaoEmulator,
  build: (context: AppContext) => Type | DynamicModule,
  options: StartOptions = {},
): Promise<NestKakaoApp> {
  const server: Server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const callbackURL = `${options.publicURL ?? url}/${options.prefix ?? 'auth/kakao'}/callback`;
  const instance = express();
  if (options.trustProxy !== undefined) instance.set('trust proxy', options.trustProxy);
  if (options.queryParser) instance.set('query parser', options.queryParser);
  if (options.before) instance.use(options.before);
  if (options.session !== false) {
    const settings = typeof options.session === 'object' ? options.session : {};
    instance.use(
      session({
        store: settings.store,
        secret: settings.secret ?? 'nest-e2e-session-secret',
        resave: false,
        saveUninitialized: false,
        cookie: { httpOnly: true, sameSite: 'lax', ...settings.cookie },
      }),
    );
    if (options.passportSession !== false) instance.use(passport.session());
  }
  const logs: string[] = [];
  const kakaoOptions = emulatorModuleOptions(kakao, callbackURL);
  let app: INestApplication;
  try {
    app = await NestFactory.create(
      build({ url, callbackURL, kakaoOptions }),
      new ExpressAdapter(instance),
      // A startup error rejects here instead of exiting the process (Nest's default).
      { logger: new CapturingLogger(logs), abortOnError: false, rawBody: options.rawBody },
    );
    await app.init();
  } catch (err) {
    // Tests that expect a startup error must not leave the port open.
    await new Promise((resolve) => server.close(resolve));
    throw err;
  }
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
