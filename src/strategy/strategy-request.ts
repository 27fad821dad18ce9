import type { IncomingMessage, ServerResponse } from 'node:http';
import type { KakaoProfile } from '../profile/kakao-profile';

/** The request `KakaoStrategy` works on: Express's, or any Node request (query parsed from the URL). */
export type KakaoStrategyRequest = IncomingMessage & {
  query?: Record<string, unknown>;
  session?: object;
  res?: ServerResponse;
};

/** Callback of `userProfile()`. */
export type KakaoProfileCallback = (err?: Error | null, profile?: KakaoProfile) => void;

const MAX_PARAM_LENGTH = 2048;

/** The query of a request, from Express's `req.query` or parsed from the URL. */
export function queryOf(req: KakaoStrategyRequest): Record<string, unknown> {
  if (req.query && typeof req.query === 'object') return req.query;
  const url = req.url ?? '';
  const at = url.indexOf('?');
  return at < 0 ? {} : Object.fromEntries(new URLSearchParams(url.slice(at + 1)));
}

/** A single, reasonably sized string parameter; arrays and objects (`?code[]=`) are refused. */
export function param(value: unknown): string | undefined {
  return typeof value === 'string' && value.length > 0 && value.length <= MAX_PARAM_LENGTH
    ? value
    : undefined;
}
