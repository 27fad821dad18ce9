import type { KakaoEmulator, KakaoEmulatorOptions } from '../testing';

/** What the banner needs besides the running emulator. */
export interface BannerContext {
  /** The options the emulator was started with (config file + flags). */
  options: KakaoEmulatorOptions;
  configPath?: string;
  caFile?: string;
}

const NEST_CALLBACK = '/auth/kakao/callback';
const SPRING_CALLBACK = '/login/oauth2/code/kakao';

function pickRedirect(registered: string[] | undefined, path: string, fallback: string): string {
  if (!registered || registered.length === 0) return fallback;
  return registered.find((uri) => uri.includes(path)) ?? registered[0];
}

/** The env lines both frameworks read (names shared with the README quick starts). */
export function envLines(kakao: KakaoEmulator, options: KakaoEmulatorOptions): string[] {
  const callback = pickRedirect(
    options.redirectURIs,
    NEST_CALLBACK,
    `http://localhost:3000${NEST_CALLBACK}`,
  );
  return [
    `KAKAO_CLIENT_ID=${kakao.clientID}`,
    `KAKAO_CLIENT_SECRET=${kakao.clientSecret ?? ''}`,
    `KAKAO_CALLBACK_URL=${callback}`,
    `KAKAO_AUTH_BASE_URL=${kakao.authBaseURL}`,
    `KAKAO_API_BASE_URL=${kakao.apiBaseURL}`,
    `KAKAO_ADMIN_KEY=${kakao.adminKey}`,
  ];
}

/** Spring Security's OAuth2 client properties for the emulator as provider `kakao`. */
export function springProperties(kakao: KakaoEmulator, options: KakaoEmulatorOptions): string[] {
  const oidc = options.oidc ?? true;
  const items = options.consentItems ?? ['profile_nickname', 'profile_image'];
  const scopes = [
    ...(oidc ? ['openid'] : []),
    ...['profile_nickname', 'profile_image'].filter((item) => items.includes(item)),
  ];
  const registration = 'spring.security.oauth2.client.registration.kakao';
  const provider = 'spring.security.oauth2.client.provider.kakao';
  const base = kakao.authBaseURL;
  return [
    `${registration}.client-id=${kakao.clientID}`,
    `${registration}.client-secret=${kakao.clientSecret ?? ''}`,
    `${registration}.client-authentication-method=client_secret_post`,
    `${registration}.authorization-grant-type=authorization_code`,
    `${registration}.redirect-uri=${pickRedirect(options.redirectURIs, SPRING_CALLBACK, `{baseUrl}${SPRING_CALLBACK}`)}`,
    `${registration}.scope=${scopes.join(',')}`,
    `${provider}.authorization-uri=${base}/oauth/authorize`,
    `${provider}.token-uri=${base}/oauth/token`,
    ...(oidc
      ? [
          `${provider}.user-info-uri=${kakao.apiBaseURL}/v1/oidc/userinfo`,
          `${provider}.user-name-attribute=sub`,
          `${provider}.jwk-set-uri=${base}/.well-known/jwks.json`,
          `${provider}.issuer-uri=${kakao.issuer}`,
        ]
      : [
          `${provider}.user-info-uri=${kakao.apiBaseURL}/v2/user/me`,
          `${provider}.user-name-attribute=id`,
        ]),
  ];
}

/** The option snippets of the banner; docs/emulator.md shows them verbatim (a test checks). */
export const NEST_SNIPPET = `KakaoAuthModule.forRoot({
  clientID: process.env.KAKAO_CLIENT_ID!,
  clientSecret: process.env.KAKAO_CLIENT_SECRET || undefined,
  callbackURL: process.env.KAKAO_CALLBACK_URL!,
  adminKey: process.env.KAKAO_ADMIN_KEY,
  authBaseURL: process.env.KAKAO_AUTH_BASE_URL, // unset = real Kakao
  apiBaseURL: process.env.KAKAO_API_BASE_URL,
})`;

export const EXPRESS_SNIPPET = `passport.use(new KakaoStrategy({
  clientID: process.env.KAKAO_CLIENT_ID!,
  clientSecret: process.env.KAKAO_CLIENT_SECRET || undefined,
  callbackURL: process.env.KAKAO_CALLBACK_URL!,
  authBaseURL: process.env.KAKAO_AUTH_BASE_URL, // unset = real Kakao
  apiBaseURL: process.env.KAKAO_API_BASE_URL,
}, (accessToken, refreshToken, profile, done) => done(null, { id: profile.id })));`;

/** The banner printed once the emulator listens; it ends with ready-to-paste configuration. */
export function describeEmulator(kakao: KakaoEmulator, context: BannerContext): string {
  const { options } = context;
  const approve = options.autoApprove;
  const base = kakao.authBaseURL;
  const lines = [
    'KakaoEmulator is running · 카카오 로그인 에뮬레이터 실행 중',
    '',
    `  authBaseURL    ${base}`,
    `  apiBaseURL     ${kakao.apiBaseURL}`,
    `  issuer         ${kakao.issuer}`,
    `  app id         ${kakao.appId}`,
    `  REST API key   ${kakao.clientID}   (client id)`,
    `  client secret  ${kakao.clientSecret === undefined ? '(off: not required)' : `${kakao.clientSecret}   (required at /oauth/token)`}`,
    `  admin key      ${kakao.adminKey}`,
    `  redirect URIs  ${options.redirectURIs?.join(', ') ?? '(any http(s) URI: none registered)'}`,
    `  consent        ${approve ? `auto-approve as ${approve === true ? 'the first user' : `user ${approve}`}` : `HTML page at ${base}/oauth/authorize`}`,
    `  config         ${context.configPath ?? '(defaults: no --config file)'}`,
    ...(context.caFile
      ? [`  CA (PEM)       ${context.caFile}   (trust it with the client's \`ca\` option)`]
      : []),
    '',
    '  users:',
    ...kakao.users.map(
      (user) =>
        `    ${user.id.padEnd(20)} ${(user.nickname ?? '').padEnd(6)} ${(user.email ?? '(no email)').padEnd(28)} ${user.linked ? 'linked' : 'not linked'}`,
    ),
    '',
    `  log page       ${base}/_emulator/`,
    `  control API    ${kakao.controlURL}   (Authorization: Bearer <control token>)`,
    `  control token  ${kakao.controlToken}`,
    '  control CLI    (in another terminal)',
    `    export KAKAO_EMULATOR_URL=${base} KAKAO_EMULATOR_CONTROL_TOKEN=${kakao.controlToken}`,
    '    npx nestjs-kakao-auth emulator users list',
    '',
    'Press Ctrl-C to stop. Requests are logged below (--quiet hides them).',
    '',
    '── Ready to paste · 붙여 넣어 쓰는 설정 ─────────────────────────────',
    '',
    '# .env for a NestJS or Express app (nestjs-kakao-auth)',
    ...envLines(kakao, options),
    '',
    '// NestJS (app.module.ts imports)',
    NEST_SNIPPET,
    '',
    '// Express (KakaoStrategy of nestjs-kakao-auth/passport)',
    EXPRESS_SNIPPET,
    '',
    '# Spring Security (application.properties)',
    ...springProperties(kakao, options),
    '',
  ];
  return lines.join('\n');
}

/** The one line for a port someone else holds. */
export function busyPortLine(port: number): string {
  return `Port ${port} is already in use (another emulator?): stop what listens there, or start with --port ${port + 1} (or --port 0 for any free port).`;
}
