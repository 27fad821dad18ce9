import { Inject, Injectable, Logger } from '@nestjs/common';
import type { Request, Response } from 'express';
import { KakaoConfigError } from '../errors/kakao-config.error';
import {
  createKakaoAccountWebhookHandler,
  type KakaoAccountWebhookOutcome,
} from '../webhooks/account-webhook.express';
import { KakaoAccountWebhookVerifier } from '../webhooks/account-webhook.verifier';
import { describeError } from './describe-error';
import { KAKAO_AUTH_RESOLVED_OPTIONS } from './kakao-auth.internal-constants';
import type { KakaoAccountWebhookModuleOptions } from './kakao-auth.options';
import type { ResolvedKakaoAuthOptions } from './resolve-module-options';

type Handle = (req: Request, res: Response) => Promise<KakaoAccountWebhookOutcome>;

const HOOKS = [
  'onAccountEvent',
  'onSessionsRevoked',
  'onAccountDisabled',
  'onAccountEnabled',
  'onUnlinked',
  'onScopeWithdrawn',
  'onProfileChanged',
  'endUserSessions',
] as const;

/**
 * `POST {prefix}/webhooks/account`: Kakao's account-status webhook, on when `accountWebhook` is
 * set (404 otherwise). The raw body is read whatever parsers the app runs; the answer (202, or
 * 400 without detail) goes out within `budgetMs` whatever the hooks do. Never redirects.
 */
@Injectable()
export class AccountWebhookHandler {
  private readonly handler?: Handle;

  constructor(@Inject(KAKAO_AUTH_RESOLVED_OPTIONS) options: ResolvedKakaoAuthOptions) {
    const setting = options.raw.accountWebhook;
    if (setting === undefined || setting === false) return;
    if (setting !== true && (typeof setting !== 'object' || setting === null))
      throw new KakaoConfigError(
        'KakaoAuthModule: accountWebhook must be true or an object of hooks such as { onAccountEvent, endUserSessions }',
      );
    const config: KakaoAccountWebhookModuleOptions = setting === true ? {} : setting;
    for (const name of HOOKS) {
      if (config[name] !== undefined && typeof config[name] !== 'function')
        throw new KakaoConfigError(`KakaoAuthModule: accountWebhook.${name} must be a function`);
    }
    const { strategy } = options;
    const verifier = new KakaoAccountWebhookVerifier({
      clientID: strategy.clientID,
      audiences: strategy.audiences,
      authBaseURL: strategy.authBaseURL,
      issuer: strategy.issuer,
      jwksURL: strategy.jwksURL,
      ca: strategy.ca,
      // The module's shared one-time store (Redis with several instances) unless one is given.
      jtiStore: config.jtiStore ?? options.raw.oneTimeStore,
      // Either name (the …Sec ones are deprecated): the verifier checks and reconciles them.
      maxAgeSeconds: config.maxAgeSeconds,
      maxAgeSec: config.maxAgeSec,
      clockToleranceSeconds: config.clockToleranceSeconds,
      clockToleranceSec: config.clockToleranceSec,
      maxBodyBytes: config.maxBodyBytes,
    });
    this.handler = createKakaoAccountWebhookHandler({
      ...config,
      verifier,
      logger: new Logger('KakaoAuthModule'),
      describeError: (err) => describeError(err, options),
    }) as Handle;
  }

  async handle(req: Request, res: Response): Promise<void> {
    if (!this.handler) {
      res.setHeader('cache-control', 'no-store');
      return void res.status(404).end();
    }
    await this.handler(req, res);
  }
}
