import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Binary, Decimal128, Double, Int32, Long, ObjectId, type Document } from 'bson';
import { Journal } from './index';
import { CorruptJournalError } from './records';

let dir: string;
beforeEach(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'linli-journal-'));
});
afterEach(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

const op = (i: number): Document => ({ op: 'i', ns: 'db.c', doc: { _id: i, n: new Int32(i), pad: 'x'.repeat(20) } });
const ids = (entries: Document[]): number[] => entries.map((e) => Number((e.doc as Document)._id));
const journalFiles = async (): Promise<string[]> => (await fs.readdir(dir)).filter((n) => n.startsWith('journal-')).sort();
const lastJournal = async (): Promise<string> => path.join(dir, (await journalFiles()).pop()!);

async function reopen(): Promise<Document[]> {
  const { journal, entries } = await Journal.open({ dir });
  await journal.close();
  return entries;
}

async function syncSpy(): Promise<jest.SpyInstance> {
  const h = await fs.open(path.join(dir, 'probe'), 'w');
  const proto = Object.getPrototypeOf(h) as { sync(): Promise<void> };
  await h.close();
  return jest.spyOn(proto, 'sync');
}

describe('Journal', () => {
  it('when entries are appended and the journal reopened, replays them in order with their BSON types', async () => {
    const { journal, entries } = await Journal.open({ dir });
    expect(entries).toEqual([]);
    const typed = { _id: new ObjectId(), i: new Int32(1), d: new Double(2), l: Long.fromNumber(3), dec: Decimal128.fromString('4.5'), at: new Date(0), bin: new Binary(Buffer.from('hi')), nil: null };
    await journal.append([op(1), op(2)]);
    await journal.append([{ op: 'typed', doc: typed }]);
    await journal.close();
    const replayed = await reopen();
    expect(ids(replayed.slice(0, 2))).toEqual([1, 2]);
    const back = replayed[2].doc as Document;
    expect(back.i).toBeInstanceOf(Int32);
    expect(back.d).toBeInstanceOf(Double);
    expect(back.l).toBeInstanceOf(Long);
    expect(back.dec).toBeInstanceOf(Decimal128);
    expect((back._id as ObjectId).equals(typed._id)).toBe(true);
    expect(back.at).toEqual(new Date(0));
    expect(back.nil).toBeNull();
  });

  it('when the last record is cut short, discards it, truncates the file and keeps working', async () => {
    const { journal } = await Journal.open({ dir });
    for (let i = 1; i <= 3; i++) await journal.append([op(i)]);
    await journal.close();
    const file = await lastJournal();
    const size = (await fs.stat(file)).size;
    await fs.truncate(file, size - 7);
    const { journal: j2, entries } = await Journal.open({ dir });
    expect(ids(entries)).toEqual([1, 2]);
    expect((await fs.stat(file)).size).toBe(j2.sizeBytes);
    await j2.append([op(4)]);
    await j2.close();
    expect(ids(await reopen())).toEqual([1, 2, 4]);
  });

  it.each([
    ['payload', -3],
    ['header', 'header'],
  ])('when a byte of the last record %s is flipped, discards only that record', async (_where, at) => {
    const { journal } = await Journal.open({ dir });
    await journal.append([op(1)]);
    const before = journal.sizeBytes;
    await journal.append([op(2), op(3)]);
    await journal.close();
    const file = await lastJournal();
    const buf = await fs.readFile(file);
    const pos = at === 'header' ? before + 1 : buf.length + (at as number);
    buf[pos] ^= 0xff;
    await fs.writeFile(file, buf);
    expect(ids(await reopen())).toEqual([1]);
  });

  it('when an append of several entries is torn, none of its entries is replayed', async () => {
    const { journal } = await Journal.open({ dir });
    await journal.append([op(1)]);
    await journal.append([op(2), op(3), op(4)]);
    await journal.close();
    const file = await lastJournal();
    await fs.truncate(file, (await fs.stat(file)).size - 40);
    expect(ids(await reopen())).toEqual([1]);
  });

  it('when zeros follow the last record (preallocated tail), ignores them', async () => {
    const { journal } = await Journal.open({ dir });
    await journal.append([op(1)]);
    await journal.close();
    await fs.appendFile(await lastJournal(), Buffer.alloc(4096));
    expect(ids(await reopen())).toEqual([1]);
  });

  it('when a record in the middle is corrupt, refuses to open with a clear error', async () => {
    const { journal } = await Journal.open({ dir });
    for (let i = 1; i <= 3; i++) await journal.append([op(i)]);
    await journal.close();
    const file = await lastJournal();
    const buf = await fs.readFile(file);
    buf[20] ^= 0xff; // inside the first record's payload
    await fs.writeFile(file, buf);
    await expect(Journal.open({ dir })).rejects.toThrow(CorruptJournalError);
    await expect(Journal.open({ dir })).rejects.toThrow(/corrupt at byte 0 .*refusing to start/);
  });

  it('when many appends arrive together in batch mode, they share fsyncs and all become durable', async () => {
    const spy = await syncSpy();
    const { journal } = await Journal.open({ dir });
    spy.mockClear();
    await Promise.all(Array.from({ length: 200 }, (_, i) => journal.append([op(i)])));
    const syncs = spy.mock.calls.length;
    await journal.close();
    spy.mockRestore();
    expect(syncs).toBeGreaterThan(0);
    expect(syncs).toBeLessThan(20);
    expect(ids(await reopen())).toEqual(Array.from({ length: 200 }, (_, i) => i));
  });

  it('when fsync is always, fsyncs once per append; when off, never', async () => {
    const spy = await syncSpy();
    const { journal } = await Journal.open({ dir, fsync: 'always' });
    spy.mockClear();
    await Promise.all(Array.from({ length: 10 }, (_, i) => journal.append([op(i)])));
    expect(spy.mock.calls.length).toBe(10);
    await journal.close();
    const { journal: off } = await Journal.open({ dir, fsync: 'off' });
    spy.mockClear();
    await Promise.all(Array.from({ length: 10 }, (_, i) => off.append([op(10 + i)])));
    await off.close();
    expect(spy.mock.calls.length).toBe(0);
    spy.mockRestore();
    expect(ids(await reopen())).toHaveLength(20);
  });

  it('when an append resolves, its bytes are already in the file', async () => {
    const { journal } = await Journal.open({ dir });
    await journal.append([op(1)]);
    expect((await fs.stat(await lastJournal())).size).toBe(journal.sizeBytes);
    await journal.close();
  });

  it('when compacting while appends continue, keeps the snapshot state plus every later append', async () => {
    const { journal } = await Journal.open({ dir, compactBytes: 1000 });
    const state: Document[] = [];
    for (let i = 0; i < 50; i++) {
      state.push(op(i));
      await journal.append([op(i)]);
    }
    expect(journal.needsCompaction).toBe(true);
    const sizeBefore = journal.sizeBytes;
    const before = Promise.all([journal.append([op(50)])]);
    state.push(op(50)); // applied in memory before compact, like the core does
    const compaction = journal.compact(state.map((e) => ({ ...e })));
    const during = Promise.all(Array.from({ length: 30 }, (_, i) => journal.append([op(100 + i)])));
    expect(journal.sizeBytes).toBeGreaterThan(0);
    await Promise.all([before, compaction, during]);
    expect(journal.sizeBytes).toBeLessThan(sizeBefore);
    await journal.append([op(200)]);
    await journal.close();
    const files = (await fs.readdir(dir)).sort();
    expect(files.filter((f) => f.startsWith('snapshot-'))).toHaveLength(1);
    expect(await journalFiles()).toHaveLength(1);
    const replayed = ids(await reopen());
    expect(replayed).toEqual([...Array.from({ length: 51 }, (_, i) => i), ...Array.from({ length: 30 }, (_, i) => 100 + i), 200]);
  });

  it('when a crash interrupts compaction before the rename, recovers from the previous files', async () => {
    const { journal } = await Journal.open({ dir });
    await journal.append([op(1)]);
    await journal.close();
    await fs.writeFile(path.join(dir, 'snapshot-00000002.bson.tmp'), Buffer.from('half a snapshot'));
    await fs.writeFile(path.join(dir, 'journal-00000002.log'), Buffer.alloc(0));
    const { journal: j2, entries } = await Journal.open({ dir });
    expect(ids(entries)).toEqual([1]);
    await j2.append([op(2)]);
    await j2.close();
    expect(ids(await reopen())).toEqual([1, 2]);
    expect((await fs.readdir(dir)).some((n) => n.endsWith('.tmp'))).toBe(false);
  });

  it('when a crash interrupts cleanup after the rename, ignores the old journal', async () => {
    const { journal } = await Journal.open({ dir });
    await journal.append([op(1)]);
    const oldFile = await lastJournal();
    const oldBytes = await fs.readFile(oldFile);
    await journal.compact([op(1)]);
    await journal.append([op(2)]);
    await journal.close();
    await fs.writeFile(oldFile, oldBytes); // as if the unlink never happened
    expect(ids(await reopen())).toEqual([1, 2]);
    expect(await journalFiles()).toHaveLength(1);
  });

  it('when the state holds 100,000 documents, compacts and reopens them', async () => {
    const { journal } = await Journal.open({ dir });
    const state = Array.from({ length: 100_000 }, (_, i) => op(i));
    await journal.compact(state);
    await journal.append([op(100_000)]);
    await journal.close();
    const replayed = await reopen();
    expect(replayed).toHaveLength(100_001);
    expect(Number((replayed[99_999].doc as Document)._id)).toBe(99_999);
  }, 30_000);

  it('when the snapshot holds more entries than a call can take as arguments (400,000), reopens them', async () => {
    // A district seeded at 1/50 of its real size compacts into a snapshot this large (issue 15).
    const { journal } = await Journal.open({ dir });
    await journal.compact(Array.from({ length: 400_000 }, (_, i) => op(i)));
    await journal.close();
    const replayed = await reopen();
    expect(replayed).toHaveLength(400_000);
    expect(Number((replayed[399_999].doc as Document)._id)).toBe(399_999);
  }, 120_000);

  it('when closed, rejects further appends', async () => {
    const { journal } = await Journal.open({ dir });
    await journal.close();
    await expect(journal.append([op(1)])).rejects.toThrow(/closed/);
  });
});

describe('Journal lock', () => {
  it('when the dbPath is already open, refuses a second open until the first closes', async () => {
    const { journal } = await Journal.open({ dir });
    await expect(Journal.open({ dir })).rejects.toThrow(/already open in this process/);
    await journal.close();
    const again = await Journal.open({ dir });
    await again.journal.close();
  });

  it('when another live process holds the lock, refuses; when its owner is gone, takes over', async () => {
    await fs.writeFile(path.join(dir, 'LOCK'), `${process.ppid}\n`);
    await expect(Journal.open({ dir })).rejects.toThrow(new RegExp(`in use by process ${process.ppid}`));
    await fs.writeFile(path.join(dir, 'LOCK'), '999999999\n');
    const { journal } = await Journal.open({ dir });
    await journal.close();
    expect((await fs.readdir(dir)).includes('LOCK')).toBe(false);
  });

  it('when recovery fails, releases the lock', async () => {
    const { journal } = await Journal.open({ dir });
    await journal.append([op(1)]);
    await journal.append([op(2)]);
    await journal.close();
    const file = await lastJournal();
    const buf = await fs.readFile(file);
    buf[20] ^= 0xff;
    await fs.writeFile(file, buf);
    await expect(Journal.open({ dir })).rejects.toThrow(CorruptJournalError);
    expect((await fs.readdir(dir)).includes('LOCK')).toBe(false);
  });
});
