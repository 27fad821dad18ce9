import {
  createHmac,
  createPublicKey,
  generateKeyPair,
  generateKeyPairSync,
  randomBytes,
  sign,
  verify,
  type KeyObject,
} from 'node:crypto';
import { promisify } from 'node:util';

/** Claims of a Kakao id_token (reference §1.6). `sub` is the user id as a string. */
export interface IdTokenClaims {
  iss: string;
  aud: string;
  sub: string;
  iat: number;
  exp: number;
  auth_time: number;
  nonce?: string;
  nickname?: string;
  picture?: string;
  email?: string;
  [claim: string]: unknown;
}

/** How mintIdToken signs, for attack tests. */
export interface MintIdTokenOptions {
  /** Header kid; default the current signing key's kid. */
  kid?: string;
  /** Header alg; default RS256. 'none' produces an unsigned token. */
  alg?: 'RS256' | 'none' | 'HS256';
  /**
   * 'jwks' (default) = the key published in JWKS; 'foreign-key' = an RSA key the JWKS does not
   * know; 'public-key-as-hmac-secret' = HS256 keyed with the published public key's PEM.
   */
  signWith?: 'jwks' | 'foreign-key' | 'public-key-as-hmac-secret';
  /** Header typ; default 'JWT' ('secevent+jwt' for account-status webhooks). */
  typ?: string;
  /** Extra header parameters (e.g. `crit`), for attack tests. */
  header?: Record<string, unknown>;
}

/** One RSA key of the JWKS. */
export interface PublishedJwk {
  kid: string;
  kty: 'RSA';
  alg: 'RS256';
  use: 'sig';
  n: string;
  e: string;
}

interface SigningKey {
  kid: string;
  privateKey: KeyObject;
  publicKey: KeyObject;
}

export type IdTokenCheck =
  | { ok: true; payload: IdTokenClaims }
  | { ok: false; reason: 'malformed' | 'signature' | 'issuer' | 'expired' };

const RSA = { modulusLength: 2048, publicExponent: 0x10001 } as const;

function newKid(): string {
  return randomBytes(15).toString('hex');
}

function b64url(value: string | Buffer): string {
  return Buffer.from(value).toString('base64url');
}

/** The emulator's id_token keys: a current RS256 key plus older ones kept in JWKS on rotation. */
export class IdTokenSigner {
  private foreign: KeyObject | undefined;

  private constructor(
    private current: SigningKey,
    private published: SigningKey[],
  ) {}

  static async create(): Promise<IdTokenSigner> {
    const { privateKey, publicKey } = await promisify(generateKeyPair)('rsa', RSA);
    const key = { kid: newKid(), privateKey, publicKey };
    return new IdTokenSigner(key, [key]);
  }

  get kid(): string {
    return this.current.kid;
  }

  /** New signing key with a new kid; the old key leaves JWKS unless keepOld. Returns the new kid. */
  rotate(keepOld = false): string {
    const { privateKey, publicKey } = generateKeyPairSync('rsa', RSA);
    const key = { kid: newKid(), privateKey, publicKey };
    this.published = keepOld ? [key, ...this.published] : [key];
    this.current = key;
    return key.kid;
  }

  jwks(): { keys: PublishedJwk[] } {
    return {
      keys: this.published.map(({ kid, publicKey }) => {
        const jwk = publicKey.export({ format: 'jwk' });
        return { kid, kty: 'RSA', alg: 'RS256', use: 'sig', n: String(jwk.n), e: String(jwk.e) };
      }),
    };
  }

  sign(claims: Record<string, unknown>, options: MintIdTokenOptions = {}): string {
    const alg =
      options.alg ?? (options.signWith === 'public-key-as-hmac-secret' ? 'HS256' : 'RS256');
    const header = {
      kid: options.kid ?? this.current.kid,
      typ: options.typ ?? 'JWT',
      alg,
      ...options.header,
    };
    const input = `${b64url(JSON.stringify(header))}.${b64url(JSON.stringify(claims))}`;
    if (alg === 'none') return `${input}.`;
    if (alg === 'HS256') {
      const secret = this.current.publicKey.export({ type: 'spki', format: 'pem' });
      return `${input}.${createHmac('sha256', secret).update(input).digest('base64url')}`;
    }
    const key = options.signWith === 'foreign-key' ? this.foreignKey() : this.current.privateKey;
    return `${input}.${sign('sha256', Buffer.from(input), key).toString('base64url')}`;
  }

  /** What /oauth/tokeninfo checks: structure, RS256 signature by a JWKS key, issuer, expiry. */
  check(idToken: string, issuer: string, nowSec: number): IdTokenCheck {
    const parts = idToken.split('.');
    if (parts.length !== 3) return { ok: false, reason: 'malformed' };
    let header: { kid?: unknown; alg?: unknown };
    let payload: IdTokenClaims;
    try {
      header = JSON.parse(Buffer.from(parts[0], 'base64url').toString('utf8'));
      payload = JSON.parse(Buffer.from(parts[1], 'base64url').toString('utf8'));
    } catch {
      return { ok: false, reason: 'malformed' };
    }
    if (typeof payload !== 'object' || payload === null) return { ok: false, reason: 'malformed' };
    const key = this.published.find((candidate) => candidate.kid === header.kid);
    const signed = Buffer.from(`${parts[0]}.${parts[1]}`);
    if (
      header.alg !== 'RS256' ||
      !key ||
      !verify('sha256', signed, key.publicKey, Buffer.from(parts[2], 'base64url'))
    ) {
      return { ok: false, reason: 'signature' };
    }
    if (payload.iss !== issuer) return { ok: false, reason: 'issuer' };
    if (typeof payload.exp !== 'number' || payload.exp <= nowSec) {
      return { ok: false, reason: 'expired' };
    }
    return { ok: true, payload };
  }

  private foreignKey(): KeyObject {
    this.foreign ??= generateKeyPairSync('rsa', RSA).privateKey;
    return this.foreign;
  }
}

/** The public half of a JWK, for tests that verify tokens themselves. */
export function publicKeyFromJwk(jwk: PublishedJwk): KeyObject {
  return createPublicKey({ key: { kty: jwk.kty, n: jwk.n, e: jwk.e }, format: 'jwk' });
}
