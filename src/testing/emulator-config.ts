import {
  consentItemInfo,
  DEFAULT_CONSENT_ITEMS,
  DEFAULT_REQUIRED_CONSENT_ITEMS,
} from './consent-items.catalog';
import {
  ABSOLUTE_URL,
  EmulatorInputError,
  InputErrors,
  checkKeys,
  isRecord,
  readBoolean,
  readInteger,
  readString,
  readStringList,
  readUserInit,
} from './emulator-input.validator';
import type { EmulatorServiceTerm, KakaoEmulatorOptions } from './emulator-options';
import { DEFAULT_USERS, type EmulatorUserInit } from './emulator-users';

/**
 * Consent items a Kakao app can only set once it is a business app (비즈 앱). Kakao's console
 * decides this; the list follows it as reported (supabase/supabase#36878 for account_email) and
 * is UNCONFIRMED item by item. A non-business app cannot configure them, so asking for one
 * gives KOE205, as on Kakao.
 */
export const BUSINESS_ONLY_CONSENT_ITEMS: readonly string[] = [
  'account_email',
  'name',
  'phone_number',
  'birthyear',
  'account_ci',
  'shipping_address',
];

const TOP_KEYS = ['port', 'https', 'autoApprove', 'controlToken', 'app', 'users'] as const;
const APP_KEYS = [
  'appId',
  'restApiKey',
  'javascriptKey',
  'nativeAppKey',
  'adminKey',
  'clientSecret',
  'business',
  'redirectURIs',
  'logoutRedirectURIs',
  'webhookURL',
  'webhookMethod',
  'consentItems',
  'serviceTerms',
  'userPropertyKeys',
  'oidc',
  'requirePkce',
  'basicClientAuth',
  'autoLink',
  'accessTokenTtlSec',
  'refreshTokenTtlSec',
  'rateLimit',
] as const;

const KEY = { test: /^[\x21-\x7e]{1,200}$/, expected: 'a key of printable ASCII without spaces' };

function isKnownConsentItem(id: string): boolean {
  return consentItemInfo(id).displayName !== id;
}

function readConsentItems(
  errors: InputErrors,
  value: unknown,
  business: boolean,
): { items: string[]; required: string[] } | undefined {
  const path = 'app.consentItems';
  if (value === undefined) {
    const items = DEFAULT_CONSENT_ITEMS.filter(
      (id) => business || !BUSINESS_ONLY_CONSENT_ITEMS.includes(id),
    );
    return { items, required: DEFAULT_REQUIRED_CONSENT_ITEMS.filter((id) => items.includes(id)) };
  }
  if (!isRecord(value)) {
    errors.add(path, 'an object of consent item → "required" | "optional"', value);
    return undefined;
  }
  const items: string[] = [];
  const required: string[] = [];
  for (const [id, setting] of Object.entries(value)) {
    const at = `${path}.${id}`;
    if (id === 'openid') {
      errors.note(at, 'openid is not a consent item; switch OpenID Connect with app.oidc');
      continue;
    }
    if (!isKnownConsentItem(id)) {
      errors.note(
        at,
        `unknown consent item (Kakao's ids: ${DEFAULT_CONSENT_ITEMS.join(', ')}, profile, account_ci, talk_message, friends, plusfriends)`,
      );
      continue;
    }
    if (setting !== 'required' && setting !== 'optional') {
      errors.add(at, '"required" or "optional"', setting);
      continue;
    }
    if (!business && BUSINESS_ONLY_CONSENT_ITEMS.includes(id)) {
      errors.note(
        at,
        'only a business app can set this item; set app.business to true or remove it (a non-business app asking for it gets KOE205)',
      );
      continue;
    }
    items.push(id);
    if (setting === 'required') required.push(id);
  }
  return { items, required };
}

