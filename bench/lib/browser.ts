import http from 'node:http';
import https from 'node:https';

const httpAgent = new http.Agent({ keepAlive: true, maxSockets: Infinity });
const httpsAgents = new Map<string, https.Agent>();

/** Trust `caPem` for `origin` (https://127.0.0.1:port): one keep-alive agent per emulator. */
export function trustOrigin(origin: string, caPem: string): void {
  httpsAgents.set(
    new URL(origin).host,
    new https.Agent({ keepAlive: true, maxSockets: Infinity, ca: caPem }),
  );
}

export interface Answer {
  status: number;
  location?: string;
  body: string;
}

/** One test browser: keep-alive agents, cookies per origin (host:port), GET only. */
export class Browser {
  private readonly jars = new Map<string, Map<string, string>>();

  reset(): void {
    this.jars.clear();
  }

  get(url: string): Promise<Answer> {
    const target = new URL(url);
    const jar = this.jarFor(target.host);
    const cookie = [...jar].map(([name, value]) => `${name}=${value}`).join('; ');
    const secure = target.protocol === 'https:';
    return new Promise<Answer>((resolve, reject) => {
      const req = (secure ? https : http).request(
        target,
        {
          method: 'GET',
          agent: secure ? httpsAgents.get(target.host) : httpAgent,
          headers: cookie ? { cookie, accept: 'text/html' } : { accept: 'text/html' },
          timeout: 30_000,
        },
        (res) => {
          for (const line of res.headers['set-cookie'] ?? []) this.store(jar, line);
          const chunks: Buffer[] = [];
          res.on('data', (chunk: Buffer) => chunks.push(chunk));
          res.on('error', reject);
          res.on('end', () =>
            resolve({
              status: res.statusCode ?? 0,
              location: res.headers.location,
              body: chunks.length ? Buffer.concat(chunks).toString('utf8') : '',
            }),
          );
        },
      );
      req.on('timeout', () => req.destroy(new Error(`timeout: GET ${target.pathname}`)));
      req.on('error', reject);
      req.end();
    });
  }

  private jarFor(host: string): Map<string, string> {
    let jar = this.jars.get(host);
    if (!jar) this.jars.set(host, (jar = new Map()));
    return jar;
  }

  private store(jar: Map<string, string>, line: string): void {
    const semi = line.indexOf(';');
    const pair = semi < 0 ? line : line.slice(0, semi);
    const eq = pair.indexOf('=');
    if (eq <= 0) return;
    const name = pair.slice(0, eq).trim();
    const value = pair.slice(eq + 1).trim();
    if (!value || /;\s*max-age=0/i.test(line)) jar.delete(name);
    else jar.set(name, value);
  }
}
