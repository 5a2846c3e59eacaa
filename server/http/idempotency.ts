/**
 * Idempotency-Key for creating POSTs, as kept APIs do it: the first request with a key runs and
 * its answer is stored for 24 h under (key, actor, method + path) with a hash of its body; a
 * retry with the same key and body gets that answer again (`Idempotent-Replayed: true`), the same
 * key with another body is 409 idempotency_conflict. Concurrent duplicates execute once: the
 * first to insert the pending record (a unique _id, one atomic insert) runs, the others wait for
 * its answer. A failed run (an error thrown) removes its record, so the retry runs again.
 * Only signed-in requests take part: a stored anonymous answer (a login) must never be replayed.
 * Generic on purpose: donations reuse it for order creation.
 */
import { createHash } from 'node:crypto';
import mongoose, { Schema, type Model } from 'mongoose';
import { AppError } from './errors';
import type { LinliContext } from './route';

export const IDEMPOTENCY_HEADER = 'Idempotency-Key';
const TTL_SECONDS = 24 * 3600;
/** A pending record older than this was left by a crash: the next retry takes it over. */
const ABANDONED_MS = 60_000;
const WAIT_MS = 15_000;
const POLL_MS = 50;
const KEY_FORMAT = /^[A-Za-z0-9_.:-]{8,128}$/;

interface IdempotencyDoc {
  _id: string;
  bodyHash: string;
  state: 'pending' | 'done';
  status?: number;
  /** The answer as JSON text (keys with $ or dots stay data). */
  body?: string;
  createdAt: Date;
}

const IdempotencySchema = new Schema<IdempotencyDoc>(
  {
    _id: { type: String, required: true },
    bodyHash: { type: String, required: true },
    state: { type: String, enum: ['pending', 'done'], required: true },
    status: Number,
    body: String,
    createdAt: { type: Date, required: true },
  },
  { collection: 'idempotency_keys', versionKey: false },
);
IdempotencySchema.index({ createdAt: 1 }, { expireAfterSeconds: TTL_SECONDS });

export const IdempotencyRecord: Model<IdempotencyDoc> =
  (mongoose.models.IdempotencyRecord as Model<IdempotencyDoc> | undefined) ??
  mongoose.model<IdempotencyDoc>('IdempotencyRecord', IdempotencySchema);

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');
const isDuplicate = (err: unknown) => (err as { code?: number })?.code === 11000;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function replay(ctx: LinliContext, doc: IdempotencyDoc): void {
  ctx.status = doc.status ?? 200;
  ctx.body = doc.body === undefined ? null : (JSON.parse(doc.body) as unknown);
  ctx.set('Idempotent-Replayed', 'true');
}

/** Runs `handler` at most once per (key, actor, route, body) within 24 h; see the file comment. */
export async function runIdempotent(
  ctx: LinliContext,
  actorId: string | undefined,
  handler: () => Promise<void>,
  now: () => Date = () => new Date(),
  windowMs?: number,
): Promise<void> {
  const key = ctx.get(IDEMPOTENCY_HEADER);
  if (!key || ctx.method !== 'POST' || !actorId) return handler();
  if (!KEY_FORMAT.test(key)) {
    throw new AppError('validation_failed', {
      fields: [{ path: IDEMPOTENCY_HEADER, message: '请求标识应为 8–128 位字母、数字或 _ . : -' }],
    });
  }
  const _id = sha256(`${actorId}\n${ctx.method} ${ctx.path}\n${key}`);
  // Raw uploads are not parsed: their declared length stands in for the body.
  const bodyHash = sha256(JSON.stringify(ctx.request.body ?? null) + (ctx.get('content-length') || ''));

  const deadline = Date.now() + WAIT_MS;
  for (;;) {
    const at = now();
    let owned = false;
    try {
      await IdempotencyRecord.create({ _id, bodyHash, state: 'pending', createdAt: at });
      owned = true;
    } catch (err) {
      if (!isDuplicate(err)) throw err;
    }
    if (!owned) {
      const doc = await IdempotencyRecord.findById(_id).lean<IdempotencyDoc>();
      if (!doc) continue; // removed after a failed run meanwhile: try to own it
      if (doc.bodyHash !== bodyHash) throw new AppError('idempotency_conflict');
      if (doc.state === 'done' && windowMs !== undefined && doc.createdAt.getTime() < at.getTime() - windowMs) {
        // Past the route's window: forget the answer (guarded on it) and run again.
        await IdempotencyRecord.deleteOne({ _id, state: 'done', createdAt: doc.createdAt });
        continue;
      }
      if (doc.state === 'done') return replay(ctx, doc);
      const takenOver = await IdempotencyRecord.findOneAndUpdate(
        { _id, state: 'pending', createdAt: { $lt: new Date(at.getTime() - ABANDONED_MS) } },
        { $set: { createdAt: at } },
      ).lean();
      if (!takenOver) {
        if (Date.now() > deadline) throw new AppError('idempotency_in_progress');
        await sleep(POLL_MS);
        continue;
      }
    }
    try {
      await handler();
    } catch (err) {
      await IdempotencyRecord.deleteOne({ _id, state: 'pending' });
      throw err;
    }
    const body = ctx.body as unknown;
    const storable =
      body === null ||
      body === undefined ||
      (typeof body === 'object' && !Buffer.isBuffer(body) && typeof (body as { pipe?: unknown }).pipe !== 'function');
    if (storable && ctx.status < 500) {
      await IdempotencyRecord.updateOne(
        { _id },
        { $set: { state: 'done', status: ctx.status, body: body === undefined ? undefined : JSON.stringify(body) } },
      );
    } else {
      await IdempotencyRecord.deleteOne({ _id, state: 'pending' });
    }
    return;
  }
}
