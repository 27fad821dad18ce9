import { Controller, Get, Post, Req, Res, type Type } from '@nestjs/common';
import type { Request, Response } from 'express';
import { KakaoAccountActions } from './kakao-account.actions';
import { KakaoAuthRoute } from './kakao-auth-route.metadata';
import { KakaoAuthFlow } from './kakao-auth.flow';
import { KakaoSpaHandoff } from './kakao-spa-handoff';
import { KakaoTokenLoginHandler } from './kakao-token-login.handler';
import { UnlinkWebhookHandler } from './unlink-webhook.handler';
import { AccountWebhookHandler } from './account-webhook.handler';

const controllers = new Map<string, Type>();

/**
 * The module's routes under `prefix`: `GET login`, `GET callback`, `POST logout`, `POST unlink`,
 * `GET`/`POST webhooks/unlink`, and (404 unless switched on) `GET nonce`, `POST token`,
 * `POST exchange`. One class per prefix, because Nest reads the path from class
 * metadata. Every route carries `KAKAO_AUTH_ROUTE` metadata (see `isKakaoAuthRoute`).
 */
export function createKakaoAuthController(prefix: string): Type {
  const existing = controllers.get(prefix);
  if (existing) return existing;

  @KakaoAuthRoute()
  @Controller(prefix)
  class KakaoAuthController {
    constructor(
      private readonly flow: KakaoAuthFlow,
      private readonly account: KakaoAccountActions,
      private readonly webhook: UnlinkWebhookHandler,
      private readonly tokenLogin: KakaoTokenLoginHandler,
      private readonly handoff: KakaoSpaHandoff,
      private readonly accountWebhook: AccountWebhookHandler,
    ) {}

    @Get('login')
    login(@Req() req: Request, @Res() res: Response): Promise<void> {
      return this.flow.start(req, res);
    }

    @Get('callback')
    callback(@Req() req: Request, @Res() res: Response): Promise<void> {
      return this.flow.finish(req, res);
    }

    @Post('logout')
    logout(@Req() req: Request, @Res() res: Response): Promise<void> {
      return this.account.logout(req, res);
    }

    @Post('unlink')
    unlink(@Req() req: Request, @Res() res: Response): Promise<void> {
      return this.account.unlink(req, res);
    }

    @Get('webhooks/unlink')
    unlinkWebhookGet(@Req() req: Request, @Res() res: Response): Promise<void> {
      return this.webhook.handle(req, res);
    }

    @Post('webhooks/unlink')
    unlinkWebhookPost(@Req() req: Request, @Res() res: Response): Promise<void> {
      return this.webhook.handle(req, res);
    }

    @Post('webhooks/account')
    accountWebhookPost(@Req() req: Request, @Res() res: Response): Promise<void> {
      return this.accountWebhook.handle(req, res);
    }

    @Get('nonce')
    nonce(@Req() req: Request, @Res() res: Response): Promise<void> {
      return this.tokenLogin.nonce(req, res);
    }

    @Post('token')
    token(@Req() req: Request, @Res() res: Response): Promise<void> {
      return this.tokenLogin.token(req, res);
    }

    @Post('exchange')
    exchange(@Req() req: Request, @Res() res: Response): Promise<void> {
      return this.handoff.exchange(req, res);
    }
  }

  controllers.set(prefix, KakaoAuthController);
  return KakaoAuthController;
}
