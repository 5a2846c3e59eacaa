import { Types, type mongo } from 'mongoose';
import { batcher } from '../../../../http/batch-loader';
import { Signup, type SignupDoc } from '../model';
import { bulkFailures } from './bulk';

type Pending = { doc: SignupDoc; resolve: (s: SignupDoc) => void; reject: (e: unknown) => void };

type WriteError = { index: number; code?: number; errmsg?: string };

async function insertBatch(batch: Pending[]): Promise<void> {
  const failed = await bulkFailures(
    () =>
      Signup.collection.insertMany(
        batch.map((p) => p.doc as unknown as mongo.OptionalId<mongo.Document>),
        { ordered: false },
      ),
    batch,
  );
  batch.forEach((p, i) => {
    const f = failed.get(i);
    if (f === undefined) return p.resolve(p.doc);
    // A statement's own error keeps the server's code (11000 for the one-active-signup index);
    // a failure of the whole write is passed on as it came.
    const we = f as Partial<WriteError>;
    if (typeof we.index === 'number')
      p.reject(Object.assign(new Error(we.errmsg ?? 'signup insert failed'), { code: we.code }));
    else p.reject(f);
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
