/** Docs snippet: README "The emulator in your own tests", run with Jest by .ci/suites/quickstart.sh. */
// #region readme
// test/login.test.ts: your app's Kakao Login, with no Kakao account and no network
import { KakaoEmulator } from 'nestjs-kakao-auth/testing';
import request from 'supertest';
import { createApp } from '../src/app'; // your app, taking its Kakao settings as arguments

describe('Kakao login', () => {
  let kakao: KakaoEmulator;

  beforeAll(async () => {
    kakao = await KakaoEmulator.start({ autoApprove: true }); // approves at once as kakao.users[0]
  });
  afterAll(() => kakao.stop());

  function appOnEmulator() {
    return createApp({
      clientID: kakao.clientID,
      callbackURL: 'http://127.0.0.1:3000/auth/kakao/callback',
      authBaseURL: kakao.authBaseURL, // kauth.kakao.com → the emulator
      apiBaseURL: kakao.apiBaseURL, // kapi.kakao.com → the emulator
    });
  }

  it('logs the first test user in', async () => {
    const agent = request.agent(appOnEmulator());
    const toKakao = await agent.get('/auth/kakao').expect(302);
    // The browser's trip: app → Kakao (approves at once) → back to the app's callback.
    const atKakao = await fetch(toKakao.headers.location, { redirect: 'manual' });
    const callback = new URL(atKakao.headers.get('location')!);
    const res = await agent.get(callback.pathname + callback.search);
    expect(res.status).toBe(302);
    expect(res.headers.location).toBe('/');
  });

  it('ends on the failure page when the user cancels', async () => {
    const agent = request.agent(appOnEmulator());
    const toKakao = await agent.get('/auth/kakao').expect(302);
    const state = new URL(toKakao.headers.location).searchParams.get('state')!;
    // What Kakao sends back when the user presses 취소 (Cancel) on the consent page:
    const res = await agent.get(`/auth/kakao/callback?error=access_denied&state=${state}`);
    expect(res.status).toBe(302);
    expect(res.headers.location).toBe('/login-failed');
  });
});
// #endregion
