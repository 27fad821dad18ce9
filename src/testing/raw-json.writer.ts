/**
 * Kakao writes user ids as bare JSON numbers, some above 2^53 (e.g. 1376016924426111111).
 * JSON.stringify cannot emit those without rounding, so ids are kept as strings and wrapped
 * in RawNumber; writeJson splices their digits into the output as numeric literals.
 */
export class RawNumber {
  constructor(readonly digits: string) {
    if (!/^-?(0|[1-9]\d*)$/.test(digits)) {
      throw new TypeError(`RawNumber needs an integer literal, got ${JSON.stringify(digits)}`);
    }
  }
}

/** A value writeJson can serialize: plain JSON plus RawNumber. undefined members are skipped. */
export type JsonValue =
  | string
  | number
  | boolean
  | null
  | undefined
  | RawNumber
  | JsonValue[]
  | { [key: string]: JsonValue };

/** Serializes like JSON.stringify (compact) but writes RawNumber digits verbatim. */
export function writeJson(value: JsonValue): string {
  if (value instanceof RawNumber) return value.digits;
  if (value === null || value === undefined) return 'null';
  if (Array.isArray(value)) return `[${value.map((item) => writeJson(item)).join(',')}]`;
  if (typeof value === 'object') {
    const members: string[] = [];
    for (const [key, member] of Object.entries(value)) {
      if (member === undefined) continue;
      members.push(`${JSON.stringify(key)}:${writeJson(member)}`);
    }
    return `{${members.join(',')}}`;
  }
  return JSON.stringify(value);
}

/** Shorthand for an id on the wire. */
export function idNumber(id: string): RawNumber {
  return new RawNumber(id);
}
