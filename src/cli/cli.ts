#!/usr/bin/env node
/**
 * `nestjs-kakao-auth emulator`: runs the KakaoEmulator until Ctrl-C and prints what an app
 * needs to use it (base URLs, keys, users).
 */
import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { KakaoEmulator } from '../testing';
import type { KakaoEmulatorOptions } from '../testing';

const USAGE = `Usage: nestjs-kakao-auth emulator [options]

Runs a local Kakao (kauth + kapi) on 127.0.0.1 until Ctrl-C.

Options:
  --port <n>              port (default: a free one)
  --https                 serve HTTPS with a generated self-signed certificate
  --client-id <key>       REST API key (default: emulator-rest-api-key)
  --client-secret <s>     require this client_secret at /oauth/token
  --admin-key <key>       admin key (default: emulator-admin-key)
  --auto-approve [id]     skip the consent page: approve as the first user, or as user <id>
  -h, --help              show this help
`;

export interface CliArguments {
  command: string | undefined;
  help: boolean;
  options: KakaoEmulatorOptions;
}

/** Parses argv (without node and the script); throws with a readable message on bad input. */
export function parseArguments(argv: string[]): CliArguments {
  const options: KakaoEmulatorOptions = {};
  let command: string | undefined;
  let help = false;
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i];
    const value = (): string => {
      const next = argv[i + 1];
      if (next === undefined || next.startsWith('--')) throw new Error(`${arg} needs a value`);
      i += 1;
      return next;
    };
    switch (arg) {
      case '-h':
      case '--help':
        help = true;
        break;
      case '--port': {
        const port = Number(value());
        if (!Number.isInteger(port) || port < 0 || port > 65535)
          throw new Error('--port must be 0-65535');
        options.port = port;
        break;
      }
      case '--https':
        options.https = true;
        break;
      case '--client-id':
        options.clientID = value();
        break;
      case '--client-secret':
        options.clientSecret = value();
        break;
      case '--admin-key':
        options.adminKey = value();
        break;
      case '--auto-approve': {
        const next = argv[i + 1];
        if (next === undefined || next.startsWith('--')) {
          options.autoApprove = true;
        } else {
          i += 1;
          options.autoApprove = next === 'true' ? true : next === 'false' ? false : next;
        }
        break;
      }
      default:
        if (arg.startsWith('-') || command !== undefined)
          throw new Error(`Unknown argument: ${arg}`);
        command = arg;
    }
  }
  return { command, help, options };
}

/** What the CLI prints once the emulator listens. Keys given on the command line are not echoed. */
export function describeEmulator(
  kakao: KakaoEmulator,
  options: KakaoEmulatorOptions,
  caFile?: string,
): string {
  const shown = (value: string, given: string | undefined) =>
    given === undefined ? value : '(as given)';
  const approve = options.autoApprove;
  const lines = [
    'KakaoEmulator is running (Kakao Login on localhost).',
    '',
    `  authBaseURL    ${kakao.authBaseURL}`,
    `  apiBaseURL     ${kakao.apiBaseURL}`,
    `  issuer         ${kakao.issuer}`,
    `  client id      ${shown(kakao.clientID, options.clientID)}   (REST API key)`,
    `  client secret  ${kakao.clientSecret === undefined ? '(none: not required)' : '(as given: required)'}`,
    `  admin key      ${shown(kakao.adminKey, options.adminKey)}`,
    `  app id         ${kakao.appId}`,
    `  consent        ${approve ? `auto-approve as ${approve === true ? 'the first user' : `user ${approve}`}` : `HTML page at ${kakao.authBaseURL}/oauth/authorize`}`,
    ...(caFile ? [`  CA (PEM)       ${caFile}   (trust it with the client's \`ca\` option)`] : []),
    '',
    '  users:',
    ...kakao.users.map(
      (user) =>
        `    ${user.id.padEnd(20)} ${(user.nickname ?? '').padEnd(6)} ${(user.email ?? '(no email)').padEnd(28)} ${user.linked ? 'linked' : 'not linked'}`,
    ),
    '',
    'Press Ctrl-C to stop.',
  ];
  return lines.join('\n');
}

export async function main(argv: string[]): Promise<number> {
  let parsed: CliArguments;
  try {
    parsed = parseArguments(argv);
  } catch (error) {
    console.error(`${(error as Error).message}\n\n${USAGE}`);
    return 2;
  }
  if (parsed.help || parsed.command !== 'emulator') {
    (parsed.help ? console.log : console.error)(USAGE);
    return parsed.help ? 0 : 2;
  }
  const kakao = await KakaoEmulator.start(parsed.options);
  let caFile: string | undefined;
  if (kakao.caPem) {
    caFile = join(tmpdir(), `kakao-emulator-ca-${new URL(kakao.authBaseURL).port}.pem`);
    writeFileSync(caFile, kakao.caPem);
  }
  console.log(describeEmulator(kakao, parsed.options, caFile));
  await new Promise<void>((resolve) => {
    const shutdown = () => resolve();
    process.once('SIGINT', shutdown);
    process.once('SIGTERM', shutdown);
  });
  await kakao.stop();
  console.log('KakaoEmulator stopped.');
  return 0;
}

if (require.main === module) {
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (error: unknown) => {
      console.error(error);
      process.exit(1);
    },
  );
}
