import { KakaoConfigError } from '../errors/kakao-config.error';
import type { KakaoOneTimeStore } from '../token-login/kakao-one-time.store';
import type { KakaoAuthModuleOptions } from './kakao-auth.options';

/** `tokenLogin` with defaults applied. @internal */
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

const fail = (message: string): never => {
  throw new KakaoConfigError(`KakaoAuthModule: ${message}`);
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
    const audiences = [...(options.audiences ?? []), ...(login.audiences ?? [])];
    if (audiences.some((a) => typeof a !== 'string' || !a))
      fail('tokenLogin.audiences must be a list of app keys, e.g. [nativeAppKey, javascriptKey]');
    resolvedLogin = {
      appId: appId as string,
      audiences,
      maxIdTokenAgeSec: seconds(login.maxIdTokenAgeSec, 'tokenLogin.maxIdTokenAgeSec', 0, Infinity),
      requireNonce: login.requireNonce !== false,
      nonceTtlSec: seconds(login.nonceTtlSec, 'tokenLogin.nonceTtlSec', 1, 3600),
    };
  }
  return {
    tokenLogin: resolvedLogin,
    spaHandoff: handoff
      ? { codeTtlSec: seconds(handoff.codeTtlSec, 'spaHandoff.codeTtlSec', 1, 60) }
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

function seconds(value: unknown, name: string, min: number, max: number): number | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'number' || !Number.isFinite(value) || value < min || value > max) {
    const range = max === Infinity ? `at least ${min}` : `between ${min} and ${max}`;
    fail(`${name} must be a number of seconds ${range}`);
  }
  return value as number;
}
