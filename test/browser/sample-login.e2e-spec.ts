import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { type Chromium, launchChromium } from './support/chromium';
import {
  LOGOUT_PATH,
  type RunningSample,
  type SampleKind,
  startOtherOrigin,
  startSample,
} from './support/sample-servers';

/**
 * A real browser (Debian's headless Chromium) through the samples, as a user would click: the
 * Kakao button, the emulator's consent page, the profile page, additional consent, logout,
 * logout with the Kakao account, unlink. Screenshots land in test/browser/screenshots/.
 */
const SCREENSHOTS = join(__dirname, 'screenshots');
mkdirSync(SCREENSHOTS, { recursive: true });

const MINJUN = '4012345678'; // everything agreed, verified email
const SEOYEON = '1376016924426111111'; // 19-digit id
const JIHO = '4023456789'; // no email
const HANEUL = '4045678901'; // unverified email
const DOHYUN = '4056789012'; // never linked: first login shows every consent item

describe.each<SampleKind>(['NestJS', 'Express'])('%s sample in Chromium', (kind) => {
  let chromium: Chromium;
  let sample: RunningSample;
  let page: Page;
  const shot = (name: string) =>
    page.screenshot({
      path: join(SCREENSHOTS, `${kind.toLowerCase()}-${name}.png`),
      fullPage: true,
    });
  const requests = (method: string, path: string) =>
    sample.kakao.requests.filter((r) => r.method === method && r.path === path);

  beforeAll(async () => {
    chromium = await launchChromium();
    sample = await startSample(kind);
    // Nothing leaves the machine: Kakao's CDN profile images are refused (the page shows the
    // nickname's initial instead).
    await chromium.context.route(
      (url) => !['localhost', '127.0.0.1'].includes(url.hostname),
      (route) => route.abort(),
    );
  });
  afterAll(async () => {
    await chromium?.close();
    await sample?.close();
  });
  beforeEach(async () => {
    await chromium.context.clearCookies(); // a new visitor, logged in neither here nor at Kakao
    page = await chromium.context.newPage();
  });
  afterEach(async () => {
    await page.close();
  });

  /** Home → Kakao button → the emulator's consent page. */
  async function openConsentPage(): Promise<void> {
    await page.goto(sample.url);
    await page.getByTestId('kakao-login').click();
    await page.getByTestId('consent-form').waitFor();
  }

  /** On the consent page: pick the user, untick items, accept, and land on the profile. */
  async function acceptAs(userId: string, untick: string[] = []): Promise<void> {
    await page.getByTestId(`user-${userId}`).check();
    for (const scope of untick) await page.getByTestId(`scope-${scope}`).uncheck();
    await page.getByTestId('accept').click();
    await page.waitForURL(`${sample.url}/profile`);
  }

  async function logIn(userId: string): Promise<void> {
    await openConsentPage();
    await acceptAs(userId);
  }

  it('shows a Kakao Login button drawn per Kakao’s design guide', async () => {
    await page.goto(sample.url);
    const button = page.getByTestId('kakao-login');
    await expect(button.textContent()).resolves.toBe('카카오 로그인');
    const style = await button.evaluate((el) => {
      const view = el.ownerDocument.defaultView!; // runs in the page
      const css = view.getComputedStyle(el);
      const symbol = el.querySelector('svg path');
      return {
        background: css.backgroundColor,
        radius: css.borderRadius,
        symbol: symbol ? view.getComputedStyle(symbol).fill : null,
        height: el.getBoundingClientRect().height,
      };
    });
    expect(style).toEqual({
      background: 'rgb(254, 229, 0)', // #FEE500
      radius: '12px',
      symbol: 'rgb(0, 0, 0)',
      height: 48,
    });
    await expect(page.getByText('KakaoEmulator').first().isVisible()).resolves.toBe(true);
    await shot('home');
  });

  it('logs in through the consent page and shows the profile with the nickname', async () => {
    await openConsentPage();
    await expect(page.getByTestId(`user-${MINJUN}`).isVisible()).resolves.toBe(true);
    await shot('consent');
    await acceptAs(MINJUN);
    await expect(page.getByTestId('nickname').textContent()).resolves.toBe('김민준');
    await expect(page.getByTestId('kakao-id').textContent()).resolves.toBe(MINJUN);
    await expect(page.getByTestId('email').textContent()).resolves.toContain(
      'minjun.kim@example.com',
    );
    await expect(page.getByTestId('email').textContent()).resolves.toContain('인증됨');
    await expect(page.getByTestId('consent-state').textContent()).resolves.toContain('모두 동의');
    await shot('profile');
    // Logged in on the home page too, without a second trip to Kakao.
    await page.goto(sample.url);
    await expect(page.getByTestId('go-profile').isVisible()).resolves.toBe(true);
    expect(requests('POST', '/oauth/token')).toHaveLength(1);
  });

  it('keeps the 19-digit id exact and marks an unverified email', async () => {
    await logIn(SEOYEON);
    await expect(page.getByTestId('kakao-id').textContent()).resolves.toBe(SEOYEON);
    await page.getByTestId('logout').click();
    await page.waitForURL(/signedOut/);
    await page.context().clearCookies();
    await logIn(HANEUL);
    await expect(page.getByTestId('email').textContent()).resolves.toContain('미인증');
  });

  it('Enter on the consent page accepts (accept is the default button)', async () => {
    await openConsentPage();
    await page.getByTestId(`user-${MINJUN}`).check();
    await page.getByTestId('scope-gender').focus();
    await page.keyboard.press('Enter');
    await page.waitForURL(`${sample.url}/profile`);
    await expect(page.getByTestId('nickname').textContent()).resolves.toBe('김민준');
    expect(requests('POST', '/oauth/authorize/decision').at(-1)!.form?.action).toBe('accept');
  });

  it('shows the failure reason when the user cancels on Kakao’s page', async () => {
    await openConsentPage();
    await page.getByTestId('cancel').click();
    await page.getByTestId('login-failed').waitFor();
    await expect(page.getByTestId('failure-reason').textContent()).resolves.toBe('access_denied');
    await expect(page.getByTestId('login-failed').textContent()).resolves.toContain('취소');
    await expect(page.getByTestId('kakao-login').isVisible()).resolves.toBe(true);
    await shot('login-failed');
  });

  it('asks for the email later with additional consent', async () => {
    await openConsentPage();
    await acceptAs(DOHYUN, ['account_email']);
    await expect(page.getByTestId('nickname').textContent()).resolves.toBe('윤도현');
    await expect(page.getByTestId('email').textContent()).resolves.toContain('동의하지 않음');
    await expect(page.getByTestId('consent-state').textContent()).resolves.toContain(
      'account_email',
    );
    await shot('profile-missing-consent');

    await page.getByTestId('consent-email').click();
    await page.getByTestId('consent-form').waitFor();
    const authorize = requests('GET', '/oauth/authorize').at(-1)!;
    expect(authorize.query.scope).toBe('account_email');
    // Only the missing item is asked for, for the account already logged in at Kakao: no
    // account picker, no service terms again.
    await expect(page.getByTestId('scope-account_email').isVisible()).resolves.toBe(true);
    await expect(page.locator('[data-testid^="scope-"]').count()).resolves.toBe(1);
    await expect(page.getByTestId('accounts').count()).resolves.toBe(0);
    await expect(page.getByTestId('service-terms').count()).resolves.toBe(0);
    await expect(page.getByTestId('account').textContent()).resolves.toContain('윤도현');
    await shot('additional-consent');
    await page.getByTestId('accept').click();
    await page.waitForURL(`${sample.url}/profile`);
    await expect(page.getByTestId('email').textContent()).resolves.toContain(
      'dohyun.yoon@example.com',
    );
    await expect(page.getByTestId('consent-state').textContent()).resolves.toContain('모두 동의');
    await expect(page.getByTestId('consent-email').count()).resolves.toBe(0);
  });

  it('logs out of the app; Kakao keeps its own login, so the next login skips its page', async () => {
    await logIn(SEOYEON);
    const logoutsBefore = requests('POST', '/v1/user/logout').length;
    await page.getByTestId('logout').click();
    await page.getByTestId('signed-out').waitFor();
    expect(requests('POST', '/v1/user/logout')).toHaveLength(logoutsBefore + 1);
    await expect(page.getByTestId('kakao-login').isVisible()).resolves.toBe(true);
    // The next login goes through Kakao without its page (still logged in at Kakao).
    await page.getByTestId('kakao-login').click();
    await page.waitForURL(`${sample.url}/profile`);
    await expect(page.getByTestId('nickname').textContent()).resolves.toBe('이서연');
  });

  it('logs out with the Kakao account: the next login shows Kakao’s page again', async () => {
    await logIn(MINJUN);
    await page.getByTestId('account-logout').click();
    await page.getByTestId('signed-out').waitFor();
    expect(page.url()).toBe(`${sample.url}/?state=kakao-logout`);
    expect(requests('GET', '/oauth/logout')).toHaveLength(1);
    await expect(page.getByTestId('signed-out').textContent()).resolves.toContain('카카오계정');
    await page.getByTestId('kakao-login').click();
    await page.getByTestId('consent-form').waitFor();
  });

  it('unlinks the app from the Kakao account', async () => {
    await logIn(JIHO);
    expect(sample.kakao.user(JIHO).linked).toBe(true);
    await page.getByTestId('unlink').click();
    await page.getByTestId('signed-out').waitFor();
    expect(requests('POST', '/v1/user/unlink')).toHaveLength(1);
    expect(sample.kakao.user(JIHO).linked).toBe(false);
    // The unlink message, not the logout one.
    await expect(page.getByTestId('signed-out').textContent()).resolves.toContain(
      '앱 연결을 끊었습니다',
    );
    await expect(page.getByTestId('signed-out').textContent()).resolves.not.toContain('로그아웃');
    await expect(page.getByTestId('kakao-login').isVisible()).resolves.toBe(true);
  });

  it('refuses a logout form posted from another origin of the same site', async () => {
    await logIn(MINJUN);
    const other = await startOtherOrigin(
      `<form method="post" action="${sample.url}${LOGOUT_PATH[kind]}"><button id="go">go</button></form>`,
    );
    try {
      const logoutsBefore = requests('POST', '/v1/user/logout').length;
      await page.goto(other.url);
      const [response] = await Promise.all([
        page.waitForResponse((r) => r.url().startsWith(sample.url)),
        page.click('#go'),
      ]);
      expect(response.status()).toBe(403);
      expect(requests('POST', '/v1/user/logout')).toHaveLength(logoutsBefore);
      await page.goto(sample.url);
      await expect(page.getByTestId('go-profile').isVisible()).resolves.toBe(true);
    } finally {
      await other.close();
    }
  });
});
