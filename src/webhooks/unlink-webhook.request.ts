import { createHash, timingSafeEqual } from 'node:crypto';
import { KakaoWebhookError } from './kakao-webhook.error';

/**
 * Kakao's `referrer_type` values (https://developers.kakao.com/docs/latest/ko/kakaologin/callback#unlink),
 * plus `UNLINK_FROM_SERVICE` for an unlink the app made itself. Unknown values pass through.
 */
export type KakaoUnlinkReferrer =
  | 'ACCOUNT_DELETE'
  | 'FORCED_ACCOUNT_DELETE'
  | 'UNLINK_FROM_ADMIN'
  | 'UNLINK_FROM_APPS'
  | 'INCOMPLETE_SIGN_UP'
  | 'UNLINK_FROM_SERVICE'
  | (string & {});

/** One verified unlink webhook. */
export interface KakaoUnlinkWebhookEvent {
  /** Kakao user id, canonical decimal (no sign, no leading zeros), as a string. */
  userId: string;
  /** Why Kakao unlinked the user; `''` when Kakao sent none. */
  referrerType: KakaoUnlinkReferrer;
  /** The Kakao app id Kakao sent. */
  appId?: string;
  /** Sent for group apps only. */
  groupUserToken?: string;
  /**
   * The same for every delivery of this unlink (`unlink:<appId>:<userId>:<referrerType>`): record
   * it to do one-off work (emails, audit rows) once when Kakao or a proxy delivers twice.
   */
  idempotencyKey: string;
  /** When this delivery arrived (epoch ms). */
  receivedAt: number;
}

/** What the unlink webhook checks. */
export interface KakaoUnlinkWebhookCheck {
  /** The primary (대표) admin key: `Authorization: KakaoAK <adminKey>`. */
  adminKey: string;
  /** The numeric app id; when set, a webhook with another `app_id` is refused. */
  appId?: string;
}

/** The parts of an HTTP request the unlink webhook reads. @internal */
export interface KakaoUnlinkWebhookInput {
  authorization: string | undefined;
  /** Query parameters (GET) and form fields (POST), merged. */
  params: Record<string, unknown>;
  now?: number;
}

const CANONICAL_USER_ID = /^[1-9]\d{0,24}$/;

/**
 * Checks one unlink webhook: the admin key in constant time (digests of equal length, so not
 * even the key's length leaks), `app_id` against the app, `user_id` a canonical decimal id.
 * Throws `KakaoWebhookError` (`unauthorized`, `wrong_app`, `bad_user_id`).
 *
 * @internal
 */
export function checkUnlinkWebhook(
  input: KakaoUnlinkWebhookInput,
  check: KakaoUnlinkWebhookCheck,
): KakaoUnlinkWebhookEvent {
  const expected = digest(`KakaoAK ${check.adminKey}`);
  if (!timingSafeEqual(digest(input.authorization ?? ''), expected))
    throw new KakaoWebhookError('unauthorized', 'Authorization is not KakaoAK <primary admin key>');
  const appId = text(input.params.app_id);
  if (check.appId !== undefined && appId !== check.appId)
    throw new KakaoWebhookError('wrong_app', 'app_id is not this app');
  const userId = text(input.params.user_id);
  // '0004012345678' or '+4012345678' would be another key in the app's tables than Kakao's id.
  if (!userId || !CANONICAL_USER_ID.test(userId))
    throw new KakaoWebhookError('bad_user_id', 'user_id is not a canonical Kakao user id');
  const referrerType = text(input.params.referrer_type) ?? '';
  const groupUserToken = text(input.params.group_user_token);
  return {
    userId,
    referrerType,
    ...(appId ? { appId } : {}),
    ...(groupUserToken ? { groupUserToken } : {}),
    idempotencyKey: `unlink:${appId ?? ''}:${userId}:${referrerType}`,
    receivedAt: input.now ?? Date.now(),
  };
}

function digest(value: string): Buffer {
  return createHash('sha256').update(value).digest();
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value ? value : undefined;
}
