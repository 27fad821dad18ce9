import { inspect } from 'node:util';
import { KakaoApiClient } from '../../src/passport';
import { KakaoError } from '../../src/errors';
import { KakaoEmulator } from '../../src/testing';
import { clientFor, freshUser, REDIRECT_URI, USER } from './api-e2e.helpers';

const CLIENT_SECRET = 'S3CRET-client-secret-9f1c2b';
const ADMIN_KEY = 'ADM1N-admin-key-77e0aa';

/**
 * Drives every error path of the client and its sessions, then checks that no console line,
 * stdout/stderr write, error message, String(error), JSON.stringify(error) or inspect(error)
 * contains the client secret, the admin key or any token used.
 */
describe('KakaoApiClient never leaks secrets or tokens', () => {
  let kakao: KakaoEmulator;
  const secrets = new Set<string>([CLIENT_SECRET, ADMIN_KEY]);
  const output: string[] = [];
  const errors: unknown[] = [];
  const restore: Array<() => void> = [];

  async function capture(run: () => unknown): Promise<void> {
    try {
      await run();
    } catch (err) {
      errors.push(err);
      return;
    }
    throw new Error('expected an error');
  }

  function issue(userId: string, openid = false) {
    const tokens = kakao.issueTokens(userId, { openid });
    for (const t of [tokens.access_token, tokens.refresh_token, tokens.id_token]) {
      if (t) secrets.add(t);
    }
    return tokens;
  }

  beforeAll(async () => {
    kakao = await KakaoEmulator.start({ clientSecret: CLIENT_SECRET, adminKey: ADMIN_KEY });
    for (const method of ['log', 'info', 'warn', 'error', 'debug', 'trace'] as const) {
      const spy = jest
        .spyOn(console, method)
        .mockImplementation((...args: unknown[]) => void output.push(inspect(args)));
      restore.push(() => spy.mockRestore());
    }
    for (const stream of [process.stdout, process.stderr]) {
      const original = stream.write.bind(stream);
      stream.write = ((chunk: unknown, ...rest: unknown[]) => {
        output.push(String(chunk));
        return (original as (...a: unknown[]) => boolean)(chunk, ...rest);
      }) as typeof stream.write;
      restore.push(() => (stream.write = original));
    }
  });

  afterAll(async () => {
    for (const undo of restore) undo();
    await kakao.stop();
  });

  it('drives every error path', async () => {
    const client = clientFor(kakao, { timeoutMs: 300 });
    const wrongSecret = clientFor(kakao, { clientSecret: `${CLIENT_SECRET}-wrong` });
    secrets.add(`${CLIENT_SECRET}-wrong`);
    const wrongAdmin = clientFor(kakao, { adminKey: `${ADMIN_KEY}-wrong` });
    secrets.add(`${ADMIN_KEY}-wrong`);
    const tokens = issue(USER);
    const at = tokens.access_token;
    const rt = tokens.refresh_token as string;

    // Kakao error answers (kapi and kauth).
    await capture(() => client.getUser(`${at}x`));
    secrets.add(`${at}x`);
    await capture(() => client.getOidcUserInfo(at)); // -402
    await capture(() => client.revokeScopes(at, ['profile_nickname'])); // -3
    await capture(() => client.updateProfile(at, { nope: '1' })); // -201
    await capture(() => client.signup(at)); // -102
    await capture(() => wrongSecret.refreshTokens(rt)); // KOE010
    await capture(() => wrongAdmin.unlinkUser(USER)); // -401 on the admin key
    await capture(() => wrongAdmin.getUsers([USER]));
    await capture(() => client.refreshTokens(`${rt}x`)); // KOE322
    secrets.add(`${rt}x`);
    kakao.faults.set('POST /oauth/token', { kakaoError: 'KOE320', times: 1 });
    await capture(() => client.refreshTokens(rt));

    // Transport failures.
    kakao.faults.set('GET /v2/user/me', { latencyMs: 1000, times: 1 });
    await capture(() => client.getUser(at)); // timeout
    kakao.faults.set('POST /oauth/token', { reset: true, times: 1 });
    await capture(() => client.refreshTokens(rt)); // reset
    kakao.faults.set('GET /v2/user/scopes', { malformedJson: true, times: 1 });
    await capture(() => client.getScopes(at));
    kakao.faults.set('GET /v1/user/ids', { htmlError: true, times: 1 });
    await capture(() => client.getUserIds());
    kakao.faults.set('GET /v1/user/access_token_info', { oversizedBytes: 2_000_000, times: 1 });
    await capture(() => client.getTokenInfo(at));
    const closed = await KakaoEmulator.start();
    const refused = clientFor(closed, { clientSecret: CLIENT_SECRET, adminKey: ADMIN_KEY });
    await closed.stop();
    await capture(() => refused.refreshTokens(rt));
    await capture(() => refused.logoutUser(USER));

    // Misconfiguration and bad arguments, with secrets in reach.
    await capture(() => clientFor(kakao, { adminKey: undefined }).unlinkUser(USER));
    await capture(
      () => new KakaoApiClient({ clientID: '', clientSecret: CLIENT_SECRET, adminKey: ADMIN_KEY }),
    );
    await capture(
      () =>
        new KakaoApiClient({
          clientID: 'k',
          clientSecret: CLIENT_SECRET,
          apiBaseURL: `https://x/?key=${ADMIN_KEY}`,
        }),
    );
    await capture(() => client.getUser(`${at} ${CLIENT_SECRET}`));
    await capture(() => client.asUser({ accessToken: `${at}\n` }));
    await capture(() =>
      client.additionalConsentURL({ scopes: [`${at} x`], redirectURI: REDIRECT_URI }),
    );

    // Sessions: a dead refresh token after an unlink, and a failing persistence hook.
    const doomed = freshUser(kakao);
    const doomedTokens = issue(doomed);
    await client.unlinkUser(doomed);
    const session = client.asUser({
      accessToken: doomedTokens.access_token,
      refreshToken: doomedTokens.refresh_token,
    });
    await capture(() => session.getProfile());
    await capture(() => session.getUser());
    const expiring = issue(USER);
    kakao.advanceClock(7 * 3600_000);
    const failingHook = client.asUser(
      { accessToken: expiring.access_token, refreshToken: expiring.refresh_token },
      {
        onTokens: (t) => {
          secrets.add(t.accessToken);
          throw new Error('store unavailable');
        },
      },
    );
    await capture(() => failingHook.getUser());

    expect(errors).toHaveLength(26);
    expect(errors.filter((e) => e instanceof KakaoError).length).toBeGreaterThanOrEqual(20);
  });

  it('no error text and no output contains a secret or token', () => {
    const texts: string[] = [...output];
    for (const err of errors) {
      const e = err as Error;
      texts.push(e.message, String(e), JSON.stringify(e), inspect(e, { depth: 10 }), e.stack ?? '');
      if (e.cause) texts.push(String(e.cause), inspect(e.cause, { depth: 10 }));
    }
    expect(texts.length).toBeGreaterThan(100);
    const leaks = [...secrets].flatMap((secret) =>
      texts
        .filter((t) => t.includes(secret))
        .map((t) => `${secret.slice(0, 6)}… in ${t.slice(0, 80)}`),
    );
    expect(leaks).toEqual([]);
    expect(output.filter((line) => /kakao/i.test(line))).toEqual([]);
  });
});
