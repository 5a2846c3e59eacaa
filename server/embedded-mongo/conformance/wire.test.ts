/** Embedded engine only: malformed and oversized messages close that connection and nothing else. */
import * as net from 'net';
import { MongoClient } from 'mongodb';
import { startEmbeddedMongo, type EmbeddedMongo } from '../index';
import { againstRealMongo } from '../test-support';

const maybe = againstRealMongo() ? describe.skip : describe;

function sendRaw(port: number, bytes: Buffer): Promise<'closed' | 'open'> {
  return new Promise((resolve) => {
    const s = net.connect(port, '127.0.0.1', () => s.write(bytes));
    const timer = setTimeout(() => {
      s.destroy();
      resolve('open');
    }, 1500);
    s.on('close', () => {
      clearTimeout(timer);
      resolve('closed');
    });
    s.on('error', () => undefined);
  });
}

function header(len: number, opCode: number): Buffer {
  const h = Buffer.alloc(16);
  h.writeInt32LE(len, 0);
  h.writeInt32LE(1, 4);
  h.writeInt32LE(0, 8);
  h.writeInt32LE(opCode, 12);
  return h;
}

maybe('when a client sends bad bytes', () => {
  let db: EmbeddedMongo;
  let client: MongoClient;
  beforeAll(async () => {
    db = await startEmbeddedMongo();
    client = await new MongoClient(db.uri).connect();
  });
  afterAll(async () => {
    await client.close();
    await db.stop();
  });

  it('closes the connection on an oversized length', async () => {
    expect(await sendRaw(db.port, header(100_000_000, 2013))).toBe('closed');
  });

  it('closes the connection on a corrupt document', async () => {
    const body = Buffer.concat([Buffer.from([0, 0, 0, 0, 0]), Buffer.from([0xff, 0xff, 0, 0, 1, 2, 3, 4])]);
    expect(await sendRaw(db.port, Buffer.concat([header(16 + body.length, 2013), body]))).toBe('closed');
  });

  it('closes the connection on an unknown opcode', async () => {
    expect(await sendRaw(db.port, Buffer.concat([header(24, 9999), Buffer.alloc(8)]))).toBe('closed');
  });

  it('keeps serving other connections', async () => {
    await sendRaw(db.port, Buffer.from('GET / HTTP/1.1\r\n\r\n'));
    await client.db('w').collection('c').insertOne({ ok: true });
    expect(await client.db('w').collection('c').countDocuments()).toBe(1);
  });
});
