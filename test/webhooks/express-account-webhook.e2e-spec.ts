import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import {
  createKakaoAccountWebhookHandler,
  type KakaoAccountEvent,
  type KakaoAccountWebhookHandlerOptions,
} from '../../src/passport';
import { KakaoEmulator } from '../../src/testing';
import { mintSet, setClaims } from './support/mint-set';
import { postRaw } from './support/webhook-app';

/**
 * The Express handler of the account-status webhook: the raw body is read whatever parsers the
 * app mounted, and the emulator's request is exactly Kakao's (content type, header, claims).
 */
describe('Express: createKakaoAccountWebhookHandler', () => {
  let kakao: KakaoEmulator;
  let server: Server;
  let base: string;
  const events: KakaoAccountEvent[] = [];
  const errors: string[] = [];
  const received: Array<{ headers: IncomingMessage['headers']; body: string }> = [];

  beforeAll(async () => {
    kakao = await KakaoEmulator.start();
    const options = (extra: Partial<KakaoAccountWebhookHandlerOptions> = {}) =>
      createKakaoAccountWebhookHandler({
        verifier: { clientID: kakao.clientID, authBaseURL: kakao.authBaseURL },
        onAccountEvent: (event) => void events.push(event),
        logger: { warn: () => undefined, error: () => undefined },
        ...extra,
      });
    const app = express();
    app.use((req, _res, next) => {
      if (req.path === '/spy') {
        let body = '';
        req.setEncoding('utf8');
        req.on('data', (c: string) => (body += c));
        req.on('end', () => {
          received.push({ headers: req.headers, body });
          (req as IncomingMessage & { body?: unknown }).body = body;
          next();
        });
      } else next();
    });
    app.use(express.json());
    app.use(express.urlencoded({ extended: false }));
    const plain = options();
    app.post('/plain', (req, res) => void plain(req, res));
    app.get('/plain', (req, res) => void plain(req, res));
    const text = options({ successStatus: 200 });
    app.post(
      '/text',
      express.text({ type: 'application/secevent+jwt' }),
      (req, res) => void text(req, res),
    );
    const raw = options();
    app.post('/raw', express.raw({ type: '*/*' }), (req, res) => void raw(req, res));
    app.post('/spy', (req, res) => void plain(req, res));
    const eaten = options({
      logger: { warn: () => undefined, error: (line) => void errors.push(line) },
    });
    app.post(
      '/eaten',
      express.urlencoded({ type: '*/*', extended: false }),
      (req, res) => void eaten(req, res),
    );
    server = createServer(app);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
    await kakao.stop();
  });
  beforeEach(() => {
    events.length = 0;
    received.length = 0;
  });

  const set = () => mintSet(kakao, setClaims(kakao, kakao.users[0].id));

  it.each([
    ['/plain', 'behind express.json() and express.urlencoded()', 202],
    ['/text', 'with express.text() for application/secevent+jwt (successStatus 200)', 200],
    ['/raw', 'with express.raw()', 202],
  ])('%s %s → verified', async (path, _label, status) => {
    const res = await postRaw(`${base}${path}`, set());
    expect(res.status).toBe(status);
    expect(events).toHaveLength(1);
  });

  it('a parser that ate the body (urlencoded for */*) → 400 and a log line saying how to fix it', async () => {
    const res = await postRaw(`${base}/eaten`, set());
    expect(res).toMatchObject({ status: 400, text: '{"err":"invalid_request"}' });
    expect(errors.join('\n')).toContain('a body parser consumed the request body');
    expect(events).toHaveLength(0);
  });

  it('GET → 405 with Allow: POST', async () => {
    const res = await fetch(`${base}/plain`);
    expect(res.status).toBe(405);
    expect(res.headers.get('allow')).toBe('POST');
  });

  it('a body over the cap → 413 without reading it all', async () => {
    const res = await postRaw(`${base}/plain`, 'x'.repeat(100_000));
    expect(res.status).toBe(413);
    expect(events).toHaveLength(0);
  });

  it('the emulator sends what Kakao’s test tool shows: content type, typ, txm, subject', async () => {
    const result = await kakao.sendAccountWebhook({
      userId: kakao.users[0].id,
      event: 'user-linked',
      url: `${base}/spy`,
    });
    expect(result).toMatchObject({ status: 202, ok: true });
    const [request] = received;
    expect(request.headers['content-type']).toBe('application/secevent+jwt');
    expect(request.headers.accept).toBe('application/json');
    const [header, payload] = request.body
      .split('.')
      .slice(0, 2)
      .map((part) => JSON.parse(Buffer.from(part, 'base64url').toString('utf8')));
    expect(header).toEqual({ kid: kakao.signingKeyId, typ: 'secevent+jwt', alg: 'RS256' });
    expect(payload).toEqual({
      aud: kakao.clientID,
      sub: kakao.users[0].id,
      iss: kakao.issuer,
      txm: expect.stringMatching(/^[0-9a-f-]{36}$/),
      iat: expect.any(Number),
      jti: result.jti,
      events: {
        'https://schemas.openid.net/secevent/oauth/event-type/user-linked': {
          subject: { sub: kakao.users[0].id, subject_type: 'iss-sub', iss: kakao.issuer },
        },
      },
    });
  });
});
