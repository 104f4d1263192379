/**
 * SPDY/3.1 framing as moby/spdystream speaks it (spdy/read.go, write.go, types.go): what
 * `kubectl port-forward` sends inside its WebSocket tunnel (client-go tools/portforward
 * tunneling_connection.go: binary messages carrying the SPDY byte stream).
 *
 * - Control frame: 1 bit set, 15 bits version (3), 16 bits type, 8 bits flags, 24 bits length.
 * - Data frame: 1 bit clear, 31 bits stream id, 8 bits flags (FIN 0x01), 24 bits length.
 * - Header blocks (SYN_STREAM, SYN_REPLY): a count, then length-prefixed names and values,
 *   zlib-compressed with the SPDY dictionary as ONE stream per direction (each block flushed).
 *   The blocks we send are stored (uncompressed) deflate blocks in such a stream: any zlib
 *   reader reads them, and they need no compressor state.
 */
import { constants, inflateSync } from 'node:zlib';

export const SPDY_VERSION = 3;
export const FRAME = {
  synStream: 1,
  synReply: 2,
  rstStream: 3,
  settings: 4,
  ping: 6,
  goAway: 7,
  headers: 8,
  windowUpdate: 9,
} as const;
export const FLAG_FIN = 0x01;
/** RST_STREAM status CANCEL (what spdystream's Stream.Reset sends). */
export const RST_CANCEL = 5;

export type SpdyFrame =
  | { control: true; type: number; flags: number; data: Buffer }
  | { control: false; streamId: number; flags: number; data: Buffer };

/** spdy/dictionary.go headerDictionary (SPDY/3's zlib dictionary), 1,423 bytes. */
export const SPDY_DICTIONARY = Buffer.from(
  'AAAAB29wdGlvbnMAAAAEaGVhZAAAAARwb3N0AAAAA3B1dAAAAAZkZWxldGUAAAAFdHJhY2UAAAAGYWNjZXB0AAAADmFjY2VwdC1jaGFyc2V0AAAAD2FjY2VwdC1lbmNvZGluZwAAAA9hY2NlcHQtbGFuZ3VhZ2UAAAANYWNjZXB0LXJhbmdlcwAAAANhZ2UAAAAFYWxsb3cAAAANYXV0aG9yaXphdGlvbgAAAA1jYWNoZS1jb250cm9sAAAACmNvbm5lY3Rpb24AAAAMY29udGVudC1iYXNlAAAAEGNvbnRlbnQtZW5jb2RpbmcAAAAQY29udGVudC1sYW5ndWFnZQAAAA5jb250ZW50LWxlbmd0aAAAABBjb250ZW50LWxvY2F0aW9uAAAAC2NvbnRlbnQtbWQ1AAAADWNvbnRlbnQtcmFuZ2UAAAAMY29udGVudC10eXBlAAAABGRhdGUAAAAEZXRhZwAAAAZleHBlY3QAAAAHZXhwaXJlcwAAAARmcm9tAAAABGhvc3QAAAAIaWYtbWF0Y2gAAAARaWYtbW9kaWZpZWQtc2luY2UAAAANaWYtbm9uZS1tYXRjaAAAAAhpZi1yYW5nZQAAABNpZi11bm1vZGlmaWVkLXNpbmNlAAAADWxhc3QtbW9kaWZpZWQAAAAIbG9jYXRpb24AAAAMbWF4LWZvcndhcmRzAAAABnByYWdtYQAAABJwcm94eS1hdXRoZW50aWNhdGUAAAATcHJveHktYXV0aG9yaXphdGlvbgAAAAVyYW5nZQAAAAdyZWZlcmVyAAAAC3JldHJ5LWFmdGVyAAAABnNlcnZlcgAAAAJ0ZQAAAAd0cmFpbGVyAAAAEXRyYW5zZmVyLWVuY29kaW5nAAAAB3VwZ3JhZGUAAAAKdXNlci1hZ2VudAAAAAR2YXJ5AAAAA3ZpYQAAAAd3YXJuaW5nAAAAEHd3dy1hdXRoZW50aWNhdGUAAAAGbWV0aG9kAAAAA2dldAAAAAZzdGF0dXMAAAAGMjAwIE9LAAAAB3ZlcnNpb24AAAAISFRUUC8xLjEAAAADdXJsAAAABnB1YmxpYwAAAApzZXQtY29va2llAAAACmtlZXAtYWxpdmUAAAAGb3JpZ2luMTAwMTAxMjAxMjAyMjA1MjA2MzAwMzAyMzAzMzA0MzA1MzA2MzA3NDAyNDA1NDA2NDA3NDA4NDA5NDEwNDExNDEyNDEzNDE0NDE1NDE2NDE3NTAyNTA0NTA1MjAzIE5vbi1BdXRob3JpdGF0aXZlIEluZm9ybWF0aW9uMjA0IE5vIENvbnRlbnQzMDEgTW92ZWQgUGVybWFuZW50bHk0MDAgQmFkIFJlcXVlc3Q0MDEgVW5hdXRob3JpemVkNDAzIEZvcmJpZGRlbjQwNCBOb3QgRm91bmQ1MDAgSW50ZXJuYWwgU2VydmVyIEVycm9yNTAxIE5vdCBJbXBsZW1lbnRlZDUwMyBTZXJ2aWNlIFVuYXZhaWxhYmxlSmFuIEZlYiBNYXIgQXByIE1heSBKdW4gSnVsIEF1ZyBTZXB0IE9jdCBOb3YgRGVjIDAwOjAwOjAwIE1vbiwgVHVlLCBXZWQsIFRodSwgRnJpLCBTYXQsIFN1biwgR01UY2h1bmtlZCx0ZXh0L2h0bWwsaW1hZ2UvcG5nLGltYWdlL2pwZyxpbWFnZS9naWYsYXBwbGljYXRpb24veG1sLGFwcGxpY2F0aW9uL3hodG1sK3htbCx0ZXh0L3BsYWluLHRleHQvamF2YXNjcmlwdCxwdWJsaWNwcml2YXRlbWF4LWFnZT1nemlwLGRlZmxhdGUsc2RjaGNoYXJzZXQ9dXRmLThjaGFyc2V0PWlzby04ODU5LTEsdXRmLSwqLGVucT0wLg==',
  'base64',
);

