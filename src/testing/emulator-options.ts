import { DEFAULT_CONSENT_ITEMS, DEFAULT_REQUIRED_CONSENT_ITEMS } from './consent-items.catalog';
import type { EmulatorRequestRecord } from './emulator-request.log';
import type { EmulatorUserInit } from './emulator-users';
import {
  ADMIN_KEY_CATEGORIES,
  type EmulatorAdminKey,
  type EmulatorAdminKeyCategory,
  type EmulatorRestApiKey,
} from './app-keys';

/** A service-terms entry configured for the app (Kakao Sync simple signup). */
export interface EmulatorServiceTerm {
  tag: string;
  /** Set as [필수 동의]: not revocable. */
  required: boolean;
}

/** Options of KakaoEmulator.start(); every one is optional. */
export interface KakaoEmulatorOptions {
  /** TCP port on 127.0.0.1; default 0 (a free port). */
  port?: number;
  /** Serve HTTPS with a self-signed certificate generated at start (PEM in `caPem`). */
  https?: boolean;
  /** REST API key; default 'emulator-rest-api-key'. */
  clientID?: string;
  /** When set, /oauth/token requires it (KOE010); when unset, a sent client_secret is ignored. */
  clientSecret?: string;
  /** Service app admin key; default 'emulator-admin-key'. */
  adminKey?: string;
  /** App id reported by /v1/user/access_token_info and sent in webhooks; default '1000001'. */
  appId?: string;
  /** Native app key, only usable as id_token `aud` (mintIdToken). */
  nativeAppKey?: string;
  /** JavaScript key, only usable as id_token `aud` (mintIdToken). */
  javascriptKey?: string;
  /** Registered redirect URIs; unset = any absolute http(s) URI is accepted. */
  redirectURIs?: string[];
  /** Registered logout redirect URIs; unset = any absolute http(s) URI is accepted. */
  logoutRedirectURIs?: string[];
  /** The app's unlink webhook URL. */
  webhookURL?: string;
  /** Webhook method chosen in the console; default 'POST'. */
  webhookMethod?: 'GET' | 'POST';
  /** The app's account-status webhook URL: unlink, consent withdrawal and logout then send signed SETs there. */
  accountWebhookURL?: string;
  /** More REST API keys of the app (up to 5 per kind since 2025-12-03), each with its own redirect URIs and secret. */
  restApiKeys?: EmulatorRestApiKey[];
  /** More (non-primary) admin keys, each with its API-category allow-list. */
  adminKeys?: EmulatorAdminKey[];
  /** API categories the primary `adminKey` allows; default all. */
  adminKeyCategories?: EmulatorAdminKeyCategory[];
  /** Consent items configured in the console; asking for another one gives KOE205. */
  consentItems?: string[];
  /** Consent items set as required: always asked at first login, never revocable. */
  requiredConsentItems?: string[];
  /** Service terms of the app (Kakao Sync). */
  serviceTerms?: EmulatorServiceTerm[];
  /** User property keys registered in the console (update_profile / signup); users' own keys are added. */
  userPropertyKeys?: string[];
  /** OpenID Connect switched on in the console; default true. */
  oidc?: boolean;
  /** Auto-link on (default true); false = users must call /v1/user/signup. */
  autoLink?: boolean;
  /** Kakao Accounts; default: a few Korean test users (see DEFAULT_USERS). */
  users?: EmulatorUserInit[];
  /** true = approve at once as the first user, a user id = as that user; default false (HTML page). */
  autoApprove?: boolean | string;
  /** Reject a code exchange that did not use PKCE. UNCONFIRMED for Kakao: default false. */
  requirePkce?: boolean;
  /** id_token `iss`; default = authBaseURL. */
  issuer?: string;
  /** Clock in ms; default Date.now. See also advanceClock(). */
  now?: () => number;
  /** Access and id token lifetime; default 21599 s (REST API, 6 h). */
  accessTokenTtlSec?: number;
  /** Refresh token lifetime; default 5184000 s (60 days). */
  refreshTokenTtlSec?: number;
  /** Rate limits: tokenPerMinute off by default (KOE237), userIdsPerMinute 100 (-10, 429). */
  rateLimit?: { tokenPerMinute?: number; userIdsPerMinute?: number };
  /**
   * HTTP Basic client authentication at /oauth/token (`client_secret_basic`). Kakao supports
   * `client_secret_post` only, so `reject` (default) answers 401 invalid_client "Bad client
   * credentials" as Kakao does; `accept` reads client_id and client_secret from the header.
   */
  basicClientAuth?: 'reject' | 'accept';
  /** Bearer token of the control API under /_emulator/api; default: random at each start. */
  controlToken?: string;
  /** Called once per answered request (the CLI prints it); records hold no tokens or codes. */
  onRequest?: (record: EmulatorRequestRecord) => void;
}

