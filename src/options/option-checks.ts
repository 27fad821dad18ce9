import { KakaoConfigError } from '../errors/kakao-config.error';

/**
 * One set of option checks for every entry point (KakaoStrategy, KakaoApiClient,
 * KakaoAuthModule, KakaoTokenVerifier, the webhook verifiers), so that one value gets one
 * verdict wherever it is passed. Each check throws `KakaoConfigError` prefixed with the owner
 * ("KakaoStrategy: …") and saying how to fix the value; none echoes a value that may hold a
 * secret.
 */

/** The class or function whose options are checked, e.g. `'KakaoStrategy'`. */
export type OptionOwner = string;

export function configError(owner: OptionOwner, message: string): KakaoConfigError {
  return new KakaoConfigError(`${owner}: ${message}`);
}

function fail(owner: OptionOwner, message: string): never {
  throw configError(owner, message);
}

/** A short, quoted rendering of a bad value for a message (never called for secrets). */
function shown(value: unknown): string {
  if (typeof value === 'number' || typeof value === 'bigint') return String(value);
  return String(JSON.stringify(value) ?? typeof value).slice(0, 80);
}

/** A required string with something in it, e.g. `clientID`. */
export function nonEmptyString(
  owner: OptionOwner,
  name: string,
  value: unknown,
  fix: string,
): string {
  if (typeof value !== 'string' || !value.trim()) fail(owner, `${name} is required: ${fix}`);
  return value as string;
}

/** An optional string; `''` counts as left out. */
export function optionalString(
  owner: OptionOwner,
  name: string,
  value: unknown,
): string | undefined {
  if (value === undefined || value === '') return undefined;
  if (typeof value !== 'string') fail(owner, `${name} must be a string, or left out`);
  return value as string;
}

/** True for an absolute http: or https: URL. */
export function isAbsoluteHttpURL(value: unknown): value is string {
  if (typeof value !== 'string') return false;
  try {
    const { protocol } = new URL(value);
    return protocol === 'https:' || protocol === 'http:';
  } catch {
    return false;
  }
}

/** An absolute http(s) URL (callback, token or JWKS URL); returned as given. */
export function absoluteURL(
  owner: OptionOwner,
  name: string,
  value: unknown,
  example: string,
): string {
  if (!isAbsoluteHttpURL(value))
    fail(owner, `${name} must be an absolute http(s) URL (got ${shown(value)}): ${example}`);
  return value as string;
}

/**
 * A Kakao server's base URL (`authBaseURL`, `apiBaseURL`): absolute http(s), without query,
 * fragment or credentials (paths are appended to it, and user:password would be sent to every
 * endpoint and logged with it); `fallback` when left out (undefined or null). Returned without a
 * trailing slash.
 */
export function baseURL(
  owner: OptionOwner,
  name: string,
  value: unknown,
  fallback: string,
): string {
  // null too: KakaoStrategy always took it as "left out" (config loaders give null for unset).
  if (value === undefined || value === null) return fallback;
  const fix = `set ${name} to an absolute http(s) URL without query or credentials, e.g. ${fallback} (or the KakaoEmulator's ${name}), or leave it out`;
  let url: URL | undefined;
  try {
    url = typeof value === 'string' ? new URL(value) : undefined;
  } catch {
    url = undefined;
  }
  if (!url || (url.protocol !== 'http:' && url.protocol !== 'https:'))
    fail(owner, `${name} must be an absolute http(s) URL; ${fix}`);
  if (url.username || url.password) fail(owner, `${name} must not contain credentials; ${fix}`);
  const text = value as string;
  if (url.search || url.hash || text.includes('?') || text.includes('#'))
    fail(owner, `${name} must not have a query or fragment; ${fix}`);
  return url.href.replace(/\/+$/, '');
}

/** Bounds of a number option; `above` is an exclusive lower bound, `min` an inclusive one. */
export interface NumberBounds {
  above?: number;
  min?: number;
  max?: number;
  /** What the number counts, for the message: `'seconds'`, `'milliseconds'`, `'bytes'`. */
  unit?: string;
}

