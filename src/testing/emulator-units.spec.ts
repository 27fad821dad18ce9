import { EmulatorFaults, faultOutcome } from './emulator-faults';
import { parseJsonArray, withQuery } from './emulator-http';
import { resolveOptions } from './emulator-options';
import { EmulatorState } from './emulator-state';
import { IdTokenSigner } from './id-token.signer';
import { orderedAddresses } from './shipping-address.view';
import { writeJson } from './raw-json.writer';
import { imageURL, userMeView } from './user-me.view';

describe('parseJsonArray', () => {
  it('keeps 19-digit numbers exact and reads strings', () => {
    expect(parseJsonArray('[1376016924426111111, "a\\"b"]')).toEqual([
      '1376016924426111111',
      'a"b',
    ]);
    expect(parseJsonArray('[]')).toEqual([]);
  });

  it.each(['kakao_account.email', '["a",]', '[1 2]', '{"a":1}', '[1.5]'])('rejects %s', (value) => {
    expect(parseJsonArray(value)).toBeUndefined();
  });
});

describe('withQuery', () => {
  it('encodes spaces as %20 and keeps an existing query', () => {
    expect(
      withQuery('http://a/cb?x=1', {
        error: 'access_denied',
        error_description: 'User denied access',
      }),
    ).toBe('http://a/cb?x=1&error=access_denied&error_description=User%20denied%20access');
    expect(withQuery('http://a/cb#frag', { state: undefined, code: 'c' })).toBe(
      'http://a/cb?code=c',
    );
  });
});

describe('imageURL', () => {
  it('changes only the leading scheme', () => {
    const url = 'http://img1.kakaocdn.net/thumb/R640x640/?fname=http://t1.kakaocdn.net/a.jpeg';
    expect(imageURL(url, true)).toBe(
      'https://img1.kakaocdn.net/thumb/R640x640/?fname=http://t1.kakaocdn.net/a.jpeg',
    );
    expect(imageURL(imageURL(url, true), false)).toBe(url);
  });
});

describe('orderedAddresses', () => {
  it('puts the default first, then newest first', () => {
    const base = {
      type: 'NEW' as const,
      baseAddress: '',
      detailAddress: '',
      receiverName: '',
      receiverPhoneNumber1: '',
    };
    const ordered = orderedAddresses([
      { ...base, id: 1, isDefault: false, updatedAt: 10 },
      { ...base, id: 2, isDefault: true, updatedAt: 5 },
      { ...base, id: 3, isDefault: false, updatedAt: 20 },
    ]);
    expect(ordered.map((a) => a.id)).toEqual([2, 3, 1]);
  });
});

describe('EmulatorFaults', () => {
  it('prefers the METHOD key, then the any-method key, and counts times', () => {
    const faults = new EmulatorFaults();
    faults.set('/x', { status: 500 });
    faults.set('post /x', { status: 502, times: 1 });
    expect(faults.take('POST', '/x')?.status).toBe(502);
    expect(faults.take('POST', '/x')?.status).toBe(500);
    expect(faults.take('GET', '/y')).toBeUndefined();
  });

  it('maps a plain status to the side’s error shape', () => {
    const kauth = faultOutcome({ status: 500 }, '/oauth/token');
    const kapi = faultOutcome({ status: 500 }, '/v2/user/me');
    expect(kauth.kind === 'reply' && JSON.parse(kauth.reply.body)).toMatchObject({
      error_code: 'KOE003',
    });
    expect(kapi.kind === 'reply' && JSON.parse(kapi.reply.body)).toEqual({
      msg: 'internal error, try again',
      code: -1,
    });
  });
});

describe('userMeView', () => {
  let state: EmulatorState;

  beforeAll(async () => {
    state = new EmulatorState(
      resolveOptions({ consentItems: ['profile', 'account_email'] }),
      await IdTokenSigner.create(),
      () => 0,
    );
  });

  it('uses the legacy profile item and its single flag when the app has it', () => {
    const user = state.addUser({
      id: '77',
      nickname: '카카오',
      profileImageURL: 'http://a/p.jpg',
      agreedScopes: ['profile'],
    });
    const view = userMeView(state, user, { secureResource: false });
    expect(writeJson(view)).toContain('"id":77,');
    expect(view.kakao_account).toEqual({
      profile_needs_agreement: false,
      profile: {
        nickname: '카카오',
        is_default_nickname: false,
        thumbnail_image_url: undefined,
        profile_image_url: 'http://a/p.jpg',
        is_default_image: false,
      },
    });
  });

  it('selects properties.<key> with property_keys and leaves kakao_account out', () => {
    const user = state.addUser({
      id: '78',
      nickname: '라이언',
      properties: { clothing_size: 'L' },
      agreedScopes: ['profile'],
    });
    const view = userMeView(state, user, {
      secureResource: false,
      propertyKeys: ['properties.clothing_size'],
    });
    expect(view.properties).toEqual({ clothing_size: 'L' });
    expect(view).not.toHaveProperty('kakao_account', expect.anything());
  });
});
