const NAMES = String.raw`(?:authorization_code|code|code_verifier|access_token|refresh_token|id_token|token|client_secret)`;
/** What a code or token looks like: 8+ characters with a digit, so words ("code not found") stay. */
const VALUE = String.raw`(?=[A-Za-z._~+/=-]*\d)[A-Za-z0-9._~+/=-]{8,}`;

const RULES: ReadonlyArray<[RegExp, string]> = [
  // Query strings of absolute URLs (a proxy or Kakao echoing the callback or token request).
  [/(\bhttps?:\/\/[^\s?#"'<>]*)\?[^\s#"'<>]*/gi, '$1?[redacted]'],
  // "code": "X" (JSON, quoted or not).
  [new RegExp(String.raw`("?\b${NAMES}"?\s*:\s*")[^"]*(")`, 'gi'), '$1[redacted]$2'],
  // code=X, code: X, ?code=X&… (relative URLs, forms, Kakao's "for code=X").
  [new RegExp(String.raw`(\b${NAMES}\s*[=:]\s*)[^\s,&;"'<>)\]}]+`, 'gi'), '$1[redacted]'],
  // code [X], code (X), code <X>.
  [new RegExp(String.raw`(\b${NAMES}\s*[[(<]\s*)[^\]\)>\s]+`, 'gi'), '$1[redacted]'],
  // invalid code X, token X, Bearer X.
  [
    new RegExp(String.raw`(\b(?:${NAMES}|bearer|kakaoak)\s+(?:is\s+)?['"]?)${VALUE}`, 'gi'),
    '$1[redacted]',
  ],
  // Anything else shaped like a code or token: 20+ base64url characters mixing letters and digits
  // (Kakao ids are digits only, words have no digits).
  [
    /(?<![A-Za-z0-9_-])(?=[A-Za-z_-]*\d)(?=[0-9_-]*[A-Za-z])[A-Za-z0-9_-]{20,}(?![A-Za-z0-9_-])/g,
    '[redacted]',
  ],
];

/**
 * Blanks authorization codes and tokens in text that may reach logs (Kakao's and proxies'
 * error descriptions, app error messages), in every shape they come in: `code=X`, `code: X`,
 * `{"code":"X"}`, `code [X]`, `invalid code X`, `Bearer X`, query strings of URLs, and any
 * bare run of 20+ base64url characters mixing letters and digits.
 */
export function redactSecrets(text: string): string {
  let out = text;
  for (const [pattern, replacement] of RULES) out = out.replace(pattern, replacement);
  return out;
}
