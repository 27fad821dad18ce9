/**
 * Bytes of login state per pending login, measured in-process on the real bench apps (no
 * Kakao call is made: only GET /auth/kakao runs).
 *
 * - session mode: express-session's MemoryStore keeps each session as a JSON string; the state
 *   is that string minus the session's own `cookie` entry. First pending login, then the
 *   marginal bytes of each further one (same browser, tabs 2 to 5).
 * - cookie mode (ours with a stateSecret): the sealed cookie — `name=value` as the browser sends
 *   it back, and the whole Set-Cookie line with its attributes.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import session from 'express-session';
import { createBenchApp } from './apps/app-shell';
import { loginCodeFor } from './apps/variants';
import type { AppVariantName } from './lib/protocol';

export interface StateBytes {
  variant: AppVariantName;
  mode: 'session' | 'cookie';
  /** Bytes the first pending login adds (session JSON, or cookie name=value). */
  firstLoginBytes: number;
  /** Bytes each further pending login adds (tabs 2..5). */
  perExtraLoginBytes: number;
  /** cookie mode: the whole Set-Cookie line. */
  setCookieBytes?: number;
}

const KAKAO = {
  baseURL: 'https://kauth.kakao.com',
  clientID: 'a1b2c3d4e5f6a7b8c9d0e1f2a3b4c5d6',
  clientSecret: 'bench-client-secret',
  caPem: '',
};

interface Started {
  url: string;
  store: session.MemoryStore;
  close: () => Promise<void>;
}

async function startApp(variant: AppVariantName): Promise<Started> {
  const server = http.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const store = new session.MemoryStore();
  const app = createBenchApp(
    loginCodeFor(variant, { kakao: KAKAO, callbackURL: `${url}/auth/kakao/callback` }),
    store,
    { logins: 0, failures: 0, errors: 0 },
  );
  server.on('request', app);
  return {
    url,
    store,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

function get(url: string, cookie: string): Promise<http.IncomingMessage> {
  return new Promise((resolve, reject) => {
    http
      .get(url, { headers: cookie ? { cookie } : {}, agent: false }, (res) => {
        res.resume();
        res.on('end', () => resolve(res));
      })
      .on('error', reject);
  });
}

/** The MemoryStore entry of the only session, minus its `cookie` field, in bytes. */
function stateInSession(store: session.MemoryStore): number {
  const sessions = (store as unknown as { sessions: Record<string, string> }).sessions;
  const ids = Object.keys(sessions);
  if (ids.length !== 1) throw new Error(`expected one session, found ${ids.length}`);
  const data = JSON.parse(sessions[ids[0]]) as Record<string, unknown>;
  delete data.cookie;
  const rest = JSON.stringify(data);
  return rest === '{}' ? 0 : Buffer.byteLength(rest);
}

async function sessionMode(variant: AppVariantName): Promise<StateBytes> {
  const app = await startApp(variant);
  try {
    const first = await get(`${app.url}/auth/kakao`, '');
    const sid = (first.headers['set-cookie'] ?? [])[0]?.split(';')[0] ?? '';
    const one = stateInSession(app.store);
    for (let tab = 2; tab <= 5; tab += 1) await get(`${app.url}/auth/kakao`, sid);
    const five = stateInSession(app.store);
    return {
      variant,
      mode: 'session',
      firstLoginBytes: one,
      perExtraLoginBytes: Math.round((five - one) / 4),
    };
  } finally {
    await app.close();
  }
}

async function cookieMode(variant: AppVariantName): Promise<StateBytes> {
  const app = await startApp(variant);
  try {
    const lines: string[] = [];
    let cookies = '';
    for (let tab = 1; tab <= 5; tab += 1) {
      const res = await get(`${app.url}/auth/kakao`, cookies);
      const set = (res.headers['set-cookie'] ?? []).filter((l) => l.startsWith('kakao_login'));
      lines.push(...set);
      cookies = lines.map((l) => l.split(';')[0]).join('; ');
    }
    // The browser-binding cookie (`kakao_login-bind`) is set once, with the first login.
    const size = (l: string) => Buffer.byteLength(l.split(';')[0]);
    const binding = lines
      .filter((l) => !l.startsWith('kakao_login.'))
      .reduce((a, l) => a + size(l) + 2, 0);
    const states = lines.filter((l) => l.startsWith('kakao_login.'));
    const pairs = states.map(size);
    return {
      variant,
      mode: 'cookie',
      firstLoginBytes: pairs[0] + binding,
      // Every pending login is its own cookie: the browser sends all of them back (+2 for "; ").
      perExtraLoginBytes: Math.round(pairs.slice(1).reduce((a, b) => a + b + 2, 0) / 4),
      setCookieBytes: Buffer.byteLength(states[0]),
    };
  } finally {
    await app.close();
  }
}

export async function measureStateBytes(): Promise<StateBytes[]> {
  return [
    await sessionMode('ours'),
    await sessionMode('ours-oidc'),
    await cookieMode('ours-cookie'),
    await sessionMode('openid-client'),
    await sessionMode('passport-kakao'),
    await sessionMode('baseline'),
  ];
}

if (require.main === module) {
  measureStateBytes().then(
    (rows) => console.table(rows),
    (err: unknown) => {
      console.error(err);
      process.exit(1);
    },
  );
}
