import type { IncomingMessage } from 'node:http';

/** What passport-oauth2 gives a state store: where the login goes and comes back. */
export interface KakaoStateStoreMeta {
  authorizationURL: string;
  tokenURL: string;
  clientID: string;
  callbackURL: string;
}

/** `store`'s callback: the value to send as `state`. */
export type KakaoStateStoreCallback = (err: Error | null, state?: string) => void;
/** `verify`'s callback: `ok` is `true`, the PKCE verifier (PKCE form), or falsy to refuse. */
export type KakaoStateVerifyCallback = (
  err: Error | null,
  ok?: boolean | string,
  state?: unknown,
) => void;

/**
 * A passport-oauth2 state store, in any of its forms, picked by arity as passport-oauth2 does:
 * `store(req, cb)`, `store(req, meta, cb)`, `store(req, state, meta, cb)` or the PKCE form
 * `store(req, verifier, state, meta, cb)`; `verify(req, state, cb)` or `verify(req, state, meta, cb)`.
 */
export interface KakaoStateStore {
  store(req: IncomingMessage, ...args: never[]): void;
  verify(req: IncomingMessage, state: string, ...args: never[]): void;
}

type Loose = (...args: unknown[]) => void;

/** True for the PKCE form, which keeps the code verifier too. */
export function keepsVerifier(store: KakaoStateStore): boolean {
  return typeof store.store === 'function' && store.store.length >= 5;
}

export function storeState(
  store: KakaoStateStore,
  req: IncomingMessage,
  verifier: string | undefined,
  appState: unknown,
  meta: KakaoStateStoreMeta,
  callback: KakaoStateStoreCallback,
): void {
  const fn = store.store as unknown as Loose;
  switch (fn.length) {
    case 5:
      return fn.call(store, req, verifier, appState, meta, callback);
    case 4:
      return fn.call(store, req, appState, meta, callback);
    case 3:
      return fn.call(store, req, meta, callback);
    default:
      return fn.call(store, req, callback);
  }
}

export function verifyState(
  store: KakaoStateStore,
  req: IncomingMessage,
  state: string | undefined,
  meta: KakaoStateStoreMeta,
  callback: KakaoStateVerifyCallback,
): void {
  const fn = store.verify as unknown as Loose;
  if (fn.length === 4) return fn.call(store, req, state, meta, callback);
  return fn.call(store, req, state, callback);
}