/** Options with every default applied. */
export interface ResolvedEmulatorOptions {
  port: number;
  https: boolean;
  clientID: string;
  clientSecret: string | undefined;
  adminKey: string;
  appId: string;
  nativeAppKey: string;
  javascriptKey: string;
  redirectURIs: string[] | undefined;
  logoutRedirectURIs: string[] | undefined;
  webhookURL: string | undefined;
  webhookMethod: 'GET' | 'POST';
  accountWebhookURL: string | undefined;
  restApiKeys: EmulatorRestApiKey[];
  adminKeys: EmulatorAdminKey[];
  adminKeyCategories: readonly EmulatorAdminKeyCategory[];
  consentItems: string[];
  requiredConsentItems: string[];
  serviceTerms: EmulatorServiceTerm[];
  userPropertyKeys: string[];
  oidc: boolean;
  autoLink: boolean;
  autoApprove: boolean | string;
  requirePkce: boolean;
  issuer: string | undefined;
  accessTokenTtlSec: number;
  refreshTokenTtlSec: number;
  tokenPerMinute: number | undefined;
  userIdsPerMinute: number;
  basicClientAuth: 'reject' | 'accept';
}

export function resolveOptions(options: KakaoEmulatorOptions): ResolvedEmulatorOptions {
  const users = options.users ?? [];
  const userKeys = users.flatMap((user) => Object.keys(user.properties ?? {}));
  return {
    port: options.port ?? 0,
    https: options.https ?? false,
    clientID: options.clientID ?? 'emulator-rest-api-key',
    clientSecret: options.clientSecret,
    adminKey: options.adminKey ?? 'emulator-admin-key',
    appId: options.appId ?? '1000001',
    nativeAppKey: options.nativeAppKey ?? 'emulator-native-app-key',
    javascriptKey: options.javascriptKey ?? 'emulator-javascript-key',
    redirectURIs: options.redirectURIs,
    logoutRedirectURIs: options.logoutRedirectURIs,
    webhookURL: options.webhookURL,
    webhookMethod: options.webhookMethod ?? 'POST',
    accountWebhookURL: options.accountWebhookURL,
    restApiKeys: (options.restApiKeys ?? []).map((key) => ({ ...key })),
    adminKeys: (options.adminKeys ?? []).map((key) => ({ ...key })),
    adminKeyCategories: [...(options.adminKeyCategories ?? ADMIN_KEY_CATEGORIES)],
    consentItems: [...(options.consentItems ?? DEFAULT_CONSENT_ITEMS)],
    requiredConsentItems: [...(options.requiredConsentItems ?? DEFAULT_REQUIRED_CONSENT_ITEMS)],
    serviceTerms: (
      options.serviceTerms ?? [
        { tag: 'service_terms_2024', required: true },
        { tag: 'marketing_2024', required: false },
      ]
    ).map((term) => ({ ...term })),
    userPropertyKeys: [
      ...new Set([...(options.userPropertyKeys ?? ['clothing_size', 'membership']), ...userKeys]),
    ],
    oidc: options.oidc ?? true,
    autoLink: options.autoLink ?? true,
    autoApprove: options.autoApprove ?? false,
    requirePkce: options.requirePkce ?? false,
    issuer: options.issuer,
    accessTokenTtlSec: options.accessTokenTtlSec ?? 21599,
    refreshTokenTtlSec: options.refreshTokenTtlSec ?? 5184000,
    tokenPerMinute: options.rateLimit?.tokenPerMinute,
    userIdsPerMinute: options.rateLimit?.userIdsPerMinute ?? 100,
    basicClientAuth: options.basicClientAuth ?? 'reject',
  };
}
