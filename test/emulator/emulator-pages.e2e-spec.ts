import { KakaoEmulator } from '../../src/testing';
import { authorizeURL, call, formInputs, postForm } from '../support/emulator-calls';

/**
 * The emulator's HTML pages as a person meets them (issue #12 item 7): Enter accepts, an
 * additional-consent request asks only for what is new, error pages in Korean with English
 * below and with what it takes to fix them. test/browser renders the same pages in Chromium.
 */
const TROUBLESHOOTING = 'https://developers.kakao.com/docs/latest/ko/kakaologin/trouble-shooting';
const DOHYUN = '4056789012'; // never linked

function text(html: string, testId: string): string {
  const match = new RegExp(`<(\\w+)[^>]*data-testid="${testId}"[^>]*>([\\s\\S]*?)</\\1>`).exec(
    html,
  );
  if (!match) throw new Error(`no data-testid="${testId}" in:\n${html}`);
  return match[2]
    .replace(/<[^>]+>/g, ' ')
    .replace(/&#(\d+);/g, (_, code: string) => String.fromCharCode(Number(code)))
    .replace(/\s+/g, ' ')
    .trim();
}

describe('KakaoEmulator pages', () => {
  let kakao: KakaoEmulator;

  afterEach(async () => {
    await kakao.stop();
  });

  describe('consent page', () => {
    beforeEach(async () => {
      kakao = await KakaoEmulator.start();
    });

    /** Logs DOHYUN in through the page with some items unticked; returns the Kakao cookie. */
    async function firstLogin(untick: string[]): Promise<string> {
      const page = await call(authorizeURL(kakao));
      const inputs = formInputs(page.text);
      const form = new URLSearchParams({
        transaction_id: inputs.find((i) => i.name === 'transaction_id')!.value,
        user_id: DOHYUN,
        action: 'accept',
      });
      for (const input of inputs) {
        if (input.type === 'checkbox' && input.name && !untick.includes(input.value)) {
          form.append(input.name, input.value);
        }
      }
      const answer = await call(`${kakao.authBaseURL}/oauth/authorize/decision`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: form.toString(),
      });
      expect(answer.status).toBe(302);
      return answer.headers.get('set-cookie')!.split(';')[0];
    }

    it('accept is the form’s first submit button, so Enter (implicit submission) accepts', async () => {
      const page = await call(authorizeURL(kakao));
      const submits = formInputs(page.text).filter((i) => i.type === 'submit');
      expect(submits.map((i) => i.value)).toEqual(['accept', 'cancel']);
    });

    it('is Korean first with English below', async () => {
      const page = await call(authorizeURL(kakao));
      expect(page.text).toContain('<html lang="ko">');
      expect(text(page.text, 'accept')).toBe('동의하고 계속하기 Accept and continue');
      expect(text(page.text, 'cancel')).toBe('취소 Cancel');
    });

    it('additional consent for a logged-in account: only the new items, no account picker, no terms again', async () => {
      const cookie = await firstLogin(['account_email', 'marketing_2024']);
      const user = kakao.user(DOHYUN);
      expect(user.agreedScopes).not.toContain('account_email');

      const page = await call(authorizeURL(kakao, { scope: 'account_email,profile_nickname' }), {
        headers: { cookie },
      });
      expect(page.status).toBe(200);
      const inputs = formInputs(page.text);
      expect(inputs.filter((i) => i.name === 'user_id')).toEqual([
        expect.objectContaining({ type: 'hidden', value: DOHYUN }),
      ]);
      expect(page.text).not.toContain('data-testid="accounts"');
      expect(text(page.text, 'account')).toContain('윤도현');
      expect(inputs.filter((i) => i['data-testid']?.startsWith('scope-'))).toEqual([
        expect.objectContaining({ 'data-testid': 'scope-account_email' }),
      ]);
      expect(page.text).not.toContain('data-testid="service-terms"');
      expect(text(page.text, 'additional-consent')).toContain('추가 정보 제공 동의');

      // The decision belongs to the logged-in account, whatever user_id the form carries.
      const answer = await postForm(`${kakao.authBaseURL}/oauth/authorize/decision`, {
        transaction_id: inputs.find((i) => i.name === 'transaction_id')!.value,
        user_id: '4012345678',
        scope: 'account_email',
        action: 'accept',
      });
      expect(answer.status).toBe(302);
      expect(answer.location.searchParams.get('code')).toBeTruthy();
      expect(user.agreedScopes).toContain('account_email');
      expect(user.agreedServiceTerms.map((t) => t.tag)).toEqual(['service_terms_2024']);
    });

    it('without a Kakao session the account picker stays (the user must log in first)', async () => {
      const page = await call(authorizeURL(kakao, { scope: 'account_email' }));
      expect(page.text).toContain('data-testid="accounts"');
      expect(formInputs(page.text).filter((i) => i.name === 'user_id').length).toBe(
        kakao.users.length,
      );
    });

    it('prompt=login shows the picker even with a session', async () => {
      const cookie = await firstLogin([]);
      const page = await call(authorizeURL(kakao, { prompt: 'login', scope: 'account_email' }), {
        headers: { cookie },
      });
      expect(page.text).toContain('data-testid="accounts"');
    });
  });

  describe('error pages', () => {
    it('KOE006 lists the registered redirect URIs and links Kakao’s troubleshooting', async () => {
      const registered = ['http://localhost:3000/auth/kakao/callback', 'https://app.example/cb'];
      kakao = await KakaoEmulator.start({ redirectURIs: registered });
      const page = await call(
        authorizeURL(kakao, { redirect_uri: 'http://127.0.0.1:3000/auth/kakao/callback' }),
      );
      expect(page.status).toBe(400);
      expect(text(page.text, 'error-code')).toBe('KOE006');
      expect(text(page.text, 'error-title')).toMatch(
        /^앱 관리자 설정 오류 \( ?KOE006 ?\) Admin Settings Issue$/,
      );
      expect(text(page.text, 'error-detail')).toContain(
        '이 앱에 등록되지 않은 redirect_uri로 요청했습니다.',
      );
      expect(text(page.text, 'refused-value')).toBe('http://127.0.0.1:3000/auth/kakao/callback');
      expect(text(page.text, 'registered-uris')).toBe(registered.join(' '));
      expect(text(page.text, 'error-fix')).toContain('redirectURIs');
      expect(page.text).toContain(
        `<a href="${TROUBLESHOOTING}" data-testid="troubleshooting-link"`,
      );
      // Korean first, English after it.
      const detail = text(page.text, 'error-detail');
      expect(detail.indexOf('등록되지')).toBeLessThan(detail.indexOf('not registered'));
    });

    it('KOE006 without a registered list says any http(s) URI is accepted', async () => {
      kakao = await KakaoEmulator.start();
      const page = await call(authorizeURL(kakao, { redirect_uri: 'not a url' }));
      expect(text(page.text, 'registered-uris')).toContain('any absolute http(s) URI');
    });

    it('KOE007 lists the registered logout redirect URIs', async () => {
      kakao = await KakaoEmulator.start({ logoutRedirectURIs: ['http://localhost:3000/'] });
      const page = await call(
        `${kakao.authBaseURL}/oauth/logout?client_id=${kakao.clientID}&logout_redirect_uri=${encodeURIComponent('http://evil.example/')}`,
      );
      expect(text(page.text, 'error-code')).toBe('KOE007');
      expect(text(page.text, 'registered-uris')).toBe('http://localhost:3000/');
    });

    it.each([
      ['KOE101', { client_id: 'nope' }, '잘못된 앱 키'],
      ['KOE205', { scope: 'talk_message' }, '잘못된 요청'],
      ['KOE001', { response_type: 'token' }, '잘못된 요청'],
    ])(
      '%s is in Korean with English below and links the troubleshooting page',
      async (code, params, title) => {
        kakao = await KakaoEmulator.start();
        const page = await call(authorizeURL(kakao, params));
        expect(text(page.text, 'error-code')).toBe(code);
        expect(text(page.text, 'error-title').startsWith(title)).toBe(true);
        expect(page.text).toContain(`href="${TROUBLESHOOTING}"`);
        expect(page.text).not.toMatch(/<script/i);
      },
    );
  });
});
