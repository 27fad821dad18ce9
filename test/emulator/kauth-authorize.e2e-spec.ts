import { KakaoEmulator } from '../../src/testing';
import {
  authorizeURL,
  call,
  formInputs,
  pkcePair,
  postForm,
  REDIRECT_URI,
} from '../support/emulator-calls';

describe('KakaoEmulator /oauth/authorize', () => {
  let kakao: KakaoEmulator;

  beforeEach(async () => {
    kakao = await KakaoEmulator.start();
  });

  afterEach(async () => {
    await kakao.stop();
  });

  describe('consent page', () => {
    async function openPage(params: Record<string, string> = {}) {
      const page = await call(authorizeURL(kakao, { state: 'st-1', ...params }));
      expect(page.status).toBe(200);
      expect(page.headers.get('content-type')).toMatch(/^text\/html/);
      const inputs = formInputs(page.text);
      const hidden = (name: string) => inputs.find((i) => i.name === name)?.value ?? '';
      return { page, inputs, transactionId: hidden('transaction_id') };
    }

    it('lists the users and the requested consent items with Accept and Cancel buttons', async () => {
      const { page, inputs, transactionId } = await openPage();
      expect(transactionId).not.toBe('');
      expect(page.text).toContain('#FEE500');
      for (const user of kakao.users) {
        const radio = inputs.find((i) => i['data-testid'] === `user-${user.id}`);
        expect(radio).toMatchObject({ type: 'radio', name: 'user_id', value: user.id });
        expect(page.text).toContain(user.nickname!);
      }
      expect(page.text).toContain('닉네임');
      expect(page.text).toContain('프로필 사진');
      expect(page.text).toContain('카카오계정(이메일)');
      expect(inputs.find((i) => i['data-testid'] === 'accept')).toMatchObject({
        name: 'action',
        value: 'accept',
      });
      expect(inputs.find((i) => i['data-testid'] === 'cancel')).toMatchObject({
        name: 'action',
        value: 'cancel',
      });
      expect(page.text).toContain('동의하고 계속하기');
      expect(page.text).toContain('취소');
      expect(page.text).toMatch(/<form method="post" action="\/oauth\/authorize\/decision"/);
    });

    it('Accept links the chosen user, records the consent and redirects with code and state', async () => {
      const unlinked = kakao.users.find((user) => !user.linked)!;
      const { transactionId } = await openPage();
      const form = new URLSearchParams({
        transaction_id: transactionId,
        user_id: unlinked.id,
        action: 'accept',
      });
      form.append('scope', 'account_email');
      form.append('scope', 'gender');
      const answer = await call(`${kakao.authBaseURL}/oauth/authorize/decision`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: form.toString(),
      });
      expect(answer.status).toBe(302);
      expect(`${answer.location.origin}${answer.location.pathname}`).toBe(REDIRECT_URI);
      expect(answer.location.searchParams.get('code')).toMatch(/^[\w-]{40,}$/);
      expect(answer.location.searchParams.get('state')).toBe('st-1');
      expect(unlinked.linked).toBe(true);
      expect(unlinked.connectedAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
      // profile_nickname is required, so it is agreed even without its box in the form.
      expect(unlinked.agreedScopes.sort()).toEqual(['account_email', 'gender', 'profile_nickname']);
      expect(answer.headers.get('set-cookie')).toMatch(/^kakao_emulator_session=/);
    });

    it('Cancel redirects with access_denied exactly as Kakao writes it', async () => {
      const { transactionId } = await openPage();
      const answer = await postForm(`${kakao.authBaseURL}/oauth/authorize/decision`, {
        transaction_id: transactionId,
        user_id: kakao.users[0].id,
        action: 'cancel',
      });
      expect(answer.status).toBe(302);
      expect(answer.headers.get('location')).toBe(
        `${REDIRECT_URI}?error=access_denied&error_description=User%20denied%20access&state=st-1`,
      );
    });

    it('a transaction id works once', async () => {
      const { transactionId } = await openPage();
      const decide = () =>
        postForm(`${kakao.authBaseURL}/oauth/authorize/decision`, {
          transaction_id: transactionId,
          user_id: kakao.users[0].id,
          action: 'accept',
        });
      expect((await decide()).status).toBe(302);
      const again = await decide();
      expect(again.status).toBe(400);
      expect(again.text).toContain('KOE001');
    });

    it('pre-selects the user named by login_hint', async () => {
      const { inputs } = await openPage({ login_hint: 'haneul.jung@example.com' });
      const checked = inputs.filter((i) => i.name === 'user_id' && 'checked' in i);
      expect(checked.map((i) => i.value)).toEqual(['4045678901']);
    });

    it('shows only the additional consent items asked for in scope', async () => {
      const { inputs } = await openPage({ scope: 'birthday,phone_number' });
      const scopes = inputs
        .filter((i) => i['data-testid']?.startsWith('scope-'))
        .map((i) => i['data-testid']);
      expect(scopes).toEqual(['scope-birthday', 'scope-phone_number']);
    });

    it('offers a new account for prompt=create', async () => {
      const { inputs, transactionId } = await openPage({ prompt: 'create' });
      expect(inputs.find((i) => i['data-testid'] === 'user-new')).toMatchObject({ checked: '' });
      const before = kakao.users.length;
      const answer = await postForm(`${kakao.authBaseURL}/oauth/authorize/decision`, {
        transaction_id: transactionId,
        user_id: 'new',
        action: 'accept',
      });
      expect(answer.status).toBe(302);
      expect(kakao.users).toHaveLength(before + 1);
      expect(kakao.users[before].linked).toBe(true);
    });
  });

  describe('sessions and prompt', () => {
    async function loginThroughPage(userId: string): Promise<string> {
      const page = await call(authorizeURL(kakao));
      const transactionId = formInputs(page.text).find((i) => i.name === 'transaction_id')!.value;
      const answer = await postForm(`${kakao.authBaseURL}/oauth/authorize/decision`, {
        transaction_id: transactionId,
        user_id: userId,
        action: 'accept',
      });
      return answer.headers.get('set-cookie')!.split(';')[0];
    }

    it('prompt=none without a Kakao session → login_required', async () => {
      const answer = await call(authorizeURL(kakao, { prompt: 'none', state: 's' }));
      expect(answer.status).toBe(302);
      expect(answer.location.searchParams.get('error')).toBe('login_required');
      expect(answer.location.searchParams.get('state')).toBe('s');
    });

    it('prompt=none with a session of a linked user → code without UI', async () => {
      const cookie = await loginThroughPage(kakao.users[0].id);
      const answer = await call(authorizeURL(kakao, { prompt: 'none' }), { headers: { cookie } });
      expect(answer.status).toBe(302);
      expect(answer.location.searchParams.get('code')).toBeTruthy();
    });

    it('prompt=none for a user who has not linked the app → consent_required, as Kakao writes it', async () => {
      kakao.setAutoApprove('4056789012');
      const answer = await call(authorizeURL(kakao, { prompt: 'none' }));
      expect(answer.headers.get('location')).toBe(
        `${REDIRECT_URI}?error=consent_required&error_description=user%20consent%20required.`,
      );
    });

    it('prompt=none asking for an item not agreed → consent_required', async () => {
      const cookie = await loginThroughPage('4023456789');
      const answer = await call(authorizeURL(kakao, { prompt: 'none', scope: 'birthday' }), {
        headers: { cookie },
      });
      expect(answer.location.searchParams.get('error')).toBe('consent_required');
    });

    it('a logged-in browser skips the page, unless prompt=login or select_account', async () => {
      const cookie = await loginThroughPage(kakao.users[0].id);
      expect((await call(authorizeURL(kakao), { headers: { cookie } })).status).toBe(302);
      expect(
        (await call(authorizeURL(kakao, { prompt: 'login' }), { headers: { cookie } })).status,
      ).toBe(200);
      expect(
        (await call(authorizeURL(kakao, { prompt: 'select_account' }), { headers: { cookie } }))
          .status,
      ).toBe(200);
    });

    it('/oauth/logout ends the Kakao session and redirects with state', async () => {
      const cookie = await loginThroughPage(kakao.users[0].id);
      const uri = 'http://127.0.0.1:3000/logged-out';
      const answer = await call(
        `${kakao.authBaseURL}/oauth/logout?client_id=${kakao.clientID}&logout_redirect_uri=${encodeURIComponent(uri)}&state=xyz`,
        { headers: { cookie } },
      );
      expect(answer.status).toBe(302);
      expect(answer.headers.get('location')).toBe(`${uri}?state=xyz`);
      const none = await call(authorizeURL(kakao, { prompt: 'none' }), { headers: { cookie } });
      expect(none.location.searchParams.get('error')).toBe('login_required');
    });
  });

  describe('auto-approve', () => {
    it('redirects straight back with code and the untouched state', async () => {
      kakao.setAutoApprove(true);
      const state = 'a b+c/=?&한글';
      const answer = await call(authorizeURL(kakao, { state }));
      expect(answer.status).toBe(302);
      expect(answer.location.searchParams.get('state')).toBe(state);
      expect(answer.location.searchParams.get('code')).toBeTruthy();
    });

    it('approves as the given user and links them with every configured item', async () => {
      const user = kakao.user('4056789012');
      kakao.setAutoApprove(user.id);
      await call(authorizeURL(kakao));
      expect(user.linked).toBe(true);
      expect(user.agreedScopes).toContain('phone_number');
    });
  });

  describe('errors shown on Kakao’s own page (never redirected)', () => {
    it('unknown client_id → KOE101', async () => {
      const answer = await call(authorizeURL(kakao, { client_id: 'nope' }));
      expect(answer.status).toBe(401);
      expect(answer.headers.get('location')).toBeNull();
      expect(answer.text).toContain('KOE101');
    });

    it('unregistered redirect_uri → KOE006', async () => {
      await kakao.stop();
      kakao = await KakaoEmulator.start({ redirectURIs: ['http://127.0.0.1:3000/cb'] });
      const bad = await call(authorizeURL(kakao, { redirect_uri: 'http://evil.example/cb' }));
      expect(bad.status).toBe(400);
      expect(bad.headers.get('location')).toBeNull();
      expect(bad.text).toContain('KOE006');
      const good = await call(authorizeURL(kakao, { redirect_uri: 'http://127.0.0.1:3000/cb' }));
      expect(good.status).toBe(200);
    });

    it('scope not configured → KOE205; openid with OIDC off → KOE205', async () => {
      const answer = await call(authorizeURL(kakao, { scope: 'talk_message' }));
      expect(answer.status).toBe(400);
      expect(answer.text).toContain('KOE205');
      await kakao.stop();
      kakao = await KakaoEmulator.start({ oidc: false });
      const openid = await call(authorizeURL(kakao, { scope: 'openid' }));
      expect(openid.text).toContain('KOE205');
    });

    it('PKCE method plain → KOE001', async () => {
      const { challenge } = pkcePair();
      const answer = await call(
        authorizeURL(kakao, { code_challenge: challenge, code_challenge_method: 'plain' }),
      );
      expect(answer.status).toBe(400);
      expect(answer.text).toContain('KOE001');
    });

    it('unregistered logout_redirect_uri → KOE007', async () => {
      await kakao.stop();
      kakao = await KakaoEmulator.start({ logoutRedirectURIs: ['http://127.0.0.1:3000/bye'] });
      const answer = await call(
        `${kakao.authBaseURL}/oauth/logout?client_id=${kakao.clientID}&logout_redirect_uri=http%3A%2F%2Fevil.example%2F`,
      );
      expect(answer.status).toBe(400);
      expect(answer.text).toContain('KOE007');
    });
  });
});
