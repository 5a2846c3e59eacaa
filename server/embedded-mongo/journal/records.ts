/**
 * Record framing shared by the journal and the snapshot:
 *
 *   u32 LE payload length | u32 LE crc32(payload) | u32 LE crc32(first 8 bytes) | BSON payload
 *
 * The header has its own checksum so a damaged length is detected instead of being trusted.
 * A record that fails its checks is a torn tail only when nothing valid follows it; anything
 * else is corruption in the middle of acknowledged data and is reported, never skipped.
 */
import * as zlib from 'node:zlib';
import { deserialize, serialize, type DeserializeOptions, type Document } from 'bson';

export const HEADER_BYTES = 12;

const TABLE = (() => {
  const t = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c >>> 0;
  }
  return t;
})();

/** CRC-32 (IEEE); zlib.crc32 exists from Node 20.15, the table version covers older runtimes. */
export const crc32: (data: Uint8Array) => number =
  typeof (zlib as { crc32?: unknown }).crc32 === 'function'
    ? (data) => zlib.crc32(data)
    : (data) => {
        let c = 0xffffffff;
        for (let i = 0; i < data.length; i++) c = TABLE[(c ^ data[i]) & 0xff] ^ (c >>> 8);
        return (c ^ 0xffffffff) >>> 0;
      };

export function encodeRecord(doc: Document): Buffer {
  const payload = serialize(doc);
  const out = Buffer.allocUnsafe(HEADER_BYTES + payload.length);
  out.writeUInt32LE(payload.length, 0);
  out.writeUInt32LE(crc32(payload), 4);
  out.writeUInt32LE(crc32(out.subarray(0, 8)), 8);
  out.set(payload, HEADER_BYTES);
  return out;
}

export class CorruptJournalError extends Error {
  constructor(
    readonly file: string,
    readonly offset: number,
    reason: string,
  ) {
    super(
      `journal file ${file} is corrupt at byte ${offset} (${reason}) and valid records follow; ` +
        'refusing to start rather than drop acknowledged writes. Restore the data directory from a backup ' +
        'or move the damaged file aside deliberately.',
    );
    this.name = 'CorruptJournalError';
  }
}

export interface ParsedFile {
  docs: Document[];
  /** Bytes up to the end of the last good record. */
  goodLength: number;
  /** Why the tail after goodLength was discarded, if it was. */
  tornTail?: string;
}

type Check = { ok: true; end: number; payload: Buffer } | { ok: false; reason: string; end?: number };

function check(buf: Buffer, off: number): Check {
  if (buf.length - off < HEADER_BYTES) return { ok: false, reason: 'incomplete record header' };
  if (crc32(buf.subarray(off, off + 8)) !== buf.readUInt32LE(off + 8)) return { ok: false, reason: 'record header checksum mismatch' };
  const end = off + HEADER_BYTES + buf.readUInt32LE(off);
  if (end > buf.length) return { ok: false, reason: 'record cut short', end };
  const payload = buf.subarray(off + HEADER_BYTES, end);
  if (crc32(payload) !== buf.readUInt32LE(off + 4)) return { ok: false, reason: 'record checksum mismatch', end };
  return { ok: true, end, payload };
}

/** Is there any fully valid record starting at or after `from`? */
function validRecordAfter(buf: Buffer, from: number): boolean {
  for (let off = from; off + HEADER_BYTES <= buf.length; off++) if (check(buf, off).ok) return true;
  return false;
}

/**
 * Parse every record of a file. With `allowTornTail`, a bad final record (and whatever bytes
 * follow it) is reported as torn; without it, or when valid records follow, it throws.
 */
export function parseRecords(buf: Buffer, file: string, allowTornTail: boolean, options: DeserializeOptions): ParsedFile {
  const docs: Document[] = [];
  let off = 0;
  while (off < buf.length) {
    const c = check(buf, off);
    let reason: string;
    if (c.ok) {
      try {
        docs.push(deserialize(c.payload, options));
        off = c.end;
        continue;
      } catch (e) {
        reason = `undecodable BSON: ${(e as Error).message}`;
      }
    } else {
      reason = c.reason;
    }
    const resumeAt = c.end !== undefined && c.end <= buf.length ? c.end : off + 1;
    if (!allowTornTail || validRecordAfter(buf, resumeAt)) throw new CorruptJournalError(file, off, reason);
    return { docs, goodLength: off, tornTail: reason };
  }
  return { docs, goodLength: off };
}