/** A finite number within `bounds`; `fallback` when left out. */
export function numberOption<F extends number | undefined>(
  owner: OptionOwner,
  name: string,
  value: unknown,
  fallback: F,
  bounds: NumberBounds,
): number | F {
  if (value === undefined) return fallback;
  const { above, min, max = Infinity, unit } = bounds;
  if (
    typeof value !== 'number' ||
    !Number.isFinite(value) ||
    (above !== undefined && value <= above) ||
    (min !== undefined && value < min) ||
    value > max
  ) {
    const noun = unit ? `number of ${unit}` : 'number';
    const kind =
      max !== Infinity
        ? `a ${noun} between ${min ?? above} and ${max}`
        : above === 0
          ? `a positive ${noun}`
          : min === 0
            ? `a non-negative ${noun}`
            : `a ${noun} of at least ${min ?? above}`;
    const fix = fallback === undefined ? 'or leave it out' : `or leave it out for ${fallback}`;
    fail(owner, `${name} must be ${kind} (got ${shown(value)}); ${fix}`);
  }
  return value as number;
}

/** A number above zero (`timeoutMs`, `maxResponseBytes`, `maxPendingLogins`). */
export function positiveNumber<F extends number | undefined>(
  owner: OptionOwner,
  name: string,
  value: unknown,
  fallback: F,
  unit?: string,
): number | F {
  return numberOption(owner, name, value, fallback, { above: 0, unit });
}

/** A duration in seconds: at least `min` (default 0) and at most `max`. */
export function seconds<F extends number | undefined>(
  owner: OptionOwner,
  name: string,
  value: unknown,
  fallback: F,
  range: { min?: number; above?: number; max?: number } = { min: 0 },
): number | F {
  return numberOption(owner, name, value, fallback, { ...range, unit: 'seconds' });
}

/** A list of non-empty strings (`audiences`, `allowedScopes`); `[]` when left out. */
export function stringList(
  owner: OptionOwner,
  name: string,
  value: unknown,
  example: string,
): string[] {
  if (value === undefined) return [];
  if (!Array.isArray(value) || value.some((v) => typeof v !== 'string' || !v))
    fail(owner, `${name} must be a list of non-empty strings, e.g. ${example}`);
  return value as string[];
}

/**
 * Kakao's comma-separated parameters (`scope`, `service_terms`) as passport users write them:
 * a string or list, split on commas and spaces, de-duplicated; `[]` when left out.
 */
export function splitList(owner: OptionOwner, name: string, value: unknown): string[] {
  if (value === undefined || value === null || value === '') return [];
  const items = Array.isArray(value) ? value : [value];
  const out: string[] = [];
  for (const item of items) {
    if (typeof item !== 'string') fail(owner, `${name} must be a string or a list of strings`);
    for (const part of (item as string).split(/[,\s]+/))
      if (part && !out.includes(part)) out.push(part);
  }
  return out;
}

/** One of `allowed`; `fallback` when left out. */
export function oneOf<T extends string>(
  owner: OptionOwner,
  name: string,
  value: unknown,
  allowed: readonly T[],
  fallback: T,
): T {
  if (value === undefined) return fallback;
  if (!allowed.includes(value as T))
    fail(
      owner,
      `${name} must be ${allowed.map((a) => `"${a}"`).join(', ')} or left out (got ${shown(value)})`,
    );
  return value as T;
}

/** The HTTP options every Kakao client takes (`KakaoHttpOptions`). */
export function checkHttpOptions(
  owner: OptionOwner,
  options: { timeoutMs?: unknown; maxResponseBytes?: unknown },
): void {
  positiveNumber(owner, 'timeoutMs', options.timeoutMs, undefined, 'milliseconds');
  positiveNumber(owner, 'maxResponseBytes', options.maxResponseBytes, undefined, 'bytes');
}

/**
 * An option renamed for one vocabulary (`…Seconds`, not `…Sec`) whose old name still works:
 * the value under either name, and the name it came under (for the messages). Both names with
 * different values are refused: one of them would silently lose.
 */
export function renamedOption(
  owner: OptionOwner,
  options: object | undefined,
  name: string,
  deprecatedName: string,
): { name: string; value: unknown } {
  const given = (options ?? {}) as Record<string, unknown>;
  const value = given[name];
  const old = given[deprecatedName];
  if (value !== undefined && old !== undefined && value !== old)
    fail(owner, `${name} and ${deprecatedName} (its deprecated name) differ; keep only ${name}`);
  return value === undefined && old !== undefined
    ? { name: deprecatedName, value: old }
    : { name, value };
}
