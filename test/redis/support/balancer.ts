import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A tiny reverse proxy standing in for the load balancer in front of several app instances:
 * every instance is configured with the balancer's public URL, and the test decides which
 * instance gets the next request (`routeTo`), so a login can start on A and finish on B.
 */
export class Balancer {
  /** Requests forwarded to each backend, by backend URL. */
  readonly hits = new Map<string, number>();
  private target?: string;
  private spread: string[] = [];
  private turn = 0;

  private constructor(
    private readonly server: Server,
    readonly url: string,
  ) {}

  static async start(): Promise<Balancer> {
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const balancer = new Balancer(
      server,
      `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    );
    server.on('request', (req, res) => {
      // In round robin, `x-route-to: <index>` pins a request to one backend (a test's choice).
      const pinned = Number(req.headers['x-route-to']);
      const target = balancer.spread.length
        ? balancer.spread[
            Number.isInteger(pinned) ? pinned : balancer.turn++ % balancer.spread.length
          ]
        : balancer.target;
      if (!target) return void res.writeHead(503).end('no backend');
      balancer.hits.set(target, (balancer.hits.get(target) ?? 0) + 1);
      const upstream = request(
        `${target}${req.url ?? '/'}`,
        {
          method: req.method,
          agent: false,
          headers: { ...req.headers, 'x-forwarded-for': '127.0.0.1', 'x-forwarded-proto': 'http' },
        },
        (answer) => {
          res.writeHead(answer.statusCode ?? 502, answer.headers);
          answer.pipe(res);
        },
      );
      upstream.on('error', () => res.writeHead(502).end('backend unreachable'));
      req.pipe(upstream);
    });
    return balancer;
  }

  /** Sends every following request to this backend. */
  routeTo(backendURL: string): void {
    this.spread = [];
    this.target = backendURL;
  }

  /** Sends the following requests to these backends in turn (round robin). */
  roundRobin(backendURLs: string[]): void {
    this.spread = [...backendURLs];
  }

  async stop(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise((resolve) => this.server.close(resolve));
  }
}
