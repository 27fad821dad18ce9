import { randomUUID } from 'node:crypto';
import http from 'node:http';
import https from 'node:https';
import type { IdTokenSigner } from './id-token.signer';

/** Kakao needs the app's answer within 3 seconds (reference kakao-webhooks.md §1.8). */
const DEADLINE_MS = 3000;

const OAUTH = 'https://schemas.openid.net/secevent/oauth/event-type/';
const RISC = 'https://schemas.openid.net/secevent/risc/event-type/';
const CAEP = 'https://schemas.openid.net/secevent/caep/event-type/';
const KAKAO = 'https://schemas.kakao.com/platevent/kakao/event-type/';

/** The short names `sendAccountWebhook()` takes for Kakao's event types. */
export type AccountEventTypeName =
  | 'user-linked'
  | 'user-unlinked'
  | 'user-scope-consent'
  | 'user-scope-withdraw'
  | 'tokens-revoked'
  | 'account-disabled'
  | 'account-enabled'
  | 'account-purged'
  | 'sessions-revoked'
  | 'credential-change'
  | 'user-profile-changed';

/** Event types the emulator can send (reference kakao-webhooks.md §1.6), by short name. */
export const ACCOUNT_EVENT_TYPE_URIS: Readonly<Record<AccountEventTypeName, string>> = {
  'user-linked': `${OAUTH}user-linked`,
  'user-unlinked': `${OAUTH}user-unlinked`,
  'user-scope-consent': `${OAUTH}user-scope-consent`,
  'user-scope-withdraw': `${OAUTH}user-scope-withdraw`,
  'tokens-revoked': `${OAUTH}tokens-revoked`,
  'account-disabled': `${RISC}account-disabled`,
  'account-enabled': `${RISC}account-enabled`,
  'account-purged': `${RISC}account-purged`,
  'sessions-revoked': `${RISC}sessions-revoked`,
  'credential-change': `${CAEP}credential-change`,
  'user-profile-changed': `${KAKAO}user-profile-changed`,
};

/**
 * How a SET may be wrong on purpose: signed by a key not in the JWKS, a verbatim resend of the
 * previous SET (same `jti`), `iat` an hour ago, `aud` another app's key.
 */
export type AccountWebhookFault = 'wrong-key' | 'replayed-jti' | 'expired-iat' | 'wrong-aud';

/** Options of `KakaoEmulator.sendAccountWebhook()`. */
export interface AccountWebhookOptions {
  userId: string;
  /** A short name (`tokens-revoked`) or any event-type URI (unknown ones too). */
  event: AccountEventTypeName | (string & {});
  /** The event's fields besides `subject` (e.g. `{ reason: 'ACCOUNT_DELETE' }`). */
  payload?: Record<string, unknown>;
  /** Default: the `accountWebhookURL` option. */
  url?: string;
  /** `aud`; default the REST API key (`clientID`). */
  audience?: string;
  fault?: AccountWebhookFault;
  /** Give up after this long; default 3000 ms (Kakao's limit). */
  timeoutMs?: number;
}

/** How the app answered one SET. `ok` = 2xx within 3 s (redirects are failures, never followed). */
export interface AccountWebhookResult {
  status: number | undefined;
  durationMs: number;
  ok: boolean;
  /** The SET's `jti`. */
  jti: string;
  /** The event-type URI sent. */
  event: string;
  error?: string;
}

/** What the sender needs from the emulator; plain values, so a control API can call it too. */
export interface AccountSetIssuer {
  signer: IdTokenSigner;
  issuer: string;
  clientID: string;
  nowSec: () => number;
}

/** Signs and POSTs Security Event Tokens the way Kakao's account-status webhook does. */
export class AccountWebhookSender {
  /** Every delivery, oldest first. */
  readonly results: AccountWebhookResult[] = [];
  private last?: { token: string; jti: string; event: string };
  private readonly inflight = new Set<Promise<unknown>>();

  constructor(private readonly issuer: AccountSetIssuer) {}

  /** Signs one SET (RS256, `typ: secevent+jwt`, the id_token key) for `options`. */
  sign(options: AccountWebhookOptions): { token: string; jti: string; event: string } {
    if (options.fault === 'replayed-jti' && this.last) return this.last;
    const event =
      ACCOUNT_EVENT_TYPE_URIS[options.event as AccountEventTypeName] ?? String(options.event);
    const jti = randomUUID();
    const iat = this.issuer.nowSec() - (options.fault === 'expired-iat' ? 3600 : 0);
    const claims = {
      aud:
        options.fault === 'wrong-aud'
          ? 'another-apps-rest-api-key'
          : (options.audience ?? this.issuer.clientID),
      sub: String(options.userId),
      iss: this.issuer.issuer,
      txm: randomUUID(),
      iat,
      jti,
      events: {
        [event]: {
          subject: {
            sub: String(options.userId),
            subject_type: 'iss-sub',
            iss: this.issuer.issuer,
          },
          ...options.payload,
        },
      },
    };
    const token = this.issuer.signer.sign(claims, {
      typ: 'secevent+jwt',
      ...(options.fault === 'wrong-key' ? { signWith: 'foreign-key' as const } : {}),
    });
    return { token, jti, event };
  }

  /** Signs and sends one SET; resolves with the app's answer. */
  async send(options: AccountWebhookOptions & { url: string }): Promise<AccountWebhookResult> {
    const signed = this.sign(options);
    this.last = signed;
    const delivery = post(options.url, signed.token, options.timeoutMs ?? DEADLINE_MS).then(
      (answer) => {
        const result = { ...answer, jti: signed.jti, event: signed.event };
        this.results.push(result);
        return result;
      },
    );
    this.inflight.add(delivery);
    void delivery.finally(() => this.inflight.delete(delivery));
    return delivery;
  }

  /** Resolves once every delivery started so far has an answer (user actions send in the background). */
  async settled(): Promise<void> {
    while (this.inflight.size) await Promise.allSettled([...this.inflight]);
  }
}

function post(
  target: string,
  token: string,
  timeoutMs: number,
): Promise<Omit<AccountWebhookResult, 'jti' | 'event'>> {
  const started = performance.now();
  const elapsed = () => Math.round(performance.now() - started);
  const url = new URL(target);
  const transport = url.protocol === 'https:' ? https : http;
  const headers = {
    'content-type': 'application/secevent+jwt',
    accept: 'application/json',
    'content-length': String(Buffer.byteLength(token)),
    'user-agent': 'KakaoEmulator-Webhook',
  };
  return new Promise((resolve) => {
    let settled = false;
    const finish = (status: number | undefined, error?: string) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      const durationMs = elapsed();
      const ok = status !== undefined && status >= 200 && status < 300 && durationMs <= DEADLINE_MS;
      const why =
        error ?? (ok ? undefined : status === undefined ? 'no answer' : `app answered ${status}`);
      resolve({ status, durationMs, ok, ...(why && !ok ? { error: why } : {}) });
    };
    const request = transport.request(url, { method: 'POST', headers, agent: false }, (res) => {
      res.resume();
      res.on('end', () => finish(res.statusCode));
      res.on('error', (cause) => finish(res.statusCode, cause.message));
    });
    const timer = setTimeout(() => {
      request.destroy();
      finish(undefined, `no answer within ${timeoutMs} ms`);
    }, timeoutMs);
    request.on('error', (cause) => finish(undefined, cause.message));
    request.end(token);
  });
}
