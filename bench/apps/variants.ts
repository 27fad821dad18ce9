import { randomBytes, timingSafeEqual } from 'node:crypto';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import type { Request } from 'express';
import * as oidc from 'openid-client';
import { Strategy as OpenidStrategy, type AuthenticateOptions } from 'openid-client/passport';
import type passport from 'passport';
import { Strategy as PassportKakaoStrategy } from 'passport-kakao';
import { type KakaoProfile, KakaoStrategy, type KakaoStrategyOptions } from '../../src/passport';
import type { AppVariantName, KakaoEndpoints } from '../lib/protocol';
import type { BenchUser, CallbackDone, LoginCode } from './app-shell';

export interface VariantConfig {
  kakao: KakaoEndpoints;
  /** http://127.0.0.1:<port>/auth/kakao/callback */
  callbackURL: string;
  /** ours: trust the emulator with the `ca` option too (BENCH_CA_OPTION=1). */
  useCaOption?: boolean;
  /** openid-client: the Configuration from discovery (prepareVariant). */
  openidConfig?: oidc.Configuration;
  /** openid-client: verify the id_token's signature too (BENCH_OPENID_SIGNATURES=1). */
  openidSignatures?: boolean;
}

type PassportCallback = (err: Error | null, user: BenchUser | false, info?: unknown) => void;

/** The callback half shared by the Passport-based variants. */
function passportLogin(auth: passport.PassportStatic, name: string): LoginCode {
  return {
    start: (req, res, next) => auth.authenticate(name)(req, res, next),
    callback: (req, res, next, done: CallbackDone) =>
      auth.authenticate(name, ((err, user, info) => {
        const reason = (info as { reason?: string; message?: string } | undefined)?.reason;
        done(err, user, reason ?? (info as { message?: string } | undefined)?.message);
      }) as PassportCallback)(req, res, next),
  };
}

function ourUser(accessToken: string, profile: KakaoProfile): BenchUser {
  return { id: profile.id, nickname: profile.displayName, accessToken };
}

/** ours: KakaoStrategy with its defaults (state + PKCE in the session, secure_resource, Bearer). */
function ours(config: VariantConfig, extra: Partial<KakaoStrategyOptions>) {
  return (auth: passport.PassportStatic): LoginCode => {
    auth.use(
      new KakaoStrategy(
        {
          clientID: config.kakao.clientID,
          clientSecret: config.kakao.clientSecret,
          callbackURL: config.callbackURL,
          authBaseURL: config.kakao.baseURL,
          apiBaseURL: config.kakao.baseURL,
          // No `ca`: like every variant, the app trusts the emulator through NODE_EXTRA_CA_CERTS,
          // as it would trust kauth.kakao.com's public CA. (`ca` works too, but costs a little
          // per request: see docs/performance.md.)
          ...(config.useCaOption ? { ca: config.kakao.caPem } : {}),
          ...extra,
        },
        (accessToken, _refreshToken, profile: KakaoProfile, done) =>
          done(null, ourUser(accessToken, profile)),
      ),
    );
    return passportLogin(auth, 'kakao');
  };
}

/** passport-kakao@1.0.1 with `state: true`, endpoints pointed at the emulator, HTTP untouched. */
function passportKakao(config: VariantConfig) {
  return (auth: passport.PassportStatic): LoginCode => {
    const strategy = new PassportKakaoStrategy(
      {
        clientID: config.kakao.clientID,
        clientSecret: config.kakao.clientSecret,
        callbackURL: config.callbackURL,
        state: true,
      },
      (accessToken, _refreshToken, profile, done) =>
        done(null, { id: String(profile.id), nickname: profile.displayName, accessToken }),
    );
    strategy._oauth2._authorizeUrl = `${config.kakao.baseURL}/oauth/authorize`;
    strategy._oauth2._accessTokenUrl = `${config.kakao.baseURL}/oauth/token`;
    strategy._userProfileURL = `${config.kakao.baseURL}/v2/user/me`;
    auth.use(strategy);
    return passportLogin(auth, 'kakao');
  };
}

