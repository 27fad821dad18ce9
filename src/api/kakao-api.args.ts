/**
 * Argument checks for `KakaoApiClient`. A bad argument is a programming error, so these throw
 * `TypeError` / `RangeError` before anything is sent. Messages never echo the value: it may be
 * a token.
 */
import { isAbsoluteHttpURL } from '../options/option-checks';
import type { KakaoUserId } from './kakao-api.types';

/** A bearer token as it may appear in an `Authorization` header (visible ASCII, no spaces). */
export function accessToken(method: string, value: unknown, name = 'accessToken'): string {
  if (typeof value !== 'string' || !/^[\x21-\x7e]+$/.test(value)) {
    throw new TypeError(
      `${method}: ${name} must be the user's Kakao ${name === 'refreshToken' ? 'refresh' : 'access'} token (a non-empty string without spaces).`,
    );
  }
  return value;
}

/** An exact decimal user id. Numbers above 2^53 have already lost digits, so they are refused. */
export function userId(method: string, value: KakaoUserId, name = 'userId'): string {
  if (typeof value === 'string' && /^\d{1,20}$/.test(value)) return value;
  if (typeof value === 'bigint' && value >= 0n) return value.toString();
  if (typeof value === 'number' && Number.isSafeInteger(value) && value >= 0) return String(value);
  throw new TypeError(
    `${method}: ${name} must be a Kakao user id as a string of digits (numbers above 2^53 lose digits: keep ids as strings).`,
  );
}

/** A non-empty list of non-empty strings. */
export function stringList(
  method: string,
  name: string,
  value: unknown,
  example: string,
): string[] {
  if (
    !Array.isArray(value) ||
    value.length === 0 ||
    !value.every((v) => typeof v === 'string' && v.trim() !== '')
  ) {
    throw new TypeError(`${method}: ${name} must be a non-empty list of strings, e.g. ${example}.`);
  }
  return value as string[];
}

/** Kakao's JSON-array parameters (`property_keys`, `scopes`): `["a","b"]`. */
export function jsonArray(values: string[]): string {
  return JSON.stringify(values);
}

export function integer(
  method: string,
  name: string,
  value: unknown,
  min: number,
  max = Number.MAX_SAFE_INTEGER,
): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    const range = max === Number.MAX_SAFE_INTEGER ? `at least ${min}` : `${min}–${max}`;
    throw new RangeError(`${method}: ${name} must be an integer ${range}.`);
  }
  return value;
}

/** Custom user properties: a non-empty object of string values. */
export function properties(
  method: string,
  value: unknown,
  required: boolean,
): Record<string, string> | undefined {
  if (value === undefined && !required) return undefined;
  if (
    typeof value !== 'object' ||
    value === null ||
    Array.isArray(value) ||
    Object.keys(value).length === 0 ||
    !Object.values(value).every((v) => typeof v === 'string')
  ) {
    throw new TypeError(
      `${method}: properties must be an object of string values with keys registered under [User Properties], e.g. { clothing_size: 'M' }.`,
    );
  }
  return value as Record<string, string>;
}

/** An absolute http(s) URL. */
export function absoluteURL(method: string, name: string, value: unknown, hint: string): string {
  // The same URL rule as the options' (`absoluteURL` in src/options), thrown as an argument error.
  if (!isAbsoluteHttpURL(value))
    throw new TypeError(`${method}: ${name} must be an absolute http(s) URL; ${hint}.`);
  return value;
}
