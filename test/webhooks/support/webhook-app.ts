import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  type CanActivate,
  type DynamicModule,
  type ExecutionContext,
  type INestApplication,
  Injectable,
  type LoggerService,
  Module,
} from '@nestjs/common';
import { APP_GUARD, NestFactory, Reflector } from '@nestjs/core';
import { ExpressAdapter } from '@nestjs/platform-express';
import express from 'express';
import { isKakaoAuthRoute, KakaoAuthModule, type KakaoAuthModuleOptions } from '../../../src';
import type { KakaoEmulator } from '../../../src/testing';

export interface WebhookApp {
  url: string;
  /** `POST {url}/auth/kakao/webhooks/account`. */
  accountURL: string;
  /** `{url}/auth/kakao/webhooks/unlink`. */
  unlinkURL: string;
  logs: string[];
  close(): Promise<void>;
}

export interface WebhookAppSettings {
  /** NestFactory's `rawBody: true` (req.rawBody for the parsers Nest registers). */
  rawBody?: boolean;
  /** An app-wide `express.text({ type: '*\/*' })` before Nest's own parsers. */
  textParserFirst?: boolean;
  /** A global guard that refuses every route except the module's (isKakaoAuthRoute). */
  denyAll?: boolean;
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

@Injectable()
class DenyAllButKakao implements CanActivate {
  constructor(private readonly reflector: Reflector) {}
  canActivate(context: ExecutionContext): boolean {
    return isKakaoAuthRoute(context, this.reflector);
  }
}

function appModule(options: KakaoAuthModuleOptions, denyAll: boolean): DynamicModule {
  @Module({})
  class WebhookTestModule {}
  return {
    module: WebhookTestModule,
    imports: [KakaoAuthModule.forRoot(options)],
    providers: denyAll ? [{ provide: APP_GUARD, useClass: DenyAllButKakao }] : [],
  };
}

/** A Nest app (Express adapter, Nest's default body parsers) on 127.0.0.1:0 against the emulator. */
export async function startWebhookApp(
  kakao: KakaoEmulator,
  extra: Partial<KakaoAuthModuleOptions>,
  settings: WebhookAppSettings = {},
): Promise<WebhookApp> {
  const server: Server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const instance = express();
  if (settings.textParserFirst) instance.use(express.text({ type: '*/*' }));
  const logs: string[] = [];
  const options: KakaoAuthModuleOptions = {
    clientID: kakao.clientID,
    clientSecret: kakao.clientSecret,
    callbackURL: `${url}/auth/kakao/callback`,
    authBaseURL: kakao.authBaseURL,
    apiBaseURL: kakao.apiBaseURL,
    adminKey: kakao.adminKey,
    appId: kakao.appId,
    ...extra,
  };
  let app: INestApplication;
  try {
    app = await NestFactory.create(
      appModule(options, settings.denyAll ?? false),
      new ExpressAdapter(instance),
      {
        logger: new CapturingLogger(logs),
        rawBody: settings.rawBody ?? false,
        abortOnError: false,
      },
    );
    await app.init();
  } catch (err) {
    await new Promise((resolve) => server.close(resolve));
    throw err;
  }
  server.on('request', instance);
  return {
    url,
    accountURL: `${url}/auth/kakao/webhooks/account`,
    unlinkURL: `${url}/auth/kakao/webhooks/unlink`,
    logs,
    close: async () => {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
      await app.close();
    },
  };
}

/** POSTs `body` raw and returns status, body text and the time it took. */
export async function postRaw(
  url: string,
  body: string,
  headers: Record<string, string> = { 'content-type': 'application/secevent+jwt' },
): Promise<{ status: number; text: string; ms: number; location: string | null }> {
  const started = performance.now();
  const res = await fetch(url, { method: 'POST', body, headers, redirect: 'manual' });
  const text = await res.text();
  return {
    status: res.status,
    text,
    ms: performance.now() - started,
    location: res.headers.get('location'),
  };
}
