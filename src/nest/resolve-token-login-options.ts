import { configError, seconds, stringList } from '../options/option-checks';
import type { KakaoOneTimeStore } from '../token-login/kakao-one-time.store';
import type { KakaoAuthModuleOptions } from './kakao-auth.options';

/** `tokenLogin` with defaults applied. */
export interface ResolvedTokenLogin {
  appId: string;
  /** Native and JavaScript keys (the REST API key is always accepted). */
  audiences: string[];
  maxIdTokenAgeSec?: number;
  requireNonce: boolean;
  nonceTtlSec?: number;
}

/** The token-login and SPA-handoff part of the module options, checked at startup. */
export interface ResolvedTokenLoginOptions {
  tokenLogin: ResolvedTokenLogin | false;
  spaHandoff: { codeTtlSec?: number } | false;
  /** The app's shared store; undefined: nonces and handoff codes each get their own memory store. */
  oneTimeStore?: KakaoOneTimeStore;
}

const OWNER = 'KakaoAuthModule';
const fail = (message: string): never => {
  throw configError(OWNER, message);
};

/** Checks `tokenLogin`, `spaHandoff` and `oneTimeStore`; every message says how to fix the problem. */
export function resolveTokenLoginOptions(
  options: KakaoAuthModuleOptions,
): ResolvedTokenLoginOptions {
  const { tokenLogin, spaHandoff, oneTimeStore, appId } = options;
  const login = enabled(tokenLogin, 'tokenLogin', '{ audiences: [nativeAppKey, javascriptKey] }');
  const handoff = enabled(spaHandoff, 'spaHandoff', '{ codeTtlSec: 30 }');
  if (
    oneTimeStore !== undefined &&
    (typeof oneTimeStore?.set !== 'function' || typeof oneTimeStore?.take !== 'function')
  ) {
    fail(
      'oneTimeStore must have set(key, value, ttlSec) and take(key) (an atomic get-and-delete, e.g. Redis GETDEL)',
    );
  }
  let resolvedLogin: ResolvedTokenLogin | false = false;
  if (login) {
    if (!appId) {
      fail(
        'tokenLogin needs appId, so that an access token issued to another Kakao app never logs in: set appId to the App ID under [App] > [General] in the Kakao Developers console',
      );
    }
    const example = 'the app keys [nativeAppKey, javascriptKey]';
    const audiences = [
      ...stringList(OWNER, 'audiences', options.audiences, example),
      ...stringList(OWNER, 'tokenLogin.audiences', login.audiences, example),
    ];
    resolvedLogin = {
      appId: appId as string,
      audiences,
      maxIdTokenAgeSec: seconds(
        OWNER,
        'tokenLogin.maxIdTokenAgeSec',
        login.maxIdTokenAgeSec,
        undefined,
      ),
      requireNonce: login.requireNonce !== false,
      nonceTtlSec: seconds(OWNER, 'tokenLogin.nonceTtlSec', login.nonceTtlSec, undefined, {
        min: 1,
        max: 3600,
      }),
    };
  }
  return {
    tokenLogin: resolvedLogin,
    spaHandoff: handoff
      ? {
          codeTtlSec: seconds(OWNER, 'spaHandoff.codeTtlSec', handoff.codeTtlSec, undefined, {
            min: 1,
            max: 60,
          }),
        }
      : false,
    oneTimeStore,
  };
}

function enabled<T extends object>(
  value: T | boolean | undefined,
  name: string,
  example: string,
): T | false {
  if (value === undefined || value === false) return false;
  if (value === true) return {} as T;
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    return fail(`${name} must be an object such as ${example}, true, or false`);
  return value;
}
