/**
 * What the compat apps (nest12-app.ts, latest-passport-app.ts) share: a free port, a login that
 * follows the redirects to the emulator and back with a cookie jar for the app, the installed
 * version of a package and the exit code. run-compat-app.cjs compiles it next to the app.
 */
import { request } from 'node:http';
import { createServer } from 'node:net';

export interface CompatAnswer {
  status: number;
  location?: string;
  body: string;
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolve(port));
    });
  });
}

/** GET that keeps the app's cookies (only those of `appPort`: the emulator keeps none here). */
function cookieGet(jar: Map<string, string>, appPort: string, url: string): Promise<CompatAnswer> {
  const u = new URL(url);
  const cookie = u.port === appPort ? [...jar].map(([k, v]) => `${k}=${v}`).join('; ') : '';
  return new Promise((resolve, reject) => {
    const req = request(u, { headers: cookie ? { cookie } : {} }, (res) => {
      if (u.port === appPort) {
        for (const line of res.headers['set-cookie'] ?? []) {
          const [pair] = line.split(';');
          jar.set(pair.slice(0, pair.indexOf('=')), pair.slice(pair.indexOf('=') + 1));
        }
      }
      let body = '';
      res.on('data', (c: Buffer) => (body += c.toString('utf8')));
      res.on('end', () =>
        resolve({
          status: res.statusCode ?? 0,
          location: res.headers.location && new URL(res.headers.location, url).toString(),
          body,
        }),
      );
    });
    req.on('error', reject);
    req.end();
  });
}

/** Starts at `${base}/auth/kakao/login` and follows up to 5 redirects; the last answer. */
export async function loginThroughKakao(base: string): Promise<CompatAnswer> {
  const jar = new Map<string, string>();
  const appPort = new URL(base).port;
  let res = await cookieGet(jar, appPort, `${base}/auth/kakao/login`);
  for (let i = 0; i < 5 && res.location; i++) res = await cookieGet(jar, appPort, res.location);
  return res;
}

export function versionOf(name: string): string {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return (require(`${name}/package.json`) as { version: string }).version;
}

/** Runs the app's check and exits 0, or prints the error and exits 1. */
export function runCompat(main: () => Promise<void>): void {
  main().then(
    () => process.exit(0),
    (err: unknown) => {
      console.error(err);
      process.exit(1);
    },
  );
}
