import { additionalConsentURL } from '../../src/api/additional-consent-url';
import { KakaoApiClient } from '../../src/api/kakao-api.client';
import { KakaoConfigError } from '../../src/errors/kakao-config.error';
import { resolveModuleOptions } from '../../src/nest/resolve-module-options';
import type {
  KakaoAuthModuleOptions,
  KakaoSpaHandoffOptions,
  KakaoTokenLoginModuleOptions,
} from '../../src/nest/kakao-auth.options';
import { KakaoStrategy } from '../../src/strategy/kakao.strategy';
import { KakaoHandoffCodes } from '../../src/token-login/kakao-handoff-codes';
import { KakaoLoginNonces } from '../../src/token-login/kakao-login-nonces';
import { KakaoTokenStrategy } from '../../src/token-login/kakao-token.strategy';
import { KakaoTokenVerifier } from '../../src/token-login/kakao-token.verifier';
import { KakaoAccountWebhookVerifier } from '../../src/webhooks/account-webhook.verifier';

/**
 * One option, one verdict: the same bad value is refused by every entry point that takes the
 * option, with a KakaoConfigError in the entry point's name and the same rule after it (issue
 * #17: KakaoApiClient refused an authBaseURL with a query or credentials, KakaoStrategy took it).
 */
type Options = Record<string, unknown>;
const callbackURL = 'https://app.example/auth/kakao/callback';
const noop = () => undefined;
/** What every entry point that checks id_tokens takes: transport, audiences and the JWKS. */
const ID_TOKEN_CHECKER_OPTIONS = [
  'authBaseURL',
  'apiBaseURL',
  'timeoutMs',
  'maxResponseBytes',
  'clientID',
  'audiences',
  'jwksURL',
  'clockToleranceSeconds',
];

const entryPoints: Array<{ owner: string; takes: string[]; build: (bad: Options) => unknown }> = [
  {
    owner: 'KakaoStrategy',
    takes: ID_TOKEN_CHECKER_OPTIONS,
    build: (bad) => new KakaoStrategy({ clientID: 'k', callbackURL, ...bad } as never, noop),
  },
  {
    owner: 'KakaoApiClient',
    takes: ['authBaseURL', 'apiBaseURL', 'timeoutMs', 'maxResponseBytes', 'clientID'],
    build: (bad) => new KakaoApiClient({ clientID: 'k', ...bad } as never),
  },
  {
    owner: 'KakaoAuthModule',
    takes: ID_TOKEN_CHECKER_OPTIONS,
    build: (bad) =>
      resolveModuleOptions({
        clientID: 'k',
        callbackURL,
        appId: '1',
        tokenLogin: true,
        ...bad,
      } as KakaoAuthModuleOptions),
  },
  {
    owner: 'KakaoTokenVerifier',
    takes: ID_TOKEN_CHECKER_OPTIONS,
    build: (bad) => new KakaoTokenVerifier({ clientID: 'k', appId: '1', ...bad } as never),
  },
  {
    // Its options are the verifier's, checked in the verifier's name.
    owner: 'KakaoTokenVerifier',
    takes: ID_TOKEN_CHECKER_OPTIONS,
    build: (bad) => new KakaoTokenStrategy({ clientID: 'k', appId: '1', ...bad } as never, noop),
  },
  {
    owner: 'additionalConsentURL',
    takes: ['authBaseURL'],
    build: (bad) =>
      additionalConsentURL({ clientID: 'k', ...bad } as never, {
        scopes: ['talk_message'],
        redirectURI: callbackURL,
      }),
  },
  {
    owner: 'KakaoAccountWebhookVerifier',
    takes: ['authBaseURL', 'timeoutMs', 'maxResponseBytes', 'clientID', 'audiences', 'jwksURL'],
    build: (bad) => new KakaoAccountWebhookVerifier({ clientID: 'k', ...bad } as never),
  },
];

