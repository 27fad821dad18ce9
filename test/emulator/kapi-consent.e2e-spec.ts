import { KakaoEmulator } from '../../src/testing';
import { authorizeURL, call, postForm } from '../support/emulator-calls';

describe('KakaoEmulator consent and service-terms APIs', () => {
  let kakao: KakaoEmulator;
  let token: string;

  beforeEach(async () => {
    kakao = await KakaoEmulator.start();
    token = kakao.issueTokens('4012345678').access_token;
  });

  afterEach(async () => {
    await kakao.stop();
  });

  const api = (path: string) => `${kakao.apiBaseURL}${path}`;
  const auth = () => ({ authorization: `Bearer ${token}` });

  it('GET /v2/user/scopes lists the app’s items with using / agreed / revocable', async () => {
    const answer = await call(api('/v2/user/scopes'), { headers: auth() });
    expect(answer.status).toBe(200);
    const body = answer.json() as { id: number; scopes: Array<Record<string, unknown>> };
    expect(body.id).toBe(4012345678);
    expect(body.scopes.find((s) => s.id === 'profile_nickname')).toEqual({
      id: 'profile_nickname',
      display_name: '닉네임',
      type: 'PRIVACY',
      using: true,
      agreed: true,
      revocable: false,
    });
    expect(body.scopes.find((s) => s.id === 'account_email')).toMatchObject({
      agreed: true,
      revocable: true,
    });
    const filtered = await call(api(`/v2/user/scopes?scopes=${encodeURIComponent('["gender"]')}`), {
      headers: auth(),
    });
    expect((filtered.json().scopes as unknown[]).length).toBe(1);
  });

  it('revoking a scope removes its fields from /v2/user/me', async () => {
    const revoked = await postForm(
      api('/v2/user/revoke/scopes'),
      { scopes: '["account_email"]' },
      auth(),
    );
    expect(revoked.status).toBe(200);
    const scopes = revoked.json().scopes as Array<Record<string, unknown>>;
    expect(scopes.find((s) => s.id === 'account_email')).toMatchObject({ agreed: false });
    const me = (await call(api('/v2/user/me'), { headers: auth() })).json();
    const account = me.kakao_account as Record<string, unknown>;
    expect(account.email_needs_agreement).toBe(true);
    expect(account).not.toHaveProperty('email');
    expect(account).not.toHaveProperty('is_email_valid');
  });

  it('a required item is not revocable (403 -3); an unknown id is 400 -2', async () => {
    const fixed = await postForm(
      api('/v2/user/revoke/scopes'),
      { scopes: '["profile_nickname"]' },
      auth(),
    );
    expect(fixed.status).toBe(403);
    expect(fixed.json()).toMatchObject({
      code: -3,
      msg: expect.stringMatching(/^\[profile_nickname\] is not revocable/),
    });
    const unknown = await postForm(
      api('/v2/user/revoke/scopes'),
      { scopes: '["no_such_scope"]' },
      auth(),
    );
    expect(unknown.status).toBe(400);
    expect(unknown.json()).toMatchObject({ code: -2 });
  });

  describe('service terms', () => {
    beforeEach(async () => {
      // A first login through authorize agrees to the app's service terms (Kakao Sync).
      kakao.setAutoApprove('4056789012');
      await call(authorizeURL(kakao));
      token = kakao.issueTokens('4056789012').access_token;
    });

    it('GET lists agreed terms, or every app term with result=app_service_terms', async () => {
      const agreed = (await call(api('/v2/user/service_terms'), { headers: auth() })).json();
      expect(agreed.id).toBe(4056789012);
      expect(agreed.service_terms).toEqual([
        expect.objectContaining({
          tag: 'service_terms_2024',
          required: true,
          agreed: true,
          revocable: false,
          agreed_by: 'KAUTH',
        }),
        expect.objectContaining({
          tag: 'marketing_2024',
          required: false,
          agreed: true,
          revocable: true,
        }),
      ]);
      const one = (
        await call(api('/v2/user/service_terms?tags=marketing_2024'), { headers: auth() })
      ).json();
      expect((one.service_terms as unknown[]).length).toBe(1);
      const bad = await call(api('/v2/user/service_terms?tags=nope'), { headers: auth() });
      expect(bad.status).toBe(400);
      expect(bad.json()).toMatchObject({
        code: -2,
        msg: expect.stringMatching(/^There is no tags/),
      });
    });

    it('revoke and upgrade change the agreed terms', async () => {
      const revoked = await postForm(
        api('/v2/user/revoke/service_terms'),
        { tags: 'marketing_2024' },
        auth(),
      );
      expect(revoked.json()).toEqual({
        id: 4056789012,
        revoked_service_terms: [{ tag: 'marketing_2024', agreed: false }],
      });
      const fixed = await postForm(
        api('/v2/user/revoke/service_terms'),
        { tags: 'service_terms_2024' },
        auth(),
      );
      expect(fixed.status).toBe(403);
      const upgraded = await postForm(
        api('/v2/user/upgrade/service_terms'),
        { tags: 'marketing_2024' },
        auth(),
      );
      expect(upgraded.json()).toMatchObject({
        agreed_service_terms: [{ tag: 'marketing_2024', agreed: true, agreed_by: 'KAPI' }],
      });
    });
  });
});