/**
 * openid-client@6's strategy adds a nonce only to `id_token` response types and a state only
 * when the server does not announce PKCE; Kakao announces S256, so ask for both here, through
 * the hook the strategy documents for extra authorization parameters. It keeps the three
 * values in the session and checks them at the callback (state, then the id_token's nonce).
 */
class KakaoOpenidStrategy extends OpenidStrategy {
  override authorizationRequestParams<TOptions extends AuthenticateOptions>(
    req: Request,
    options: TOptions,
  ): URLSearchParams {
    const params = new URLSearchParams(super.authorizationRequestParams(req, options));
    params.set('nonce', oidc.randomNonce());
    params.set('state', oidc.randomState());
    return params;
  }
}

/**
 * Kakao's discovery document as the emulator serves it (reference §1.6), for measuring the
 * login state without a server (state-bytes): the bench apps discover it over HTTPS instead.
 */
function kakaoMetadata(baseURL: string): oidc.ServerMetadata {
  return {
    issuer: baseURL,
    authorization_endpoint: `${baseURL}/oauth/authorize`,
    token_endpoint: `${baseURL}/oauth/token`,
    jwks_uri: `${baseURL}/.well-known/jwks.json`,
    token_endpoint_auth_methods_supported: ['client_secret_post'],
    id_token_signing_alg_values_supported: ['RS256'],
    code_challenge_methods_supported: ['S256'],
  };
}

/** The openid-client variant's Configuration: discovery against the emulator, as an app would. */
async function discoverKakao(config: VariantConfig): Promise<oidc.Configuration> {
  const configuration = await oidc.discovery(
    new URL(config.kakao.baseURL),
    config.kakao.clientID,
    undefined,
    // Kakao takes the client secret in the form only (discovery: client_secret_post).
    oidc.ClientSecretPost(config.kakao.clientSecret),
  );
  if (config.openidSignatures) oidc.enableNonRepudiationChecks(configuration);
  return configuration;
}

/**
 * openid-client: openid-client@6's Passport strategy (`openid-client/passport`), scope
 * `openid`, PKCE S256 + nonce + state; the user from the id_token's claims, like ours-oidc
 * with `profileFrom: 'id_token'` (no userinfo call). By default openid-client does not check
 * the signature of an id_token that came straight from the token endpoint over TLS (OIDC Core
 * 3.1.3.7 allows that); ours does.
 */
function openidClient(config: VariantConfig) {
  return (auth: passport.PassportStatic): LoginCode => {
    const configuration =
      config.openidConfig ??
      new oidc.Configuration(
        kakaoMetadata(config.kakao.baseURL),
        config.kakao.clientID,
        undefined,
        oidc.ClientSecretPost(config.kakao.clientSecret),
      );
    auth.use(
      'kakao',
      new KakaoOpenidStrategy(
        { config: configuration, name: 'kakao', scope: 'openid', callbackURL: config.callbackURL },
        (tokens, verified) => {
          const claims = tokens.claims();
          if (!claims) return verified(new Error('openid-client: no id_token in the answer'));
          const nickname = typeof claims.nickname === 'string' ? claims.nickname : undefined;
          const user: BenchUser = { id: claims.sub, nickname, accessToken: tokens.access_token };
          verified(null, user);
        },
      ),
    );
    return passportLogin(auth, 'kakao');
  };
}

/** What a variant needs before its app can start (openid-client: discovery). */
export async function prepareVariant(
  variant: AppVariantName,
  config: VariantConfig,
): Promise<VariantConfig> {
  if (variant !== 'openid-client') return config;
  return { ...config, openidConfig: await discoverKakao(config) };
}

interface Answer {
  status: number;
  text: string;
}