const badValues: Array<[string, Options]> = [
  ['authBaseURL with a query', { authBaseURL: 'https://kauth.example/?next=1' }],
  ['authBaseURL with a fragment', { authBaseURL: 'https://kauth.example/#x' }],
  ['authBaseURL with credentials', { authBaseURL: 'https://user:hunter2@kauth.example' }],
  ['a relative authBaseURL', { authBaseURL: '/kauth' }],
  ['an ftp: authBaseURL', { authBaseURL: 'ftp://kauth.example' }],
  ['a host-only authBaseURL', { authBaseURL: 'kauth.kakao.com' }],
  ['apiBaseURL with a query', { apiBaseURL: 'https://kapi.example?x=1' }],
  ['apiBaseURL with credentials', { apiBaseURL: 'https://u:hunter2@kapi.example' }],
  ['a javascript: apiBaseURL', { apiBaseURL: 'javascript:alert(1)' }],
  ['a negative timeout', { timeoutMs: -1 }],
  ['a zero timeout', { timeoutMs: 0 }],
  ['a NaN timeout', { timeoutMs: NaN }],
  ['a string timeout', { timeoutMs: '500' }],
  ['a negative maxResponseBytes', { maxResponseBytes: -1 }],
  ['an empty clientID', { clientID: '' }],
  ['a blank clientID', { clientID: '   ' }],
  ['an empty audience', { audiences: [''] }],
  ['a non-list audiences', { audiences: 'native-key' }],
  ['an ftp: jwksURL', { jwksURL: 'ftp://kauth.example/jwks' }],
  ['a negative clock tolerance', { clockToleranceSeconds: -1 }],
];

/** The rule a refusal states: the message without its owner, up to the fix. */
const verdict = (message: string): string =>
  message.replace(/^\w+: /, '').split(/[:;]|, e\.g\./)[0];

function refusal(build: () => unknown): KakaoConfigError | undefined {
  try {
    build();
  } catch (err) {
    if (err instanceof KakaoConfigError) return err;
    throw err;
  }
  return undefined;
}

describe.each(badValues)('%s', (_label, bad) => {
  const option = Object.keys(bad)[0];
  const takers = entryPoints.filter((e) => e.takes.includes(option));

  it('is refused by every entry point that takes it, with one verdict', () => {
    expect(takers.length).toBeGreaterThanOrEqual(2);
    const seen = takers.map(({ owner, build }) => {
      const err = refusal(() => build(bad));
      expect({ owner, refused: err !== undefined }).toEqual({ owner, refused: true });
      expect(err!.message.startsWith(`${owner}: ${option} `)).toBe(true);
      expect(err!.message).not.toContain('hunter2');
      return verdict(err!.message);
    });
    expect(new Set(seen).size).toBe(1);
  });
});

it('the same good values are taken by every entry point', () => {
  const good = {
    authBaseURL: 'http://127.0.0.1:9/kauth/',
    timeoutMs: 1500,
    maxResponseBytes: 65_536,
    audiences: ['native-key'],
    jwksURL: 'http://127.0.0.1:9/kauth/.well-known/jwks.json',
  };
  for (const { owner, takes, build } of entryPoints) {
    const own = Object.fromEntries(Object.entries(good).filter(([key]) => takes.includes(key)));
    expect({ owner, error: refusal(() => build(own))?.message }).toEqual({
      owner,
      error: undefined,
    });
  }
  expect(new KakaoApiClient({ clientID: 'k', authBaseURL: good.authBaseURL }).authBaseURL).toBe(
    'http://127.0.0.1:9/kauth',
  );
  // A config loader's null for an unset URL means Kakao's, everywhere (KakaoStrategy always did).
  for (const { owner, build } of entryPoints)
    expect({ owner, error: refusal(() => build({ authBaseURL: null }))?.message }).toEqual({
      owner,
      error: undefined,
    });
  expect(new KakaoApiClient({ clientID: 'k', authBaseURL: null as never }).authBaseURL).toBe(
    'https://kauth.kakao.com',
  );
});

