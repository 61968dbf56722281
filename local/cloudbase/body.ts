/**
 * Request bodies: bounded reading and a minimal multipart/form-data parser (node-sdk sends
 * `wx.openApi` as multipart with a binary `requestData` part; the WHATWG FormData parser in
 * Node would decode a part without a filename as text and corrupt the protobuf bytes).
 */
import type { IncomingMessage } from 'node:http';

export interface Body {
  bytes: Buffer;
  /** the body was longer than the limit; `bytes` is empty then */
  tooLarge: boolean;
}

/** Reads the whole body; past `limit` it keeps draining (so the client can read the answer) but keeps nothing. */
export function readBody(req: IncomingMessage, limit: number): Promise<Body> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let tooLarge = false;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        tooLarge = true;
        chunks.length = 0;
      } else if (!tooLarge) chunks.push(chunk);
    });
    req.on('end', () => resolve({ bytes: tooLarge ? Buffer.alloc(0) : Buffer.concat(chunks), tooLarge }));
    req.on('error', reject);
  });
}

export interface FormPart {
  data: Buffer;
  filename?: string;
  contentType?: string;
}

/** Parses multipart/form-data; returns undefined when the body is not well formed. */
export function parseMultipart(body: Buffer, contentType: string): Map<string, FormPart> | undefined {
  const m = /boundary=(?:"([^"]+)"|([^;]+))/i.exec(contentType);
  const boundary = m?.[1] ?? m?.[2];
  if (!boundary) return undefined;
  const delimiter = Buffer.from(`--${boundary}`);
  const parts = new Map<string, FormPart>();
  let pos = body.indexOf(delimiter);
  if (pos < 0) return undefined;
  for (;;) {
    pos += delimiter.length;
    if (body.subarray(pos, pos + 2).toString() === '--') return parts; // closing delimiter
    if (body.subarray(pos, pos + 2).toString() !== '\r\n') return undefined;
    pos += 2;
    const headerEnd = body.indexOf('\r\n\r\n', pos);
    if (headerEnd < 0) return undefined;
    const headers = body.subarray(pos, headerEnd).toString('utf8');
    const next = body.indexOf(Buffer.concat([Buffer.from('\r\n'), delimiter]), headerEnd + 4);
    if (next < 0) return undefined;
    const name = /name="([^"]*)"/i.exec(headers)?.[1];
    if (name === undefined) return undefined;
    const filename = /filename="([^"]*)"/i.exec(headers)?.[1];
    const type = /^content-type:\s*(.+)$/im.exec(headers)?.[1]?.trim();
    parts.set(name, {
      data: body.subarray(headerEnd + 4, next),
      ...(filename !== undefined ? { filename } : {}),
      ...(type ? { contentType: type } : {}),
    });
    pos = next + 2;
  }
}
