import type { KakaoAuthModuleOptions } from '../../src';
import { KakaoConfigError } from '../../src/passport';
import { bootError } from '../support/boot-error';

const base: KakaoAuthModuleOptions = {
  clientID: 'rest-api-key',
  callbackURL: 'http://127.0.0.1:1/auth/kakao/callback',
  appId: '1000001',
};

describe('token login and SPA handoff: startup checks', () => {
  it('boots with tokenLogin and spaHandoff on', async () => {
    expect(await bootError({ ...base, tokenLogin: true, spaHandoff: true })).toBeUndefined();
  });

  it.each<[string, Partial<KakaoAuthModuleOptions>, RegExp]>([
    [
      'tokenLogin without appId',
      { appId: undefined, tokenLogin: { audiences: ['native-key'] } },
      /tokenLogin needs appId.*\[App\] > \[General\]/,
    ],
    [
      'tokenLogin that is not an object',
      { tokenLogin: 'yes' as never },
      /tokenLogin must be an object/,
    ],
    ['an empty audience', { tokenLogin: { audiences: [''] } }, /tokenLogin.audiences/],
    [
      'a nonce TTL of a day',
      { tokenLogin: { nonceTtlSec: 86400 } },
      /nonceTtlSec.*between 1 and 3600/,
    ],
    ['a code TTL over 60 s', { spaHandoff: { codeTtlSec: 120 } }, /codeTtlSec.*between 1 and 60/],
    [
      'a oneTimeStore without take',
      { oneTimeStore: { set: () => undefined } as never },
      /oneTimeStore must have set.*take.*GETDEL/,
    ],
  ])('%s is refused with a message saying how to fix it', async (_label, patch, message) => {
    const err = await bootError({ ...base, ...patch });
    expect(err).toBeInstanceOf(KakaoConfigError);
    expect((err as Error).message).toMatch(/^KakaoAuthModule: /);
    expect((err as Error).message).toMatch(message);
  });

  it.each([{ tokenLogin: true }, { spaHandoff: true }])(
    '%o with routes: false is refused (no route would serve it)',
    async (patch) => {
      const err = await bootError({ ...base, ...patch, routes: false });
      expect(err).toBeInstanceOf(KakaoConfigError);
      expect((err as Error).message).toMatch(/need the module routes.*KakaoTokenStrategy/);
    },
  );
});
