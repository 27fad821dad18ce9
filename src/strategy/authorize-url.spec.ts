import {
  AuthorizeURL,
  FixedAuthorizeURL,
  MARK_CHALLENGE,
  MARK_NONCE,
  MARK_STATE,
} from './authorize-url';

const build = new AuthorizeURL('https://kauth.example/oauth/authorize', 'key');

describe('FixedAuthorizeURL', () => {
  it('fills the state, challenge and nonce where AuthorizeURL.build would put them', () => {
    const params = { response_type: 'code', redirect_uri: 'https://app/cb?a=1' };
    const template = FixedAuthorizeURL.of(
      build.build({
        ...params,
        code_challenge: MARK_CHALLENGE,
        state: MARK_STATE,
        nonce: MARK_NONCE,
      }),
    )!;
    expect(template.fill('S_1', 'C-2', 'N3')).toBe(
      build.build({ ...params, code_challenge: 'C-2', state: 'S_1', nonce: 'N3' }),
    );
  });

  it('leaves out what the template has no place for', () => {
    const template = FixedAuthorizeURL.of(build.build({ state: MARK_STATE }))!;
    expect(template.fill('s', 'ignored', 'ignored')).toBe(build.build({ state: 's' }));
  });

  it('refuses a template whose configured values hold a placeholder or a control character', () => {
    expect(FixedAuthorizeURL.of(build.build({ state: MARK_STATE, x: MARK_STATE }))).toBeUndefined();
    expect(FixedAuthorizeURL.of(build.build({ state: MARK_STATE, x: '\u0001' }))).toBeUndefined();
  });
});
