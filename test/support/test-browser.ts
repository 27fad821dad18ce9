import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';

export interface BrowserResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
  url: string;
  location?: string;
}

/**
 * A tiny cookie-keeping HTTP client that behaves like a browser tab for redirect flows: it keeps
 * cookies per host (honouring Max-Age=0 deletions) and can follow redirects step by step.
 */
export class TestBrowser {
  readonly jar = new Map<string, Map<string, string>>();
  constructor(private readonly ca?: string) {}

  cookiesFor(url: string): Map<string, string> {
    const host = new URL(url).host;
    let cookies = this.jar.get(host);
    if (!cookies) this.jar.set(host, (cookies = new Map()));
    return cookies;
  }

  request(
    url: string,
    init: { method?: string; headers?: Record<string, string>; body?: string } = {},
  ): Promise<BrowserResponse> {
    const u = new URL(url);
    const cookies = this.cookiesFor(url);
    const headers: Record<string, string> = { ...init.headers };
    if (cookies.size) headers.cookie = [...cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    if (init.body !== undefined) headers['content-length'] = String(Buffer.byteLength(init.body));
    const send = u.protocol === 'https:' ? httpsRequest : httpRequest;
    return new Promise((resolve, reject) => {
      const req = send(
        u,
        { method: init.method ?? 'GET', headers, ca: this.ca, agent: false },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => {
            for (const line of ([] as string[]).concat(res.headers['set-cookie'] ?? [])) {
              const [pair, ...attrs] = line.split(';');
              const eq = pair.indexOf('=');
              const name = pair.slice(0, eq).trim();
              const value = pair.slice(eq + 1).trim();
              const expired = attrs.some(
                (a) => /^\s*max-age=0\s*$/i.test(a) || /^\s*expires=thu, 01 jan 1970/i.test(a),
              );
              if (expired || value === '') cookies.delete(name);
              else cookies.set(name, value);
            }
            const location = res.headers.location
              ? new URL(res.headers.location, url).toString()
              : undefined;
            resolve({
              status: res.statusCode ?? 0,
              headers: res.headers,
              body: Buffer.concat(chunks).toString('utf8'),
              url,
              location,
            });
          });
        },
      );
      req.on('error', reject);
      req.end(init.body);
    });
  }

  get(url: string, headers?: Record<string, string>): Promise<BrowserResponse> {
    return this.request(url, { headers });
  }

  /** Follows redirects until a non-3xx answer, or until `stopAt(url)` says to stop before requesting it. */
  async follow(url: string, stopAt?: (url: string) => boolean, max = 10): Promise<BrowserResponse> {
    let res = await this.get(url);
    for (let i = 0; i < max && res.location; i++) {
      if (stopAt?.(res.location)) return res;
      res = await this.get(res.location);
    }
    return res;
  }
}
