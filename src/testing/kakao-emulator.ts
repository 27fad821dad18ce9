import {
  type AccountWebhookOptions,
  type AccountWebhookResult,
  AccountWebhookSender,
} from './account-webhook.sender';
import { randomBytes } from 'node:crypto';
import { controlRoutes } from './emulator-control.routes';
import { EmulatorFaults } from './emulator-faults';
import type { EmulatorRequestLogEntry, RouteHandler } from './emulator-http';
import { resolveOptions, type KakaoEmulatorOptions } from './emulator-options';
import { clientIdOf, type EmulatorRequestRecord } from './emulator-request.log';
import { CONTROL_PREFIX, EmulatorServer } from './emulator-server';
import { EmulatorState, type WebhookDelivery } from './emulator-state';
import { DEFAULT_USERS, rfc3339, type EmulatorUser, type EmulatorUserInit } from './emulator-users';
import { IdTokenSigner, type IdTokenClaims, type MintIdTokenOptions } from './id-token.signer';
import { kauthAuthorizeRoutes } from './kauth-authorize.routes';
import { kauthOidcRoutes } from './kauth-oidc.routes';
import { kauthTokenRoutes } from './kauth-token.routes';
import { kapiAdminRoutes } from './kapi-admin.routes';
import { kapiConsentRoutes } from './kapi-consent.routes';
import { kapiUserRoutes } from './kapi-user.routes';
import { createSelfSignedCertificate } from './self-signed-cert';
import {
  sendWebhook,
  type UnlinkWebhookOptions,
  type UnlinkWebhookResult,
} from './unlink-webhook.sender';
import { idTokenClaimsFor, issueTokens, type EmulatorTokenResponse } from './token.issuer';

function routeTables(state: EmulatorState): Array<Record<string, RouteHandler>> {
  return [
    kauthAuthorizeRoutes(state),
    kauthTokenRoutes(state),
    kauthOidcRoutes(state),
    kapiUserRoutes(state),
    kapiConsentRoutes(state),
    kapiAdminRoutes(state),
  ];
}

/** Options of issueTokens(). */
export interface IssueTokensOptions {
  /** Consent items the user agrees to in this login (added to what they agreed before). */
  scopes?: string[];
  /** Issue an id_token; default = the app's `oidc` option. */
  openid?: boolean;
  /** Raw nonce to put in the id_token. */
  nonce?: string;
}

/**
 * A local Kakao (kauth + kapi) on 127.0.0.1 for development and tests. Start it with
 * `await KakaoEmulator.start()`, point `authBaseURL` / `apiBaseURL` at it, `await stop()` after.
 */
export class KakaoEmulator {
  private constructor(
    private readonly state: EmulatorState,
    private readonly server: EmulatorServer,
    /** The self-signed certificate (PEM) to trust, in https mode. */
    readonly caPem: string | undefined,
    /** Per-endpoint faults and the benchmark round-trip delay. */
    readonly faults: EmulatorFaults,
    /** Every request received, oldest first. */
    readonly requests: EmulatorRequestLogEntry[],
    private readonly initialUsers: readonly EmulatorUserInit[],
    /** Bearer token of the control API (`Authorization: Bearer <controlToken>`). */
    readonly controlToken: string,
    private readonly accountWebhookSender: AccountWebhookSender,
  ) {}

