import { KakaoConfigError } from '../errors/kakao-config.error';
import type { KakaoStrategyStoreOption } from './kakao-strategy.options';
import type { ResolvedStrategyOptions } from './resolve-strategy-options';
import { CookieLoginStore } from './state/cookie-login.store';
import type { PendingLoginStore } from './state/pending-login';
import { SessionLoginStore } from './state/session-login.store';
import { StateCipher } from './state/state-cipher';
import type { KakaoStrategyRequest } from './strategy-request';

/**
 * Where started logins wait for their callback: the session, or a sealed cookie when there is
 * a `stateSecret` (`stateStore: 'auto'` picks per request: the session when the app has one).
 * Built once, at start-up.
 */
export class LoginStateStores {
  readonly session: SessionLoginStore;
  readonly cookie?: CookieLoginStore;
  /** Opens the state cookies, also for the invalid_state diagnosis. */
  readonly cipher?: StateCipher;

  constructor(
    private readonly settings: ResolvedStrategyOptions,
    oneTimeStore: KakaoStrategyStoreOption['oneTimeStore'],
  ) {
    this.session = new SessionLoginStore(settings.maxPendingLogins);
    if (!settings.stateSecret) return;
    this.cipher = new StateCipher(settings.stateSecret);
    this.cookie = new CookieLoginStore(this.cipher, {
      prefix: settings.stateCookieName,
      path: settings.stateCookiePath,
      secure: settings.callbackURL.startsWith('https:'),
      ttlSec: settings.stateTtlSeconds,
      max: settings.maxPendingLogins,
      claim: claimOf(oneTimeStore),
    });
  }

  /** The store of this request's login. */
  for(req: KakaoStrategyRequest): PendingLoginStore {
    const mode = this.settings.stateStore;
    if (mode === 'session' || (mode === 'auto' && req.session)) return this.session;
    if (this.cookie) return this.cookie;
    throw new KakaoConfigError(
      'KakaoStrategy: no session to keep the login state in; add express-session before passport, or set stateSecret (32+ random characters) to keep it in a sealed cookie',
    );
  }
}

/** The shared store's atomic claim (used states once across instances), if it has one. */
function claimOf(store: KakaoStrategyStoreOption['oneTimeStore']) {
  return store?.claim ? (key: string, ttlSec: number) => store.claim!(key, ttlSec) : undefined;
}
