/**
 * `npm run sample`: the NestJS sample on http://localhost:3000 (PORT overrides);
 * `npm run sample:express`: the plain Express sample.
 *
 * With no KAKAO_CLIENT_ID, the KakaoEmulator starts in-process (with its consent page) and the
 * sample logs in against it: no Kakao account, no network. With real keys (environment or
 * `.env`, see `.env.example`) the sample talks to real Kakao.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { KakaoEmulator } from '../src/testing';
import { createExpressSample } from './express/app';
import { createNestSample, type SampleKakaoConfig } from './nest/create-nest-sample';

loadDotEnv(join(__dirname, '..', '.env'));

async function main(): Promise<void> {
  const which = process.argv[2] === 'express' ? 'Express' : 'NestJS';
  const port = Number(process.env.PORT || 3000);
  const origin = `http://localhost:${port}`;
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
    emulator = await KakaoEmulator.start({ port: Number(process.env.KAKAO_EMULATOR_PORT || 0) });
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

  let close: () => Promise<unknown>;
  if (which === 'NestJS') {
    const app = await createNestSample({ kakao, sessionSecret, mode, logger: ['warn', 'error'] });
    await app.listen(port);
    close = () => app.close();
  } else {
    const server = createExpressSample({ kakao, sessionSecret, mode }).listen(port);
    await new Promise((resolve, reject) => server.once('listening', resolve).once('error', reject));
    close = () => new Promise((resolve) => server.close(resolve));
  }

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
    '  Ctrl-C stops it.',
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
