import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { KakaoResponseError } from '../errors/kakao-response.error';
import { parseKakaoProfile } from './parse-kakao-profile';

const fixture = (name: string) =>
  readFileSync(join(__dirname, '__fixtures__', `${name}.json`), 'utf8');

describe('parseKakaoProfile', () => {
  it('normalizes a profile with every consent', () => {
    const p = parseKakaoProfile(fixture('all-consents'));
    expect(p).toMatchObject({
      provider: 'kakao',
      id: '123456789',
      displayName: '홍길동',
      username: '홍길동',
      nickname: '홍길동',
      emails: [{ value: 'sample@sample.com', verified: true }],
      photos: [{ value: 'https://k.kakaocdn.net/dn/abc/img_640x640.jpg' }],
      thumbnailImageURL: 'https://k.kakaocdn.net/dn/abc/img_110x110.jpg',
      isDefaultImage: false,
      isDefaultNickname: false,
      email: 'sample@sample.com',
      emailVerified: true,
      name: '홍길동',
      gender: 'female',
      ageRange: '20~29',
      birthday: '1130',
      birthdayType: 'SOLAR',
      birthyear: '2002',
      phoneNumber: '+82 010-1234-5678',
      connectedAt: '2022-04-11T01:45:28Z',
      missingConsents: [],
      source: 'user_me',
    });
    expect(p._raw).toBe(fixture('all-consents'));
    expect(p._json.id).toBe('123456789');
  });

  it('gives undefined, never a placeholder, for what the user did not consent to', () => {
    const p = parseKakaoProfile(fixture('nickname-only'));
    expect(p.displayName).toBe('라이언');
    expect(p.emails).toBeUndefined();
    expect(p.photos).toBeUndefined();
    expect(p.email).toBeUndefined();
    expect(p.emailVerified).toBeUndefined();
    expect(p.missingConsents).toEqual(['profile_image', 'account_email']);
  });

  it('survives a user with no profile at all', () => {
    const p = parseKakaoProfile(fixture('no-profile'));
    expect(p.id).toBe('3333333333');
    expect(p.displayName).toBeUndefined();
    expect(p.username).toBeUndefined();
    expect(p.nickname).toBeUndefined();
    expect(p.missingConsents).toEqual(['profile', 'account_email', 'gender']);
    expect(JSON.stringify(p)).not.toContain('미연동');
  });

  it.each([
    ['email-invalid', 'reused@kakao.example'],
    ['email-unverified', 'unverified@kakao.example'],
  ])('marks the email of %s as not verified', (name, email) => {
    const p = parseKakaoProfile(fixture(name));
    expect(p.emails).toEqual([{ value: email, verified: false }]);
    expect(p.emailVerified).toBe(false);
  });

  it('keeps a 19-digit id exact and is not fooled by a nested properties.id placed first', () => {
    const p = parseKakaoProfile(fixture('big-id-with-decoy'));
    expect(p.id).toBe('1376016924426111111');
    expect(p._json.id).toBe('1376016924426111111');
    expect(p.photos).toEqual([{ value: 'https://k.kakaocdn.net/dn/neo.jpg' }]);
  });

  it('accepts an already parsed object', () => {
    expect(
      parseKakaoProfile({ id: 42, kakao_account: { profile: { nickname: '춘식이' } } }),
    ).toMatchObject({
      id: '42',
      displayName: '춘식이',
    });
  });

  it('falls back to the deprecated properties only when kakao_account.profile has nothing', () => {
    const p = parseKakaoProfile({
      id: 7,
      properties: { nickname: '옛닉', profile_image: 'http://img' },
    });
    expect(p.nickname).toBe('옛닉');
    expect(p.photos).toEqual([{ value: 'http://img' }]);
  });

  it.each([
    ['not JSON', '<html>502</html>'],
    ['an array', '[1,2]'],
    ['no id', '{"kakao_account":{}}'],
    ['a negative id', '{"id":-5}'],
    ['a fractional id', '{"id":1.5}'],
    ['a non-digit string id', '{"id":"abc"}'],
    ['null', 'null'],
  ])('throws KakaoResponseError for %s', (_label, text) => {
    expect(() => parseKakaoProfile(text)).toThrow(KakaoResponseError);
  });

  it('ignores wrongly typed fields instead of crashing', () => {
    const p = parseKakaoProfile(
      '{"id":1,"kakao_account":{"profile":"x","email":5,"gender":"other","age_range":7},"properties":[]}',
    );
    expect(p).toMatchObject({
      id: '1',
      email: undefined,
      gender: undefined,
      ageRange: undefined,
      displayName: undefined,
    });
  });
});
