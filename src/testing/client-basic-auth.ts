import { authErrorReply, type EmulatorRequest, type Reply } from './emulator-http';
import type { EmulatorState } from './emulator-state';

/** The token request's parameters once HTTP Basic client credentials are dealt with. */
export type ClientCredentialsResult = { params: Record<string, string> } | { reply: Reply };

/** `Basic base64(urlencode(id) ":" urlencode(secret))` (RFC 6749 §2.3.1), or undefined. */
function parseBasic(header: string | string[] | undefined): [string, string] | undefined | null {
  const value = Array.isArray(header) ? header[0] : header;
  const match = /^Basic\s+([A-Za-z0-9+/=_-]+)\s*$/i.exec(value ?? '');
  if (!match) return value && /^Basic\b/i.test(value) ? null : undefined;
  const decoded = Buffer.from(match[1], 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon < 0) return null;
  try {
    const decode = (part: string) => decodeURIComponent(part.replace(/\+/g, ' '));
    return [decode(decoded.slice(0, colon)), decode(decoded.slice(colon + 1))];
  } catch {
    return null;
  }
}

const badCredentials = () =>
  authErrorReply(401, 'invalid_client', 'Bad client credentials', 'KOE010');

/**
 * Client authentication with an `Authorization: Basic` header at /oauth/token. Kakao's
 * discovery lists `client_secret_post` only and answers a Basic-only request with
 * `invalid_client` "Bad client credentials" (reference §1.2, nextauthjs/next-auth#3501); the
 * status and error_code of that answer are unconfirmed. With `basicClientAuth: 'accept'` the
 * header's credentials fill what the body lacks, as a standard OAuth server does.
 */
export function resolveClientCredentials(
  state: EmulatorState,
  request: EmulatorRequest,
  params: Record<string, string>,
): ClientCredentialsResult {
  const basic = parseBasic(request.headers.authorization);
  // No Basic header, or the credentials are in the body anyway: the body decides.
  if (basic === undefined || (params.client_id && state.options.basicClientAuth === 'reject')) {
    return { params };
  }
  if (basic === null || state.options.basicClientAuth === 'reject') {
    return { reply: badCredentials() };
  }
  const [clientId, clientSecret] = basic;
  if (params.client_id && params.client_id !== clientId) {
    return {
      reply: authErrorReply(
        400,
        'invalid_request',
        'client_id in the body and in the Authorization header differ',
        'KOE001',
      ),
    };
  }
  return {
    params: {
      ...params,
      client_id: clientId,
      client_secret: params.client_secret ?? clientSecret,
    },
  };
}
