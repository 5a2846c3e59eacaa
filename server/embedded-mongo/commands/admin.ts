/** Handshake, server information and session bookkeeping commands. */
import { calculateObjectSize } from 'bson';
import { MAX_BSON_BYTES, MAX_MESSAGE_BYTES } from '../wire';
import { sessionKey } from '../sessions';
import type { Doc } from '../values';
import type { CmdCtx, Handler } from './context';

export const SERVER_VERSION = '7.0.0';
const REPLICA_SET = 'embedded';

export function helloReply(ctx: CmdCtx): Doc {
  const me = `${ctx.server.host}:${ctx.server.port}`;
  return {
    helloOk: true,
    ismaster: true,
    isWritablePrimary: true,
    setName: REPLICA_SET,
    setVersion: 1,
    hosts: [me],
    primary: me,
    me,
    secondary: false,
    maxBsonObjectSize: MAX_BSON_BYTES,
    maxMessageSizeBytes: MAX_MESSAGE_BYTES,
    maxWriteBatchSize: 100_000,
    localTime: new Date(),
    logicalSessionTimeoutMinutes: 30,
    connectionId: ctx.connectionId,
    minWireVersion: 0,
    maxWireVersion: 21,
    readOnly: false,
    ok: 1,
  };
}

const hello: Handler = (_cmd, ctx) => helloReply(ctx);

const buildInfo: Handler = () => ({
  version: SERVER_VERSION,
  gitVersion: 'embedded',
  versionArray: [7, 0, 0, 0],
  bits: 64,
  debug: false,
  maxBsonObjectSize: MAX_BSON_BYTES,
  storageEngines: ['embedded'],
  javascriptEngine: 'none',
  ok: 1,
});

const listDatabases: Handler = (cmd, ctx) => {
  const databases: Doc[] = [];
  let totalSize = 0;
  for (const [name, colls] of ctx.engine.dbs) {
    let size = 0;
    if (!cmd.nameOnly) for (const c of colls.values()) for (const r of c.docs.values()) size += calculateObjectSize(r.t);
    totalSize += size;
    databases.push(cmd.nameOnly ? { name } : { name, sizeOnDisk: size, empty: colls.size === 0 });
  }
  return cmd.nameOnly ? { databases, ok: 1 } : { databases, totalSize, totalSizeMb: Math.round(totalSize / 1048576), ok: 1 };
};

const endSessions: Handler = (cmd, ctx) => {
  const lsids = Array.isArray(cmd.endSessions) ? cmd.endSessions : [];
  ctx.sessions.end(lsids);
  for (const lsid of lsids) {
    const key = sessionKey(lsid);
    if (key) ctx.cursors.killSession(key);
  }
  return { ok: 1 };
};

const ok: Handler = () => ({ ok: 1 });

export const adminCommands: Record<string, Handler> = {
  hello,
  ismaster: hello,
  isMaster: hello,
  ping: ok,
  buildInfo,
  buildinfo: buildInfo,
  listDatabases,
  endSessions,
  killSessions: endSessions,
  refreshSessions: ok,
  whatsmyuri: () => ({ you: '127.0.0.1', ok: 1 }),
  getParameter: () => ({ featureCompatibilityVersion: { version: '7.0' }, ok: 1 }),
  connectionStatus: () => ({ authInfo: { authenticatedUsers: [], authenticatedUserRoles: [] }, ok: 1 }),
  hostInfo: () => ({ system: { currentTime: new Date(), hostname: '127.0.0.1' }, ok: 1 }),
  serverStatus: (_cmd, ctx) => ({ host: ctx.server.host, version: SERVER_VERSION, process: 'embedded-mongo', uptime: (Date.now() - ctx.server.startedAt.getTime()) / 1000, localTime: new Date(), ok: 1 }),
  getLastError: () => ({ err: null, n: 0, ok: 1 }),
};
