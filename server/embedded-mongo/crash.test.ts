/**
 * Crash test: the engine runs as a child process on a dbpath; a concurrent burst of inserts and
 * multi-field updates and two-document transactions runs through the driver; the child is killed with SIGKILL mid-burst and
 * restarted on the same dbpath. Every acknowledged write must be there, no unacknowledged write
 * may be half-applied, and the unique index must still hold.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { MongoClient } from 'mongodb';

jest.setTimeout(30_000);

const CLI = path.join(__dirname, 'cli.ts');
const WORKERS = 20;
const ACCOUNTS = 10;
const PAYLOAD = 'x'.repeat(300);

interface Engine {
  child: ChildProcess;
  uri: string;
}

function startEngine(dbPath: string): Promise<Engine> {
  const child = spawn(process.execPath, ['--import', 'tsx', CLI, '--port', '0', '--dbpath', dbPath], {
    cwd: path.join(__dirname, '..', '..'),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return new Promise((resolve, reject) => {
    let out = '';
    let errText = '';
    const timer = setTimeout(() => reject(new Error(`engine did not start: ${out} ${errText}`)), 15_000);
    child.stderr!.on('data', (d: Buffer) => (errText += d.toString()));
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /mongodb:\/\/127\.0\.0\.1:\d+/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve({ child, uri: m[0] });
      }
    });
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`engine exited with ${code}: ${errText}`));
    });
  });
}

function killed(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    child.once('exit', () => resolve());
  });
}

const connect = (uri: string) =>
  new MongoClient(uri, { serverSelectionTimeoutMS: 3000, retryWrites: false, maxPoolSize: WORKERS + 5 }).connect();

let dbPath: string;
const children: ChildProcess[] = [];

beforeAll(async () => {
  dbPath = await fs.mkdtemp(path.join(os.tmpdir(), 'linli-crash-'));
});

afterAll(async () => {
  for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
  await fs.rm(dbPath, { recursive: true, force: true });
});

it('when the engine is killed mid-burst, keeps every acknowledged write whole and the unique index intact', async () => {
  const first = await startEngine(dbPath);
  children.push(first.child);
  const client = await connect(first.uri);
  const db = client.db('crash');
  await db.collection('items').createIndex({ sku: 1 }, { unique: true });
  await db.collection('accounts').insertMany(Array.from({ length: ACCOUNTS }, (_, i) => ({ _id: i, a: 0, b: 0, v: 0 })) as never[]);

  const ackedInserts = new Set<string>();
  const triedInserts = new Set<string>();
  const ackedIncs = new Array<number>(ACCOUNTS).fill(0);
  const triedIncs = new Array<number>(ACCOUNTS).fill(0);
  const ackedPairs = new Set<string>();
  let stop = false;

  const worker = async (w: number): Promise<void> => {
    for (let k = 0; !stop; k++) {
      const sku = `w${w}-${k}`;
      triedInserts.add(sku);
      await db.collection('items').insertOne({ sku, w, k, payload: PAYLOAD, tail: `${sku}-end` });
      ackedInserts.add(sku);
      const acct = (w + k) % ACCOUNTS;
      triedIncs[acct]++;
      // One multi-field update: a, b and v must move together or not at all.
      await db.collection('accounts').updateOne({ _id: acct as never }, { $inc: { a: 1, b: 1, v: 1 } });
      ackedIncs[acct]++;
      if (k % 4 === 0) {
        // A two-document transaction: after the crash both halves exist or neither does.
        const pair = `p${w}-${k}`;
        const session = client.startSession();
        try {
          await session.withTransaction(async () => {
            await db.collection('pairs').insertOne({ pair, half: 1 }, { session });
            await db.collection('pairs').insertOne({ pair, half: 2 }, { session });
          });
        } finally {
          await session.endSession().catch(() => undefined);
        }
        ackedPairs.add(pair);
      }
    }
  };
  const burst = Promise.allSettled(Array.from({ length: WORKERS }, (_, w) => worker(w)));

  // Kill once the burst is well under way (enough acknowledged writes), not at a fixed time.
  const until = Date.now() + 5000;
  while (ackedInserts.size < 400 && Date.now() < until) await new Promise((r) => setTimeout(r, 10));
  first.child.kill('SIGKILL');
  await killed(first.child);
  stop = true;
  const outcomes = await burst;
  await client.close(true).catch(() => undefined);
  expect(outcomes.some((o) => o.status === 'rejected')).toBe(true); // the kill really hit in-flight writes
  expect(ackedInserts.size).toBeGreaterThanOrEqual(50);
  expect(ackedPairs.size).toBeGreaterThan(0);

  const second = await startEngine(dbPath);
  children.push(second.child);
  const after = await connect(second.uri);
  try {
    const adb = after.db('crash');
    const items = await adb.collection('items').find({}).toArray();
    const present = new Map(items.map((d) => [d.sku as string, d]));
    for (const sku of ackedInserts) expect(present.has(sku)).toBe(true);
    for (const d of items) {
      expect(triedInserts.has(d.sku)).toBe(true);
      expect(d).toMatchObject({ payload: PAYLOAD, tail: `${d.sku}-end` });
      expect(d.sku).toBe(`w${d.w}-${d.k}`);
    }
    expect(present.size).toBe(items.length); // no duplicate sku slipped in

    const accounts = await adb.collection('accounts').find({}).sort({ _id: 1 }).toArray();
    expect(accounts).toHaveLength(ACCOUNTS);
    for (const acc of accounts) {
      const i = acc._id as unknown as number;
      expect(acc.a).toBe(acc.v);
      expect(acc.b).toBe(acc.v);
      expect(acc.v).toBeGreaterThanOrEqual(ackedIncs[i]);
      expect(acc.v).toBeLessThanOrEqual(triedIncs[i]);
    }

    const halves = new Map<string, number>();
    for (const d of await adb.collection('pairs').find({}).toArray()) halves.set(d.pair, (halves.get(d.pair) ?? 0) + 1);
    for (const [pair, n] of halves) expect([pair, n]).toEqual([pair, 2]);
    for (const pair of ackedPairs) expect(halves.get(pair)).toBe(2);

    const indexes = await adb.collection('items').listIndexes().toArray();
    expect(indexes.find((i) => i.name === 'sku_1')).toMatchObject({ unique: true, key: { sku: 1 } });
    const someSku = [...ackedInserts][0];
    await expect(adb.collection('items').insertOne({ sku: someSku })).rejects.toMatchObject({ code: 11000 });
    await adb.collection('items').insertOne({ sku: 'after-restart' });
    expect(await adb.collection('items').countDocuments({ sku: 'after-restart' })).toBe(1);
  } finally {
    await after.close();
    second.child.kill('SIGTERM');
    await killed(second.child);
  }
});
