import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { KakaoEmulator } from '../../src/testing';
import {
  BUSINESS_ONLY_CONSENT_ITEMS,
  parseEmulatorConfig,
} from '../../src/testing/emulator-config';
import { EmulatorInputError } from '../../src/testing/emulator-input.validator';
import { call, codeFor, REDIRECT_URI } from '../support/emulator-calls';

const SAMPLE = resolve(__dirname, '../interop/kakao-emulator.json');

function problemsOf(config: unknown): string[] {
  try {
    parseEmulatorConfig(typeof config === 'string' ? config : JSON.stringify(config), 'test.json');
  } catch (error) {
    expect(error).toBeInstanceOf(EmulatorInputError);
    expect((error as Error).message).toMatch(/^test\.json is not valid:\n {2}- /);
    return (error as EmulatorInputError).problems;
  }
  throw new Error('the config was accepted');
}

describe('kakao-emulator.json (config file)', () => {
  it('needs no file: {} is the default app and users', async () => {
    expect(parseEmulatorConfig('{}')).toEqual({});
    const kakao = await KakaoEmulator.start(parseEmulatorConfig('{}'));
    try {
      expect(kakao.clientID).toBe('emulator-rest-api-key');
      expect(kakao.users).toHaveLength(6);
    } finally {
      await kakao.stop();
    }
  });

  it('maps the documented sample onto start() options', () => {
    const options = parseEmulatorConfig(readFileSync(SAMPLE, 'utf8'));
    expect(options).toEqual({
      port: 0,
      autoApprove: '1376016924426111111',
      appId: '1234567',
      clientID: 'interop-rest-api-key',
      javascriptKey: 'interop-javascript-key',
      nativeAppKey: 'interop-native-app-key',
      adminKey: 'interop-admin-key',
      clientSecret: 'interop-client-secret',
      redirectURIs: ['http://127.0.0.1:8765/callback'],
      consentItems: ['profile_nickname', 'profile_image', 'account_email'],
      requiredConsentItems: ['profile_nickname'],
      serviceTerms: [{ tag: 'terms_2025', required: true }],
      oidc: true,
      requirePkce: false,
      users: [
        {
          id: '1376016924426111111',
          nickname: '이서연',
          email: 'seoyeon.lee@example.com',
          linked: true,
          agreedScopes: ['profile_nickname', 'profile_image', 'account_email'],
          agreedServiceTerms: ['terms_2025'],
        },
        { id: '4056789012', nickname: '윤도현', linked: false },
      ],
    });
  });

  it('names every bad field and what it expects', () => {
    const problems = problemsOf({
      prot: 4010,
      port: 70000,
      autoApprove: 'nobody',
      app: {
        restApiKey: '',
        clientSecret: 42,
        redirectUris: ['x'],
        redirectURIs: ['/callback', 'http://localhost:3000/cb#frag'],
        consentItems: {
          profile_nickname: 'mandatory',
          account_mail: 'optional',
          openid: 'required',
        },
        serviceTerms: [{ required: 'yes' }],
        oidc: 'on',
        rateLimit: { tokenPerMinute: 0 },
      },
      users: [
        // eslint-disable-next-line no-loss-of-precision -- what a hand-written JSON number id becomes
        { id: 1376016924426111111, nickname: '이서연' },
        { id: '4012345678', gender: 'M', birthday: '1331', agreedScopes: ['friends'] },
        { id: '4012345678', agreedServiceTerms: ['unknown_terms'] },
        'not a user',
      ],
    });
    expect(problems).toEqual(
      expect.arrayContaining([
        '(top level).prot: unknown field (known: port, https, autoApprove, controlToken, app, users)',
        'port: expected an integer from 0 to 65535, got number 70000',
        'app.restApiKey: expected a key of printable ASCII without spaces, got string ""',
        'app.clientSecret: expected the client secret (or null: client secret off), got number 42',
        'app.redirectUris: unknown field; did you mean "redirectURIs"?',
        'app.redirectURIs[0]: expected an absolute http(s) URL without a #fragment, got string "/callback"',
        'app.redirectURIs[1]: expected an absolute http(s) URL without a #fragment, got string "http://localhost:3000/cb#frag"',
        'app.consentItems.profile_nickname: expected "required" or "optional", got string "mandatory"',
        'app.consentItems.openid: openid is not a consent item; switch OpenID Connect with app.oidc',
        'app.serviceTerms[0].tag: expected the service terms tag, got nothing',
        'app.serviceTerms[0].required: expected true or false, got string "yes"',
        'app.oidc: expected true or false, got string "on"',
        'app.rateLimit.tokenPerMinute: expected an integer from 1 to 1000000, got number 0',
        'users[1].gender: expected "female" or "male", got string "M"',
        'users[1].birthday: expected a day "MMDD", got string "1331"',
        'users[2].id: duplicate id 4012345678',
        'users[3]: expected an object describing a Kakao Account, got string "not a user"',
      ]),
    );
    expect(problems.join('\n')).toContain('app.consentItems.account_mail: unknown consent item');
    expect(problems.join('\n')).toContain(
      'users[0].id: write the id as a string ("1376016924426111200" was read as a number',
    );
    expect(problems.join('\n')).toContain(
      'users[1].agreedScopes[0]: "friends" is not a consent item of the app',
    );
    expect(problems.join('\n')).toContain(
      'users[2].agreedServiceTerms[0]: "unknown_terms" is not a service terms tag of the app',
    );
    expect(problems).toContain('autoApprove: no user "nobody" (users: 4012345678)');
  });

  it('refuses what is not a JSON object', () => {
    expect(problemsOf('{"app": ')[0]).toMatch(/^not JSON: /);
    expect(problemsOf('[]')).toEqual([
      '(top level): expected a JSON object with "app" and "users", got an array',
    ]);
  });

  it('a non-business app cannot set business-only items, and gets KOE205 asking for them', async () => {
    for (const item of BUSINESS_ONLY_CONSENT_ITEMS) {
      expect(
        problemsOf({ app: { business: false, consentItems: { [item]: 'optional' } } }),
      ).toEqual([
        `app.consentItems.${item}: only a business app can set this item; set app.business to true or remove it (a non-business app asking for it gets KOE205)`,
      ]);
    }
    const options = parseEmulatorConfig(
      JSON.stringify({ app: { business: false }, autoApprove: true }),
    );
    expect(options.consentItems).not.toContain('account_email');
    const kakao = await KakaoEmulator.start(options);
    try {
      const page = await call(
        `${kakao.authBaseURL}/oauth/authorize?client_id=${kakao.clientID}&redirect_uri=${encodeURIComponent(REDIRECT_URI)}&response_type=code&scope=account_email`,
      );
      expect(page.status).toBe(400);
      expect(page.text).toContain('KOE205');
      expect(page.text).toContain('account_email');
      expect(await codeFor(kakao, { scope: 'profile_nickname' })).toBeTruthy();
    } finally {
      await kakao.stop();
    }
  });

  it('drives the emulator: registered redirect URIs (KOE006), client secret (KOE010), 19-digit users', async () => {
    const kakao = await KakaoEmulator.start(parseEmulatorConfig(readFileSync(SAMPLE, 'utf8')));
    try {
      const registered = 'http://127.0.0.1:8765/callback';
      const authorize = (redirectUri: string) =>
        call(
          `${kakao.authBaseURL}/oauth/authorize?${new URLSearchParams({
            client_id: 'interop-rest-api-key',
            redirect_uri: redirectUri,
            response_type: 'code',
          })}`,
        );
      const refused = await authorize(REDIRECT_URI);
      expect(refused.status).toBe(400);
      expect(refused.text).toContain('KOE006');
      const approved = await authorize(registered);
      expect(approved.status).toBe(302);
      const code = approved.location.searchParams.get('code')!;
      const token = (secret?: string) =>
        call(`${kakao.authBaseURL}/oauth/token`, {
          method: 'POST',
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
          body: new URLSearchParams({
            grant_type: 'authorization_code',
            client_id: 'interop-rest-api-key',
            redirect_uri: registered,
            code,
            ...(secret ? { client_secret: secret } : {}),
          }).toString(),
        });
      expect((await token()).json()).toMatchObject({ error_code: 'KOE010' });
      const tokens = (await token('interop-client-secret')).json() as { access_token: string };
      const me = await call(`${kakao.apiBaseURL}/v2/user/me`, {
        headers: { authorization: `Bearer ${tokens.access_token}` },
      });
      expect(me.text).toMatch(/^\{"id":1376016924426111111,/);
      expect(kakao.user('4056789012').linked).toBe(false);
      expect(kakao.appId).toBe('1234567');
      expect(kakao.user('1376016924426111111').agreedServiceTerms.map((t) => t.tag)).toEqual([
        'terms_2025',
      ]);
      // The default consent-page user list uses the configured users only.
      expect(kakao.users.map((user) => user.id)).toEqual(['1376016924426111111', '4056789012']);
    } finally {
      await kakao.stop();
    }
  });
});
