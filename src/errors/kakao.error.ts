/**
 * Base class of every error this library throws, so an app can catch them all with one
 * `instanceof KakaoError`. Subclasses set `name` from `new.target` and never carry secrets,
 * tokens or authorization codes in their message or fields.
 */
export class KakaoError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
  }

  /** Only the public fields: `JSON.stringify(error)` never serializes a cause's request data. */
  toJSON(): Record<string, unknown> {
    const out: Record<string, unknown> = { name: this.name, message: this.message };
    for (const [key, value] of Object.entries(this)) {
      if (key !== 'cause') out[key] = value;
    }
    return out;
  }
}
