/**
 * `npm run sample`: the NestJS sample on http://localhost:3000 (PORT overrides);
 * `npm run sample:express`: the plain Express sample.
 *
 * With no KAKAO_CLIENT_ID, the KakaoEmulator starts in-process (with its consent page) and the
 * sample logs in against it: no Kakao account, no network. With real keys (environment or
 * `.env`, see `.env.example`) the sample talks to real Kakao.
 */
import { existsSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { KakaoEmulator } from '../src/testing';
import { createExpressSample } from './express/app';
import { createNestSample, type SampleKakaoConfig } from './nest/create-nest-sample';

loadDotEnv(join(__dirname, '..', '.env'));

async function main(): Promise<void> {
  const which = process.argv[2] === 'express' ? 'Express' : 'NestJS';
  const command = which === 'Express' ? 'npm run sample:express' : 'npm run sample';
  const port = portFrom('PORT', 3000);
  // Listen before anything boots: a busy port is one line, not a stack trace after Nest's logs.
  const server = await listen(port, 'PORT', command);
  const origin = `http://localhost:${(server.address() as AddressInfo).port}`;
  const callbackURL = process.env.KAKAO_CALLBACK_URL || `${origin}/auth/kakao/callback`;
  const sessionSecret = process.env.SESSION_SECRET || undefined;
  let kakao: SampleKakaoConfig;
  let emulator: KakaoEmulator | undefined;

  if (process.env.KAKAO_CLIENT_ID) {
    kakao = {
      clientID: process.env.KAKAO_CLIENT_ID,
      clientSecret: process.env.KAKAO_CLIENT_SECRET || undefined,
      adminKey: process.env.KAKAO_ADMIN_KEY || undefined,
      callbackURL,
    };
  } else {
    const emulatorPort = portFrom('KAKAO_EMULATOR_PORT', 0);
    emulator = await KakaoEmulator.start({ port: emulatorPort }).catch((err: unknown) => {
      if ((err as NodeJS.ErrnoException).code === 'EADDRINUSE') {
        exitWith(
          `KAKAO_EMULATOR_PORT ${emulatorPort} is already in use: stop what runs there, or unset KAKAO_EMULATOR_PORT to take a free port.`,
        );
      }
      throw err;
    });
    kakao = {
      clientID: emulator.clientID,
      clientSecret: emulator.clientSecret,
      adminKey: emulator.adminKey,
      authBaseURL: emulator.authBaseURL,
      apiBaseURL: emulator.apiBaseURL,
      callbackURL,
    };
  }
  const mode = emulator ? 'emulator' : 'kakao';

  let closeApp: () => Promise<unknown> = async () => undefined;
  if (which === 'NestJS') {
    const app = await createNestSample({ kakao, sessionSecret, mode, logger: ['warn', 'error'] });
    await app.init();
    server.on('request', app.getHttpAdapter().getInstance());
    closeApp = () => app.close();
  } else {
    server.on('request', createExpressSample({ kakao, sessionSecret, mode }));
  }
  const close = async () => {
    await new Promise((resolve) => server.close(resolve));
    await closeApp();
  };

  const lines = [
    '',
    `  nestjs-kakao-auth ${which} sample`,
    '',
    `  Open ${origin} and click "카카오 로그인".`,
    ...(emulator
      ? [
          `  Kakao:   the local KakaoEmulator at ${emulator.authBaseURL} (no KAKAO_CLIENT_ID set);`,
          '           pick a test user on its consent page, then 동의하고 계속하기 (accept).',
          '  Real Kakao: set KAKAO_CLIENT_ID (REST API key) and friends in .env, see .env.example.',
        ]
      : [
          '  Kakao:   kauth.kakao.com, with the REST API key from KAKAO_CLIENT_ID.',
          `  Register ${callbackURL} under [Kakao Login] > [Redirect URI]`,
          `  and ${origin}/ under [Kakao Login] > [Logout Redirect URI].`,
        ]),
    `  Another port: PORT=${port === 3000 ? 3001 : 3000} ${command}.  Ctrl-C stops it.`,
    '',
  ];
  console.log(lines.join('\n'));

  const stop = () => {
    // Open browser tabs keep connections alive: give closing a moment, then leave anyway.
    setTimeout(() => process.exit(0), 2000).unref();
    void Promise.allSettled([close(), emulator?.stop()]).then(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

/** A port from the environment, or the default; anything else ends the run with one line. */
function portFrom(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const port = Number(raw);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    exitWith(
      `${name}=${raw} is not a port: use a number from 0 (any free port) to 65535, e.g. ${name}=3000.`,
    );
  }
  return port;
}

/** Listens on every interface (as app.listen does); EADDRINUSE ends the run with one line. */
async function listen(port: number, name: string, command: string): Promise<Server> {
  const server = createServer();
  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, () => {
        server.off('error', reject);
        resolve();
      });
    });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'EADDRINUSE') {
      exitWith(
        `Port ${port} is already in use (포트 사용 중): stop the other server, or start on another port: ${name}=${port + 1} ${command}`,
      );
    }
    throw err;
  }
  return server;
}

function exitWith(line: string): never {
  console.error(line);
  process.exit(1);
}

/** Reads KEY=VALUE lines from .env without overriding the environment. */
function loadDotEnv(path: string): void {
  if (!existsSync(path)) return;
  for (const line of readFileSync(path, 'utf8').split(/\r?\n/)) {
    const match = /^\s*([A-Z0-9_]+)\s*=\s*(.*?)\s*$/.exec(line);
    if (match && process.env[match[1]] === undefined)
      process.env[match[1]] = match[2].replace(/^["']|["']$/g, '');
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
