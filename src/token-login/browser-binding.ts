import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { renamedOption, seconds } from '../options/option-checks';
import { appendSetCookie, readCookie } from '../strategy/state/cookie-header';

const VALUE = /^[A-Za-z0-9_-]{43}$/;

/** Options of the binding cookie. */
export interface KakaoBindingCookieOptions {
  /** Cookie name (default `kakao_bind`; `__Host-kakao_bind` when `secure` is true and the path `/`). */
  name?: string;
  /** Cookie path (default `/`): it must cover the login, nonce, token and exchange routes. */
  path?: string;
  /** `Secure` attribute; default: when the request came over TLS (`req.secure` or a TLS socket). */
  secure?: boolean;
  /** Lifetime in seconds, renewed on each use (default 3600). */
  maxAgeSeconds?: number;
  /** @deprecated Use `maxAgeSeconds`. */
  maxAgeSec?: number;
}

/** SHA-256, base64url: what stores keep instead of the values clients hold. */
export function hashOf(value: string): string {
  return createHash('sha256').update(value).digest('base64url');
}

/** Constant-time comparison of two hashes. */
export function sameHash(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/**
 * Binds one-time values (nonces, handoff codes) to the client that asked for them: a random
 * 256-bit value in an HttpOnly, SameSite=Lax cookie, whose hash is stored with the value and
 * compared at redemption. A code or nonce copied to another browser or device is refused there.
 */
export class BrowserBinding {
  private readonly name: string;
  private readonly path: string;
  private readonly maxAgeSeconds: number;

  constructor(private readonly options: KakaoBindingCookieOptions = {}) {
    this.path = options.path ?? '/';
    // A __Host- cookie cannot be planted by a sibling subdomain (cookie tossing).
    const name = options.name ?? 'kakao_bind';
    this.name = options.secure === true && this.path === '/' ? `__Host-${name}` : name;
    const owner = 'KakaoBindingCookieOptions';
    const maxAge = renamedOption(owner, options, 'maxAgeSeconds', 'maxAgeSec');
    this.maxAgeSeconds = seconds(owner, maxAge.name, maxAge.value, 3600, { above: 0 });
  }

  /** The hash of this client's binding, setting (or renewing) the cookie on `res`. */
  ensure(req: IncomingMessage, res: ServerResponse): string {
    const value = this.read(req) ?? randomBytes(32).toString('base64url');
    const secure =
      this.options.secure ??
      ((req as { secure?: boolean }).secure === true ||
        (req.socket as { encrypted?: boolean } | undefined)?.encrypted === true);
    appendSetCookie(res, this.name, value, {
      path: this.path,
      secure,
      maxAgeSec: this.maxAgeSeconds,
    });
    return hashOf(value);
  }

  /** The hash of the binding the request carries, if any. */
  current(req: IncomingMessage): string | undefined {
    const value = this.read(req);
    return value === undefined ? undefined : hashOf(value);
  }

  private read(req: IncomingMessage): string | undefined {
    const value = readCookie(req, this.name);
    return value !== undefined && VALUE.test(value) ? value : undefined;
  }
}
