import type { IncomingMessage } from 'node:http';

/** What the strategy remembers between the redirect to Kakao and the callback. */
export interface PendingLogin {
  /** The random CSRF value sent as `state` (never app data). */
  state: string;
  /** PKCE code_verifier, when PKCE is on. */
  verifier?: string;
  /** OIDC nonce, when `openid` is on. */
  nonce?: string;
  /** App data given as the per-request `state` option (e.g. `{ returnTo }`), handed back after login. */
  appState?: unknown;
  /** The redirect_uri used at authorize, when it differs from the configured callbackURL. */
  redirectURI?: string;
  /** Epoch ms after which the callback is refused. */
  expiresAt: number;
}

/**
 * Where pending logins live. `take` removes the entry, so a state works once; an unknown,
 * expired or already used state yields `undefined`.
 */
export interface PendingLoginStore {
  put(req: IncomingMessage, login: PendingLogin): void | Promise<void>;
  take(
    req: IncomingMessage,
    state: string,
  ): PendingLogin | undefined | Promise<PendingLogin | undefined>;
}

/** A started login as checked at the callback (by our store or the app's), and what it carries. */
export type CheckedLogin = Partial<Omit<PendingLogin, 'state' | 'expiresAt'>>;
