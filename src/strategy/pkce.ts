import { createHash, randomBytes } from 'node:crypto';

/** 256 random bits, base64url (43 characters): states, PKCE verifiers and nonces. */
export function randomToken(): string {
  return randomBytes(32).toString('base64url');
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