/** Frames from the bytes as they come. */
export class SpdyReader {
  private buf: Buffer = Buffer.alloc(0);

  push(chunk: Buffer): SpdyFrame[] {
    this.buf = this.buf.length ? Buffer.concat([this.buf, chunk]) : chunk;
    const out: SpdyFrame[] = [];
    while (this.buf.length >= 8) {
      const length = this.buf.readUInt32BE(4) & 0xffffff;
      if (this.buf.length < 8 + length) break;
      const flags = this.buf[4];
      const data = Buffer.from(this.buf.subarray(8, 8 + length));
      const first = this.buf.readUInt32BE(0);
      if (first & 0x80000000) out.push({ control: true, type: first & 0xffff, flags, data });
      else out.push({ control: false, streamId: first & 0x7fffffff, flags, data });
      this.buf = this.buf.subarray(8 + length);
    }
    return out;
  }
}

export function controlFrame(type: number, flags: number, data: Buffer): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt16BE(0x8000 | SPDY_VERSION, 0);
  head.writeUInt16BE(type, 2);
  head.writeUInt32BE(((flags & 0xff) << 24) | data.length, 4);
  return Buffer.concat([head, data]);
}

export function dataFrame(streamId: number, flags: number, data: Buffer): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(streamId & 0x7fffffff, 0);
  head.writeUInt32BE(((flags & 0xff) << 24) | data.length, 4);
  return Buffer.concat([head, data]);
}

export function rstStream(streamId: number, status: number): Buffer {
  const data = Buffer.alloc(8);
  data.writeUInt32BE(streamId & 0x7fffffff, 0);
  data.writeUInt32BE(status, 4);
  return controlFrame(FRAME.rstStream, 0, data);
}

/** The largest data frame we send (the length field holds 24 bits). */
const MAX_DATA_BYTES = 64 * 1024;

