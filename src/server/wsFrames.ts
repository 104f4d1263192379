/**
 * WebSocket messages (RFC 6455) for the exec channel protocol: what the server writes (unmasked)
 * and what it reads from the client (masked, maybe fragmented).
 */

export interface WsMessage {
  opcode: number;
  payload: Buffer;
}

/** One unmasked frame. */
export function wsFrame(opcode: number, payload: Buffer): Buffer {
  const n = payload.length;
  const head =
    n < 126
      ? Buffer.from([0x80 | opcode, n])
      : n < 65536
        ? Buffer.from([0x80 | opcode, 126, n >> 8, n & 0xff])
        : (() => {
            const b = Buffer.alloc(10);
            b[0] = 0x80 | opcode;
            b[1] = 127;
            b.writeBigUInt64BE(BigInt(n), 2);
            return b;
          })();
  return Buffer.concat([head, payload]);
}

/** Client messages from the bytes as they come; control frames pass through fragments. */
export class WsReader {
  private buf: Buffer = Buffer.alloc(0);
  private fragments: Buffer[] = [];
  private fragmentOpcode = 0;

  /** Messages no larger than this are read; a bigger one is a protocol error (1009). */
  constructor(private readonly maxBytes = 1 << 20) {}

  push(chunk: Buffer): WsMessage[] | 'tooBig' {
    this.buf = this.buf.length ? Buffer.concat([this.buf, chunk]) : chunk;
    const out: WsMessage[] = [];
    for (;;) {
      if (this.buf.length < 2) return out;
      const b0 = this.buf[0];
      const b1 = this.buf[1];
      let len = b1 & 0x7f;
      let at = 2;
      if (len === 126) {
        if (this.buf.length < 4) return out;
        len = this.buf.readUInt16BE(2);
        at = 4;
      } else if (len === 127) {
        if (this.buf.length < 10) return out;
        const big = this.buf.readBigUInt64BE(2);
        if (big > BigInt(this.maxBytes)) return 'tooBig';
        len = Number(big);
        at = 10;
      }
      if (len > this.maxBytes) return 'tooBig';
      const masked = (b1 & 0x80) !== 0;
      const maskAt = at;
      if (masked) at += 4;
      if (this.buf.length < at + len) return out;
      const payload = Buffer.from(this.buf.subarray(at, at + len));
      if (masked) for (let i = 0; i < len; i++) payload[i] ^= this.buf[maskAt + (i & 3)];
      this.buf = this.buf.subarray(at + len);
      const fin = (b0 & 0x80) !== 0;
      const opcode = b0 & 0x0f;
      if (opcode >= 0x8) {
        out.push({ opcode, payload });
        continue;
      }
      if (opcode !== 0) this.fragmentOpcode = opcode;
      this.fragments.push(payload);
      if (!fin) continue;
      out.push({ opcode: this.fragmentOpcode, payload: Buffer.concat(this.fragments) });
      this.fragments = [];
    }
  }
}
