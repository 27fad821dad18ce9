import { KakaoEmulator } from '../../src/testing';
import {
  authorizeURL,
  call,
  codeFor,
  exchangeCode,
  formInputs,
  postForm,
  REDIRECT_URI,
} from '../support/emulator-calls';

/** The text of the element with this data-testid (tags stripped), or undefined. */
function byTestId(html: string, testId: string): string | undefined {
  const match = new RegExp(`<(\\w+)[^>]*data-testid="${testId}"[^>]*>([\\s\\S]*?)</\\1>`).exec(
    html,
  );
  return match?.[2]
    .replace(/<[^>]+>/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/** Issue #15 "Fidelity": what third-party OAuth clients send, answered as Kakao answers it. */
describe('KakaoEmulator fidelity', () => {
  let kakao: KakaoEmulator;

  afterEach(async () => {
    await kakao?.stop();
  });

  describe('scope split on spaces and commas', () => {
    beforeEach(async () => {
      kakao = await KakaoEmulator.start();
    });

    it.each([
      ['spaces (OAuth form)', 'openid profile_nickname account_email'],
      ['commas (Kakao form)', 'openid,profile_nickname,account_email'],
      ['both, with stray separators', ' openid, profile_nickname  account_email,'],
    ])('%s: asks for the two items and issues an id_token', async (_label, scope) => {
      const page = await call(authorizeURL(kakao, { scope }));
      expect(page.status).toBe(200);
      const scopes = formInputs(page.text)
        .filter((i) => i['data-testid']?.startsWith('scope-'))
        .map((i) => i['data-testid']);
      expect(scopes).toEqual(['scope-profile_nickname', 'scope-account_email']);

      kakao.setAutoApprove('4056789012');
      const tokens = (await exchangeCode(kakao, await codeFor(kakao, { scope }))).json();
      expect(tokens.id_token).toEqual(expect.any(String));
      expect(String(tokens.scope).split(' ').sort()).toEqual(
        ['account_email', 'openid', 'profile_nickname'].sort(),
      );
    });

    it('a "+"-encoded space splits too', async () => {
      const url = authorizeURL(kakao).concat('&scope=profile_nickname+account_email');
      const page = await call(url);
      expect(page.status).toBe(200);
      expect(page.text).toContain('data-testid="scope-account_email"');
    });
  });

  describe('KOE205 names only the items really not configured', () => {
    it('a space-joined scope with one unconfigured item names that item alone', async () => {
      kakao = await KakaoEmulator.start({ consentItems: ['profile_nickname', 'profile_image'] });
      const page = await call(
        authorizeURL(kakao, { scope: 'openid profile_nickname account_email' }),
      );
      expect(page.status).toBe(400);
      expect(page.headers.get('location')).toBeNull();
      expect(byTestId(page.text, 'error-code')).toBe('KOE205');
      const detail = byTestId(page.text, 'error-detail')!;
      expect(detail).toContain('설정하지 않은 동의 항목: account_email');
      expect(detail).not.toMatch(/profile_nickname|openid/);
    });

    it('names openid when OIDC is off, and each item once', async () => {
      kakao = await KakaoEmulator.start({ oidc: false });
      const page = await call(
        authorizeURL(kakao, { scope: 'openid talk_message,talk_message profile_nickname' }),
      );
      expect(page.status).toBe(400);
      expect(byTestId(page.text, 'error-detail')).toContain(
        '설정하지 않은 동의 항목: openid, talk_message',
      );
    });
  });

  describe('HTTP Basic client authentication at /oauth/token', () => {
    const basic = (id: string, secret: string) =>
      `Basic ${Buffer.from(`${encodeURIComponent(id)}:${encodeURIComponent(secret)}`).toString('base64')}`;

    async function tokenRequest(
      form: Record<string, string>,
      authorization?: string,
    ): ReturnType<typeof postForm> {
      kakao.setAutoApprove(true);
      const code = await codeFor(kakao);
      return postForm(
        `${kakao.authBaseURL}/oauth/token`,
        { grant_type: 'authorization_code', redirect_uri: REDIRECT_URI, code, ...form },
        authorization ? { authorization } : {},
      );
    }

    describe('default: refused as Kakao refuses it', () => {
      beforeEach(async () => {
        kakao = await KakaoEmulator.start({ clientSecret: 'the-secret' });
      });

      it('credentials only in the header → 401 invalid_client "Bad client credentials"', async () => {
        const answer = await tokenRequest({}, basic(kakao.clientID, 'the-secret'));
        expect(answer.status).toBe(401);
        expect(answer.json()).toEqual({
          error: 'invalid_client',
          error_description: 'Bad client credentials',
          error_code: 'KOE010',
        });
        expect(answer.text).not.toContain('Not exist client_id');
      });

      it('credentials in the body as well → the body decides (client_secret_post)', async () => {
        const answer = await tokenRequest(
          { client_id: kakao.clientID, client_secret: 'the-secret' },
          basic(kakao.clientID, 'the-secret'),
        );
        expect(answer.status).toBe(200);
        expect(answer.json().access_token).toEqual(expect.any(String));
      });
    });

    describe("basicClientAuth: 'accept'", () => {
      beforeEach(async () => {
        kakao = await KakaoEmulator.start({
          clientSecret: 'the-secret',
          basicClientAuth: 'accept',
        });
      });

      it('reads client_id and client_secret from the header', async () => {
        const answer = await tokenRequest({}, basic(kakao.clientID, 'the-secret'));
        expect(answer.status).toBe(200);
        expect(answer.json().access_token).toEqual(expect.any(String));
      });

      it('a wrong secret in the header → KOE010', async () => {
        const answer = await tokenRequest({}, basic(kakao.clientID, 'wrong'));
        expect(answer.status).toBe(401);
        expect(answer.json().error_code).toBe('KOE010');
      });

      it('a header naming another client than the body → invalid_request', async () => {
        const answer = await tokenRequest(
          { client_id: kakao.clientID },
          basic('someone-else', 'the-secret'),
        );
        expect(answer.status).toBe(400);
        expect(answer.json().error).toBe('invalid_request');
      });

      it('a malformed Basic header → invalid_client', async () => {
        const answer = await tokenRequest({}, 'Basic bm9jb2xvbg==');
        expect(answer.status).toBe(401);
        expect(answer.json().error).toBe('invalid_client');
      });
    });
  });
});
