import { configError, renamedOption, seconds, stringList } from '../options/option-checks';
import type { KakaoOneTimeStore } from '../token-login/kakao-one-time.store';
import type { KakaoAuthModuleOptions } from './kakao-auth.options';

/** `tokenLogin` with defaults applied. @internal */
export interface ResolvedTokenLogin {
  appId: string;
  /** Native and JavaScript keys (the REST API key is always accepted). */
  audiences: string[];
  maxIdTokenAgeSeconds?: number;
  requireNonce: boolean;
  nonceTtlSeconds?: number;
}

/** The token-login and SPA-handoff part of the module options, checked at startup. */
export interface ResolvedTokenLoginOptions {
  tokenLogin: ResolvedTokenLogin | false;
  spaHandoff: { codeTtlSeconds?: number } | false;
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
  const handoff = enabled(spaHandoff, 'spaHandoff', '{ codeTtlSeconds: 30 }');
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
    const maxAge = renamed(login, 'tokenLogin', 'maxIdTokenAgeSeconds', 'maxIdTokenAgeSec');
    const nonceTtl = renamed(login, 'tokenLogin', 'nonceTtlSeconds', 'nonceTtlSec');
    resolvedLogin = {
      appId: appId as string,
      audiences,
      maxIdTokenAgeSeconds: seconds(OWNER, maxAge.name, maxAge.value, undefined),
      requireNonce: login.requireNonce !== false,
      nonceTtlSeconds: seconds(OWNER, nonceTtl.name, nonceTtl.value, undefined, {
        min: 1,
        max: 3600,
      }),
    };
  }
  const codeTtl = renamed(handoff || {}, 'spaHandoff', 'codeTtlSeconds', 'codeTtlSec');
  return {
    tokenLogin: resolvedLogin,
    spaHandoff: handoff
      ? {
          codeTtlSeconds: seconds(OWNER, codeTtl.name, codeTtl.value, undefined, {
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

/** A renamed nested option, named with its parent in messages (`tokenLogin.nonceTtlSec`). */
function renamed(
  options: object,
  parent: string,
  name: string,
  deprecatedName: string,
): { name: string; value: unknown } {
  const found = renamedOption(OWNER, options, name, deprecatedName);
  return { name: `${parent}.${found.name}`, value: found.value };
}
