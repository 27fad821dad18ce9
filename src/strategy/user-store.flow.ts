import { KakaoConfigError } from '../errors/kakao-config.error';
import type { AuthorizeURL } from './authorize-url';
import type { LoginStateStores } from './login-state.stores';
import { randomToken, addPkceChallenge } from './pkce';
import type { ResolvedStrategyOptions } from './resolve-strategy-options';
import type { CheckedLogin, PendingLogin } from './state/pending-login';
import type { KakaoStrategyRequest } from './strategy-request';
import {
  type KakaoStateStore,
  type KakaoStateStoreMeta,
  storeState,
  verifyState,
} from './user-state.store';

/** How the flow ends the request: passport's actions of this request's strategy object. */
export interface UserStoreActions {
  redirect(url: string): void;
  error(err: Error): void;
  /** The login ends as `invalid_state`, without (`refused`) or with (`missing`) the diagnosis. */
  refuseState(diagnose: boolean): void;
  /** Ends the login with a thrown error, as the strategy ends every flow. */
  end(thrown: unknown): void;
}

/**
 * Logins whose state the app's passport-oauth2 `store` keeps (and the PKCE verifier, with the
 * PKCE form); with `openid`, the nonce is still kept in ours. Built once, at start-up.
 */
export class UserStoreFlow {
  constructor(
    private readonly store: KakaoStateStore,
    private readonly settings: ResolvedStrategyOptions,
    private readonly authorize: AuthorizeURL,
    private readonly stores: LoginStateStores,
  ) {}

  start(
    req: KakaoStrategyRequest,
    params: Record<string, unknown>,
    callbackURL: string,
    appState: unknown,
    act: UserStoreActions,
  ): void {
    const s = this.settings;
    const verifier = s.pkce ? addPkceChallenge(params) : undefined;
    const stored = (err: Error | null, state?: string) => {
      if (err) return act.error(err);
      if (state) params.state = state;
      if (!s.openid) return act.redirect(this.authorize.build(params));
      if (!state) throw new KakaoConfigError('KakaoStrategy: the state store gave no state');
      const nonce = randomToken();
      const login: PendingLogin = {
        state,
        nonce,
        expiresAt: Date.now() + s.stateTtlSeconds * 1000,
      };
      params.nonce = nonce;
      Promise.resolve(this.stores.for(req).put(req, login))
        .then(() => act.redirect(this.authorize.build(params)))
        .catch((e: unknown) => act.end(e));
    };
    if (typeof this.store.store !== 'function')
      throw new KakaoConfigError(
        'KakaoStrategy: the state store has no store(req, …, callback) method, so it cannot start a login',
      );
    storeState(this.store, req, verifier, appState, this.meta(callbackURL), (err, state) => {
      try {
        stored(err, state);
      } catch (e) {
        act.end(e);
      }
    });
  }

  /** The app's store verifies the state; undefined when the login ended here (fail or error). */
  verify(
    req: KakaoStrategyRequest,
    state: string | undefined,
    callbackURL: string,
    act: UserStoreActions,
  ): Promise<CheckedLogin | undefined> {
    return new Promise<CheckedLogin | undefined>((resolve, reject) => {
      verifyState(this.store, req, state, this.meta(callbackURL), (err, ok, info) => {
        if (err) {
          act.error(err);
          return resolve(undefined);
        }
        if (!ok) {
          act.refuseState(false);
          return resolve(undefined);
        }
        const login: CheckedLogin = {
          verifier: typeof ok === 'string' ? ok : undefined,
          appState: info === undefined || info === null || info === true ? undefined : info,
        };
        if (!this.settings.openid) return resolve(login);
        Promise.resolve(this.stores.for(req).take(req, state ?? '')).then((pending) => {
          if (!pending) {
            act.refuseState(true);
            return resolve(undefined);
          }
          login.nonce = pending.nonce;
          resolve(login);
        }, reject);
      });
    });
  }

  /** What passport-oauth2 gives a state store: where the login goes and comes back. */
  private meta(callbackURL: string): KakaoStateStoreMeta {
    const s = this.settings;
    return {
      authorizationURL: s.authorizationURL,
      tokenURL: s.tokenURL,
      clientID: s.clientID,
      callbackURL,
    };
  }
}
