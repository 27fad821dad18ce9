/**
 * `JSON.parse` that keeps integers above 2^53 exact by turning them into strings. Kakao sends
 * user ids as bare JSON numbers of up to 19 digits; `JSON.parse` would round them. The scan
 * is string-aware (digits inside strings, e.g. a nested `"id":"…"` decoy, are left alone) and
 * the common case (no 16-digit run at all) is a plain `JSON.parse`.
 */
export function parseExactJson(text: string): unknown {
  if (!/\d{16}/.test(text)) return JSON.parse(text);
  let out = '';
  let last = 0;
  let i = 0;
  const n = text.length;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (c === 0x22) {
      i = skipString(text, i + 1);
      continue;
    }
    if (c === 0x2d || isDigit(c)) {
      const start = i;
      i++;
      while (i < n && isDigit(text.charCodeAt(i))) i++;
      const next = text.charCodeAt(i);
      if (next === 0x2e || next === 0x65 || next === 0x45) {
        while (i < n && /[0-9eE+\-.]/.test(text[i])) i++;
        continue;
      }
      const literal = text.slice(start, i);
      if (literal.length >= 16 && !Number.isSafeInteger(Number(literal))) {
        out += `${text.slice(last, start)}"${literal}"`;
        last = i;
      }
      continue;
    }
    i++;
  }
  return JSON.parse(last === 0 ? text : out + text.slice(last));
}

function isDigit(c: number): boolean {
  return c >= 0x30 && c <= 0x39;
}

/** Returns the index after the closing quote of a string that starts at `i`. */
function skipString(text: string, i: number): number {
  const n = text.length;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (c === 0x5c) i += 2;
    else if (c === 0x22) return i + 1;
    else i++;
  }
  return n;
}

/** A Kakao id (number, digit string or big-int string from `parseExactJson`) as an exact string. */
export function toIdString(value: unknown): string | undefined {
  if (typeof value === 'string' && /^\d{1,25}$/.test(value)) return value;
  if (typeof value === 'number' && Number.isSafeInteger(value) && value >= 0) return String(value);
  return undefined;
}
