/**
 * `nestjs-kakao-auth emulator <users|fault|webhook|tokens|reset|state> ...`: the control API of a
 * running emulator from the command line. One HTTP call per command.
 */

export const CONTROL_COMMANDS = ['users', 'fault', 'webhook', 'tokens', 'reset', 'state'] as const;

export const CONTROL_USAGE = `Control a running emulator (its banner prints the URL and the control token):

  nestjs-kakao-auth emulator users list
  nestjs-kakao-auth emulator users add [--id <id>] [--nickname <n>] [--email <e>] [--not-linked]
                                       [--agreed <item,item>] [--json '<user JSON>']
  nestjs-kakao-auth emulator users update <id> [the same flags]
  nestjs-kakao-auth emulator fault set '<METHOD /path>' [--latency <ms>] [--status <n>] [--hang]
                                       [--reset] [--bad-json] [--html] [--huge <bytes>] [--rate-limit]
                                       [--koe <KOE320>] [--kakao-error <-401>] [--times <n>]
  nestjs-kakao-auth emulator fault clear ['<METHOD /path>']
  nestjs-kakao-auth emulator fault list
  nestjs-kakao-auth emulator webhook unlink <userId> [--referrer-type <type>] [--webhook-url <URL>]
  nestjs-kakao-auth emulator webhook <kind> [<userId>] [--json '<body JSON>']
  nestjs-kakao-auth emulator tokens revoke <userId>
  nestjs-kakao-auth emulator tokens expire-refresh <userId>
  nestjs-kakao-auth emulator reset
  nestjs-kakao-auth emulator state

  --url <base URL>        the emulator (default: $KAKAO_EMULATOR_URL or http://127.0.0.1:4010)
  --control-token <t>     default: $KAKAO_EMULATOR_CONTROL_TOKEN
`;

const VALUE_FLAGS = new Set([
  '--url',
  '--control-token',
  '--id',
  '--nickname',
  '--email',
  '--name',
  '--gender',
  '--age-range',
  '--birthday',
  '--birthyear',
  '--phone',
  '--agreed',
  '--json',
  '--latency',
  '--status',
  '--huge',
  '--koe',
  '--kakao-error',
  '--times',
  '--body',
  '--content-type',
  '--referrer-type',
  '--webhook-url',
  '--method',
]);
const BOOLEAN_FLAGS = new Set([
  '--linked',
  '--not-linked',
  '--hang',
  '--reset',
  '--bad-json',
  '--html',
  '--rate-limit',
]);

/** One HTTP call to the control API. */
export interface ControlCall {
  method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
  /** Path under /_emulator/api. */
  path: string;
  body?: Record<string, unknown>;
  baseURL: string;
  token: string | undefined;
}

function parseFlags(argv: string[]): { positionals: string[]; flags: Map<string, string | true> } {
  const positionals: string[] = [];
  const flags = new Map<string, string | true>();
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i];
    if (VALUE_FLAGS.has(arg)) {
      const value = argv[i + 1];
      if (value === undefined) throw new Error(`${arg} needs a value`);
      flags.set(arg, value);
      i += 1;
    } else if (BOOLEAN_FLAGS.has(arg)) flags.set(arg, true);
    else if (arg.startsWith('--')) throw new Error(`Unknown option: ${arg}`);
    else positionals.push(arg);
  }
  return { positionals, flags };
}

function text(flags: Map<string, string | true>, name: string): string | undefined {
  const value = flags.get(name);
  return typeof value === 'string' ? value : undefined;
}

function integer(flags: Map<string, string | true>, name: string): number | undefined {
  const value = text(flags, name);
  if (value === undefined) return undefined;
  const number = Number(value);
  if (!Number.isInteger(number)) throw new Error(`${name} must be an integer, got "${value}"`);
  return number;
}

function userBody(flags: Map<string, string | true>): Record<string, unknown> {
  let body: Record<string, unknown> = {};
  const json = text(flags, '--json');
  if (json !== undefined) {
    try {
      body = JSON.parse(json) as Record<string, unknown>;
    } catch {
      throw new Error('--json must be a JSON object, e.g. \'{"nickname":"홍길동"}\'');
    }
  }
  const fields: Array<[string, string]> = [
    ['--id', 'id'],
    ['--nickname', 'nickname'],
    ['--email', 'email'],
    ['--name', 'name'],
    ['--gender', 'gender'],
    ['--age-range', 'ageRange'],
    ['--birthday', 'birthday'],
    ['--birthyear', 'birthyear'],
    ['--phone', 'phoneNumber'],
  ];
  for (const [flag, field] of fields) {
    const value = text(flags, flag);
    if (value !== undefined) body[field] = value;
  }
  if (flags.has('--linked')) body.linked = true;
  if (flags.has('--not-linked')) body.linked = false;
  const agreed = text(flags, '--agreed');
  if (agreed !== undefined) body.agreedScopes = agreed.split(/[\s,]+/).filter(Boolean);
  return body;
}

