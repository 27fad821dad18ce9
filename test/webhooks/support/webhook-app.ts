import {
  type CanActivate,
  type DynamicModule,
  type ExecutionContext,
  Injectable,
  Module,
} from '@nestjs/common';
import { APP_GUARD, Reflector } from '@nestjs/core';
import express from 'express';
import { isKakaoAuthRoute, KakaoAuthModule, type KakaoAuthModuleOptions } from '../../../src';
import type { KakaoEmulator } from '../../../src/testing';
import { startNestKakaoApp } from '../../support/nest-kakao-app';

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

/**
 * A Nest app (Express adapter, Nest's default body parsers, no express-session) on
 * 127.0.0.1:0 against the emulator, on the shared harness (test/support/nest-kakao-app.ts).
 */
export async function startWebhookApp(
  kakao: KakaoEmulator,
  extra: Partial<KakaoAuthModuleOptions>,
  settings: WebhookAppSettings = {},
): Promise<WebhookApp> {
  const { url, logs, close } = await startNestKakaoApp(
    kakao,
    ({ kakaoOptions }) => appModule({ ...kakaoOptions, ...extra }, settings.denyAll ?? false),
    {
      session: false,
      rawBody: settings.rawBody ?? false,
      before: settings.textParserFirst ? express.text({ type: '*/*' }) : undefined,
    },
  );
  return {
    url,
    accountURL: `${url}/auth/kakao/webhooks/account`,
    unlinkURL: `${url}/auth/kakao/webhooks/unlink`,
    logs,
    close,
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
