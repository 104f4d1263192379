/**
 * The SPDY/3.1 codec port-forward speaks: frames split anywhere, the header blocks' zlib stream
 * (with SPDY's dictionary, one stream per direction), and the blocks we send ending as a sync
 * flush ends (what Go's flate reader needs before it hands a block's bytes out).
 */
import { constants, createDeflate, inflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import {
  controlFrame,
  dataFrames,
  FLAG_FIN,
  FRAME,
  HeaderReader,
  HeaderWriter,
  headerBlock,
  parseHeaderBlock,
  rstStream,
  SPDY_DICTIONARY,
  SpdyReader,
} from './spdyFrames';

/** What a peer's zlib writer (dictionary, sync flush after each block) sends, block by block. */
async function peerCompress(blocks: Buffer[]): Promise<Buffer[]> {
  const z = createDeflate({ dictionary: SPDY_DICTIONARY });
  const out: Buffer[] = [];
  for (const block of blocks) {
    const chunks: Buffer[] = [];
    const onData = (c: Buffer) => chunks.push(c);
    z.on('data', onData);
    z.write(block);
    await new Promise<void>((resolve) => z.flush(constants.Z_SYNC_FLUSH, () => resolve()));
    z.off('data', onData);
    out.push(Buffer.concat(chunks));
  }
  z.end();
  return out;
}

describe('SPDY frames', () => {
  it('reads control and data frames however the bytes are split', () => {
    const bytes = Buffer.concat([
      controlFrame(FRAME.ping, 0, Buffer.from([0, 0, 0, 1])),
      dataFrames(3, Buffer.from('GET / HTTP/1.1\r\n\r\n'), true),
      rstStream(5, 5),
    ]);
    const reader = new SpdyReader();
    const frames = [...bytes].flatMap((b) => reader.push(Buffer.from([b])));
    expect(frames).toEqual([
      { control: true, type: FRAME.ping, flags: 0, data: Buffer.from([0, 0, 0, 1]) },
      { control: false, streamId: 3, flags: FLAG_FIN, data: Buffer.from('GET / HTTP/1.1\r\n\r\n') },
      {
        control: true,
        type: FRAME.rstStream,
        flags: 0,
        data: Buffer.from([0, 0, 0, 5, 0, 0, 0, 5]),
      },
    ]);
    // SPDY/3 control frame head: the control bit and version 3, the type, flags and length.
    expect(bytes.subarray(0, 8).toString('hex')).toBe('8003000600000004');
  });

  it('splits data larger than a frame holds, FIN on the last one only', () => {
    const reader = new SpdyReader();
    const frames = reader.push(dataFrames(1, Buffer.alloc(150_000, 0x61), true));
    expect(frames.map((f) => [f.data.length, f.flags])).toEqual([
      [65_536, 0],
      [65_536, 0],
      [18_928, FLAG_FIN],
    ]);
    expect(reader.push(dataFrames(1, Buffer.alloc(0), true))).toEqual([
      { control: false, streamId: 1, flags: FLAG_FIN, data: Buffer.alloc(0) },
    ]);
  });

  it('reads the peer’s header blocks from one zlib stream with the SPDY dictionary', async () => {
    const first = headerBlock({ streamType: 'error', port: '80', requestID: '0' });
    const second = headerBlock({ streamType: 'data', port: '80', requestID: '0' });
    const [a, b] = await peerCompress([first, second]);
    const reader = new HeaderReader();
    expect(parseHeaderBlock(reader.decompress(a) as Buffer)).toEqual({
      streamtype: 'error',
      port: '80',
      requestid: '0',
    });
    // The second block leans on the first one's history: it reads only in the same stream.
    expect(parseHeaderBlock(reader.decompress(b) as Buffer)).toEqual({
      streamtype: 'data',
      port: '80',
      requestid: '0',
    });
    expect(new HeaderReader().decompress(Buffer.from('not zlib'))).toBeUndefined();
  });

  it('writes header blocks any zlib reader reads, each ending as a sync flush does', () => {
    const writer = new HeaderWriter();
    const blocks = [headerBlock({}), headerBlock({ a: 'b', Port: '80' })];
    const sent = blocks.map((b) => writer.compress(b));
    // Go's flate hands out a stored block's bytes at the next block: the empty one a sync
    // flush writes. Without it spdystream reads past the frame (WrongCompressedPayloadSize).
    for (const s of sent) expect(s.subarray(-5).toString('hex')).toBe('000000ffff');
    const all = inflateSync(Buffer.concat(sent), { finishFlush: constants.Z_SYNC_FLUSH });
    expect(all).toEqual(Buffer.concat(blocks));
    expect(parseHeaderBlock(blocks[1])).toEqual({ a: 'b', port: '80' });
  });

  it('refuses a header block that ends too soon', () => {
    const block = headerBlock({ port: '80' });
    expect(parseHeaderBlock(block.subarray(0, block.length - 1))).toBeUndefined();
    expect(parseHeaderBlock(Buffer.from([0, 0]))).toBeUndefined();
  });
});
