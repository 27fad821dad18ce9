import http from 'node:http';
import https from 'node:https';

/** Why Kakao unlinked the user (reference §1.5). */
export type UnlinkReferrerType =
  | 'ACCOUNT_DELETE'
  | 'FORCED_ACCOUNT_DELETE'
  | 'UNLINK_FROM_APPS'
  | 'UNLINK_FROM_ADMIN'
  | 'INCOMPLETE_SIGN_UP';

/** Options of sendUnlinkWebhook(). */
export interface UnlinkWebhookOptions {
  userId: string;
  /** Default 'UNLINK_FROM_APPS'. */
  referrerType?: UnlinkReferrerType;
  /** Default: the `webhookMethod` option (POST). */
  method?: 'GET' | 'POST';
  /** Default: the `webhookURL` option. */
  url?: string;
  /** Send this admin key instead of the app's (wrong-key tests). */
  adminKey?: string;
  /** Raw Authorization header to send instead; null = send none. */
  authorization?: string | null;
  /** Give up after this long; default 3000 ms (Kakao's limit). */
  timeoutMs?: number;
  /** Sent as `group_user_token` (group apps only). */
  groupUserToken?: string;
}

/** How the app answered. `ok` = 200 within 3 s; redirects are failures and are not followed. */
export interface UnlinkWebhookResult {
  status: number | undefined;
  durationMs: number;
  ok: boolean;
  error?: string;
}

/** Kakao needs the app's answer within 3 seconds (reference §1.5). */
export const WEBHOOK_DEADLINE_MS = 3000;

export interface WebhookCall {
  url: string;
  method: 'GET' | 'POST';
  authorization: string | undefined;
  fields: {
    app_id: string;
    user_id: string;
    referrer_type: UnlinkReferrerType;
    group_user_token?: string;
  };
  timeoutMs: number;
}

/** Sends one unlink webhook the way Kakao does and reports status and time. */
export function sendWebhook(call: WebhookCall): Promise<UnlinkWebhookResult> {
  const started = performance.now();
  const elapsed = () => Math.round(performance.now() - started);
  const fields = Object.entries(call.fields).filter(
    (entry): entry is [string, string] => entry[1] !== undefined,
  );
  const form = new URLSearchParams(fields).toString();
  const url = new URL(call.url);
  if (call.method === 'GET') url.search = url.search ? `${url.search}&${form}` : form;
  const headers: Record<string, string> = { 'user-agent': 'KakaoEmulator-Webhook' };
  if (call.authorization !== undefined) headers.authorization = call.authorization;
  if (call.method === 'POST') {
    headers['content-type'] = 'application/x-www-form-urlencoded;charset=utf-8';
    headers['content-length'] = String(Buffer.byteLength(form));
  }
  const transport = url.protocol === 'https:' ? https : http;
  return new Promise((resolve) => {
    let settled = false;
    const finish = (result: Omit<UnlinkWebhookResult, 'durationMs'>) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve({ ...result, durationMs: elapsed() });
    };
    const request = transport.request(
      url,
      { method: call.method, headers, agent: false },
      (response) => {
        response.resume();
        response.on('end', () => {
          const status = response.statusCode;
          const inTime = elapsed() <= WEBHOOK_DEADLINE_MS;
          const error =
            status !== 200
              ? `app answered ${status}`
              : inTime
                ? undefined
                : 'app answered after 3 s';
          finish({ status, ok: status === 200 && inTime, ...(error ? { error } : {}) });
        });
        response.on('error', (cause) =>
          finish({ status: response.statusCode, ok: false, error: cause.message }),
        );
      },
    );
    const timer = setTimeout(() => {
      request.destroy();
      finish({ status: undefined, ok: false, error: `no answer within ${call.timeoutMs} ms` });
    }, call.timeoutMs);
    request.on('error', (cause) => finish({ status: undefined, ok: false, error: cause.message }));
    request.end(call.method === 'POST' ? form : undefined);
  });
}