  /** Starts an emulator; resolves once it listens. */
  static async start(options: KakaoEmulatorOptions = {}): Promise<KakaoEmulator> {
    const resolved = resolveOptions(options);
    const [signer, tls] = await Promise.all([
      IdTokenSigner.create(),
      resolved.https ? createSelfSignedCertificate() : Promise.resolve(undefined),
    ]);
    const state = new EmulatorState(resolved, signer, options.now ?? Date.now);
    for (const init of options.users ?? DEFAULT_USERS) state.addUser(init);
    // reset() brings back these users as created, generated ids and connected_at included.
    const initialUsers: EmulatorUserInit[] = structuredClone(state.users);
    const routes: Record<string, RouteHandler> = Object.assign({}, ...routeTables(state));
    const faults = new EmulatorFaults();
    const requests: EmulatorRequestLogEntry[] = [];
    const controlToken = options.controlToken ?? randomBytes(18).toString('base64url');
    // The control routes need the emulator, which needs the server: bound once both exist.
    const self: { emulator?: KakaoEmulator } = {};
    const server = new EmulatorServer(
      {
        routes,
        faults,
        log: requests,
        now: () => state.now(),
        control: controlRoutes(() => ({ emulator: self.emulator!, state, faults, controlToken })),
        identify: (request) => clientIdOf(state, request),
        onAnswered: (record: EmulatorRequestRecord) => {
          if (!record.path.startsWith(CONTROL_PREFIX)) state.recordRequest(record);
          options.onRequest?.(record);
        },
      },
      tls,
    );
    const sender = new AccountWebhookSender({
      signer,
      get issuer() {
        return state.issuer;
      },
      clientID: resolved.clientID,
      nowSec: () => state.nowSec(),
    });
    state.accountEvents = (userId, event, payload) => {
      const url = resolved.accountWebhookURL;
      if (url) void self.emulator?.sendAccountWebhook({ url, userId, event, payload });
    };
    const emulator = new KakaoEmulator(
      state,
      server,
      tls?.cert,
      faults,
      requests,
      initialUsers,
      controlToken,
      sender,
    );
    self.emulator = emulator;
    const port = await server.listen(resolved.port);
    const base = `${resolved.https ? 'https' : 'http'}://127.0.0.1:${port}`;
    state.authBaseURL = base;
    state.apiBaseURL = base;
    state.issuer = resolved.issuer ?? base;
    return emulator;
  }

  /** Base URL standing in for https://kauth.kakao.com. */
  get authBaseURL(): string {
    return this.state.authBaseURL;
  }

  /** Base URL standing in for https://kapi.kakao.com (the same server). */
  get apiBaseURL(): string {
    return this.state.apiBaseURL;
  }

  /** id_token `iss`. */
  get issuer(): string {
    return this.state.issuer;
  }

  get clientID(): string {
    return this.state.options.clientID;
  }

  get clientSecret(): string | undefined {
    return this.state.options.clientSecret;
  }

  get adminKey(): string {
    return this.state.options.adminKey;
  }

  get appId(): string {
    return this.state.options.appId;
  }

  get nativeAppKey(): string {
    return this.state.options.nativeAppKey;
  }

  get javascriptKey(): string {
    return this.state.options.javascriptKey;
  }

  /** The control API's base URL (`<authBaseURL>/_emulator/api`); the log page is `<authBaseURL>/_emulator/`. */
  get controlURL(): string {
    return `${this.state.authBaseURL}${CONTROL_PREFIX}/api`;
  }

  /**
   * Records a webhook a sender delivered, for the log page and the control API's state (a new
   * webhook kind's sender calls it, as sendUnlinkWebhook does).
   * @internal
   */
  recordWebhookDelivery(delivery: Omit<WebhookDelivery, 'at'> & { at?: number }): void {
    this.state.recordDelivery({ ...delivery, at: delivery.at ?? this.now() });
  }

  /** Webhooks sent so far (newest last; the last 100). */
  get webhookDeliveries(): readonly WebhookDelivery[] {
    return this.state.webhookDeliveries;
  }

  /** The Kakao Accounts (live objects). */
  get users(): EmulatorUser[] {
    return this.state.users;
  }

  /** TCP connections accepted so far. */
  get connectionCount(): number {
    return this.server.connectionCount;
  }

  /** kapi requests that carried the access token as an `access_token` query parameter. */
  get queryTokenRequests(): number {
    return this.state.queryTokenRequests;
  }

  /** The emulator clock in ms (the `now` option plus advanceClock()). */
  now(): number {
    return this.state.now();
  }

  /** The user with this id; throws when there is none. */
  user(id: string): EmulatorUser {
    const user = this.state.user(String(id));
    if (!user) throw new Error(`KakaoEmulator: no user with id ${id}`);
    return user;
  }

