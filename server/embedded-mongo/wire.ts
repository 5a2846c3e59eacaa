/** MongoDB wire protocol framing: OP_QUERY/OP_REPLY for the legacy handshake, OP_MSG for everything else. */
import { deserialize, serialize } from 'bson';
import type { Doc } from './values';

export const OP_REPLY = 1;
export const OP_QUERY = 2004;
export const OP_MSG = 2013;
export const MAX_MESSAGE_BYTES = 48_000_000;
export const MAX_BSON_BYTES = 16 * 1024 * 1024;

const FLAG_CHECKSUM = 1;
const FLAG_MORE_TO_COME = 2;

export class ProtocolError extends Error {}

export interface Request {
  requestId: number;
  opCode: number;
  /** The command document, with kind-1 sequences merged in as arrays. */
  command: Doc;
  moreToCome: boolean;
  /** For OP_QUERY: the namespace the legacy query was sent to. */
  fullCollectionName?: string;
}

const DESERIALIZE_OPTS = { promoteValues: false, validation: { utf8: false } } as const;

function readDoc(buf: Buffer, offset: number, end: number): { doc: Doc; next: number } {
  if (offset + 5 > end) throw new ProtocolError('truncated document');
  const size = buf.readInt32LE(offset);
  if (size < 5 || offset + size > end || size > MAX_BSON_BYTES + 16 * 1024) throw new ProtocolError('invalid document size');
  const doc = deserialize(buf.subarray(offset, offset + size), DESERIALIZE_OPTS) as Doc;
  return { doc, next: offset + size };
}

function readCString(buf: Buffer, offset: number, end: number): { str: string; next: number } {
  const zero = buf.indexOf(0, offset);
  if (zero < 0 || zero >= end) throw new ProtocolError('unterminated cstring');
  return { str: buf.toString('utf8', offset, zero), next: zero + 1 };
}

/** Parses one complete message (header included). Throws ProtocolError on anything malformed. */
export function parseMessage(msg: Buffer): Request {
  const length = msg.readInt32LE(0);
  const requestId = msg.readInt32LE(4);
  const opCode = msg.readInt32LE(12);
  if (opCode === OP_MSG) {
    const flags = msg.readUInt32LE(16);
    const end = flags & FLAG_CHECKSUM ? length - 4 : length;
    let offset = 20;
    let command: Doc | undefined;
    const sequences: Array<[string, Doc[]]> = [];
    while (offset < end) {
      const kind = msg[offset++];
      if (kind === 0) {
        if (command) throw new ProtocolError('more than one body section');
        const r = readDoc(msg, offset, end);
        command = r.doc;
        offset = r.next;
      } else if (kind === 1) {
        if (offset + 4 > end) throw new ProtocolError('truncated sequence');
        const size = msg.readInt32LE(offset);
        const seqEnd = offset + size;
        if (size < 5 || seqEnd > end) throw new ProtocolError('invalid sequence size');
        const id = readCString(msg, offset + 4, seqEnd);
        const docs: Doc[] = [];
        let p = id.next;
        while (p < seqEnd) {
          const r = readDoc(msg, p, seqEnd);
          docs.push(r.doc);
          p = r.next;
        }
        sequences.push([id.str, docs]);
        offset = seqEnd;
      } else throw new ProtocolError(`unknown section kind ${kind}`);
    }
    if (!command) throw new ProtocolError('OP_MSG without body');
    for (const [id, docs] of sequences) command[id] = docs;
    return { requestId, opCode, command, moreToCome: (flags & FLAG_MORE_TO_COME) !== 0 };
  }
  if (opCode === OP_QUERY) {
    const name = readCString(msg, 20, length);
    const r = readDoc(msg, name.next + 8, length);
    let command = r.doc;
    // Legacy wrapped form: { $query: {...}, $readPreference: ... }
    if (command.$query && typeof command.$query === 'object') command = command.$query as Doc;
    return { requestId, opCode, command, moreToCome: false, fullCollectionName: name.str };
  }
  throw new ProtocolError(`unsupported opCode ${opCode}`);
}

let nextRequestId = 1;

function header(length: number, responseTo: number, opCode: number): Buffer {
  const h = Buffer.allocUnsafe(16);
  h.writeInt32LE(length, 0);
  h.writeInt32LE(nextRequestId++ & 0x7fffffff, 4);
  h.writeInt32LE(responseTo, 8);
  h.writeInt32LE(opCode, 12);
  return h;
}

export function encodeReply(responseTo: number, opCode: number, reply: Doc): Buffer {
  const body = serialize(reply);
  if (opCode === OP_QUERY) {
    const meta = Buffer.alloc(20);
    meta.writeInt32LE(0, 0); // responseFlags
    meta.writeBigInt64LE(0n, 4); // cursorID
    meta.writeInt32LE(0, 12); // startingFrom
    meta.writeInt32LE(1, 16); // numberReturned
    return Buffer.concat([header(16 + 20 + body.length, responseTo, OP_REPLY), meta, body]);
  }
  const pre = Buffer.alloc(5); // flagBits (0) + section kind 0
  return Buffer.concat([header(16 + 5 + body.length, responseTo, OP_MSG), pre, body]);
}
