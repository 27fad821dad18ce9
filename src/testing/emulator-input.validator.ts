import type { EmulatorFault } from './emulator-faults';
import type { EmulatorUserInit } from './emulator-users';

/**
 * Checks JSON that people write by hand (the config file, control API bodies). Every problem is
 * collected with the path of the bad field and what is expected, so one run shows them all.
 */
export class InputErrors {
  readonly messages: string[] = [];

  add(path: string, expected: string, got: unknown): void {
    this.messages.push(`${path}: expected ${expected}, got ${describe(got)}`);
  }

  note(path: string, message: string): void {
    this.messages.push(`${path}: ${message}`);
  }

  get ok(): boolean {
    return this.messages.length === 0;
  }
}

/** Thrown when a config file or a control API body does not hold. */
export class EmulatorInputError extends Error {
  constructor(
    readonly source: string,
    readonly problems: string[],
  ) {
    super(`${source} is not valid:\n${problems.map((problem) => `  - ${problem}`).join('\n')}`);
    this.name = new.target.name;
  }
}

export function describe(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'object') return 'an object';
  const text = JSON.stringify(value);
  return `${typeof value} ${text.length > 60 ? `${text.slice(0, 57)}...` : text}`;
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Reports keys that are not in `known` (typos like `redirectUris`). */
export function checkKeys(
  errors: InputErrors,
  path: string,
  value: Record<string, unknown>,
  known: readonly string[],
): void {
  for (const key of Object.keys(value)) {
    if (key.startsWith('$')) continue;
    if (!known.includes(key)) {
      const near = known.find((name) => name.toLowerCase() === key.toLowerCase());
      errors.note(
        `${path}.${key}`,
        near
          ? `unknown field; did you mean "${near}"?`
          : `unknown field (known: ${known.join(', ')})`,
      );
    }
  }
}

export function readString(
  errors: InputErrors,
  path: string,
  value: unknown,
  pattern?: { test: RegExp; expected: string },
): string | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'string' || value === '') {
    errors.add(path, pattern?.expected ?? 'a non-empty string', value);
    return undefined;
  }
  if (pattern && !pattern.test.test(value)) {
    errors.add(path, pattern.expected, value);
    return undefined;
  }
  return value;
}

export function readBoolean(
  errors: InputErrors,
  path: string,
  value: unknown,
): boolean | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'boolean') {
    errors.add(path, 'true or false', value);
    return undefined;
  }
  return value;
}

export function readInteger(
  errors: InputErrors,
  path: string,
  value: unknown,
  min: number,
  max: number,
): number | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    errors.add(path, `an integer from ${min} to ${max}`, value);
    return undefined;
  }
  return value;
}

export function readStringList(
  errors: InputErrors,
  path: string,
  value: unknown,
  pattern?: { test: RegExp; expected: string },
): string[] | undefined {
  if (value === undefined) return undefined;
  if (!Array.isArray(value)) {
    errors.add(path, `an array of ${pattern?.expected ?? 'strings'}`, value);
    return undefined;
  }
  const items = value.map((item, index) => readString(errors, `${path}[${index}]`, item, pattern));
  return items.every((item): item is string => item !== undefined) ? items : undefined;
}