/**
 * baseline: the minimal careful hand-written flow, no Passport strategy: a 256-bit state in the
 * session (single use, constant-time compare), the code exchange and /v2/user/me on node:https
 * with a keep-alive agent, a 10 s timeout and status checks. No PKCE, no size cap.
 */
function baseline(config: VariantConfig) {
  const agent = new HttpsAgent({ keepAlive: true });
  const base = config.kakao.baseURL;

  function call(
    method: 'GET' | 'POST',
    url: string,
    headers: Record<string, string>,
    body?: string,
  ) {
    return new Promise<Answer>((resolve, reject) => {
      const req = httpsRequest(url, { method, headers, agent, timeout: 10_000 }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('error', reject);
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }),
        );
      });
      req.on('timeout', () => req.destroy(new Error(`${method} ${url}: timeout`)));
      req.on('error', reject);
      req.end(body);
    });
  }

  async function finish(code: string): Promise<BenchUser> {
    const form = new URLSearchParams({
      grant_type: 'authorization_code',
      client_id: config.kakao.clientID,
      client_secret: config.kakao.clientSecret,
      redirect_uri: config.callbackURL,
      code,
    }).toString();
    const token = await call(
      'POST',
      `${base}/oauth/token`,
      { 'content-type': 'application/x-www-form-urlencoded;charset=utf-8' },
      form,
    );
    if (token.status !== 200) throw new Error(`token exchange: HTTP ${token.status}`);
    const { access_token: accessToken } = JSON.parse(token.text) as { access_token?: string };
    if (!accessToken) throw new Error('token exchange: no access_token');
    const me = await call('GET', `${base}/v2/user/me`, { authorization: `Bearer ${accessToken}` });
    if (me.status !== 200) throw new Error(`/v2/user/me: HTTP ${me.status}`);
    const json = JSON.parse(me.text) as {
      id: number;
      properties?: { nickname?: string };
      kakao_account?: { profile?: { nickname?: string } };
    };
    const nickname = json.kakao_account?.profile?.nickname ?? json.properties?.nickname;
    return { id: String(json.id), nickname, accessToken };
  }

  const sameState = (a: string, b: string) =>
    a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));

  return (): LoginCode => ({
    start(req, res) {
      const state = randomBytes(32).toString('base64url');
      (req.session as unknown as Record<string, unknown>).kakaoState = state;
      const params = new URLSearchParams({
        client_id: config.kakao.clientID,
        redirect_uri: config.callbackURL,
        response_type: 'code',
        state,
      });
      // A bare 302, as Passport strategies redirect (Express's res.redirect adds content
      // negotiation and a body).
      res.statusCode = 302;
      res.setHeader('location', `${base}/oauth/authorize?${params.toString()}`);
      res.setHeader('content-length', '0');
      res.end();
    },
    callback(req: Request, _res, _next, done) {
      const session = req.session as unknown as Record<string, unknown>;
      const expected = session.kakaoState;
      delete session.kakaoState;
      const { code, state } = req.query;
      if (typeof expected !== 'string' || typeof state !== 'string' || !sameState(state, expected))
        return done(null, false, 'invalid_state');
      if (typeof code !== 'string' || !code) return done(null, false, 'invalid_request');
      finish(code).then(
        (user) => done(null, user),
        (err: Error) => done(err),
      );
    },
  });
}

export const STATE_SECRET = 'bench-state-secret-0123456789abcdefghijklmnop';

/** The login code of each variant. */
export function loginCodeFor(
  variant: AppVariantName,
  config: VariantConfig,
): (auth: passport.PassportStatic) => LoginCode {
  switch (variant) {
    case 'ours':
      return ours(config, {});
    case 'ours-oidc':
      return ours(config, { openid: true, profileFrom: 'id_token' });
    case 'ours-cookie':
      return ours(config, { stateStore: 'cookie', stateSecret: STATE_SECRET });
    case 'openid-client':
      return openidClient(config);
    case 'passport-kakao':
      return passportKakao(config);
    case 'baseline':
      return baseline(config);
  }
}
