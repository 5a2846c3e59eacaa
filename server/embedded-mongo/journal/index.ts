/**
 * Durability for the embedded engine: an append-only, checksummed journal plus snapshots.
 *
 * Files in `dir` (generation N counts compactions):
 *   snapshot-N.bson  every entry that rebuilds the state as of the start of journal-N
 *                    (written to a .tmp file, fsynced, renamed, directory fsynced: all or nothing)
 *   journal-N.log    one record per `append` call, holding that call's entries, so an append is
 *                    replayed whole or not at all
 * Recovery loads the newest snapshot S and replays journal-S, journal-S+1... in order; files
 * older than S are leftovers of an interrupted cleanup and are removed.
 *
 * fsync modes: 'batch' (default) — appends that arrive while an fsync is in flight are written
 * together and share the next fsync; `append` resolves after its fsync. 'always' — one write and
 * one fsync per append. 'off' — `append` resolves once the bytes are handed to the OS: survives
 * the process being killed, not a power cut or kernel crash (use only for throwaway data).
 */
import { promises as fs } from 'node:fs';
import type { FileHandle } from 'node:fs/promises';
import * as path from 'node:path';
import type { DeserializeOptions, Document } from 'bson';
import { acquireLock } from './lock';
import { encodeRecord, parseRecords } from './records';

export type FsyncMode = 'batch' | 'always' | 'off';

export interface JournalOptions {
  dir: string;
  fsync?: FsyncMode;
  /** Journal size that makes `needsCompaction` true (default 64 MiB). */
  compactBytes?: number;
  /** How BSON is read back; default keeps numeric types (Int32, Double, Long) as wrappers. */
  deserialize?: DeserializeOptions;
}

const DEFAULT_COMPACT_BYTES = 64 * 1024 * 1024;
const SNAPSHOT_CHUNK_BYTES = 4 * 1024 * 1024;
const FILE_RE = /^(snapshot|journal)-(\d+)\.(bson|log)$/;

const journalName = (gen: number): string => `journal-${String(gen).padStart(8, '0')}.log`;
const snapshotName = (gen: number): string => `snapshot-${String(gen).padStart(8, '0')}.bson`;

async function fsyncDir(dir: string): Promise<void> {
  const h = await fs.open(dir, 'r');
  try {
    await h.sync();
  } finally {
    await h.close();
  }
}

/** A journal file opened for appending; its directory entry is durable before any write lands. */
class JournalFile {
  readonly ready: Promise<FileHandle>;

  constructor(
    readonly file: string,
    dir: string,
  ) {
    this.ready = fs.open(file, 'a').then(async (h) => {
      await fsyncDir(dir);
      return h;
    });
    this.ready.catch(() => undefined); // surfaced by the writer
  }
}

type Job = { file: JournalFile; data: Buffer | null; done: () => void; fail: (e: Error) => void };

export class Journal {
  private gen: number;
  private file: JournalFile;
  private size: number;
  private queue: Job[] = [];
  private running = false;
  private draining: Promise<void> = Promise.resolve();
  private failed: Error | null = null;
  private closed = false;
  private compacting: Promise<void> = Promise.resolve();
  private release: () => Promise<void> = async () => undefined;

  private constructor(
    private readonly dir: string,
    private readonly mode: FsyncMode,
    private readonly compactBytes: number,
    gen: number,
    size: number,
  ) {
    this.gen = gen;
    this.size = size;
    this.file = new JournalFile(path.join(dir, journalName(gen)), dir);
  }

  /** Bytes in the current journal file (everything since the last snapshot). */
  get sizeBytes(): number {
    return this.size;
  }

  get needsCompaction(): boolean {
    return this.size > this.compactBytes;
  }

  static async open(opts: JournalOptions): Promise<{ journal: Journal; entries: Document[] }> {
    const dir = path.resolve(opts.dir);
    await fs.mkdir(dir, { recursive: true });
    const release = await acquireLock(dir);
    try {
      const opened = await Journal.recover(dir, opts);
      opened.journal.release = release;
      return opened;
    } catch (e) {
      await release();
      throw e;
    }
  }

  private static async recover(dir: string, opts: JournalOptions): Promise<{ journal: Journal; entries: Document[] }> {
    const readOpts: DeserializeOptions = opts.deserialize ?? { promoteValues: false };
    const names = await fs.readdir(dir);
    for (const n of names) if (n.endsWith('.tmp')) await fs.rm(path.join(dir, n), { force: true });
    const found = names.map((n) => FILE_RE.exec(n)).filter((m): m is RegExpExecArray => m !== null);
    const snapshots = found.filter((m) => m[1] === 'snapshot').map((m) => Number(m[2]));
    const base = snapshots.length > 0 ? Math.max(...snapshots) : 0;
    const journals = found.filter((m) => m[1] === 'journal').map((m) => Number(m[2])).filter((g) => g >= base).sort((a, b) => a - b);

    const entries: Document[] = [];
    if (base > 0) {
      const file = path.join(dir, snapshotName(base));
      // A loop, not push(...docs): a snapshot of a few hundred thousand entries overflows the call stack.
      for (const doc of parseRecords(await fs.readFile(file), file, false, readOpts).docs) entries.push(doc);
    }
    const sizes = await Promise.all(journals.map(async (g) => (await fs.stat(path.join(dir, journalName(g)))).size));
    let size = 0;
    for (let i = 0; i < journals.length; i++) {
      const file = path.join(dir, journalName(journals[i]));
      // Only the last journal holding data may end in a torn record: fsyncs happen in file order.
      const isLast = sizes.slice(i + 1).every((s) => s === 0);
      const parsed = parseRecords(await fs.readFile(file), file, isLast, readOpts);
      for (const rec of parsed.docs) for (const e of rec.e as Document[]) entries.push(e);
      if (parsed.tornTail !== undefined) {
        await fs.truncate(file, parsed.goodLength);
        const h = await fs.open(file, 'r+');
        await h.sync().finally(() => h.close());
      }
      size = parsed.goodLength;
    }
    const gen = journals.length > 0 ? journals[journals.length - 1] : Math.max(base, 1);
    if (journals.length === 0 || journals[journals.length - 1] !== gen) size = 0;
    await removeOlderThan(dir, base, names);
    const journal = new Journal(dir, opts.fsync ?? 'batch', opts.compactBytes ?? DEFAULT_COMPACT_BYTES, gen, size);
    await journal.file.ready;
    return { journal, entries };
  }