export const ABSOLUTE_URL = {
  test: /^https?:\/\/[^\s/?#]+[^\s#]*$/,
  expected: 'an absolute http(s) URL without a #fragment',
};

/**
 * A Kakao user id (a Long). Written as a string it stays exact; a JSON number above 2^53 has
 * already lost digits when JSON.parse hands it over, so it is refused with the fix.
 */
export function readUserId(errors: InputErrors, path: string, value: unknown): string | undefined {
  if (value === undefined) return undefined;
  if (typeof value === 'number') {
    if (Number.isSafeInteger(value) && value > 0) return String(value);
    errors.note(
      path,
      `write the id as a string ("${String(value)}" was read as a number and may have lost digits: JSON numbers above 2^53 are rounded)`,
    );
    return undefined;
  }
  return readString(errors, path, value, {
    test: /^[1-9]\d{0,18}$/,
    expected: 'a Kakao user id: 1 to 19 digits, as a string (e.g. "1376016924426111111")',
  });
}

const USER_STRING_FIELDS = [
  'nickname',
  'profileImageURL',
  'thumbnailImageURL',
  'email',
  'name',
  'phoneNumber',
  'ci',
  'ciAuthenticatedAt',
  'connectedAt',
  'synchedAt',
  'forPartnerUuid',
] as const;
const USER_BOOLEAN_FIELDS = [
  'isDefaultImage',
  'isDefaultNickname',
  'isEmailValid',
  'isEmailVerified',
  'isLeapMonth',
  'linked',
  'hasSignedUp',
] as const;
const USER_PATTERNS = {
  ageRange: {
    test: /^(\d{1,2}~(\d{1,2})?)$/,
    expected: 'Kakao\'s age range with a tilde, e.g. "20~29"',
  },
  birthyear: { test: /^\d{4}$/, expected: 'a year "YYYY"' },
  birthday: { test: /^(0[1-9]|1[0-2])(0[1-9]|[12]\d|3[01])$/, expected: 'a day "MMDD"' },
} as const;
export const USER_FIELDS: readonly string[] = [
  'id',
  ...USER_STRING_FIELDS,
  ...USER_BOOLEAN_FIELDS,
  ...Object.keys(USER_PATTERNS),
  'gender',
  'birthdayType',
  'agreedScopes',
  'agreedServiceTerms',
  'properties',
  'shippingAddresses',
];

/**
 * A user as the config file and the control API write it (the fields of EmulatorUserInit).
 * `partial` is for updates: the id may not be given.
 */
export function readUserInit(
  errors: InputErrors,
  path: string,
  value: unknown,
  options: { partial?: boolean } = {},
): EmulatorUserInit | undefined {
  if (!isRecord(value)) {
    errors.add(path, 'an object describing a Kakao Account', value);
    return undefined;
  }
  checkKeys(errors, path, value, USER_FIELDS);
  const user: Record<string, unknown> = {};
  if (options.partial && value.id !== undefined)
    errors.note(`${path}.id`, 'a user id cannot change');
  else user.id = readUserId(errors, `${path}.id`, value.id);
  for (const key of USER_STRING_FIELDS)
    user[key] = readString(errors, `${path}.${key}`, value[key]);
  for (const key of USER_BOOLEAN_FIELDS)
    user[key] = readBoolean(errors, `${path}.${key}`, value[key]);
  for (const [key, pattern] of Object.entries(USER_PATTERNS))
    user[key] = readString(errors, `${path}.${key}`, value[key], pattern);
  user.gender = readString(errors, `${path}.gender`, value.gender, {
    test: /^(female|male)$/,
    expected: '"female" or "male"',
  });
  user.birthdayType = readString(errors, `${path}.birthdayType`, value.birthdayType, {
    test: /^(SOLAR|LUNAR)$/,
    expected: '"SOLAR" or "LUNAR"',
  });
  user.agreedScopes = readStringList(errors, `${path}.agreedScopes`, value.agreedScopes);
  user.agreedServiceTerms = readStringList(
    errors,
    `${path}.agreedServiceTerms`,
    value.agreedServiceTerms,
  );
  if (value.properties !== undefined) {
    const props = value.properties;
    if (!isRecord(props) || Object.values(props).some((v) => typeof v !== 'string'))
      errors.add(`${path}.properties`, 'an object of string values', props);
    else user.properties = { ...props };
  }
  if (value.shippingAddresses !== undefined) {
    if (!Array.isArray(value.shippingAddresses))
      errors.add(
        `${path}.shippingAddresses`,
        'an array of shipping addresses',
        value.shippingAddresses,
      );
    else user.shippingAddresses = value.shippingAddresses;
  }
  for (const key of Object.keys(user)) if (user[key] === undefined) delete user[key];
  return user as EmulatorUserInit;
}

const FAULT_FIELDS = [
  'latencyMs',
  'hang',
  'status',
  'body',
  'contentType',
  'reset',
  'malformedJson',
  'htmlError',
  'oversizedBytes',
  'kakaoError',
  'requiredScopes',
  'times',
] as const;

/** A fault as the control API takes it (the fields of EmulatorFault). */
export function readFault(
  errors: InputErrors,
  path: string,
  value: unknown,
): EmulatorFault | undefined {
  if (!isRecord(value)) {
    errors.add(
      path,
      'an object with fault fields (latencyMs, status, hang, kakaoError, ...)',
      value,
    );
    return undefined;
  }
  checkKeys(errors, path, value, FAULT_FIELDS);
  const fault: EmulatorFault = {
    latencyMs: readInteger(errors, `${path}.latencyMs`, value.latencyMs, 0, 600_000),
    hang: readBoolean(errors, `${path}.hang`, value.hang),
    status: readInteger(errors, `${path}.status`, value.status, 100, 599),
    body: value.body === undefined ? undefined : String(value.body),
    contentType: readString(errors, `${path}.contentType`, value.contentType),
    reset: readBoolean(errors, `${path}.reset`, value.reset),
    malformedJson: readBoolean(errors, `${path}.malformedJson`, value.malformedJson),
    htmlError: readBoolean(errors, `${path}.htmlError`, value.htmlError),
    oversizedBytes: readInteger(errors, `${path}.oversizedBytes`, value.oversizedBytes, 1, 1 << 30),
    requiredScopes: readStringList(errors, `${path}.requiredScopes`, value.requiredScopes),
    times: readInteger(errors, `${path}.times`, value.times, 1, 1_000_000),
  };
  const code = value.kakaoError;
  if (code !== undefined) {
    if (typeof code === 'string' && /^KOE\d{3}$/.test(code))
      fault.kakaoError = code as `KOE${number}`;
    else if (typeof code === 'number' && Number.isInteger(code) && code < 0)
      fault.kakaoError = code;
    else
      errors.add(
        `${path}.kakaoError`,
        'a KOE code ("KOE320") or a negative kapi code (-401)',
        code,
      );
  }
  for (const key of Object.keys(fault) as Array<keyof EmulatorFault>)
    if (fault[key] === undefined) delete fault[key];
  if (errors.ok && Object.keys(fault).filter((key) => key !== 'times').length === 0)
    errors.note(
      path,
      'a fault needs at least one effect (latencyMs, status, hang, reset, kakaoError, ...)',
    );
  return fault;
}