function readServiceTerms(errors: InputErrors, value: unknown): EmulatorServiceTerm[] | undefined {
  if (value === undefined) return undefined;
  const path = 'app.serviceTerms';
  if (!Array.isArray(value)) {
    errors.add(path, 'an array of { "tag": "...", "required": true | false }', value);
    return undefined;
  }
  return value.flatMap((term, index) => {
    const at = `${path}[${index}]`;
    if (!isRecord(term)) {
      errors.add(at, '{ "tag": "...", "required": true | false }', term);
      return [];
    }
    checkKeys(errors, at, term, ['tag', 'required']);
    const tag = readString(errors, `${at}.tag`, term.tag);
    if (term.tag === undefined) errors.add(`${at}.tag`, 'the service terms tag', undefined);
    const required = readBoolean(errors, `${at}.required`, term.required) ?? false;
    return tag ? [{ tag, required }] : [];
  });
}

function readApp(errors: InputErrors, value: unknown, options: KakaoEmulatorOptions) {
  if (value === undefined) return { consentItems: DEFAULT_CONSENT_ITEMS, serviceTags: undefined };
  if (!isRecord(value)) {
    errors.add('app', 'an object describing the Kakao app', value);
    return undefined;
  }
  checkKeys(errors, 'app', value, APP_KEYS);
  options.appId = readString(errors, 'app.appId', value.appId, {
    test: /^\d{1,19}$/,
    expected: 'the app id in digits, as a string (e.g. "1000001")',
  });
  options.clientID = readString(errors, 'app.restApiKey', value.restApiKey, KEY);
  options.javascriptKey = readString(errors, 'app.javascriptKey', value.javascriptKey, KEY);
  options.nativeAppKey = readString(errors, 'app.nativeAppKey', value.nativeAppKey, KEY);
  options.adminKey = readString(errors, 'app.adminKey', value.adminKey, KEY);
  if (value.clientSecret !== null)
    options.clientSecret = readString(errors, 'app.clientSecret', value.clientSecret, {
      test: KEY.test,
      expected: 'the client secret (or null: client secret off)',
    });
  const business = readBoolean(errors, 'app.business', value.business) ?? true;
  options.redirectURIs = readStringList(
    errors,
    'app.redirectURIs',
    value.redirectURIs,
    ABSOLUTE_URL,
  );
  options.logoutRedirectURIs = readStringList(
    errors,
    'app.logoutRedirectURIs',
    value.logoutRedirectURIs,
    ABSOLUTE_URL,
  );
  options.webhookURL = readString(errors, 'app.webhookURL', value.webhookURL, ABSOLUTE_URL);
  options.webhookMethod = readString(errors, 'app.webhookMethod', value.webhookMethod, {
    test: /^(GET|POST)$/,
    expected: '"GET" or "POST"',
  }) as 'GET' | 'POST' | undefined;
  const consent = readConsentItems(errors, value.consentItems, business);
  if (consent && (value.consentItems !== undefined || !business)) {
    options.consentItems = consent.items;
    options.requiredConsentItems = consent.required;
  }
  options.serviceTerms = readServiceTerms(errors, value.serviceTerms);
  options.userPropertyKeys = readStringList(errors, 'app.userPropertyKeys', value.userPropertyKeys);
  options.oidc = readBoolean(errors, 'app.oidc', value.oidc);
  options.requirePkce = readBoolean(errors, 'app.requirePkce', value.requirePkce);
  options.basicClientAuth = readString(errors, 'app.basicClientAuth', value.basicClientAuth, {
    test: /^(reject|accept)$/,
    expected: '"reject" or "accept"',
  }) as 'reject' | 'accept' | undefined;
  options.autoLink = readBoolean(errors, 'app.autoLink', value.autoLink);
  const ttl = (key: 'accessTokenTtlSec' | 'refreshTokenTtlSec') =>
    readInteger(errors, `app.${key}`, value[key], 1, 10 * 365 * 86400);
  options.accessTokenTtlSec = ttl('accessTokenTtlSec');
  options.refreshTokenTtlSec = ttl('refreshTokenTtlSec');
  if (value.rateLimit !== undefined) {
    const limit = value.rateLimit;
    if (!isRecord(limit))
      errors.add('app.rateLimit', '{ "tokenPerMinute"?, "userIdsPerMinute"? }', limit);
    else {
      checkKeys(errors, 'app.rateLimit', limit, ['tokenPerMinute', 'userIdsPerMinute']);
      options.rateLimit = {
        tokenPerMinute: readInteger(
          errors,
          'app.rateLimit.tokenPerMinute',
          limit.tokenPerMinute,
          1,
          1e6,
        ),
        userIdsPerMinute: readInteger(
          errors,
          'app.rateLimit.userIdsPerMinute',
          limit.userIdsPerMinute,
          1,
          1e6,
        ),
      };
    }
  }
  return {
    consentItems: consent?.items ?? DEFAULT_CONSENT_ITEMS,
    serviceTags: options.serviceTerms?.map((term) => term.tag),
  };
}

