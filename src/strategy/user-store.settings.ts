import { KakaoConfigError } from '../errors/kakao-config.error';
import type { KakaoStrategyOptions } from './kakao-strategy.options';
import type { ResolvedStrategyOptions } from './resolve-strategy-options';
import { type KakaoStateStore, keepsVerifier } from './user-state.store';

/**
 * The settings with the app's passport-oauth2 `store`, if it passed one: that store owns the
 * state (so state is on), and the PKCE verifier only when it has the PKCE form. Checked once,
 * at construction.
 */
export function withUserStore(
  settings: ResolvedStrategyOptions,
  options: Pick<KakaoStrategyOptions, 'store' | 'pkce'>,
): { settings: ResolvedStrategyOptions; userStore?: KakaoStateStore } {
  const userStore = resolveUserStore(options.store);
  if (userStore) {
    if (!keepsVerifier(userStore)) {
      if (options.pkce === true)
        throw new KakaoConfigError(
          'KakaoStrategy: pkce: true needs a store with the PKCE form store(req, verifier, state, meta, callback) / verify(req, state, callback); set pkce: false to use store(req, meta, callback)',
        );
      settings = { ...settings, pkce: false };
    }
    settings = { ...settings, state: true };
  }
  if (!settings.state && (settings.pkce || settings.openid)) {
    throw new KakaoConfigError(
      'KakaoStrategy: state: false needs pkce: false and openid: false (PKCE verifiers and nonces are kept with the state)',
    );
  }
  return { settings, userStore };
}

/** An object `store` is the app's; `true` or nothing means the built-in one. */
function resolveUserStore(store: KakaoStrategyOptions['store']): KakaoStateStore | undefined {
  if (!store || typeof store !== 'object') return undefined;
  // passport-oauth2 takes a verify-only store for callback routes: `store` is checked at login start.
  if (typeof store.verify !== 'function')
    throw new KakaoConfigError(
      'KakaoStrategy: store must have verify(req, state, …, callback) (and store(req, …, callback) to start logins), as passport-oauth2 state stores do',
    );
  return store;
}
