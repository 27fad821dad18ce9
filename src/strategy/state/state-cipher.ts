import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';
import { KakaoConfigError } from '../../errors/kakao-config.error';

const VERSION = 1;
const MIN_SECRET_LENGTH = 32;

/**
 * Seals pending logins into cookie values: AES-256-GCM (encrypted and authenticated) with keys
 * derived once from `stateSecret`. The first secret seals; every secret opens, so a secret can
 * be rotated without breaking logins in flight.
 */
export class StateCipher {
  private readonly keys: Buffer[];

  constructor(secrets: string | readonly string[]) {
    const list = typeof secrets === 'string' ? [secrets] : [...secrets];
    if (
      list.length === 0 ||
      list.some((s) => typeof s !== 'string' || s.length < MIN_SECRET_LENGTH)
    ) {
      throw new KakaoConfigError(
        `KakaoStrategy: stateSecret must be a string (or a list for rotation) of at least ${MIN_SECRET_LENGTH} characters; generate one with \`node -e "console.log(require('crypto').randomBytes(32).toString('base64url'))"\``,
      );
    }
    this.keys = list.map((s) =>
      Buffer.from(hkdfSync('sha256', s, 'nestjs-kakao-auth', 'login-state v1', 32)),
    );
  }

  seal(plain: string): string {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.keys[0], iv);
    const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
    return Buffer.concat([Buffer.of(VERSION), iv, cipher.getAuthTag(), body]).toString('base64url');
  }

  /** The plain text, or undefined when the value was not sealed by one of our secrets. */
  open(sealed: string): string | undefined {
    const data = Buffer.from(sealed, 'base64url');
    if (data.length < 1 + 12 + 16 + 1 || data[0] !== VERSION) return undefined;
    const iv = data.subarray(1, 13);
    const tag = data.subarray(13, 29);
    const body = data.subarray(29);
    for (const key of this.keys) {
      try {
        const decipher = createDecipheriv('aes-256-gcm', key, iv);
        decipher.setAuthTag(tag);
        return Buffer.concat([decipher.update(body), decipher.final()]).toString('utf8');
      } catch {
        // not this key
      }
    }
    return undefined;
  }
}