  /** Durably record the entries (as one all-or-nothing record); resolves once they are on disk. */
  append(entries: Document[]): Promise<void> {
    if (this.closed) return Promise.reject(new Error('journal is closed'));
    if (this.failed) return Promise.reject(this.failed);
    if (entries.length === 0) return Promise.resolve();
    let data: Buffer;
    try {
      data = encodeRecord({ e: entries });
    } catch (e) {
      return Promise.reject(e as Error);
    }
    this.size += data.length;
    return this.enqueue(this.file, data);
  }

  private enqueue(file: JournalFile, data: Buffer | null): Promise<void> {
    return new Promise<void>((done, fail) => {
      this.queue.push({ file, data, done, fail });
      if (!this.running) {
        this.running = true;
        this.draining = this.drain();
      }
    });
  }

  /** Group commit: take everything queued, write it per file in order, fsync, then acknowledge. */
  private async drain(): Promise<void> {
    for (;;) {
      // Cleared in the same synchronous step that sees the queue empty, so no job is stranded.
      if (this.queue.length === 0) {
        this.running = false;
        return;
      }
      const batch = this.mode === 'always' ? this.queue.splice(0, 1) : this.queue.splice(0);
      try {
        if (this.failed) throw this.failed;
        for (let i = 0; i < batch.length; ) {
          let j = i;
          while (j < batch.length && batch[j].file === batch[i].file) j++;
          const bufs = batch.slice(i, j).flatMap((b) => (b.data ? [b.data] : []));
          if (bufs.length > 0) {
            const h = await batch[i].file.ready;
            const data = bufs.length === 1 ? bufs[0] : Buffer.concat(bufs);
            await writeAll(h, data);
            if (this.mode !== 'off') await h.sync();
          }
          i = j;
        }
        for (const b of batch) b.done();
      } catch (e) {
        // After a failed write the file's tail is unknown: refuse further appends.
        this.failed ??= new Error(`journal write failed: ${(e as Error).message}`);
        for (const b of batch) b.fail(this.failed);
      }
    }
  }

  /**
   * Write a snapshot of `state` and start a fresh journal. `state` must reflect every append
   * issued before this call and none after: it is serialized synchronously, in this tick, at
   * the same moment new appends switch to the next journal file.
   */
  compact(state: Iterable<Document>): Promise<void> {
    if (this.closed) return Promise.reject(new Error('journal is closed'));
    const chunks = serializeChunks(state);
    const gen = this.gen + 1;
    const oldFile = this.file;
    this.gen = gen;
    this.file = new JournalFile(path.join(this.dir, journalName(gen)), this.dir);
    this.size = 0;
    const run = this.compacting.then(() => this.writeSnapshot(gen, chunks, oldFile));
    this.compacting = run.catch(() => undefined);
    return run;
  }

  private async writeSnapshot(gen: number, chunks: Buffer[], oldFile: JournalFile): Promise<void> {
    await this.file.ready;
    const final = path.join(this.dir, snapshotName(gen));
    const tmp = `${final}.tmp`;
    const h = await fs.open(tmp, 'w');
    try {
      for (const c of chunks) await writeAll(h, c);
      await h.sync();
    } finally {
      await h.close();
    }
    await fs.rename(tmp, final);
    await fsyncDir(this.dir);
    // Everything queued for the old file has been written once this barrier resolves.
    await this.enqueue(oldFile, null);
    await (await oldFile.ready).close();
    await removeOlderThan(this.dir, gen, await fs.readdir(this.dir));
  }

  /** Wait for pending appends and compactions, then close the file. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.compacting;
    while (this.running) await this.draining;
    const h = await this.file.ready;
    if (this.mode !== 'off' && !this.failed) await h.sync();
    await h.close();
    await this.release();
  }
}

async function writeAll(h: FileHandle, data: Buffer): Promise<void> {
  let off = 0;
  while (off < data.length) {
    const { bytesWritten } = await h.write(data, off, data.length - off);
    off += bytesWritten;
  }
}

/** Snapshot records, one per entry, gathered into chunks of a few MiB for writing. */
function serializeChunks(state: Iterable<Document>): Buffer[] {
  const chunks: Buffer[] = [];
  let parts: Buffer[] = [];
  let bytes = 0;
  for (const entry of state) {
    const rec = encodeRecord(entry);
    parts.push(rec);
    bytes += rec.length;
    if (bytes >= SNAPSHOT_CHUNK_BYTES) {
      chunks.push(Buffer.concat(parts));
      parts = [];
      bytes = 0;
    }
  }
  if (parts.length > 0) chunks.push(Buffer.concat(parts));
  return chunks;
}

async function removeOlderThan(dir: string, gen: number, names: string[]): Promise<void> {
  let removed = false;
  for (const n of names) {
    const m = FILE_RE.exec(n);
    if (m && Number(m[2]) < gen) {
      await fs.rm(path.join(dir, n), { force: true });
      removed = true;
    }
  }
  if (removed) await fsyncDir(dir);
}
