import { createHash, verify as verifySignature } from 'node:crypto';
import { KakaoHttpClient, type KakaoHttpOptions } from '../http/kakao-http.client';
import { JwksCache } from '../oidc/jwks.cache';
import { decodeJwt, type DecodedJwt } from '../oidc/jwt';
import {
  KAKAO_ACCOUNT_EVENT_URIS,
  type KakaoAccountEvent,
  type KakaoAccountEventCategory,
} from './account-event.types';
import { firstSighting, isJtiStore, type KakaoJtiStore, MemoryJtiStore } from './jti.store';
import { KakaoWebhookError } from './kakao-webhook.error';
import { issuerFor, jwksURLOf, KAKAO_AUTH_BASE_URL } from '../options/kakao-urls';
import {
  absoluteURL,
  baseURL,
  checkHttpOptions,
  configError,
  nonEmptyString,
  positiveNumber,
  renamedOption,
  seconds,
  stringList,
} from '../options/option-checks';

const OWNER = 'KakaoAccountWebhookVerifier';
/** Kakao's `iss` (its auth server). */
export const KAKAO_ISSUER = KAKAO_AUTH_BASE_URL;
/** Kakao's sample SET is under 1 KB; anything near this is not from Kakao. */
export const DEFAULT_MAX_SET_BYTES = 16 * 1024;
/** Kakao sends at once and never retries (reference §1.9), so a SET older than this is a replay. */
export const DEFAULT_SET_MAX_AGE_SEC = 600;
/** Lenient: Kakao's clock and ours may differ (UNCONFIRMED how much). */
export const DEFAULT_SET_CLOCK_TOLERANCE_SEC = 300;
/** A JWKS fetch must leave time to answer within Kakao's 3 s. */
const JWKS_TIMEOUT_MS = 2000;

/** Options of `KakaoAccountWebhookVerifier`. */
export interface KakaoAccountWebhookVerifierOptions extends KakaoHttpOptions {
  /** The REST API key: always an accepted `aud`. */
  clientID: string;
  /** The app's other keys accepted as `aud` (several REST API keys since 2025-12-03). */
  audiences?: string[];
  /** Default `https://kauth.kakao.com`, or `authBaseURL` when that is set (the emulator). */
  issuer?: string;
  /** Default `https://kauth.kakao.com`; the emulator's URL in tests. */
  authBaseURL?: string;
  /** Default `${authBaseURL}/.well-known/jwks.json`. */
  jwksURL?: string;
  /** Where seen `jti`s are kept (default: in memory). Pass a shared store with several instances. */
  jtiStore?: KakaoJtiStore;
  /** Refuse SETs issued longer ago than this, in seconds (default 600). */
  maxAgeSeconds?: number;
  /** @deprecated Use `maxAgeSeconds`. */
  maxAgeSec?: number;
  /** Clock skew allowed, in seconds (default 300). */
  clockToleranceSeconds?: number;
  /** @deprecated Use `clockToleranceSeconds`. */
  clockToleranceSec?: number;
  /** Refuse bodies larger than this many bytes (default 16384). */
  maxBodyBytes?: number;
  /** Share a JWKS cache (e.g. the strategy's); default a new one. @internal */
  jwks?: JwksCache;
  /** Clock in epoch ms, for tests. */
  now?: () => number;
}

/** A verified Security Event Token. */
export interface VerifiedAccountSet {
  userId: string;
  jti: string;
  txn?: string;
  issuedAt: number;
  audience: string;
  events: KakaoAccountEvent[];
}

/** What `verify` returns: the events, or why the request was refused. */
export type AccountSetResult =
  { ok: true; set: VerifiedAccountSet } | { ok: false; error: KakaoWebhookError };

const USER_ID = /^[1-9]\d{0,24}$/;

/**
 * Verifies Kakao's account-status webhook (a Security Event Token, RFC 8417, in the raw request
 * body): size cap, `typ: secevent+jwt`, RS256 only, signature by the JWKS key of its `kid`,
 * `iss`, every `aud` among the app's keys, `iat` within the window, `sub` a Kakao user id, event
 * subjects matching, and last `jti` seen once (so junk never fills the store).
 */
export class KakaoAccountWebhookVerifier {
  private readonly jwks: JwksCache;
  private readonly issuer: string;
  private readonly audiences: Set<string>;
  private readonly store: KakaoJtiStore;
  private readonly maxAgeSeconds: number;
  private readonly toleranceSeconds: number;
  private readonly maxBodyBytes: number;
  private readonly now: () => number;

