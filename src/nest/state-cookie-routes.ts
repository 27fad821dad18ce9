import { KakaoConfigError } from '../errors/kakao-config.error';
import { checkStateCookiePath } from '../strategy/state/cookie-path';
import type { ResolvedKakaoAuthOptions } from './resolve-module-options';

/**
 * At startup: the module's routes that read or write cookies under `stateCookiePath` (the sealed
 * state in session-less mode, the binding cookie of token login and the SPA handoff) must all lie
 * under it. The routes are placed where the callbackURL says the module is mounted (a global
 * prefix included); a callback served elsewhere is checked by the strategy at the first login.
 */
export function checkStateCookieRoutes(options: ResolvedKakaoAuthOptions, prefix: string): void {
  const path = options.strategy.stateCookiePath ?? '/';
  if (path === '/' || (options.session && !options.spaHandoff && !options.tokenLogin)) return;
  const callback = new URL(options.strategy.callbackURL);
  if (callback.protocol === 'https:') {
    throw new KakaoConfigError(
      `KakaoAuthModule: stateCookiePath must be "/" (or left out) on https: the state and binding cookies are __Host- cookies, which a sibling subdomain cannot plant, and those require Path=/ (got "${path.slice(0, 80)}")`,
    );
  }
  const callbackPath = callback.pathname;
  const tail = `/${prefix}/callback`;
  const routes: Array<readonly [string, string]> = [['callback', callbackPath]];
  if (callbackPath.endsWith(tail)) {
    const base = `${callbackPath.slice(0, -tail.length)}/${prefix}`;
    if (!options.session || options.spaHandoff) routes.unshift(['login', `${base}/login`]);
    if (options.spaHandoff) routes.push(['exchange', `${base}/exchange`]);
    if (options.tokenLogin) routes.push(['nonce', `${base}/nonce`], ['token', `${base}/token`]);
  }
  checkStateCookiePath('KakaoAuthModule', path, routes);
}