  addUser(init: EmulatorUserInit = {}): EmulatorUser {
    return this.state.addUser(init);
  }

  /** Changes a user's fields (not the id); `agreedServiceTerms` given as tags are agreed now. */
  updateUser(id: string, patch: EmulatorUserInit): EmulatorUser {
    const user = this.user(id);
    if (patch.id !== undefined && patch.id !== user.id)
      throw new Error(`User ids cannot change (${user.id} → ${patch.id})`);
    const { agreedServiceTerms, ...rest } = patch;
    Object.assign(user, rest);
    if (agreedServiceTerms) {
      user.agreedServiceTerms = agreedServiceTerms.map((term) =>
        typeof term === 'string'
          ? { tag: term, agreedAt: rfc3339(this.now()), agreedBy: 'KAUTH' as const }
          : { ...term },
      );
    }
    for (const key of Object.keys(user.properties)) {
      if (!this.state.options.userPropertyKeys.includes(key))
        this.state.options.userPropertyKeys.push(key);
    }
    return user;
  }

  /** Revokes every access and refresh token (and pending code) of the user; returns how many tokens died. */
  revokeTokens(userId: string): number {
    const user = this.user(userId);
    const { access, refresh } = this.state.tokens.list();
    const count = [...access, ...refresh].filter((token) => token.userId === user.id).length;
    this.state.tokens.revokeUser(user.id);
    return count;
  }

  /** Makes the user's refresh tokens expired (the next refresh gets KOE322); returns how many. */
  expireRefreshTokens(userId: string): number {
    const user = this.user(userId);
    const mine = this.state.tokens.list().refresh.filter((token) => token.userId === user.id);
    for (const token of mine) token.expiresAt = this.now() - 1;
    return mine.length;
  }

  /**
   * Back to the state right after start: the initial users, no tokens, codes, sessions, faults,
   * request log, webhook deliveries or clock offset. Keys and the signing key stay.
   */
  reset(): void {
    const state = this.state;
    state.tokens.clear();
    state.sessions.clear();
    state.transactions.clear();
    state.tokenResponseMutators = [];
    state.clockOffsetMs = 0;
    state.autoApprove = state.options.autoApprove;
    state.users.length = 0;
    for (const init of this.initialUsers) state.addUser(init);
    state.recentRequests.length = 0;
    state.webhookDeliveries.length = 0;
    this.faults.clear();
    this.clearRequests();
  }

  /** false = HTML consent page; true = approve as the first user; a user id = approve as that user. */
  setAutoApprove(value: boolean | string): void {
    this.state.autoApprove = value;
  }

  /** Tokens for a user without a browser flow (links the user); Kakao's token response body. */
  issueTokens(userId: string, options: IssueTokensOptions = {}): EmulatorTokenResponse {
    const user = this.user(userId);
    const scopes = options.scopes ?? (user.linked ? [] : this.state.options.consentItems);
    this.state.link(user, scopes);
    return issueTokens(this.state, {
      user,
      clientId: this.clientID,
      openid: options.openid ?? this.state.options.oidc,
      nonce: options.nonce,
      authTime: this.state.nowSec(),
    });
  }

  /**
   * An id_token for attack tests: the claims a real one for the first user (or `sub`) would have,
   * with `claimsOverride` applied (a claim set to undefined is removed).
   */
  mintIdToken(
    claimsOverride: Partial<IdTokenClaims> = {},
    options: MintIdTokenOptions = {},
  ): string {
    const user = (claimsOverride.sub && this.state.user(claimsOverride.sub)) || this.state.users[0];
    const claims: Record<string, unknown> = user
      ? {
          ...idTokenClaimsFor(this.state, user, {
            aud: this.clientID,
            authTime: this.state.nowSec(),
          }),
        }
      : {};
    for (const [key, value] of Object.entries(claimsOverride)) claims[key] = value;
    for (const key of Object.keys(claims)) if (claims[key] === undefined) delete claims[key];
    return this.state.signer.sign(claims, options);
  }

  /** Changes the next successful /oauth/token response body (one shot). */
  onNextTokenResponse(mutate: (body: Record<string, unknown>) => object): void {
    this.state.tokenResponseMutators.push(mutate);
  }

