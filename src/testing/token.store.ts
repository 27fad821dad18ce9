import { randomBytes } from 'node:crypto';

/** An authorization code waiting to be exchanged (single use, 10 minutes: reference §1.7 KOE320). */
export interface CodeRecord {
  code: string;
  userId: string;
  clientId: string;
  redirectUri: string;
  scopes: string[];
  openid: boolean;
  nonce?: string;
  codeChallenge?: string;
  createdAt: number;
  authTime: number;
}

export interface AccessTokenRecord {
  token: string;
  userId: string;
  clientId: string;
  scopes: string[];
  openid: boolean;
  expiresAt: number;
}

export interface RefreshTokenRecord {
  token: string;
  userId: string;
  clientId: string;
  scopes: string[];
  /** Issued together with an id_token: refreshes return one too (reference §1.2). */
  withIdToken: boolean;
  authTime: number;
  expiresAt: number;
}

export const CODE_LIFETIME_MS = 10 * 60 * 1000;

/** Opaque token text shaped like Kakao's (54 url-safe characters). */
export function opaqueToken(): string {
  return randomBytes(40).toString('base64url');
}

/** Every code and token the emulator has issued and that is still alive. */
export class TokenStore {
  private readonly codes = new Map<string, CodeRecord>();
  private readonly access = new Map<string, AccessTokenRecord>();
  private readonly refresh = new Map<string, RefreshTokenRecord>();

  addCode(record: Omit<CodeRecord, 'code'>): CodeRecord {
    const code = { ...record, code: opaqueToken() + opaqueToken().slice(0, 32) };
    this.codes.set(code.code, code);
    return code;
  }

  peekCode(code: string): CodeRecord | undefined {
    return this.codes.get(code);
  }

  /** Removes and returns the code: a second exchange finds nothing. */
  takeCode(code: string): CodeRecord | undefined {
    const record = this.codes.get(code);
    this.codes.delete(code);
    return record;
  }

  addAccessToken(record: Omit<AccessTokenRecord, 'token'>): AccessTokenRecord {
    const token = { ...record, token: opaqueToken() };
    this.access.set(token.token, token);
    return token;
  }

  addRefreshToken(record: Omit<RefreshTokenRecord, 'token'>): RefreshTokenRecord {
    const token = { ...record, token: opaqueToken() };
    this.refresh.set(token.token, token);
    return token;
  }

  accessToken(token: string): AccessTokenRecord | undefined {
    return this.access.get(token);
  }

  refreshToken(token: string): RefreshTokenRecord | undefined {
    return this.refresh.get(token);
  }

  deleteRefreshToken(token: string): void {
    this.refresh.delete(token);
  }

  /** Logout and unlink: every access and refresh token of the user dies (reference §1.4). */
  revokeUser(userId: string): void {
    for (const [key, record] of this.access) if (record.userId === userId) this.access.delete(key);
    for (const [key, record] of this.refresh)
      if (record.userId === userId) this.refresh.delete(key);
    for (const [key, record] of this.codes) if (record.userId === userId) this.codes.delete(key);
  }

  /** Live access and refresh tokens (codes left out), for the control API and the log page. */
  list(): { access: AccessTokenRecord[]; refresh: RefreshTokenRecord[] } {
    return { access: [...this.access.values()], refresh: [...this.refresh.values()] };
  }

  /** Forgets every code and token (control API reset). */
  clear(): void {
    this.codes.clear();
    this.access.clear();
    this.refresh.clear();
  }
}
