import { Types, type mongo } from 'mongoose';
import { batcher } from '../../../../http/batch-loader';
import { Signup, type SignupDoc } from '../model';

type Pending = { doc: SignupDoc; resolve: (s: SignupDoc) => void; reject: (e: unknown) => void };

async function insertBatch(batch: Pending[]): Promise<void> {
  const failed = new Map<number, { code?: number; errmsg?: string }>();
  try {
    await Signup.collection.insertMany(
      batch.map((p) => p.doc as unknown as mongo.OptionalId<mongo.Document>),
      { ordered: false },
    );
  } catch (err) {
    const writeErrors = (err as { writeErrors?: unknown }).writeErrors;
    if (!Array.isArray(writeErrors) || writeErrors.length === 0) {
      batch.forEach((p) => p.reject(err));
      return;
    }
    for (const we of writeErrors as { index: number; code?: number; errmsg?: string }[]) failed.set(we.index, we);
  }
  batch.forEach((p, i) => {
    const we = failed.get(i);
    if (!we) p.resolve(p.doc);
    // Keeps the server's code (11000 for the one-active-signup index) for the caller.
    else p.reject(Object.assign(new Error(we.errmsg ?? 'signup insert failed'), { code: we.code }));
  });
}

const pushInsert = batcher<Pending>(insertBatch);

export type NewSignup = Pick<SignupDoc, 'shift' | 'activity' | 'team' | 'user' | 'status' | 'start' | 'end' | 'note'> &
  Partial<Pick<SignupDoc, 'activeKey' | 'waitPos' | 'noteHeld' | 'confirmedAt' | 'remindAt'>>;

/**
 * Inserts one new signup with what Signup.create would add (an _id, the schema defaults,
 * timestamps); the typed fields come from the signup command, which checked them. Signups
 * created in the same event-loop turn (or while the previous batch is in flight) go as one
 * unordered insertMany; each caller gets its own document or its own error (E11000 code kept).
 */
export function insertSignup(fields: NewSignup): Promise<SignupDoc> {
  const at = new Date();
  const doc = { _id: new Types.ObjectId(), autoCheckedOut: false, createdAt: at, updatedAt: at } as SignupDoc;
  // Unset optional fields stay absent (the driver would store undefined as null).
  for (const [k, v] of Object.entries(fields)) if (v !== undefined) (doc as unknown as Record<string, unknown>)[k] = v;
  return new Promise((resolve, reject) => pushInsert({ doc, resolve, reject }));
}

