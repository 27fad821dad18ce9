import { Agent, request } from 'node:http';

export interface Answer {
  status: number;
  location?: string;
  setCookie: string[];
  body: string;
}

/** One keep-alive connection pool for a whole fuzz run: thousands of requests, few sockets. */
export const fuzzAgent = new Agent({ keepAlive: true, maxSockets: 8 });

/**
 * A browser reduced to what the fuzz properties need: its own cookies, and requests whose path
 * is sent exactly as given (no URL normalisation), so malformed query strings reach the app.
 */
export class Visitor {
  readonly cookies = new Map<string, string>();

  constructor(private readonly base: string) {}

  async get(pathOrURL: string): Promise<Answer> {
    const target = pathOrURL.startsWith('http') ? new URL(pathOrURL) : undefined;
    const base = new URL(target?.origin ?? this.base);
    const path = target ? `${target.pathname}${target.search}` : pathOrURL;
    const sameHost = base.origin === new URL(this.base).origin;
    const headers: Record<string, string> = {};
    if (sameHost && this.cookies.size)
      headers.cookie = [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    return new Promise<Answer>((resolve, reject) => {
      const req = request(
        { host: base.hostname, port: base.port, path, headers, agent: fuzzAgent },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => {
            const setCookie = ([] as string[]).concat(res.headers['set-cookie'] ?? []);
            if (sameHost) {
              for (const line of setCookie) {
                const [pair] = line.split(';');
                const eq = pair.indexOf('=');
                const value = pair.slice(eq + 1);
                if (/max-age=0/i.test(line) || !value) this.cookies.delete(pair.slice(0, eq));
                else this.cookies.set(pair.slice(0, eq), value);
              }
            }
            resolve({
              status: res.statusCode ?? 0,
              location: res.headers.location
                ? new URL(res.headers.location, base).toString()
                : undefined,
              setCookie,
              body: Buffer.concat(chunks).toString('utf8'),
            });
          });
          res.on('error', reject);
        },
      );
      req.on('error', reject);
      req.end();
    });
  }
}

const UNRESERVED = /[A-Za-z0-9\-._~]/;

/** Percent-encodes the UTF-8 bytes of `text` (lone surrogates become U+FFFD, never a throw). */
export function encodeBytes(text: string): string {
  let out = '';
  for (const byte of Buffer.from(text, 'utf8')) {
    const char = String.fromCharCode(byte);
    out += UNRESERVED.test(char) ? char : `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return out;
}

/** `text` as is when it can go on the request line unencoded, else percent-encoded. */
export function rawOrEncoded(text: string): string {
  return /^[\x21-\x7e]*$/.test(text) && !text.includes('#') ? text : encodeBytes(text);
}