  constructor(options: KakaoAccountWebhookVerifierOptions) {
    const fail = (message: string): never => {
      throw configError(OWNER, message);
    };
    if (!options || typeof options !== 'object')
      fail('options are required: new KakaoAccountWebhookVerifier({ clientID })');
    nonEmptyString(
      OWNER,
      'clientID',
      options.clientID,
      'the REST API key from [App] > [Platform Keys]',
    );
    const audiences = stringList(OWNER, 'audiences', options.audiences, '[secondRestApiKey]');
    if (options.jtiStore !== undefined && !isJtiStore(options.jtiStore))
      fail(
        'jtiStore must have setIfAbsent(key, value, ttlSec), or set(key, value, ttlSec) and take(key)',
      );
    const authBase = baseURL(OWNER, 'authBaseURL', options.authBaseURL, KAKAO_AUTH_BASE_URL);
    checkHttpOptions(OWNER, options);
    this.issuer = options.issuer ?? issuerFor(options.authBaseURL, authBase);
    this.audiences = new Set([options.clientID, ...audiences]);
    this.now = options.now ?? Date.now;
    this.jwks =
      options.jwks ??
      new JwksCache(
        options.jwksURL === undefined
          ? jwksURLOf(authBase)
          : absoluteURL(OWNER, 'jwksURL', options.jwksURL, 'an absolute http(s) URL, or left out'),
        new KakaoHttpClient({ ...options, timeoutMs: options.timeoutMs ?? JWKS_TIMEOUT_MS }),
        this.now,
      );
    this.store = options.jtiStore ?? new MemoryJtiStore(10_000, this.now);
    const maxAge = renamedOption(OWNER, options, 'maxAgeSeconds', 'maxAgeSec');
    this.maxAgeSeconds = seconds(OWNER, maxAge.name, maxAge.value, DEFAULT_SET_MAX_AGE_SEC, {
      above: 0,
    });
    const tolerance = renamedOption(OWNER, options, 'clockToleranceSeconds', 'clockToleranceSec');
    this.toleranceSeconds = seconds(
      OWNER,
      tolerance.name,
      tolerance.value,
      DEFAULT_SET_CLOCK_TOLERANCE_SEC,
    );
    this.maxBodyBytes = positiveNumber(
      OWNER,
      'maxBodyBytes',
      options.maxBodyBytes,
      DEFAULT_MAX_SET_BYTES,
      'bytes',
    );
  }

  /** The body size cap in bytes. */
  get maxBytes(): number {
    return this.maxBodyBytes;
  }

  /** Verifies one request body (the compact JWS as sent); never throws for a bad body. */
  async verify(body: string | Buffer): Promise<AccountSetResult> {
    try {
      return { ok: true, set: await this.check(body) };
    } catch (err) {
      if (err instanceof KakaoWebhookError) return { ok: false, error: err };
      throw err;
    }
  }

  private async check(body: string | Buffer): Promise<VerifiedAccountSet> {
    const size = typeof body === 'string' ? Buffer.byteLength(body) : body.length;
    if (size > this.maxBodyBytes)
      throw new KakaoWebhookError('too_large', `${size} bytes, at most ${this.maxBodyBytes}`);
    const jwt = decode(String(body).trim());
    const typ = typeof jwt.header.typ === 'string' ? jwt.header.typ.toLowerCase() : '';
    if (typ !== 'secevent+jwt' && typ !== 'application/secevent+jwt')
      throw new KakaoWebhookError('wrong_typ', 'typ is not secevent+jwt');
    if (jwt.header.alg !== 'RS256') throw new KakaoWebhookError('unsupported_alg');
    if ((jwt.header as { crit?: unknown }).crit !== undefined)
      throw new KakaoWebhookError('unsupported_crit');
    const kid = typeof jwt.header.kid === 'string' ? jwt.header.kid : undefined;
    let key: Awaited<ReturnType<JwksCache['getKey']>>;
    try {
      key = await this.jwks.getKey(kid);
    } catch (err) {
      throw new KakaoWebhookError('jwks_unavailable', "Kakao's JWKS could not be fetched", {
        cause: err,
      });
    }
    if (!key) throw new KakaoWebhookError('unknown_kid');
    let valid = false;
    try {
      valid = verifySignature('RSA-SHA256', Buffer.from(jwt.signingInput), key, jwt.signature);
    } catch {
      valid = false;
    }
    if (!valid) throw new KakaoWebhookError('bad_signature');
    const set = this.claims(jwt.payload);
    const ttlSec = this.maxAgeSeconds + 2 * this.toleranceSeconds;
    const storeKey = `set-jti:${createHash('sha256').update(`${this.issuer} ${set.jti}`).digest('base64url')}`;
    let first: boolean;
    try {
      first = await firstSighting(this.store, storeKey, ttlSec);
    } catch (err) {
      throw new KakaoWebhookError('store_unavailable', 'the jti store failed', { cause: err });
    }
    if (!first) throw new KakaoWebhookError('replayed', 'this jti was delivered before');
    return set;
  }

