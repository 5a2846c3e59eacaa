/**
 * A MongoDB wire server that does no database work: it frames and parses each message with the
 * engine's own codec and answers every `find` with one canned document. Run as a child process by
 * the engine bench, it measures the most any server could give mongoose + the driver on this
 * machine (the client ceiling), so the engine's throughput can be read as a fraction of it.
 * Prints `listening <port>` once it accepts connections.
 */
import * as net from 'node:net';
import { Long, ObjectId } from 'bson';
import { encodeReply, parseMessage } from '../../server/embedded-mongo/wire';

const CANNED = { _id: new ObjectId(), sku: 'canned', group: 1, name: 'canned item', tags: ['a', 'b'], __v: 0 };

function answer(command: Record<string, unknown>, port: number, connectionId: number): Record<string, unknown> {
  const name = Object.keys(command)[0]?.toLowerCase();
  if (name === 'hello' || name === 'ismaster') {
    // The same topology the engine reports (a one-member replica set), so the driver takes the same path.
    const me = `127.0.0.1:${port}`;
    return {
      helloOk: true,
      setName: 'embedded',
      setVersion: 1,
      hosts: [me],
      primary: me,
      secondary: false,
      ismaster: true,
      isWritablePrimary: true,
      maxBsonObjectSize: 16 * 1024 * 1024,
      maxMessageSizeBytes: 48_000_000,
      maxWriteBatchSize: 100_000,
      localTime: new Date(),
      logicalSessionTimeoutMinutes: 30,
      connectionId,
      minWireVersion: 0,
      maxWireVersion: 21,
      me,
      ok: 1,
    };
  }
  if (name === 'find') {
    return { cursor: { firstBatch: [CANNED], id: Long.ZERO, ns: `${String(command.$db)}.${String(command.find)}` }, ok: 1 };
  }
  return { ok: 1 };
}

const server = net.createServer((socket) => {
  const connectionId = Math.floor(Math.random() * 1e6);
  socket.setNoDelay(true);
  let pending = Buffer.alloc(0);
  socket.on('error', () => socket.destroy());
  socket.on('data', (data) => {
    pending = pending.length ? Buffer.concat([pending, data]) : data;
    while (pending.length >= 4 && pending.length >= pending.readInt32LE(0)) {
      const len = pending.readInt32LE(0);
      const req = parseMessage(pending.subarray(0, len));
      pending = pending.subarray(len);
      if (req.moreToCome) continue;
      const port = (server.address() as net.AddressInfo).port;
      socket.write(encodeReply(req.requestId, req.opCode, answer(req.command, port, connectionId)));
    }
  });
});

server.listen(0, '127.0.0.1', () => {
  process.stdout.write(`listening ${(server.address() as net.AddressInfo).port}\n`);
});
process.on('SIGTERM', () => server.close(() => process.exit(0)));
