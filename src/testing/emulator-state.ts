import { randomBytes } from 'node:crypto';
import type { IdTokenSigner } from './id-token.signer';
import type { ResolvedEmulatorOptions } from './emulator-options';
import { RECENT_REQUESTS_KEPT, type EmulatorRequestRecord } from './emulator-request.log';
import {
  createEmulatorUser,
  rfc3339,
  type EmulatorUser,
  type EmulatorUserInit,
} from './emulator-users';
import { restApiKey } from './app-keys';
import { RateLimiter } from './rate-limiter';
import { TokenStore } from './token.store';

/** An /oauth/authorize request waiting for the consent page's decision. */
export interface AuthorizeTransaction {
  id: string;
  clientId: string;
  redirectUri: string;
  state?: string;
  nonce?: string;
  /** Consent items the page asks for. */
  requestedScopes: string[];
  /** The `scope` parameter was given (additional consent). */
  additionalConsent: boolean;
  openid: boolean;
  prompt: string[];
  loginHint?: string;
  serviceTerms: string[];
  codeChallenge?: string;
  createdAt: number;
}

/** The browser's Kakao Account login, remembered through the emulator's own cookie. */
export interface KakaoAccountSession {
  id: string;
  userId: string;
  authTime: number;
}

export const SESSION_COOKIE = 'kakao_emulator_session';

/** A webhook the emulator sent (unlink, or a kind added to the control API's webhook table). */
export interface WebhookDelivery {
  /** Emulator clock (ms). */
  at: number;
  /** 'unlink', ... */
  kind: string;
  url: string;
  userId?: string;
  /** What was sent, in a few words (referrer_type, event type). */
  detail?: string;
  status?: number;
  ok: boolean;
  error?: string;
  durationMs: number;
}

const DELIVERIES_KEPT = 100;

/** Everything the routes share: configuration, clock, users, tokens, sessions. */
export class EmulatorState {
  readonly tokens = new TokenStore();
  readonly sessions = new Map<string, KakaoAccountSession>();
  readonly transactions = new Map<string, AuthorizeTransaction>();
  readonly users: EmulatorUser[] = [];
  /** The last requests answered (newest last), for the log page. */
  readonly recentRequests: EmulatorRequestRecord[] = [];
  /** The last webhooks sent (newest last). */
  readonly webhookDeliveries: WebhookDelivery[] = [];
  readonly tokenLimiter: RateLimiter;
  readonly userIdsLimiter: RateLimiter;
  tokenResponseMutators: Array<(body: Record<string, unknown>) => object> = [];
  queryTokenRequests = 0;
  autoApprove: boolean | string;
  clockOffsetMs = 0;
  authBaseURL = '';
  apiBaseURL = '';
  issuer = '';
  /** Kakao-side account events (unlink, consent withdrawal, token revocation) for the account-status webhook. */
  accountEvents?: (userId: string, event: string, payload?: Record<string, unknown>) => void;

  constructor(
    readonly options: ResolvedEmulatorOptions,
    readonly signer: IdTokenSigner,
    private readonly baseClock: () => number,
  ) {
    this.autoApprove = options.autoApprove;
    this.tokenLimiter = new RateLimiter(options.tokenPerMinute, () => this.now());
    this.userIdsLimiter = new RateLimiter(options.userIdsPerMinute, () => this.now());
  }

  now(): number {
    return this.baseClock() + this.clockOffsetMs;
  }

  nowSec(): number {
    return Math.floor(this.now() / 1000);
  }

  user(id: string): EmulatorUser | undefined {
    return this.users.find((user) => user.id === id);
  }

  addUser(init: EmulatorUserInit): EmulatorUser {
    if (init.id !== undefined && this.user(init.id)) throw new Error(`User ${init.id} exists`);
    const user = createEmulatorUser(init, this.now());
    for (const key of Object.keys(user.properties)) {
      if (!this.options.userPropertyKeys.includes(key)) this.options.userPropertyKeys.push(key);
    }
    this.users.push(user);
    return user;
  }

  /** The user a login_hint names (email or phone number, compared loosely). */
  userByLoginHint(hint: string | undefined): EmulatorUser | undefined {
    if (!hint) return undefined;
    const digits = (value: string) => value.replace(/\D/g, '').replace(/^82/, '0');
    return this.users.find(
      (user) =>
        user.email?.toLowerCase() === hint.toLowerCase() ||
        (user.phoneNumber !== undefined && digits(user.phoneNumber) === digits(hint)),
    );
  }

  /** Links the user (first login) and records the consent items and service terms agreed. */
  link(user: EmulatorUser, scopes: string[], serviceTerms: string[] = []): void {
    if (!user.linked) {
      user.linked = true;
      user.connectedAt = rfc3339(this.now());
      user.hasSignedUp = this.options.autoLink;
    }
    for (const scope of scopes)
      if (!user.agreedScopes.includes(scope)) user.agreedScopes.push(scope);
    for (const tag of serviceTerms) {
      if (!user.agreedServiceTerms.some((term) => term.tag === tag)) {
        user.agreedServiceTerms.push({ tag, agreedAt: rfc3339(this.now()), agreedBy: 'KAUTH' });
      }
    }
  }

  /** Unlink: tokens die, consent and the app's data on the user are gone (reference §1.4). */
  unlink(user: EmulatorUser, reason = 'UNLINK_FROM_SERVICE'): void {
    this.accountEvents?.(user.id, 'user-unlinked', { reason });
    this.tokens.revokeUser(user.id);
    user.linked = false;
    user.hasSignedUp = false;
    user.agreedScopes = [];
    user.agreedServiceTerms = [];
    user.connectedAt = undefined;
    user.properties = {};
  }

  recordRequest(record: EmulatorRequestRecord): void {
    this.recentRequests.push(record);
    if (this.recentRequests.length > RECENT_REQUESTS_KEPT) this.recentRequests.shift();
  }

  recordDelivery(delivery: WebhookDelivery): void {
    this.webhookDeliveries.push(delivery);
    if (this.webhookDeliveries.length > DELIVERIES_KEPT) this.webhookDeliveries.shift();
  }

  newSession(userId: string): KakaoAccountSession {
    const session = { id: randomBytes(18).toString('base64url'), userId, authTime: this.nowSec() };
    this.sessions.set(session.id, session);
    return session;
  }

  /** Client ids accepted at /oauth/authorize and /oauth/token (the app's REST API keys). */
  isKnownClient(clientId: string | undefined): boolean {
    return restApiKey(this.options, clientId) !== undefined;
  }

  /** Exact match against the registered list; unset list = any absolute http(s) URI. */
  isRegisteredURI(uri: string | undefined, registered: string[] | undefined): boolean {
    if (!uri) return false;
    if (registered) return registered.includes(uri);
    try {
      const parsed = new URL(uri);
      return parsed.protocol === 'http:' || parsed.protocol === 'https:';
    } catch {
      return false;
    }
  }
}