/** Bytes on a stream as data frames, the last one with FIN when asked. */
export function dataFrames(streamId: number, bytes: Buffer, fin: boolean): Buffer {
  const frames: Buffer[] = [];
  for (let at = 0; at < bytes.length; at += MAX_DATA_BYTES) {
    const part = bytes.subarray(at, at + MAX_DATA_BYTES);
    const last = at + MAX_DATA_BYTES >= bytes.length;
    frames.push(dataFrame(streamId, last && fin ? FLAG_FIN : 0, part));
  }
  if (frames.length === 0) frames.push(dataFrame(streamId, fin ? FLAG_FIN : 0, Buffer.alloc(0)));
  return Buffer.concat(frames);
}

/** A name/value block: lower-case names, several values joined by NUL. */
export function headerBlock(headers: Record<string, string>): Buffer {
  const parts: Buffer[] = [u32(Object.keys(headers).length)];
  for (const [name, value] of Object.entries(headers)) {
    const n = Buffer.from(name.toLowerCase(), 'utf8');
    const v = Buffer.from(value, 'utf8');
    parts.push(u32(n.length), n, u32(v.length), v);
  }
  return Buffer.concat(parts);
}

function u32(n: number): Buffer {
  const b = Buffer.alloc(4);
  b.writeUInt32BE(n);
  return b;
}

/**
 * Our side's header stream: a zlib header first, then per header block its bytes as stored
 * blocks and the empty stored block a sync flush ends with. The reader (Go's compress/flate)
 * hands out what it inflated only at that empty block: without it the bytes stay inside, and
 * the next read runs past the frame's end (spdystream: WrongCompressedPayloadSize).
 */
export class HeaderWriter {
  private started = false;

  compress(block: Buffer): Buffer {
    const parts: Buffer[] = [];
    if (!this.started) {
      // CMF 0x78 (deflate, 32K window), FLG 0x01: no preset dictionary, check bits.
      parts.push(Buffer.from([0x78, 0x01]));
      this.started = true;
    }
    for (let at = 0; at < block.length; at += 0xffff)
      parts.push(storedBlock(block.subarray(at, at + 0xffff)));
    parts.push(storedBlock(Buffer.alloc(0)));
    return Buffer.concat(parts);
  }
}

/** A non-final stored deflate block: BFINAL 0, BTYPE 00, the byte boundary, LEN, NLEN. */
function storedBlock(part: Buffer): Buffer {
  const head = Buffer.alloc(5);
  head.writeUInt16LE(part.length, 1);
  head.writeUInt16LE(~part.length & 0xffff, 3);
  return Buffer.concat([head, part]);
}

/**
 * The peer's header stream: every block so far, inflated again as one stream (the blocks are
 * small and few: two per forwarded connection), the new output cut off the end.
 */
export class HeaderReader {
  private input: Buffer = Buffer.alloc(0);
  private producedBytes = 0;
  /** More compressed header bytes than this on one connection: something is wrong. */
  static readonly MAX_BYTES = 1 << 20;

  decompress(block: Buffer): Buffer | undefined {
    this.input = Buffer.concat([this.input, block]);
    if (this.input.length > HeaderReader.MAX_BYTES) return undefined;
    let all: Buffer;
    try {
      all = inflateSync(this.input, {
        dictionary: SPDY_DICTIONARY,
        finishFlush: constants.Z_SYNC_FLUSH,
      });
    } catch {
      return undefined;
    }
    const fresh = all.subarray(this.producedBytes);
    this.producedBytes = all.length;
    return fresh;
  }
}

/** A name/value block read: names lower-case, a value's NUL-separated parts joined by ",". */
export function parseHeaderBlock(block: Buffer): Record<string, string> | undefined {
  if (block.length < 4) return undefined;
  const count = block.readUInt32BE(0);
  const headers: Record<string, string> = {};
  let at = 4;
  const read = (): string | undefined => {
    if (at + 4 > block.length) return undefined;
    const n = block.readUInt32BE(at);
    at += 4;
    if (at + n > block.length) return undefined;
    const s = block.subarray(at, at + n).toString('utf8');
    at += n;
    return s;
  };
  for (let i = 0; i < count; i++) {
    const name = read();
    const value = read();
    if (name === undefined || value === undefined) return undefined;
    headers[name.toLowerCase()] = value.split('\0').join(',');
  }
  return headers;
}
