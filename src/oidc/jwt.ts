import { KakaoIdTokenError } from '../errors/kakao-id-token.error';

/** The three parts of a compact JWS, decoded but NOT verified. */
export interface DecodedJwt {
  header: { alg?: unknown; kid?: unknown; typ?: unknown; crit?: unknown };
  payload: Record<string, unknown>;
  payloadText: string;
  signingInput: string;
  signature: Buffer;
}

/** Splits and decodes a compact JWS; throws `KakaoIdTokenError('malformed')` on any defect. */
export function decodeJwt(token: string): DecodedJwt {
  if (typeof token !== 'string' || token.length > 16_384) throw new KakaoIdTokenError('malformed');
  const parts = token.split('.');
  if (parts.length !== 3 || !parts.every((p) => /^[A-Za-z0-9_-]*$/.test(p))) {
    throw new KakaoIdTokenError('malformed', 'not a compact JWS');
  }
  const header = parseJsonObject(parts[0]);
  const payloadText = Buffer.from(parts[1], 'base64url').toString('utf8');
  const payload = parseJsonObject(parts[1], payloadText);
  return {
    header,
    payload,
    payloadText,
    signingInput: `${parts[0]}.${parts[1]}`,
    signature: Buffer.from(parts[2], 'base64url'),
  };
}

function parseJsonObject(
  part: string,
  text = Buffer.from(part, 'base64url').toString('utf8'),
): Record<string, unknown> {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new KakaoIdTokenError('malformed', 'a part is not JSON');
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new KakaoIdTokenError('malformed', 'a part is not a JSON object');
  }
  return value as Record<string, unknown>;
}
