/**
 * TCP front end: frames messages, runs each connection's commands in order, and closes only the
 * offending connection on malformed or oversized input.
 */
import * as net from 'net';
import { runCommand, type Env } from './commands';
import { helloReply } from './commands/admin';
import { asServerError } from './errors';
import { encodeReply, MAX_MESSAGE_BYTES, OP_QUERY, parseMessage, type Request } from './wire';

const HOST = '127.0.0.1';

export class WireServer {
  private server = net.createServer((s) => this.accept(s));
  private sockets = new Set<net.Socket>();
  private nextConnId = 1;

  constructor(private readonly env: Omit<Env, 'connectionId'>) {}

  listen(port: number): Promise<number> {
    return new Promise((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(port, HOST, () => {
        this.server.off('error', reject);
        const p = (this.server.address() as net.AddressInfo).port;
        this.env.server.port = p;
        resolve(p);
      });
    });
  }

  async close(): Promise<void> {
    await new Promise<void>((resolve) => {
      this.server.close(() => resolve());
      for (const s of this.sockets) s.destroy();
    });
  }

  private accept(socket: net.Socket): void {
    const connectionId = this.nextConnId++;
    this.sockets.add(socket);
    socket.setNoDelay(true);
    let chunks: Buffer[] = [];
    let buffered = 0;
    let queue = Promise.resolve();
    const env: Env = { ...this.env, connectionId };
    socket.on('close', () => this.sockets.delete(socket));
    socket.on('error', () => socket.destroy());
    socket.on('data', (data) => {
      chunks.push(data);
      buffered += data.length;
      while (buffered >= 4) {
        // join the chunks only once the whole message is here (joining on every chunk copied a
        // 16 MiB message hundreds of times)
        if (chunks[0].length < 4) chunks = [Buffer.concat(chunks)];
        const len = chunks[0].readInt32LE(0);
        if (len < 21 || len > MAX_MESSAGE_BYTES) {
          socket.destroy();
          return;
        }
        if (buffered < len) return;
        let buf = chunks.length === 1 ? chunks[0] : Buffer.concat(chunks);
        chunks = [buf];
        const msg = buf.subarray(0, len);
        buf = buf.subarray(len);
        chunks = buf.length ? [buf] : [];
        buffered = buf.length;
        let req: Request;
        try {
          req = parseMessage(msg);
        } catch {
          socket.destroy();
          return;
        }
        queue = queue.then(() => this.handle(req, env, socket));
      }
    });
  }

  private async handle(req: Request, env: Env, socket: net.Socket): Promise<void> {
    if (socket.destroyed) return;
    let reply;
    try {
      if (req.opCode === OP_QUERY) {
        const name = Object.keys(req.command)[0]?.toLowerCase();
        const db = req.fullCollectionName?.split('.')[0] ?? 'admin';
        reply = name === 'ismaster' || name === 'hello'
          ? helloReply({ ...env, op: { entries: [] }, db })
          : await runCommand(req.command, env, db);
      } else {
        reply = await runCommand(req.command, env);
      }
    } catch (e) {
      reply = asServerError(e).toReply();
    }
    if (req.moreToCome || socket.destroyed) return;
    let out: Buffer;
    try {
      out = encodeReply(req.requestId, req.opCode, reply);
    } catch (e) {
      out = encodeReply(req.requestId, req.opCode, asServerError(e).toReply());
    }
    socket.write(out);
  }
}
