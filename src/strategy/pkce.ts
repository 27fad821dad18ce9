import { createHash, randomFillSync } from 'node:crypto';

const TOKEN_BYTES = 32;
/** CSPRNG bytes for 64 tokens, drawn at once (as Node's own `randomUUID` does). */
const pool = Buffer.alloc(TOKEN_BYTES * 64);
let used = pool.length;

/**
 * 256 random bits, base64url (43 characters): states, PKCE verifiers and nonces. Each token
 * takes bytes from the pool that no other token got, and wipes them there.
 */
export function randomToken(): string {
  if (used === pool.length) {
    randomFillSync(pool);
    used = 0;
  }
  const token = pool.toString('base64url', used, used + TOKEN_BYTES);
  pool.fill(0, used, used + TOKEN_BYTES);
  used += TOKEN_BYTES;
  return token;
}

/** PKCE S256 challenge of a verifier (RFC 7636 §4.2). */
export function pkceChallenge(verifier: string): string {
  return createHash('sha256').update(verifier).digest('base64url');
}

/** Adds a fresh S256 challenge to the authorize parameters; returns its verifier. */
export function addPkceChallenge(params: Record<string, unknown>): string {
  const verifier = randomToken();
  params.code_challenge = pkceChallenge(verifier);
  params.code_challenge_method = 'S256';
  return verifier;
}