function faultBody(endpoint: string, flags: Map<string, string | true>): Record<string, unknown> {
  const fault: Record<string, unknown> = {
    latencyMs: integer(flags, '--latency'),
    status: integer(flags, '--status'),
    hang: flags.has('--hang') || undefined,
    reset: flags.has('--reset') || undefined,
    malformedJson: flags.has('--bad-json') || undefined,
    htmlError: flags.has('--html') || undefined,
    oversizedBytes: integer(flags, '--huge'),
    times: integer(flags, '--times'),
    body: text(flags, '--body'),
    contentType: text(flags, '--content-type'),
  };
  const koe = text(flags, '--koe');
  const code = integer(flags, '--kakao-error');
  if (flags.has('--rate-limit')) {
    // Kakao's rate limits: KOE237 at kauth, -10 (429) at kapi (reference §1.2, §1.3).
    const path = endpoint.replace(/^[A-Za-z]+\s+/, '');
    fault.kakaoError = path.startsWith('/oauth') ? 'KOE237' : -10;
  }
  if (koe !== undefined) fault.kakaoError = koe.toUpperCase();
  if (code !== undefined) fault.kakaoError = code;
  for (const key of Object.keys(fault)) if (fault[key] === undefined) delete fault[key];
  return { endpoint, fault };
}

/** Turns `emulator <command> ...` argv (after "emulator") into one control API call. */
export function parseControlCommand(argv: string[], env: NodeJS.ProcessEnv): ControlCall {
  const [command, ...rest] = argv;
  const { positionals, flags } = parseFlags(rest);
  const baseURL = (
    text(flags, '--url') ??
    env.KAKAO_EMULATOR_URL ??
    'http://127.0.0.1:4010'
  ).replace(/\/+$/, '');
  const token = text(flags, '--control-token') ?? env.KAKAO_EMULATOR_CONTROL_TOKEN;
  const call = (method: ControlCall['method'], path: string, body?: Record<string, unknown>) => ({
    method,
    path,
    body,
    baseURL,
    token,
  });
  const [sub, ...args] = positionals;
  const needId = (what: string) => {
    if (!args[0]) throw new Error(`${what} needs a user id`);
    return args[0];
  };
  switch (`${command} ${command === 'reset' || command === 'state' ? '' : (sub ?? '')}`.trim()) {
    case 'users list':
      return call('GET', '/users');
    case 'users add':
      return call('POST', '/users', userBody(flags));
    case 'users update':
      return call('PATCH', `/users/${encodeURIComponent(needId('users update'))}`, userBody(flags));
    case 'fault set': {
      const endpoint = args.join(' ');
      if (!endpoint) throw new Error("fault set needs an endpoint, e.g. 'POST /oauth/token'");
      return call('PUT', '/faults', faultBody(endpoint, flags));
    }
    case 'fault clear':
      return call('DELETE', '/faults', args.length ? { endpoint: args.join(' ') } : {});
    case 'fault list':
      return call('GET', '/faults');
    case 'webhook unlink':
      return call('POST', '/webhooks/unlink', {
        userId: needId('webhook unlink'),
        ...(text(flags, '--referrer-type') ? { referrerType: text(flags, '--referrer-type') } : {}),
        ...(text(flags, '--webhook-url') ? { url: text(flags, '--webhook-url') } : {}),
        ...(text(flags, '--method') ? { method: text(flags, '--method') } : {}),
      });
    case 'tokens revoke':
      return call('POST', '/tokens/revoke', { userId: needId('tokens revoke') });
    case 'tokens expire-refresh':
      return call('POST', '/tokens/expire-refresh', { userId: needId('tokens expire-refresh') });
    case 'reset':
      return call('POST', '/reset');
    case 'state':
      return call('GET', '/state');
    default:
      // Other webhook kinds the control API knows: the body is --json plus the user id.
      if (command === 'webhook' && sub && /^[a-z][a-z0-9-]*$/.test(sub)) {
        return call('POST', `/webhooks/${sub}`, {
          ...userBody(new Map([...flags].filter(([flag]) => flag === '--json'))),
          ...(args[0] ? { userId: args[0] } : {}),
        });
      }
      throw new Error(`Unknown emulator command: ${argv.join(' ')}`);
  }
}

interface Problem {
  message?: string;
  problems?: string[];
}

/** Runs the call; prints the answer (JSON) or one clear error. Returns the exit code. */
export async function runControlCall(
  call: ControlCall,
  out: (line: string) => void,
  err: (line: string) => void,
): Promise<number> {
  if (!call.token) {
    err(
      'No control token: pass --control-token <token> or set KAKAO_EMULATOR_CONTROL_TOKEN (the emulator prints it at start).',
    );
    return 2;
  }
  let response: Response;
  try {
    response = await fetch(`${call.baseURL}/_emulator/api${call.path}`, {
      method: call.method,
      headers: {
        authorization: `Bearer ${call.token}`,
        ...(call.body ? { 'content-type': 'application/json' } : {}),
      },
      body: call.body ? JSON.stringify(call.body) : undefined,
    });
  } catch {
    err(
      `No emulator answers at ${call.baseURL}: start one (npx nestjs-kakao-auth emulator) or point --url / KAKAO_EMULATOR_URL at it.`,
    );
    return 1;
  }
  const body = await response.text();
  if (!response.ok) {
    let parsed: Problem = {};
    try {
      parsed = JSON.parse(body) as Problem;
    } catch {
      parsed = { message: body };
    }
    err(`${response.status}: ${parsed.message ?? body}`);
    for (const problem of parsed.problems ?? []) err(`  - ${problem}`);
    return 1;
  }
  out(body);
  return 0;
}
