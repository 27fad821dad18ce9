import { KakaoEmulator } from '../../src/testing';
import { type RunningApp, startExpressSample } from '../support/express-kakao-app';
import { TestBrowser } from '../support/test-browser';

/**
 * The Express sample's error handler: a misconfiguration (here a wrong client secret, KOE010) is
 * a Passport `error`, and it ends on the failure page for a browser and as `{ error: reason }`
 * for an API client, logged once with Kakao's code; never a stack trace or Kakao's message.
 */
describe('Express sample: the error handler page', () => {
  let kakao: KakaoEmulator;
  let app: RunningApp;
  const logged: string[] = [];
  let spy: jest.SpyInstance;

  beforeAll(async () => {
    kakao = await KakaoEmulator.start({ autoApprove: true, clientSecret: 'the-right-secret' });
    app = await startExpressSample(kakao, { clientSecret: 'a-wrong-secret', logger: false });
  });
  beforeEach(() => {
    logged.length = 0;
    spy = jest.spyOn(console, 'error').mockImplementation((line: unknown) => {
      logged.push(String(line));
    });
  });
  afterEach(() => spy.mockRestore());
  afterAll(async () => {
    await app.close();
    await kakao.stop();
  });

  async function callbackWithWrongSecret(browser: TestBrowser): Promise<string> {
    const atKakao = await browser.get(`${app.url}/auth/kakao`);
    const callback = (await browser.get(atKakao.location!)).location!;
    expect(callback.startsWith(app.callbackURL)).toBe(true);
    return callback;
  }

  it('a browser gets the failure page with a reason, and the log gets KOE010', async () => {
    const browser = new TestBrowser();
    const res = await browser.get(await callbackWithWrongSecret(browser), {
      accept: 'text/html',
    });
    expect(res.status).toBe(502);
    expect(res.headers['content-type']).toMatch(/^text\/html/);
    expect(res.body).toContain('data-testid="login-failed"');
    expect(res.body).not.toMatch(/\n\s+at .+:\d+:\d+/);
    expect(res.body).not.toContain('KOE010');
    expect(logged).toHaveLength(1);
    expect(logged[0]).toMatch(/^GET \/auth\/kakao\/callback: KakaoAuthError: .*KOE010/);
    expect(logged[0]).not.toContain('a-wrong-secret');
  });

  it('an API client gets the reason only', async () => {
    const browser = new TestBrowser();
    const res = await browser.get(await callbackWithWrongSecret(browser), {
      accept: 'application/json',
    });
    expect(res.status).toBe(502);
    const body = JSON.parse(res.body) as Record<string, unknown>;
    expect(Object.keys(body)).toEqual(['error']);
    expect(typeof body.error).toBe('string');
  });
});
