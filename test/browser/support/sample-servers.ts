import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createExpressSample } from '../../../sample/express/app';
import { createNestSample } from '../../../sample/nest/create-nest-sample';
import { KakaoEmulator } from '../../../src/testing';

export type SampleKind = 'NestJS' | 'Express';

/** Per-sample paths the tests need besides what the pages link to. */
export const LOGOUT_PATH: Record<SampleKind, string> = {
  NestJS: '/auth/kakao/logout',
  Express: '/logout',
};

export interface RunningSample {
  /** `http://localhost:<port>`, as `npm run sample` serves it. */
  url: string;
  kakao: KakaoEmulator;
  close(): Promise<void>;
}

async function listen(server: Server): Promise<number> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return (server.address() as AddressInfo).port;
}

async function closeServer(server: Server): Promise<void> {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
}

/**
 * The sample the way `npm run sample` runs it: the KakaoEmulator with its consent page (no
 * auto-approve) on 127.0.0.1, the app on localhost; both on free ports. The app's callback and
 * home page are registered with the emulator, as they would be in the Kakao console.
 */
export async function startSample(kind: SampleKind): Promise<RunningSample> {
  const server = createServer();
  const url = `http://localhost:${await listen(server)}`;
  const kakao = await KakaoEmulator.start({
    redirectURIs: [`${url}/auth/kakao/callback`],
    logoutRedirectURIs: [`${url}/`],
  });
  const config = {
    clientID: kakao.clientID,
    clientSecret: kakao.clientSecret,
    adminKey: kakao.adminKey,
    authBaseURL: kakao.authBaseURL,
    apiBaseURL: kakao.apiBaseURL,
    callbackURL: `${url}/auth/kakao/callback`,
  };
  let closeApp = async () => undefined as unknown;
  if (kind === 'NestJS') {
    const app = await createNestSample({ kakao: config, mode: 'emulator', logger: ['error'] });
    await app.init();
    server.on('request', app.getHttpAdapter().getInstance());
    closeApp = () => app.close();
  } else {
    server.on('request', createExpressSample({ kakao: config, mode: 'emulator' }));
  }
  return {
    url,
    kakao,
    close: async () => {
      await closeServer(server);
      await closeApp();
      await kakao.stop();
    },
  };
}

/** Another origin on the same site (localhost, another port) serving one HTML page. */
export async function startOtherOrigin(
  html: string,
): Promise<{ url: string; close(): Promise<void> }> {
  const server = createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(html);
  });
  const url = `http://localhost:${await listen(server)}`;
  return { url, close: () => closeServer(server) };
}
