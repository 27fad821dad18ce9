const MAX_LENGTH = 2048;
const NO_ORIGINS: ReadonlySet<string> = new Set();
const PROBE_ORIGIN = 'http://return-to.invalid';

/**
 * A `returnTo` that stays on the site: a relative path (`/x`, never `//x` or `/\x`), or an
 * absolute http(s) URL on an allowed origin. Anything else (other origins, `javascript:`,
 * control characters browsers strip, backslashes browsers read as `/`) gives `undefined`.
 */
export function safeReturnTo(
  value: unknown,
  allowedOrigins: ReadonlySet<string> = NO_ORIGINS,
): string | undefined {
  if (typeof value !== 'string' || !value || value.length > MAX_LENGTH) return undefined;
  // Browsers drop tabs and newlines from URLs and read `\` as `/`: `/\t/evil.example` is `//evil.example`.
  if (hasUnsafeCharacter(value)) return undefined;
  if (value.startsWith('/')) {
    if (value.startsWith('//')) return undefined;
    const url = parse(value, PROBE_ORIGIN);
    return url?.origin === PROBE_ORIGIN ? value : undefined;
  }
  const url = parse(value);
  if (!url || (url.protocol !== 'https:' && url.protocol !== 'http:')) return undefined;
  if (url.username || url.password) return undefined;
  return allowedOrigins.has(url.origin) ? url.href : undefined;
}

function parse(value: string, base?: string): URL | undefined {
  try {
    return new URL(value, base);
  } catch {
    return undefined;
  }
}

/** Control characters, space, DEL or a backslash anywhere. */
function hasUnsafeCharacter(value: string): boolean {
  for (let i = 0; i < value.length; i++) {
    const code = value.charCodeAt(i);
    if (code <= 0x20 || code === 0x7f || code === 0x5c) return true;
  }
  return false;
}
