/** Which family an event type belongs to (Kakao's console tabs). */
export type KakaoAccountEventCategory = 'OAUTH' | 'RISC' | 'CAEP' | 'KAKAO' | 'unknown';

/**
 * The event types Kakao's account-status webhook may carry, by the last segment of their URI
 * (`https://schemas.openid.net/secevent/oauth/event-type/user-unlinked` → `user-unlinked`).
 * Any URI not in `KAKAO_ACCOUNT_EVENT_URIS` is `unknown`, whatever its last segment: an unknown
 * event is never acted on as if it were a known one.
 */
export type KakaoAccountEventType =
  | 'user-linked'
  | 'user-unlinked'
  | 'user-scope-consent'
  | 'user-scope-withdraw'
  | 'tokens-revoked'
  | 'token-issued'
  | 'token-revoked'
  | 'account-disabled'
  | 'account-enabled'
  | 'account-purged'
  | 'account-credential-change-required'
  | 'credential-compromise'
  | 'identifier-changed'
  | 'identifier-recycled'
  | 'sessions-revoked'
  | 'credential-change'
  | 'assurance-level-change'
  | 'session-revoked'
  | 'user-profile-changed'
  | 'unknown';

const OAUTH = 'https://schemas.openid.net/secevent/oauth/event-type/';
const RISC = 'https://schemas.openid.net/secevent/risc/event-type/';
const CAEP = 'https://schemas.openid.net/secevent/caep/event-type/';
const KAKAO = 'https://schemas.kakao.com/platevent/kakao/event-type/';

type Known = Exclude<KakaoAccountEventType, 'unknown'>;

/** Event-type URI → type and category (shared/reference/kakao-webhooks.md §1.6). @internal */
export const KAKAO_ACCOUNT_EVENT_URIS: Readonly<
  Record<string, { type: Known; category: Exclude<KakaoAccountEventCategory, 'unknown'> }>
> = Object.freeze({
  ...table(OAUTH, 'OAUTH', [
    'user-linked',
    'user-unlinked',
    'user-scope-consent',
    'user-scope-withdraw',
    'tokens-revoked',
    'token-issued',
    'token-revoked',
  ]),
  ...table(RISC, 'RISC', [
    'account-disabled',
    'account-enabled',
    'account-purged',
    'account-credential-change-required',
    'credential-compromise',
    'identifier-changed',
    'identifier-recycled',
    'sessions-revoked',
  ]),
  ...table(CAEP, 'CAEP', ['credential-change', 'assurance-level-change', 'session-revoked']),
  ...table(KAKAO, 'KAKAO', ['user-profile-changed']),
});

function table<C extends string>(
  base: string,
  category: C,
  types: Known[],
): Record<string, { type: Known; category: C }> {
  return Object.fromEntries(types.map((type) => [`${base}${type}`, { type, category }]));
}

/** The URI of a known event type (for senders and tests). @internal */
export function kakaoAccountEventURI(type: Known): string {
  const found = Object.entries(KAKAO_ACCOUNT_EVENT_URIS).find(([, v]) => v.type === type);
  return found![0];
}

/** One verified event of an account-status webhook. */
export interface KakaoAccountEvent {
  /** The event type; `unknown` for a URI this library does not know. */
  type: KakaoAccountEventType;
  category: KakaoAccountEventCategory;
  /** The event-type URI as Kakao sent it. */
  uri: string;
  /** Kakao user id (회원번호), exact, as a string: the SET's `sub`. */
  userId: string;
  /** The event's fields besides `subject`, as sent (e.g. `reason`, `scope`). */
  payload: Record<string, unknown>;
  /** `payload.reason` when it is a string (e.g. `ACCOUNT_DELETE` on `user-unlinked`). */
  reason?: string;
  /** For scope events: the consent items, from `scope` or `scopes` (string or list). */
  scopes?: string[];
  /** The SET's `jti`: unique per delivery, the idempotency key of this event. */
  jti: string;
  /** Transaction id: `txn` (RFC 8417) or `txm` (Kakao's sample), whichever was sent. */
  txn?: string;
  /** When the SET was issued (epoch seconds). */
  issuedAt: number;
  /** When the event happened (`toe`, epoch seconds), when sent. */
  occurredAt?: number;
  /** The app key the SET was addressed to (`aud`). */
  audience: string;
  /** `app_id`, when sent (not in Kakao's sample). */
  appId?: string;
}
