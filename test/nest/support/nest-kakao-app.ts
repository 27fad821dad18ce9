import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { DynamicModule, INestApplication, LoggerService, Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { ExpressAdapter } from '@nestjs/platform-express';
import express from 'express';
import session from 'express-session';
import passport from 'passport';
import type { KakaoAuthModuleOptions } from '../../../src';
import type { KakaoEmulator } from '../../../src/testing';

export interface NestKakaoApp {
  url: string;
  callbackURL: string;
  app: INestApplication;
  logs: string[];
  close(): Promise<void>;
}

export interface AppContext {
  url: string;
  callbackURL: string;
  /** The emulator-facing options every test app starts from. */
  kakaoOptions: KakaoAuthModuleOptions;
}

export interface StartOptions {
  /** Route prefix the callbackURL is built with (default `auth/kakao`). */
  prefix?: string;
  /** express-session (default true). */
  session?: boolean;
  /** passport.session() after express-session (default true), as most Nest session apps do. */
  passportSession?: boolean;
}

/** Collects what the module logs, to check that nothing secret is logged. */
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

/**
 * A real Nest app (Express adapter, express-session) on 127.0.0.1:0 against the emulator. The
 * HTTP server listens first, so the callbackURL is known when the module is configured.
 */
export async function startNestKakaoApp(
  kakao: KakaoEmulator,
  build: (context: AppContext) => Type | DynamicModule,
  options: StartOptions = {},
): Promise<NestKakaoApp> {
  const server: Server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const callbackURL = `${url}/${options.prefix ?? 'auth/kakao'}/callback`;
  const instance = express();
  if (options.session !== false) {
    instance.use(
      session({
        secret: 'nest-e2e-session-secret',
        resave: false,
        saveUninitialized: false,
        cookie: { httpOnly: true, sameSite: 'lax' },
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
  };
  const app = await NestFactory.create(
    build({ url, callbackURL, kakaoOptions }),
    new ExpressAdapter(instance),
    { logger: new CapturingLogger(logs) },
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
