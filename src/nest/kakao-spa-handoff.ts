import { Inject, Injectable } from '@nestjs/common';
import type { Request, Response } from 'express';
import { KakaoHandoffCodes } from '../token-login/kakao-handoff-codes';
import { KakaoTokenLoginError } from '../token-login/kakao-token-login.error';
import { KAKAO_AUTH_RESOLVED_OPTIONS } from './kakao-auth.internal-constants';
import type { KakaoAppUser } from './kakao-auth.options';
import { type KakaoJsonLogin, KakaoLoginResponder } from './kakao-login.responder';
import type { ResolvedKakaoAuthOptions } from './resolve-module-options';
import { sessionReady } from './session-ready';

/** What a handoff code stands for until the SPA redeems it. */
interface HandoffPayload extends KakaoJsonLogin {
  user: KakaoAppUser;
}

/**
 * SPA handoff (`spaHandoff`): `GET login` binds the browser (HttpOnly cookie), the callback
 * stores the mapped user under a one-time code and redirects to `returnTo#code=…` (a fragment
 * never reaches servers, logs or Referer headers), and `POST exchange` redeems the code once,
 * from the same browser, for the session login or `onLogin`'s JSON.
 */
@Injectable()
export class KakaoSpaHandoff {
  private readonly codes?: KakaoHandoffCodes<HandoffPayload>;

  constructor(
    @Inject(KAKAO_AUTH_RESOLVED_OPTIONS) private readonly options: ResolvedKakaoAuthOptions,
    private readonly responder: KakaoLoginResponder,
  ) {
    if (!options.spaHandoff) return;
    const s = options.strategy;
    this.codes = new KakaoHandoffCodes({
      store: options.oneTimeStore,
      ttlSeconds: options.spaHandoff.codeTtlSeconds,
      cookie: { path: s.stateCookiePath, secure: s.callbackURL.startsWith('https:') },
    });
  }

  get enabled(): boolean {
    return this.codes !== undefined;
  }

  /** At login start: sets the cookie the code will be bound to. */
  bind(req: Request, res: Response): void {
    this.codes?.bind(req, res);
  }

  /** The URL to redirect to, `redirectTo#code=…`; undefined when the browser carries no binding. */
  async handOff(req: Request, payload: HandoffPayload): Promise<string | undefined> {
    const code = await this.codes!.issue(req, payload);
    if (code === undefined) return undefined;
    return `${payload.redirectTo.split('#')[0]}#code=${code}`;
  }

  /** `POST exchange` with `{ code }`: 401 `invalid_code` unless it is fresh, unused and this browser's. */
  async exchange(req: Request, res: Response): Promise<void> {
    if (!this.codes) return void res.status(404).end();
    if (!this.responder.acceptsOnlyJson(req, res, false)) return;
    if (this.options.session && !sessionReady(req, res, 'POST exchange')) return;
    try {
      const body = (req.body ?? {}) as { code?: unknown };
      const payload = await this.codes.redeem(req, body.code);
      if (!payload) throw new KakaoTokenLoginError('invalid_code');
      const { user, ...login } = payload;
      await this.responder.logIn(req, res, user, login, 'exchange');
    } catch (err) {
      this.responder.refuse(res, err);
    }
  }
}
