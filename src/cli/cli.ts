#!/usr/bin/env node
/**
 * `nestjs-kakao-auth emulator`: runs the KakaoEmulator until Ctrl-C, prints what an app needs to
 * use it and logs every request; `nestjs-kakao-auth emulator <command>` drives a running one.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { KakaoEmulator, KakaoEmulatorOptions } from '../testing';
import { busyPortLine, describeEmulator } from './emulator-banner';
import {
  CONTROL_COMMANDS,
  CONTROL_USAGE,
  parseControlCommand,
  runControlCall,
} from './emulator-control.command';

/** The CLI's port when neither a flag nor the config file sets one: stable URLs to paste. */
export const DEFAULT_CLI_PORT = 4010;

const USAGE = `Usage: nestjs-kakao-auth emulator [options]

Runs a local Kakao (kauth + kapi) on 127.0.0.1 until Ctrl-C.

Options:
  --config <file>         kakao-emulator.json: app, keys, redirect URIs, consent items, users
  --port <n>              port (default: ${DEFAULT_CLI_PORT}; 0 = any free port)
  --https                 serve HTTPS with a generated self-signed certificate
  --client-id <key>       REST API key (default: emulator-rest-api-key)
  --client-secret <s>     require this client_secret at /oauth/token
  --admin-key <key>       admin key (default: emulator-admin-key)
  --auto-approve [id]     skip the consent page: approve as the first user, or as user <id>
  --control-token <t>     token of the control API (default: $KAKAO_EMULATOR_CONTROL_TOKEN or random)
  -q, --quiet             do not log requests
  -h, --help              show this help

${CONTROL_USAGE}`;

export interface CliArguments {
  command: string | undefined;
  help: boolean;
  /** Options given as flags (they win over the config file). */
  options: KakaoEmulatorOptions;
  configPath?: string;
  quiet: boolean;
}

/** Parses argv (without node and the script); throws with a readable message on bad input. */
export function parseArguments(argv: string[]): CliArguments {
  const options: KakaoEmulatorOptions = {};
  let command: string | undefined;
  let help = false;
  let quiet = false;
  let configPath: string | undefined;
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
      case '-q':
      case '--quiet':
        quiet = true;
        break;
      case '--config':
        configPath = value();
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
      case '--control-token':
        options.controlToken = value();
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
  return { command, help, options, quiet, ...(configPath ? { configPath } : {}) };
}

/** Reads and checks the config file; a readable message (field paths) when it does not hold. */
async function loadConfig(path: string): Promise<KakaoEmulatorOptions> {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new Error(
      `Cannot read the config file ${path} (${(error as NodeJS.ErrnoException).code ?? 'error'}): check the path, or start without --config for the defaults.`,
    );
  }
  const { parseEmulatorConfig } = await import('../testing/emulator-config');
  return parseEmulatorConfig(text, path);
}

function isControlCommand(argv: string[]): boolean {
  return argv[0] === 'emulator' && (CONTROL_COMMANDS as readonly string[]).includes(argv[1]);
}

export async function main(argv: string[]): Promise<number> {
  if (isControlCommand(argv)) {
    try {
      const call = parseControlCommand(argv.slice(1), process.env);
      return await runControlCall(call, console.log, console.error);
    } catch (error) {
      console.error(`${(error as Error).message}\n\n${CONTROL_USAGE}`);
      return 2;
    }
  }
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
  let fileOptions: KakaoEmulatorOptions = {};
  try {
    if (parsed.configPath) fileOptions = await loadConfig(parsed.configPath);
  } catch (error) {
    console.error((error as Error).message);
    return 2;
  }
  const colour = Boolean(process.stdout.isTTY) && !process.env.NO_COLOR;
  const [{ KakaoEmulator }, { formatRequestLine }] = await Promise.all([
    import('../testing/kakao-emulator'),
    import('../testing/emulator-request.log'),
  ]);
  const options: KakaoEmulatorOptions = {
    ...fileOptions,
    ...parsed.options,
    port: parsed.options.port ?? fileOptions.port ?? DEFAULT_CLI_PORT,
    controlToken:
      parsed.options.controlToken ??
      fileOptions.controlToken ??
      (process.env.KAKAO_EMULATOR_CONTROL_TOKEN || undefined),
    onRequest: parsed.quiet
      ? undefined
      : (record) => console.log(formatRequestLine(record, colour)),
  };
  let kakao: KakaoEmulator;
  try {
    kakao = await KakaoEmulator.start(options);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EADDRINUSE') {
      console.error(busyPortLine(options.port!));
      return 1;
    }
    throw error;
  }
  let caFile: string | undefined;
  if (kakao.caPem) {
    caFile = join(tmpdir(), `kakao-emulator-ca-${new URL(kakao.authBaseURL).port}.pem`);
    writeFileSync(caFile, kakao.caPem);
  }
  console.log(describeEmulator(kakao, { options, configPath: parsed.configPath, caFile }));
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