function readUsers(
  errors: InputErrors,
  value: unknown,
  consentItems: readonly string[],
  serviceTags: readonly string[] | undefined,
): EmulatorUserInit[] | undefined {
  if (value === undefined) return undefined;
  if (!Array.isArray(value)) {
    errors.add('users', 'an array of Kakao Accounts', value);
    return undefined;
  }
  const seen = new Set<string>();
  return value.flatMap((item, index) => {
    const path = `users[${index}]`;
    const user = readUserInit(errors, path, item);
    if (!user) return [];
    if (user.id !== undefined) {
      if (seen.has(user.id)) errors.note(`${path}.id`, `duplicate id ${user.id}`);
      seen.add(user.id);
    }
    (user.agreedScopes ?? []).forEach((scope, at) => {
      if (!consentItems.includes(scope))
        errors.note(
          `${path}.agreedScopes[${at}]`,
          `"${scope}" is not a consent item of the app (app.consentItems: ${consentItems.join(', ') || 'none'})`,
        );
    });
    const tags = serviceTags ?? ['service_terms_2024', 'marketing_2024'];
    (user.agreedServiceTerms ?? []).forEach((tag, at) => {
      if (typeof tag === 'string' && !tags.includes(tag))
        errors.note(
          `${path}.agreedServiceTerms[${at}]`,
          `"${tag}" is not a service terms tag of the app (app.serviceTerms: ${tags.join(', ') || 'none'})`,
        );
    });
    return [user];
  });
}

/**
 * Reads a kakao-emulator.json (see docs/emulator.md "Config file") into start() options.
 * Every field is optional: `{}` is the default app with the default users. Throws an
 * EmulatorInputError listing every bad field, with its path and what is expected.
 */
export function parseEmulatorConfig(
  text: string,
  source = 'The config file',
): KakaoEmulatorOptions {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new EmulatorInputError(source, [`not JSON: ${(error as Error).message}`]);
  }
  const errors = new InputErrors();
  if (!isRecord(value)) {
    errors.add('(top level)', 'a JSON object with "app" and "users"', value);
    throw new EmulatorInputError(source, errors.messages);
  }
  checkKeys(errors, '(top level)', value, TOP_KEYS);
  const options: KakaoEmulatorOptions = {
    port: readInteger(errors, 'port', value.port, 0, 65535),
    https: readBoolean(errors, 'https', value.https),
    controlToken: readString(errors, 'controlToken', value.controlToken, {
      test: /^[A-Za-z0-9._~+/=-]{16,200}$/,
      expected: 'a token of 16+ URL-safe characters',
    }),
  };
  const app = readApp(errors, value.app, options);
  const users = readUsers(errors, value.users, app?.consentItems ?? [], app?.serviceTags);
  if (users) options.users = users;
  const approve = value.autoApprove;
  if (approve !== undefined) {
    if (typeof approve === 'boolean') options.autoApprove = approve;
    else if (typeof approve === 'string') {
      const ids = [
        ...new Set((users ?? DEFAULT_USERS).flatMap((user) => (user.id ? [user.id] : []))),
      ];
      if (!ids.includes(approve))
        errors.note('autoApprove', `no user "${approve}" (users: ${ids.join(', ')})`);
      options.autoApprove = approve;
    } else errors.add('autoApprove', 'true, false or a user id (string)', approve);
  }
  if (!errors.ok) throw new EmulatorInputError(source, errors.messages);
  for (const key of Object.keys(options) as Array<keyof KakaoEmulatorOptions>)
    if (options[key] === undefined) delete options[key];
  return options;
}
