import { Agent, request } from 'node:http';
import { KakaoEmulator } from '../../src/testing';
import { type NestInstance, startNestInstance } from '../support/nest-instance';

const ADMIN_KEY = 'f3c1a9e07b5d42c8a61e9d0b7c4f2a18';

/**
 * Kakao's unlink webhook authenticates with `Authorization: KakaoAK <admin key>`. Anything else
 * is a 401 and the app's `onUnlink` never runs; near misses are no closer to success than far
 * ones, in outcome and in time.
 */
describe('security: unlink webhook authentication', () => {
  let kakao: KakaoEmulator;
  let app: NestInstance;
  const unlinked: string[] = [];
  const webhookURL = () => `${app.url}/auth/kakao/webhooks/unlink`;

  beforeAll(async () => {
    kakao = await KakaoEmulator.start({ adminKey: ADMIN_KEY });
    app = await startNestInstance(kakao, ({ kakaoOptions }) => ({
      ...kakaoOptions,
      onUnlink: ({ userId }) => void unlinked.push(userId),
    }));
  });
  afterAll(async () => {
    await app.close();
    await kakao.stop();
  });
  beforeEach(() => {
    unlinked.length = 0;
  });

  /** Kakao's POST (form body), sent raw so the header reaches the app exactly as written. */
  const send = (authorization: string | null) =>
    new Promise<{ status: number; body: string }>((resolve, reject) => {
      const body = `app_id=${kakao.appId}&user_id=${kakao.users[2].id}&referrer_type=UNLINK_FROM_APPS`;
      const headers: Record<string, string> = {
        'content-type': 'application/x-www-form-urlencoded',
        'content-length': String(body.length),
      };
      if (authorization !== null) headers.authorization = authorization;
      const req = request(webhookURL(), { method: 'POST', headers, agent: false }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }),
        );
      });
      req.on('error', reject);
      req.end(body);
    });

  it('the admin key with the KakaoAK scheme → 200, the hook runs (positive control)', async () => {
    const result = await send(`KakaoAK ${ADMIN_KEY}`);
    expect(result.status).toBe(200);
    expect(result.body).toBe('');
    expect(unlinked).toEqual([kakao.users[2].id]);
  });

  const flip = (c: string) => (c === 'a' ? 'b' : 'a');
  const REFUSED: Array<[string, string | null]> = [
    ['no Authorization header', null],
    ['an empty Authorization header', ''],
    ['the Bearer scheme', `Bearer ${ADMIN_KEY}`],
    ['the Basic scheme', `Basic ${Buffer.from(`kakao:${ADMIN_KEY}`).toString('base64')}`],
    ['the key without a scheme', ADMIN_KEY],
    ['the scheme in lower case', `kakaoak ${ADMIN_KEY}`],
    ['no space after the scheme', `KakaoAK${ADMIN_KEY}`],
    ['two spaces after the scheme', `KakaoAK  ${ADMIN_KEY}`],
    ['a wrong key', 'KakaoAK 00000000000000000000000000000000'],
    ['the REST API key instead of the admin key', 'KakaoAK emulator-rest-api-key'],
    [
      'near miss: last character changed',
      `KakaoAK ${ADMIN_KEY.slice(0, -1)}${flip(ADMIN_KEY.slice(-1))}`,
    ],
    ['near miss: first character changed', `KakaoAK ${flip(ADMIN_KEY[0])}${ADMIN_KEY.slice(1)}`],
    ['near miss: one character short', `KakaoAK ${ADMIN_KEY.slice(0, -1)}`],
    ['near miss: one character extra', `KakaoAK ${ADMIN_KEY}0`],
    ['near miss: the key upper-cased', `KakaoAK ${ADMIN_KEY.toUpperCase()}`],
    ['the key twice', `KakaoAK ${ADMIN_KEY} KakaoAK ${ADMIN_KEY}`],
  ];

  it.each(REFUSED)(
    '%s → 401, the hook never runs, nothing echoed',
    async (_label, authorization) => {
      const result = await send(authorization);
      expect(result.status).toBe(401);
      expect(result.body).toBe('{"error":"unauthorized"}');
      expect(unlinked).toHaveLength(0);
    },
  );

  it('the admin key in the query string instead of the header → 401', async () => {
    const res = await fetch(
      `${webhookURL()}?user_id=${kakao.users[2].id}&app_id=${kakao.appId}&authorization=${encodeURIComponent(`KakaoAK ${ADMIN_KEY}`)}`,
    );
    expect(res.status).toBe(401);
    expect(unlinked).toHaveLength(0);
  });

  it('the right key for another app (app_id mismatch) → 401, the hook never runs', async () => {
    const res = await fetch(`${webhookURL()}?user_id=${kakao.users[2].id}&app_id=999999`, {
      headers: { authorization: `KakaoAK ${ADMIN_KEY}` },
    });
    expect(res.status).toBe(401);
    expect(unlinked).toHaveLength(0);
  });

  /** #14 item 8: Kakao's ids are canonical decimals; another spelling would be another key in the app's tables. */
  it.each(['0004012345678', '+4012345678', '4012345678.0', '04012345678'])(
    'user_id %s (not Kakao’s canonical id) with the right key → 400, the hook never runs',
    async (userId) => {
      const res = await fetch(webhookURL(), {
        method: 'POST',
        headers: {
          authorization: `KakaoAK ${ADMIN_KEY}`,
          'content-type': 'application/x-www-form-urlencoded',
        },
        body: new URLSearchParams({
          app_id: kakao.appId,
          user_id: userId,
          referrer_type: 'UNLINK_FROM_APPS',
        }),
      });
      expect(res.status).toBe(400);
      expect(await res.text()).toBe('{"error":"invalid_request"}');
      expect(unlinked).toHaveLength(0);
    },
  );

  /**
   * Timing: a near miss (same length, last character wrong) and a far miss (every character
   * wrong; or far shorter) are sent in interleaved pairs over one keep-alive connection. The
   * median of the paired differences must be within 10% of a request's median time (+ 50 µs):
   * robust to GC pauses and a busy machine (medians, pairs, warm-up), yet a check that stopped at
   * the first differing character or at a length mismatch would have to hide inside that margin.
   */
  it('a near-miss key and a far-miss key take statistically the same time', async () => {
    const agent = new Agent({ keepAlive: true, maxSockets: 1 });
    const near = `KakaoAK ${ADMIN_KEY.slice(0, -1)}${flip(ADMIN_KEY.slice(-1))}`;
    const far = `KakaoAK ${[...ADMIN_KEY].map(flip).join('')}`;
    const short = 'KakaoAK x';
    const time = (authorization: string) =>
      new Promise<number>((resolve, reject) => {
        const started = process.hrtime.bigint();
        const req = request(
          `${webhookURL()}?user_id=1`,
          { agent, headers: { authorization } },
          (res) => {
            res.resume();
            res.on('end', () => {
              if (res.statusCode !== 401) reject(new Error(`status ${res.statusCode}`));
              else resolve(Number(process.hrtime.bigint() - started) / 1000);
            });
          },
        );
        req.on('error', reject);
        req.end();
      });
    const median = (xs: number[]) => {
      const sorted = [...xs].sort((a, b) => a - b);
      return sorted[Math.floor(sorted.length / 2)];
    };
    try {
      for (let i = 0; i < 50; i++) await time(i % 2 ? near : far); // warm-up
      for (const other of [far, short]) {
        const diffs: number[] = [];
        const all: number[] = [];
        for (let i = 0; i < 300; i++) {
          // alternate the order inside the pair so a systematic first/second effect cancels out
          let nearTime: number;
          let otherTime: number;
          if (i % 2) {
            nearTime = await time(near);
            otherTime = await time(other);
          } else {
            otherTime = await time(other);
            nearTime = await time(near);
          }
          diffs.push(nearTime - otherTime);
          all.push(nearTime, otherTime);
        }
        const typical = median(all);
        console.log(
          `webhook timing (${other === far ? 'far miss' : 'short key'}): median ${typical.toFixed(0)} µs, median near − other ${median(diffs).toFixed(1)} µs`,
        );
        expect(Math.abs(median(diffs))).toBeLessThan(0.1 * typical + 50);
      }
    } finally {
      agent.destroy();
    }
  });
});
