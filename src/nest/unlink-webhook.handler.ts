import { Inject, Injectable, Logger } from '@nestjs/common';
import type { Request, Response } from 'express';
import { runHooksWithin } from '../webhooks/hook-budget';
import { answerRefusal, unlinkParams } from '../webhooks/unlink-webhook.express';
import {
  checkUnlinkWebhook,
  type KakaoUnlinkWebhookEvent,
} from '../webhooks/unlink-webhook.request';
import { describeError } from './describe-error';
import { KAKAO_AUTH_RESOLVED_OPTIONS } from './kakao-auth.internal-constants';
import type { ResolvedKakaoAuthOptions } from './resolve-module-options';

/**
 * Kakao's unlink webhook (https://developers.kakao.com/docs/latest/ko/kakaologin/callback#unlink),
 * GET or POST: `Authorization: KakaoAK <primary admin key>` checked in constant time, `app_id`
 * checked when `appId` is set, `user_id` a canonical decimal id, then `onUnlink` gets what is
 * left of `webhookTimeoutMs` before the 200 goes out anyway (Kakao counts anything but a 200
 * within 3 s as a failure; a slow hook keeps running). Never redirects.
 */
@Injectable()
export class UnlinkWebhookHandler {
  private readonly logger = new Logger('KakaoAuthModule');

  constructor(
    @Inject(KAKAO_AUTH_RESOLVED_OPTIONS) private readonly options: ResolvedKakaoAuthOptions,
  ) {}

  async handle(req: Request, res: Response): Promise<void> {
    const started = Date.now();
    res.setHeader('cache-control', 'no-store');
    const adminKey = this.options.raw.adminKey;
    if (!adminKey) return void res.status(404).end();
    let event: KakaoUnlinkWebhookEvent;
    try {
      event = checkUnlinkWebhook(
        { authorization: req.headers.authorization, params: await unlinkParams(req) },
        { adminKey, appId: this.options.raw.appId },
      );
    } catch (err) {
      return void answerRefusal(res, err, this.logger);
    }
    const hook = this.options.raw.onUnlink;
    if (hook) {
      await runHooksWithin(
        [{ name: 'onUnlink', run: () => hook(event) }],
        started + this.options.webhookTimeoutMs,
        this.logger,
        (err) => describeError(err, this.options),
      );
    }
    res.status(200).end();
  }
}