describe('the …Sec options renamed …Seconds', () => {
  it('KakaoLoginNonces and KakaoHandoffCodes take ttlSeconds, and ttlSec as before', () => {
    expect(new KakaoLoginNonces({ ttlSeconds: 120 }).ttlSeconds).toBe(120);
    expect(new KakaoLoginNonces({ ttlSec: 90 }).ttlSeconds).toBe(90);
    expect(new KakaoLoginNonces({ ttlSec: 90 }).ttlSec).toBe(90);
    expect(new KakaoLoginNonces().ttlSeconds).toBe(300);
    expect(new KakaoHandoffCodes({ ttlSeconds: 20 }).ttlSeconds).toBe(20);
    expect(new KakaoHandoffCodes({ ttlSec: 45 }).ttlSeconds).toBe(45);
    expect(() => new KakaoHandoffCodes({ ttlSeconds: 61 })).toThrow(
      /^KakaoHandoffCodes: ttlSeconds must be a number of seconds between 1 and 60/,
    );
    expect(() => new KakaoHandoffCodes({ ttlSec: 61 })).toThrow(/: ttlSec must be a number/);
    expect(() => new KakaoLoginNonces({ ttlSec: 60, ttlSeconds: 30 })).toThrow(
      'KakaoLoginNonces: ttlSeconds and ttlSec (its deprecated name) differ; keep only ttlSeconds',
    );
  });

  it('KakaoAuthModule takes tokenLogin.maxIdTokenAgeSeconds / nonceTtlSeconds and spaHandoff.codeTtlSeconds, and the old names', () => {
    const resolve = (extra: Partial<KakaoAuthModuleOptions>) =>
      resolveModuleOptions({ clientID: 'k', callbackURL, appId: '1', ...extra });
    const setups: Array<[KakaoTokenLoginModuleOptions, KakaoSpaHandoffOptions]> = [
      [{ maxIdTokenAgeSeconds: 60, nonceTtlSeconds: 120 }, { codeTtlSeconds: 15 }],
      [{ maxIdTokenAgeSec: 60, nonceTtlSec: 120 }, { codeTtlSec: 15 }],
    ];
    for (const [tokenLogin, spaHandoff] of setups) {
      const resolved = resolve({ tokenLogin, spaHandoff });
      expect(resolved.tokenLogin).toMatchObject({ maxIdTokenAgeSeconds: 60, nonceTtlSeconds: 120 });
      expect(resolved.spaHandoff).toEqual({ codeTtlSeconds: 15 });
    }
    expect(() => resolve({ tokenLogin: { nonceTtlSec: 0 } })).toThrow(
      /^KakaoAuthModule: tokenLogin.nonceTtlSec must be a number of seconds between 1 and 3600/,
    );
    expect(() => resolve({ spaHandoff: { codeTtlSeconds: 61 } })).toThrow(
      /^KakaoAuthModule: spaHandoff.codeTtlSeconds must be/,
    );
  });

  it.each<[string, (o: Options) => unknown, string, string]>([
    [
      'KakaoTokenVerifier',
      (o) => new KakaoTokenVerifier({ clientID: 'k', ...o }),
      'maxIdTokenAgeSeconds',
      'maxIdTokenAgeSec',
    ],
    [
      'KakaoAccountWebhookVerifier',
      (o) => new KakaoAccountWebhookVerifier({ clientID: 'k', ...o }),
      'maxAgeSeconds',
      'maxAgeSec',
    ],
    [
      'KakaoAccountWebhookVerifier',
      (o) => new KakaoAccountWebhookVerifier({ clientID: 'k', ...o }),
      'clockToleranceSeconds',
      'clockToleranceSec',
    ],
  ])('%s checks %s and its deprecated name %s alike', (owner, build, name, old) => {
    expect(() => build({ [name]: 60 })).not.toThrow();
    expect(() => build({ [old]: 60 })).not.toThrow();
    expect(() => build({ [name]: -1 })).toThrow(`${owner}: ${name} must be a`);
    expect(() => build({ [old]: -1 })).toThrow(`${owner}: ${old} must be a`);
    expect(() => build({ [name]: 60, [old]: 30 })).toThrow(`${owner}: ${name} and ${old}`);
  });
});
