import fc from 'fast-check';
import { KakaoResponseError, parseKakaoProfile } from '../../src/passport';
import { KakaoEmulator } from '../../src/testing';
import { type NestInstance, startNestInstance } from '../support/nest-instance';
import { RUNS } from './support/arbitraries';
import { Visitor } from './support/visitor';

/** The parser's contract: a typed error, or a profile whose id is a non-empty digit string. */
function parseOutcome(input: string | object): { id?: string; error?: string } {
  try {
    const profile = parseKakaoProfile(input);
    expect(profile.id).toMatch(/^\d+$/);
    expect(profile.provider).toBe('kakao');
    return { id: profile.id };
  } catch (err) {
    if (!(err instanceof KakaoResponseError)) throw err;
    return { error: err.problem };
  }
}

/** A raw JSON number literal for `id`: integers of any size (beyond 2^53), negatives, floats. */
const idLiteral = fc.oneof(
  fc.bigInt({ min: 0n, max: 10n ** 25n }).map(String),
  fc.bigInt({ min: -(10n ** 20n), max: -1n }).map(String),
  fc.constantFrom('0', '-0', '1e21', '1.5', '12345678901234567890.0', '9007199254740993', '1E3'),
  fc.double({ noNaN: true, noDefaultInfinity: true }).map((d) => JSON.stringify(d)),
);

/** `/v2/user/me`-shaped JSON text (with the id literal it carries): decoys and noise around it. */
const userMe = fc
  .record({
    id: fc.oneof({ weight: 3, arbitrary: idLiteral }, { weight: 1, arbitrary: fc.json() }),
    account: fc.oneof(
      fc.json(),
      fc
        .record(
          {
            email: fc.jsonValue(),
            is_email_valid: fc.jsonValue(),
            is_email_verified: fc.jsonValue(),
            profile: fc.oneof(
              fc.jsonValue(),
              fc.record({ nickname: fc.jsonValue(), profile_image_url: fc.jsonValue() }),
            ),
            age_range: fc.jsonValue(),
            gender: fc.jsonValue(),
            email_needs_agreement: fc.jsonValue(),
          },
          { requiredKeys: [] },
        )
        .map((a) => JSON.stringify(a)),
    ),
    // a nested "id" decoy of its own (a regex would pick it up)
    properties: fc.oneof(
      fc.json(),
      idLiteral.map((d) => `{"id":${d},"nickname":"decoy"}`),
    ),
    extra: fc
      .dictionary(fc.string({ unit: 'grapheme', maxLength: 8 }), fc.jsonValue())
      .map((d) => JSON.stringify(d)),
  })
  .map(({ id, account, properties, extra }) => ({
    id,
    text: `{"properties":${properties},"id":${id},"kakao_account":${account},"extra":${extra}}`,
  }));

describe('fuzz: parseKakaoProfile never crashes', () => {
  it(`arbitrary JSON text (${RUNS * 5} runs)`, () => {
    fc.assert(
      fc.property(fc.json(), (text) => void parseOutcome(text)),
      { numRuns: RUNS * 5 },
    );
  });

  it(`arbitrary JSON values given as objects (${RUNS * 5} runs)`, () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => void parseOutcome(value as object)),
      { numRuns: RUNS * 5 },
    );
  });

  it(`arbitrary text, JSON or not (${RUNS * 5} runs)`, () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 200 }), (text) => void parseOutcome(text)),
      { numRuns: RUNS * 5 },
    );
  });

  it(`user-me shaped JSON: an integer id is kept exactly (beyond 2^53), a negative or fractional one is a typed error (${RUNS * 5} runs)`, () => {
    fc.assert(
      fc.property(userMe, ({ id, text }) => {
        const outcome = parseOutcome(text);
        if (/^\d{1,25}$/.test(id)) return void expect(outcome.id).toBe(id);
        if (!/^-?[\d.eE+-]+$/.test(id)) return;
        // Other number forms: only an exact, non-negative integer value may become an id (-0 is 0).
        const value = Number(id);
        if (Number.isSafeInteger(value) && value >= 0)
          expect(outcome.id ?? String(value)).toBe(String(value));
        else expect(outcome.error).toBeDefined();
      }),
      { numRuns: RUNS * 5 },
    );
  });
});

describe('fuzz: arbitrary /v2/user/me answers during a real login', () => {
  let kakao: KakaoEmulator;
  let app: NestInstance;

  beforeAll(async () => {
    kakao = await KakaoEmulator.start({ autoApprove: true });
    app = await startNestInstance(kakao, ({ kakaoOptions }) => ({
      ...kakaoOptions,
      successRedirect: '/welcome',
      failureRedirect: '/login-failed',
    }));
  });
  afterAll(async () => {
    await app.close();
    await kakao.stop();
  });

  it(`end in a login as exactly that id, or in ?error=kakao_unavailable; never a 5xx (${RUNS} runs)`, async () => {
    const seen = { login: 0, failure: 0 };
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          userMe.map((u) => u.text),
          fc.json(),
        ),
        async (body) => {
          kakao.faults.set('GET /v2/user/me', { status: 200, body, times: 1 });
          const visitor = new Visitor(app.url);
          const start = await visitor.get('/auth/kakao/login');
          const authorize = await new Visitor(kakao.authBaseURL).get(start.location!);
          const done = await visitor.get(authorize.location!);
          expect(done.status).toBe(302);
          const expected = parseOutcome(body);
          if (expected.id !== undefined) {
            expect(done.location).toBe(`${app.url}/welcome`);
            expect(JSON.parse((await visitor.get('/me')).body)).toEqual({ id: expected.id });
            seen.login += 1;
          } else {
            expect(done.location).toBe(`${app.url}/login-failed?error=kakao_unavailable`);
            expect((await visitor.get('/me')).status).toBe(401);
            seen.failure += 1;
          }
        },
      ),
      { numRuns: RUNS },
    );
    expect(seen.login).toBeGreaterThan(RUNS / 20);
    expect(seen.failure).toBeGreaterThan(RUNS / 20);
  });
});
