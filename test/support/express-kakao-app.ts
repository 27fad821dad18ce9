import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createExpressSample, type ExpressSampleOptions } from '../../sample/express/app';
import type { KakaoStrategyOptions } from '../../src/passport';
import type { KakaoEmulator } from '../../src/testing';

export interface RunningApp {
  url: string;
  callbackURL: string;
  close(): Promise<void>;
}

/** Starts the Express sample on 127.0.0.1:0 against an emulator, with option overrides. */
export async function startExpressSample(
  kakao: KakaoEmulator,
  overrides: Partial<KakaoStrategyOptions> = {},
  sample: Omit<ExpressSampleOptions, 'kakao'> = {},
): Promise<RunningApp> {
  const server: Server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const callbackURL = `${url}/auth/kakao/callback`;
  const app = createExpressSample({
    ...sample,
    kakao: {
      clientID: kakao.clientID,
      clientSecret: kakao.clientSecret,
      callbackURL,
      authBaseURL: kakao.authBaseURL,
      apiBaseURL: kakao.apiBaseURL,
      ca: kakao.caPem,
      ...overrides,
    },
  });
  server.on('request', app);
  return {
    url,
    callbackURL,
    close: async () => {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

/** The decoded payload of a JWT (no verification: for building attack tokens in tests). */
export function jwtPayload(token: string): Record<string, unknown> {
  return JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString('utf8')) as Record<
    string,
    unknown
  >;
}