  private claims(payload: Record<string, unknown>): VerifiedAccountSet {
    if (payload.iss !== this.issuer) throw new KakaoWebhookError('wrong_issuer');
    const auds = Array.isArray(payload.aud) ? payload.aud : [payload.aud];
    if (!auds.length || !auds.every((a) => typeof a === 'string' && this.audiences.has(a)))
      throw new KakaoWebhookError('wrong_audience', 'aud is not one of the configured app keys');
    const now = Math.floor(this.now() / 1000);
    const iat = payload.iat;
    if (typeof iat !== 'number' || !Number.isFinite(iat))
      throw new KakaoWebhookError('malformed', 'iat is missing');
    if (iat - this.toleranceSeconds > now) throw new KakaoWebhookError('issued_in_future');
    if (now - iat > this.maxAgeSeconds + this.toleranceSeconds)
      throw new KakaoWebhookError('stale');
    const jti = payload.jti;
    if (typeof jti !== 'string' || !jti || jti.length > 256)
      throw new KakaoWebhookError('missing_jti');
    const sub = payload.sub;
    if (typeof sub !== 'string' || !USER_ID.test(sub))
      throw new KakaoWebhookError('bad_subject', 'sub is not a canonical Kakao user id');
    const events = payload.events;
    if (typeof events !== 'object' || events === null || Array.isArray(events))
      throw new KakaoWebhookError('no_events');
    const entries = Object.entries(events as Record<string, unknown>);
    if (!entries.length) throw new KakaoWebhookError('no_events');
    const txn = text(payload.txn) ?? text(payload.txm);
    const common = {
      userId: sub,
      jti,
      issuedAt: iat,
      audience: auds[0] as string,
      ...(txn ? { txn } : {}),
      ...(typeof payload.toe === 'number' ? { occurredAt: payload.toe } : {}),
      ...((text(payload.app_id) ?? numeric(payload.app_id))
        ? { appId: text(payload.app_id) ?? numeric(payload.app_id) }
        : {}),
    };
    return {
      userId: sub,
      jti,
      issuedAt: iat,
      audience: common.audience,
      ...(txn ? { txn } : {}),
      events: entries.map(([uri, body]) => this.event(uri, body, sub, common)),
    };
  }

  private event(
    uri: string,
    body: unknown,
    sub: string,
    common: Omit<KakaoAccountEvent, 'type' | 'category' | 'uri' | 'payload'>,
  ): KakaoAccountEvent {
    const fields =
      typeof body === 'object' && body !== null && !Array.isArray(body)
        ? { ...(body as Record<string, unknown>) }
        : {};
    const subject = fields.subject as { sub?: unknown; iss?: unknown } | undefined;
    if (subject !== undefined) {
      if (typeof subject !== 'object' || subject === null)
        throw new KakaoWebhookError('subject_mismatch', 'an event subject is not an object');
      if (subject.sub !== undefined && subject.sub !== sub)
        throw new KakaoWebhookError('subject_mismatch', 'an event names another user');
      if (subject.iss !== undefined && subject.iss !== this.issuer)
        throw new KakaoWebhookError('subject_mismatch', 'an event names another issuer');
    }
    delete fields.subject;
    const known = Object.prototype.hasOwnProperty.call(KAKAO_ACCOUNT_EVENT_URIS, uri)
      ? KAKAO_ACCOUNT_EVENT_URIS[uri]
      : undefined;
    const scopes = scopeList(fields.scope ?? fields.scopes);
    return {
      ...common,
      type: known?.type ?? 'unknown',
      category: (known?.category ?? 'unknown') as KakaoAccountEventCategory,
      uri,
      payload: fields,
      ...(typeof fields.reason === 'string' ? { reason: fields.reason } : {}),
      ...(scopes ? { scopes } : {}),
    };
  }
}

function decode(token: string): DecodedJwt {
  try {
    return decodeJwt(token);
  } catch {
    throw new KakaoWebhookError('malformed', 'the body is not a compact JWS');
  }
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value ? value : undefined;
}

function numeric(value: unknown): string | undefined {
  return typeof value === 'number' && Number.isSafeInteger(value) ? String(value) : undefined;
}

function scopeList(value: unknown): string[] | undefined {
  if (typeof value === 'string') return value.split(/[\s,]+/).filter(Boolean);
  if (Array.isArray(value)) return value.filter((v): v is string => typeof v === 'string');
  return undefined;
}
