import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { type Chromium, launchChromium } from './support/chromium';
import { type LayoutReport, measureLayout } from './support/layout-check';
import { type RunningSample, type SampleKind, startSample } from './support/sample-servers';

/**
 * Every page a person meets in the samples and on the emulator, at a desktop (1280 px) and a
 * small phone (360 px) width: a screenshot of each into test/browser/screenshots/pages/ (for a
 * person to look at) and a layout measurement (no horizontal overflow, the card off the screen
 * edges, no consent tag broken over two lines).
 */
const SHOTS = join(__dirname, 'screenshots', 'pages');
mkdirSync(SHOTS, { recursive: true });
const WIDTHS = [1280, 360] as const;

const DOHYUN = '4056789012'; // never linked

describe.each<SampleKind>(['NestJS', 'Express'])(
  '%s sample: every page at 1280 and 360 px',
  (kind) => {
    let chromium: Chromium;
    let sample: RunningSample;
    let page: Page;
    const reports: Record<string, LayoutReport> = {};

    /** Screenshots the current page at both widths and records its layout at each. */
    async function capture(name: string): Promise<void> {
      for (const width of WIDTHS) {
        await page.setViewportSize({ width, height: 800 });
        reports[`${name}@${width}`] = await measureLayout(page);
        await page.screenshot({
          path: join(SHOTS, `${kind.toLowerCase()}-${name}-${width}.png`),
          fullPage: true,
        });
      }
      await page.setViewportSize({ width: 1280, height: 800 });
    }

    beforeAll(async () => {
      chromium = await launchChromium();
      sample = await startSample(kind);
      await chromium.context.route(
        (url) => !['localhost', '127.0.0.1'].includes(url.hostname),
        (route) => route.abort(),
      );
      page = await chromium.context.newPage();
    });
    afterAll(async () => {
      await chromium?.close();
      await sample?.close();
    });

    it('walks through the sample and the consent pages', async () => {
      await page.goto(sample.url);
      await capture('home');

      await page.getByTestId('kakao-login').click();
      await page.getByTestId('consent-form').waitFor();
      await capture('consent');

      await page.getByTestId(`user-${DOHYUN}`).check();
      await page.getByTestId('scope-account_email').uncheck();
      await page.getByTestId('accept').click();
      await page.waitForURL(`${sample.url}/profile`);
      await capture('profile-missing-consent');

      await page.getByTestId('consent-email').click();
      await page.getByTestId('consent-form').waitFor();
      await expect(page.getByTestId('accounts').count()).resolves.toBe(0);
      await capture('additional-consent');
      await page.getByTestId('accept').click();
      await page.waitForURL(`${sample.url}/profile`);
      await capture('profile');

      await page.goto(sample.url);
      await capture('home-logged-in');

      await page.goto(`${sample.url}/profile`);
      await page.getByTestId('logout').click();
      await page.getByTestId('signed-out').waitFor();
      await capture('signed-out');

      await page.getByTestId('kakao-login').click(); // still logged in at Kakao: no page
      await page.waitForURL(`${sample.url}/profile`);
      await page.getByTestId('unlink').click();
      await page.getByTestId('signed-out').waitFor();
      await capture('unlinked');

      await page.getByTestId('kakao-login').click();
      await page.getByTestId('consent-form').waitFor();
      await capture('consent-after-unlink');
      await page.getByTestId('cancel').click();
      await page.getByTestId('login-failed').waitFor();
      await capture('login-failed');

      await page.getByTestId('kakao-login').click();
      await page.getByTestId('accept').click();
      await page.waitForURL(`${sample.url}/profile`);
      await page.getByTestId('account-logout').click();
      await page.getByTestId('signed-out').waitFor();
      await capture('signed-out-kakao');
    });

    it('shows the emulator’s error pages', async () => {
      const authorize = (params: Record<string, string>) =>
        `${sample.kakao.authBaseURL}/oauth/authorize?${new URLSearchParams({
          client_id: sample.kakao.clientID,
          redirect_uri: `${sample.url}/auth/kakao/callback`,
          response_type: 'code',
          ...params,
        })}`;
      const pages: Array<[string, string]> = [
        // The classic mix-up: the app registered on localhost, the browser on 127.0.0.1.
        [
          'error-koe006',
          authorize({
            redirect_uri: sample.url.replace('localhost', '127.0.0.1') + '/auth/kakao/callback',
          }),
        ],
        ['error-koe101', authorize({ client_id: 'my-typo-rest-api-key' })],
        ['error-koe205', authorize({ scope: 'openid profile_nickname talk_message friends' })],
        ['error-koe001', authorize({ response_type: 'token' })],
        [
          'error-koe007',
          `${sample.kakao.authBaseURL}/oauth/logout?client_id=${sample.kakao.clientID}&logout_redirect_uri=${encodeURIComponent('http://localhost:9999/bye')}`,
        ],
      ];
      for (const [name, url] of pages) {
        const response = await page.goto(url);
        expect(response?.status()).toBeGreaterThanOrEqual(400);
        await expect(page.getByTestId('troubleshooting-link').getAttribute('href')).resolves.toBe(
          'https://developers.kakao.com/docs/latest/ko/kakaologin/trouble-shooting',
        );
        await capture(name);
      }
      await expect(page.locator('body').textContent()).resolves.toContain(
        'http://localhost:9999/bye',
      );
      // KOE006 shows what was sent next to what is registered: 127.0.0.1 against localhost.
      await page.goto(pages[0][1]);
      await expect(page.getByTestId('refused-value').textContent()).resolves.toBe(
        `${sample.url.replace('localhost', '127.0.0.1')}/auth/kakao/callback`,
      );
      await expect(page.getByTestId('registered-uris').textContent()).resolves.toBe(
        `${sample.url}/auth/kakao/callback`,
      );
    });

    it('fits every page at 360 px: no horizontal scroll, the card off the edges, tags on one line', () => {
      const problems = Object.entries(reports).flatMap(([name, r]) => [
        ...(r.scrollWidth > r.viewportWidth
          ? [`${name}: scrollWidth ${r.scrollWidth} > ${r.viewportWidth}`]
          : []),
        ...r.outside.map((el) => `${name}: ${el} outside the viewport`),
        ...r.spilling.map((el) => `${name}: ${el} content wider than its box`),
        ...(r.cardMargins && Math.min(...r.cardMargins) < 12
          ? [`${name}: card ${r.cardMargins.join('/')} px from the edges`]
          : []),
        ...r.wrappedTags.map((tag) => `${name}: "${tag}" wraps`),
      ]);
      expect(Object.keys(reports)).toHaveLength(2 * 16);
      expect(problems).toEqual([]);
    });
  },
);
