import {
  SESSION_COOKIE,
  type AuthorizeTransaction,
  type EmulatorState,
  type KakaoAccountSession,
} from './emulator-state';
import type { EmulatorRequest } from './emulator-http';

// The browser's Kakao Account session at the emulator (its own cookie): it lets a logged-in
// browser skip the login and consent pages, as on Kakao.

/** The Kakao Account a consent page is pinned to when the browser was already logged in. */
export const pinnedAccounts = new WeakMap<AuthorizeTransaction, KakaoAccountSession>();

/** The cookie that keeps the browser logged in at Kakao. */
export function sessionCookie(session: KakaoAccountSession): string {
  return `${SESSION_COOKIE}=${session.id}; Path=/; HttpOnly; SameSite=Lax`;
}

/** The cookie that ends the session (account logout). */
export const CLEARED_SESSION_COOKIE = `${SESSION_COOKIE}=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0`;

/** The session the browser's cookie names, if it still belongs to a known user. */
export function currentSession(
  state: EmulatorState,
  request: EmulatorRequest,
): KakaoAccountSession | undefined {
  const session = state.sessions.get(request.cookies[SESSION_COOKIE] ?? '');
  return session && state.user(session.userId) ? session : undefined;
}
