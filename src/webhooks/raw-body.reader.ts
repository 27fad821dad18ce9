import type { IncomingMessage } from 'node:http';

/** The request body was larger than allowed. */
export class BodyTooLargeError extends Error {}

/**
 * The raw request body, whatever ran before: `req.rawBody` (Nest's `rawBody: true`), a Buffer or
 * string a raw/text parser left in `req.body`, or the stream itself when no parser matched (the
 * JSON and urlencoded parsers skip `application/secevent+jwt`). `undefined` when a parser consumed
 * the stream and kept only a parsed object.
 */
export async function readRawBody(
  req: IncomingMessage & { body?: unknown; rawBody?: unknown },
  maxBytes: number,
): Promise<Buffer | undefined> {
  const limit = (buffer: Buffer) => {
    if (buffer.length > maxBytes) throw new BodyTooLargeError();
    return buffer;
  };
  if (Buffer.isBuffer(req.rawBody)) return limit(req.rawBody);
  if (Buffer.isBuffer(req.body)) return limit(req.body);
  if (typeof req.body === 'string') return limit(Buffer.from(req.body, 'utf8'));
  if (req.readableEnded || req.complete) return undefined;
  const declared = Number(req.headers['content-length']);
  if (declared > maxBytes) throw new BodyTooLargeError();
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > maxBytes) throw new BodyTooLargeError();
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}
