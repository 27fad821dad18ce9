import { describeError } from './describe-error';
import { createHash, timingSafeEqual } from 'node:crypto';
import { Inject, Injectable, Logger } from '@nestjs/common';
import type { Request, Response } from 'express';
import { KAKAO_AUTH_RESOLVED_OPTIONS } from './kakao-auth.internal-constants';
import type { KakaoUnlinkEvent } from './kakao-auth.options';
import type { ResolvedKakaoAuthOptions } from './resolve-module-options';

const MAX_BODY_BYTES = 8 * 1024;

/**
 * Kakao's unlink webhook (https://developers.kakao.com/docs/latest/ko/kakaologin/callback#unlink),
 * GET or POST: `Authorization: KakaoAK <admin key>` checked in constant time, `app_id` checked
 * when configured, then `onUnlink` gets up to `webhookTimeoutMs` before the 200 goes out anyway
 * (Kakao counts anything but a 200 within 3 s as a failure). Never redirects.
 */
@Injectable()
export class UnlinkWebhookHandler {
  private readonly logger = new Logger('KakaoAuthModule');
  private readonly expected?: Buffer;

  constructor(
    @Inject(KAKAO_AUTH_RESOLVED_OPTIONS) private readonly options: ResolvedKakaoAuthOptions,
  ) {
    const key = options.raw.adminKey;
    if (key) this.expected = digest(`KakaoAK ${key}`);
  }

  async handle(req: Request, res: Response): Promise<void> {
    res.setHeader('cache-control', 'no-store');
    if (!this.expected) return void res.status(404).end();
    if (!this.authorized(req.headers.authorization))
      return void res.status(401).json({ error: 'unauthorized' });
    const params = { ...req.query, ...(req.method === 'POST' ? await bodyOf(req) : {}) };
    const userId = text(params.user_id);
    const appId = text(params.app_id);
    if (this.options.raw.appId && appId !== this.options.raw.appId)
      return void res.status(401).json({ error: 'wrong_app' });
    if (!userId || !/^\d{1,20}$/.test(userId))
      return void res.status(400).json({ error: 'invalid_request' });
    await this.runHook({ userId, referrerType: text(params.referrer_type) ?? '', appId });
    res.status(200).end();
  }

  private authorized(header: string | undefined): boolean {
    // Digests have equal length whatever was sent, so timingSafeEqual never leaks the key's length.
    return timingSafeEqual(digest(header ?? ''), this.expected!);
  }

  private async runHook(event: KakaoUnlinkEvent): Promise<void> {
    const hook = this.options.raw.onUnlink;
    if (!hook) return;
    let timer: NodeJS.Timeout | undefined;
    const run = Promise.resolve()
      .then(() => hook(event))
      .catch((err: unknown) =>
        this.logger.error(`onUnlink threw for an unlink webhook: ${this.describe(err)}`),
      );
    const timeout = new Promise<void>((resolve) => {
      timer = setTimeout(() => {
        this.logger.warn(
          `onUnlink took longer than ${this.options.webhookTimeoutMs} ms; answered Kakao with 200, the hook keeps running`,
        );
        resolve();
      }, this.options.webhookTimeoutMs);
    });
    await Promise.race([run, timeout]);
    clearTimeout(timer);
  }

  private describe(err: unknown): string {
    return describeError(err, this.options);
  }
}

function digest(value: string): Buffer {
  return createHash('sha256').update(value).digest();
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value ? value : undefined;
}

/** The parsed body: Nest's body parser's, or read here when the app turned body parsing off. */
async function bodyOf(req: Request): Promise<Record<string, unknown>> {
  const parsed: unknown = req.body;
  if (parsed && typeof parsed === 'object' && Object.keys(parsed).length)
    return parsed as Record<string, unknown>;
  if (req.readableEnded || req.complete) return {};
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_BODY_BYTES) return {};
    chunks.push(chunk);
  }
  const raw = Buffer.concat(chunks).toString('utf8');
  try {
    return raw.trim().startsWith('{')
      ? (JSON.parse(raw) as Record<string, unknown>)
      : Object.fromEntries(new URLSearchParams(raw));
  } catch {
    return {};
  }
}
