import type { KakaoAccountEvent, KakaoAccountEventType } from './account-event.types';
import type { KakaoWebhookHookContext } from './hook-budget';

/** One account-status hook: may be async; what it returns is ignored. */
export type KakaoAccountEventHook = (
  event: KakaoAccountEvent,
  context: KakaoWebhookHookContext,
) => unknown;

/** What the app does with account-status events. Every hook is optional and may be async. */
export interface KakaoAccountEventHooks {
  /** Every event, `unknown` types included (never act destructively on `unknown`). */
  onAccountEvent?: KakaoAccountEventHook;
  /** `tokens-revoked`, `sessions-revoked`, `session-revoked`, `credential-change`, `credential-compromise`, `account-credential-change-required`: drop stored Kakao tokens. */
  onSessionsRevoked?: KakaoAccountEventHook;
  /** `account-disabled` (RISC): suspend the user. */
  onAccountDisabled?: KakaoAccountEventHook;
  /** `account-enabled` (RISC): lift the suspension. */
  onAccountEnabled?: KakaoAccountEventHook;
  /** `user-unlinked` and `account-purged`: remove the Kakao link (or the member). */
  onUnlinked?: KakaoAccountEventHook;
  /** `user-scope-withdraw`: stop using and delete data of the withdrawn consent items (`event.scopes`). */
  onScopeWithdrawn?: KakaoAccountEventHook;
  /** `user-profile-changed` (KAKAO): update the stored profile from `event.payload`. */
  onProfileChanged?: KakaoAccountEventHook;
  /**
   * Ends the user's sessions in the app (e.g. with connect-redis, see docs/webhooks.md). Called
   * for the session-revoking events, `account-disabled`, `user-unlinked` and `account-purged`.
   */
  endUserSessions?: (userId: string, event: KakaoAccountEvent) => unknown;
}

const SESSION_ENDING: ReadonlySet<KakaoAccountEventType> = new Set([
  'tokens-revoked',
  'sessions-revoked',
  'session-revoked',
  'credential-change',
  'credential-compromise',
  'account-credential-change-required',
]);

const CONVENIENCE: Array<[keyof KakaoAccountEventHooks, ReadonlySet<KakaoAccountEventType>]> = [
  ['onSessionsRevoked', SESSION_ENDING],
  ['onAccountDisabled', new Set(['account-disabled'])],
  ['onAccountEnabled', new Set(['account-enabled'])],
  ['onUnlinked', new Set(['user-unlinked', 'account-purged'])],
  ['onScopeWithdrawn', new Set(['user-scope-withdraw'])],
  ['onProfileChanged', new Set(['user-profile-changed'])],
];

const ENDS_SESSIONS = new Set<KakaoAccountEventType>([
  ...SESSION_ENDING,
  'account-disabled',
  'user-unlinked',
  'account-purged',
]);

/** The hook calls one event leads to, named for log lines. */
export function hooksFor(
  event: KakaoAccountEvent,
  hooks: KakaoAccountEventHooks,
): Array<{ name: string; run: (context: KakaoWebhookHookContext) => unknown }> {
  const calls: Array<{ name: string; run: (context: KakaoWebhookHookContext) => unknown }> = [];
  const label = (name: string) => `${name}(${event.type})`;
  const end = hooks.endUserSessions;
  if (end && ENDS_SESSIONS.has(event.type))
    calls.push({ name: label('endUserSessions'), run: () => end(event.userId, event) });
  for (const [name, types] of CONVENIENCE) {
    const hook = hooks[name] as KakaoAccountEventHook | undefined;
    if (hook && types.has(event.type))
      calls.push({ name: label(name), run: (context) => hook(event, context) });
  }
  const all = hooks.onAccountEvent;
  if (all) calls.push({ name: label('onAccountEvent'), run: (context) => all(event, context) });
  return calls;
}
