/**
 * `npm run sample`: the sample app on http://localhost:3000 (PORT overrides). With no
 * KAKAO_CLIENT_ID it starts the KakaoEmulator in-process and logs in against it, so the sample
 * runs with no Kakao account and no network. With real keys it talks to real Kakao.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { KakaoEmulator } from '../src/testing';
import { createExpressSample } from './express/app';

loadDotEnv(join(__dirname, '..', '.env'));

async function main(): Promise<void> {
  const port = Number(process.env.PORT ?? 3000);
  const origin = `http://localhost:${port}`;
  const callbackURL = process.env.KAKAO_CALLBACK_URL ?? `${origin}/auth/kakao/callback`;
  let kakao: { clientID: string; clientSecret?: string; authBaseURL?: string; apiBaseURL?: string };
  if (process.env.KAKAO_CLIENT_ID) {
    kakao = {
      clientID: process.env.KAKAO_CLIENT_ID,
      clientSecret: process.env.KAKAO_CLIENT_SECRET || undefined,
    };
    console.log('Using real Kakao with the REST API key from KAKAO_CLIENT_ID.');
  } else {
    const emulator = await KakaoEmulator.start({
      port: Number(process.env.KAKAO_EMULATOR_PORT ?? 0),
    });
    kakao = {
      clientID: emulator.clientID,
      clientSecret: emulator.clientSecret,
      authBaseURL: emulator.authBaseURL,
      apiBaseURL: emulator.apiBaseURL,
    };
    console.log(
      `No KAKAO_CLIENT_ID set: using the local Kakao emulator at ${emulator.authBaseURL}`,
    );
  }
  const app = createExpressSample({
    kakao: { ...kakao, callbackURL },
    sessionSecret: process.env.SESSION_SECRET,
  });
  app.listen(port, () => console.log(`Sample app: open ${origin} and click "카카오 로그인"`));
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