  /** New id_token signing key and kid; JWKS keeps the old key only with keepOld. Returns the kid. */
  rotateSigningKey(options: { keepOld?: boolean } = {}): string {
    return this.state.signer.rotate(options.keepOld ?? false);
  }

  /** The kid id_tokens are signed with now. */
  get signingKeyId(): string {
    return this.state.signer.kid;
  }

  /** Moves the emulator clock forward (tokens, codes and rate limits follow it). */
  advanceClock(ms: number): void {
    this.state.clockOffsetMs += ms;
  }

  clearRequests(): void {
    this.requests.length = 0;
  }

  /**
   * Kakao unlinked a user on its side (account deleted, disconnected in Kakao's settings, …):
   * the user is unlinked here, then the app's webhook is called with `Authorization: KakaoAK
   * <admin key>` and app_id, user_id, referrer_type (reference §1.5). Redirects are not followed.
   */
  async sendUnlinkWebhook(options: UnlinkWebhookOptions): Promise<UnlinkWebhookResult> {
    const url = options.url ?? this.state.options.webhookURL;
    if (!url)
      throw new Error('KakaoEmulator: no webhook URL (set the webhookURL option or pass url)');
    const user = this.state.user(String(options.userId));
    if (user?.linked) this.state.unlink(user, options.referrerType ?? 'UNLINK_FROM_APPS');
    const authorization =
      options.authorization === null
        ? undefined
        : (options.authorization ?? `KakaoAK ${options.adminKey ?? this.adminKey}`);
    const at = this.now();
    const referrerType = options.referrerType ?? 'UNLINK_FROM_APPS';
    const result = await sendWebhook({
      url,
      method: options.method ?? this.state.options.webhookMethod,
      authorization,
      fields: {
        app_id: this.appId,
        user_id: String(options.userId),
        referrer_type: referrerType,
        ...(options.groupUserToken ? { group_user_token: options.groupUserToken } : {}),
      },
      timeoutMs: options.timeoutMs ?? 3000,
    });
    this.recordWebhookDelivery({
      at,
      kind: 'unlink',
      url,
      userId: String(options.userId),
      detail: referrerType,
      ...result,
    });
    return result;
  }

  /**
   * Sends one account-status webhook (a Security Event Token signed with the id_token key, as
   * Kakao does) to the `accountWebhookURL` option or `url`, optionally with a fault. Unlink,
   * consent withdrawal and logout send theirs by themselves; see `accountWebhooks`.
   */
  sendAccountWebhook(options: AccountWebhookOptions): Promise<AccountWebhookResult> {
    const url = options.url ?? this.state.options.accountWebhookURL;
    if (!url)
      throw new Error(
        'KakaoEmulator: no account webhook URL (set the accountWebhookURL option or pass url)',
      );
    const at = this.now();
    return this.accountWebhookSender.send({ ...options, url }).then((result) => {
      this.recordWebhookDelivery({
        at,
        kind: 'account',
        url,
        userId: options.userId,
        detail: options.fault ? `${result.event} (${options.fault})` : result.event,
        status: result.status,
        ok: result.ok,
        error: result.error,
        durationMs: result.durationMs,
      });
      return result;
    });
  }

  /** The app's account-status webhook URL (the `accountWebhookURL` option); settable once the app listens. */
  get accountWebhookURL(): string | undefined {
    return this.state.options.accountWebhookURL;
  }

  set accountWebhookURL(url: string | undefined) {
    this.state.options.accountWebhookURL = url;
  }

  /** Every account-status webhook delivery so far, oldest first. */
  get accountWebhooks(): readonly AccountWebhookResult[] {
    return this.accountWebhookSender.results;
  }

  /** Resolves once every account-status webhook sent so far has been answered. */
  accountWebhooksSettled(): Promise<void> {
    return this.accountWebhookSender.settled();
  }

  /** Stops listening and closes every connection (hung requests included). */
  async stop(): Promise<void> {
    await this.server.close();
  }
}
