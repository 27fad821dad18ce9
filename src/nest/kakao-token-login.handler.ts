import { Inject, Injectable } from '@nestjs/common';
import type { Request, Response } from 'express';
import type { KakaoTokenResponse } from '../types/kakao-user.types';
import { KakaoLoginNonces } from '../token-login/kakao-login-nonces';
import { KakaoTokenLoginError } from '../token-login/kakao-token-login.error';
import { KakaoTokenVerifier } from '../token-login/kakao-token.verifier';
import { readTokenLoginInput } from '../token-login/token-login.input';
import { type KakaoTokenLoginResult, verifyTokenLogin } from '../token-login/verify-token-login';
import { KAKAO_AUTH_RESOLVED_OPTIONS } from './kakao-auth.internal-constants';
import { KakaoLoginResponder } from './kakao-login.responder';
import { loginResultOf } from './kakao-login.result';
import { KakaoNestStrategy } from './kakao.nest-strategy';
import type { ResolvedTokenLogin } from './resolve-token-login-options';
import type { ResolvedKakaoAuthOptions } from './resolve-module-options';
import { sessionReady } from './session-ready';

interface TokenLogin {
  settings: ResolvedTokenLogin;
  verifier: KakaoTokenVerifier;
  nonces: KakaoLoginNonces;
}

/**
 * `GET nonce` and `POST token`: a native app or the Kakao JS SDK sends the Kakao access token it
 * got (plus the id_token and the nonce it requested it with); the module checks the token was
 * issued to `appId`, maps the user with `validateUser` and logs in like the redirect callback.
 * Both answer 404 unless `tokenLogin` is on.
 */
@Injectable()
export class KakaoTokenLoginHandler {
  private readonly login?: TokenLogin;

  constructor(
    @Inject(KAKAO_AUTH_RESOLVED_OPTIONS) private readonly options: ResolvedKakaoAuthOptions,
    private readonly strategy: KakaoNestStrategy,
    private readonly responder: KakaoLoginResponder,
  ) {
    const settings = options.tokenLogin;
    if (!settings) return;
    const s = options.strategy;
    this.login = {
      settings,
      verifier: new KakaoTokenVerifier({
        ...s,
        appId: settings.appId,
        audiences: settings.audiences,
        maxIdTokenAgeSeconds: settings.maxIdTokenAgeSeconds,
      }),
      nonces: new KakaoLoginNonces({
        store: options.oneTimeStore,
        ttlSeconds: settings.nonceTtlSeconds,
        cookie: { path: s.stateCookiePath, secure: s.callbackURL.startsWith('https:') },
      }),
    };
  }

  /** `GET nonce`: `{ nonce, expiresIn }`, bound to the caller by an HttpOnly cookie. */
  async nonce(req: Request, res: Response): Promise<void> {
    res.setHeader('cache-control', 'no-store');
    if (!this.login) return void res.status(404).end();
    try {
      res.status(200).json(await this.login.nonces.issue(req, res));
    } catch (err) {
      this.responder.refuse(res, err);
    }
  }

  /** `POST token`: verifies the client's Kakao tokens, then session login or `onLogin`'s JSON. */
  async token(req: Request, res: Response): Promise<void> {
    if (!this.login) return void res.status(404).end();
    if (!this.responder.acceptsOnlyJson(req, res, true)) return;
    if (this.options.session && !sessionReady(req, res, 'POST token')) return;
    const { verifier, nonces, settings } = this.login;
    try {
      const input = readTokenLoginInput(req);
      if (!input.accessToken) {
        throw new KakaoTokenLoginError(
          'invalid_request',
          'send the access_token the Kakao SDK returned together with the id_token (the module keeps it for logout and unlink)',
        );
      }
      const result = await verifyTokenLogin(verifier, input, {
        requireNonce: settings.requireNonce,
        redeemNonce: (nonce) => nonces.redeem(req, nonce),
      });
      const user = await this.strategy.validate(
        req,
        result.accessToken!,
        undefined,
        tokenParams(result),
        result.profile,
      );
      if (!user) throw new KakaoTokenLoginError('user_rejected');
      const { tokens } = loginResultOf(req)!;
      await this.responder.logIn(
        req,
        res,
        user,
        { profile: result.profile, tokens, redirectTo: this.options.successRedirect },
        'token',
      );
    } catch (err) {
      this.responder.refuse(res, err);
    }
  }
}

/** What `validateUser` sees as `params`: Kakao's token response shape, from the verified tokens. */
function tokenParams(result: KakaoTokenLoginResult): KakaoTokenResponse {
  return {
    token_type: 'bearer',
    access_token: result.accessToken!,
    expires_in: result.tokenInfo?.expires_in ?? 0,
    id_token: result.idToken,
  };
}
