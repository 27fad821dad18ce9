import {
  InputErrors,
  checkKeys,
  readInteger,
  readString,
  readUserId,
  ABSOLUTE_URL,
} from './emulator-input.validator';
import type { KakaoEmulator } from './kakao-emulator';
import type { UnlinkReferrerType } from './unlink-webhook.sender';
import type { AccountWebhookFault } from './account-webhook.sender';

/** What a webhook send answers to the control API. */
export interface ControlWebhookResult {
  status: number | undefined;
  ok: boolean;
  durationMs: number;
  error?: string;
}

/**
 * Sends one kind of webhook from a control API body. `errors` collects bad fields (the route
 * answers 400 with them); return undefined after adding errors.
 */
export type ControlWebhookSender = (
  emulator: KakaoEmulator,
  body: Record<string, unknown>,
  errors: InputErrors,
) => Promise<ControlWebhookResult | undefined>;

const REFERRER_TYPES: readonly UnlinkReferrerType[] = [
  'ACCOUNT_DELETE',
  'FORCED_ACCOUNT_DELETE',
  'UNLINK_FROM_APPS',
  'UNLINK_FROM_ADMIN',
  'INCOMPLETE_SIGN_UP',
];

const unlink: ControlWebhookSender = async (emulator, body, errors) => {
  checkKeys(errors, 'body', body, ['userId', 'referrerType', 'url', 'method', 'timeoutMs']);
  const userId = readUserId(errors, 'body.userId', body.userId);
  if (userId === undefined && body.userId === undefined)
    errors.add('body.userId', 'the id of the user Kakao unlinks', undefined);
  const referrerType = readString(errors, 'body.referrerType', body.referrerType, {
    test: new RegExp(`^(${REFERRER_TYPES.join('|')})$`),
    expected: REFERRER_TYPES.join(' | '),
  }) as UnlinkReferrerType | undefined;
  const url = readString(errors, 'body.url', body.url, ABSOLUTE_URL);
  const method = readString(errors, 'body.method', body.method, {
    test: /^(GET|POST)$/,
    expected: '"GET" or "POST"',
  }) as 'GET' | 'POST' | undefined;
  const timeoutMs = readInteger(errors, 'body.timeoutMs', body.timeoutMs, 1, 60_000);
  if (!errors.ok || userId === undefined) return undefined;
  return emulator.sendUnlinkWebhook({ userId, referrerType, url, method, timeoutMs });
};

/**
 * The webhooks `POST /_emulator/api/webhooks/<kind>` (and `emulator webhook <kind>`) can send.
 * A new kind (account-status events) is one entry here; its sender records each delivery with
 * `emulator.recordWebhookDelivery(...)` so the log page lists it (sendUnlinkWebhook does).
 */
const ACCOUNT_FAULTS: readonly AccountWebhookFault[] = [
  'wrong-key',
  'replayed-jti',
  'expired-iat',
  'wrong-aud',
];

/** An account-status event (Security Event Token), e.g. `{ userId, event: 'tokens-revoked' }`. */
const account: ControlWebhookSender = async (emulator, body, errors) => {
  checkKeys(errors, 'body', body, ['userId', 'event', 'payload', 'url', 'audience', 'fault']);
  const userId = readUserId(errors, 'body.userId', body.userId);
  if (userId === undefined && body.userId === undefined)
    errors.add('body.userId', 'the id of the user the event is about', undefined);
  const event = readString(errors, 'body.event', body.event, {
    test: /^[\x21-\x7e]{1,300}$/,
    expected: 'an event name such as "tokens-revoked", or an event-type URI',
  });
  if (event === undefined && body.event === undefined)
    errors.add('body.event', 'an event name such as "tokens-revoked"', undefined);
  const payload = body.payload;
  if (
    payload !== undefined &&
    (typeof payload !== 'object' || payload === null || Array.isArray(payload))
  )
    errors.add('body.payload', "an object of the event's fields", payload);
  const url = readString(errors, 'body.url', body.url, ABSOLUTE_URL);
  const audience = readString(errors, 'body.audience', body.audience, {
    test: /^[\x21-\x7e]{1,200}$/,
    expected: 'an app key',
  });
  const fault = readString(errors, 'body.fault', body.fault, {
    test: new RegExp(`^(${ACCOUNT_FAULTS.join('|')})$`),
    expected: ACCOUNT_FAULTS.join(' | '),
  }) as AccountWebhookFault | undefined;
  if (!errors.ok || userId === undefined || event === undefined) return undefined;
  if (!url && !emulator.accountWebhookURL) {
    errors.add('body.url', "the app's account webhook URL (or start with accountWebhookURL)", url);
    return undefined;
  }
  const result = await emulator.sendAccountWebhook({
    userId: String(userId),
    event,
    payload: payload as Record<string, unknown> | undefined,
    url,
    audience,
    fault,
  });
  return {
    status: result.status,
    ok: result.ok,
    durationMs: result.durationMs,
    error: result.error,
  };
};

export const CONTROL_WEBHOOKS: Record<string, ControlWebhookSender> = {
  unlink,
  account,
};
