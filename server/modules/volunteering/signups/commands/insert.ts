import { Types, type mongo } from 'mongoose';
import type { AppDeps } from '../../../../deps';
import { batcher } from '../../../../http/batch-loader';
import type { NewEvent } from '../../../../platform/outbox/event';
import type { OutboxEventDoc } from '../../../../platform/outbox/model';
import { insertOutboxDocs } from '../../../../platform/outbox/store';
import { deliverEvents } from '../../../../platform/outbox/dispatcher';
import { outboxDocs } from '../../../../platform/unit-of-work';
import { Signup, type SignupDoc } from '../model';

type Pending = { deps: AppDeps; doc: SignupDoc; events: NewEvent[]; resolve: (s: SignupDoc) => void; reject: (e: unknown) => void };

type WriteError = { index: number; code?: number; errmsg?: string };

/** A statement's own error keeps the server's code (11000 for the one-active-signup index). */
const statementError = (we: WriteError): Error =>
  Object.assign(new Error(we.errmsg ?? 'signup insert failed'), { code: we.code });

/**
 * The signups of one turn and their events as one transaction: an unordered insertMany of the
 * rows, then their outbox events. A row refused by a unique index aborts the transaction (as
 * MongoDB does with any write error in one); that caller gets its error and the rest go again
 * without it. A failure of the whole write is passed to every caller as it came.
 */
async function insertBatch(batch: Pending[]): Promise<void> {
  let live = batch;
  while (live.length > 0) {
    let events: OutboxEventDoc[] = [];
    try {
      await live[0].deps.db.connection.transaction(async (session) => {
        await Signup.collection.insertMany(
          live.map((p) => p.doc as unknown as mongo.OptionalId<mongo.Document>),
          { ordered: false, session },
        );
        events = outboxDocs(live.flatMap((p) => p.events), live[0].deps.now());
        if (events.length > 0) await insertOutboxDocs(events, session);
      });
    } catch (err) {
      const writeErrors = (err as { writeErrors?: WriteError[] | WriteError }).writeErrors;
      const list = Array.isArray(writeErrors) ? writeErrors : writeErrors ? [writeErrors] : [];
      if (list.length === 0) {
        live.forEach((p) => p.reject(err));
        return;
      }
      const failed = new Map(list.map((we) => [we.index, we]));
      live.forEach((p, i) => failed.has(i) && p.reject(statementError(failed.get(i)!)));
      live = live.filter((_, i) => !failed.has(i));
      continue;
    }
    live.forEach((p) => p.resolve(p.doc));
    // Delivered after the batch, not awaited: the next turn's rows must not queue behind this
    // turn's messages (whatever is not delivered stays pending for the dispatcher). Each event
    // is the first of its signup, so none waits for an earlier one.
    const due = events.filter((e) => e.status === 'pending').map((e) => e._id);
    if (due.length > 0) void deliverEvents(live[0].deps, due, { firstOfAggregate: true });
    return;
  }
}

const pushInsert = batcher<Pending>(insertBatch);

export type NewSignup = Pick<SignupDoc, 'shift' | 'activity' | 'team' | 'user' | 'status' | 'start' | 'end' | 'note'> &
  Partial<Pick<SignupDoc, 'activeKey' | 'waitPos' | 'noteHeld' | 'confirmedAt' | 'remindAt'>>;

/**
 * Inserts one new signup with what Signup.create would add (an _id, the schema defaults,
 * timestamps), and the events `eventsOf` makes for it, in one transaction. Signups created in
 * the same event-loop turn (or while the previous batch is in flight) go together (insertBatch);
 * each caller gets its own document or its own error (E11000 code kept).
 */
export function insertSignup(
  deps: AppDeps,
  fields: NewSignup,
  eventsOf: (signup: SignupDoc) => NewEvent[] = () => [],
): Promise<SignupDoc> {
  const at = new Date();
  const doc = { _id: new Types.ObjectId(), autoCheckedOut: false, createdAt: at, updatedAt: at } as SignupDoc;
  // Unset optional fields stay absent (the driver would store undefined as null).
  for (const [k, v] of Object.entries(fields)) if (v !== undefined) (doc as unknown as Record<string, unknown>)[k] = v;
  return new Promise((resolve, reject) => pushInsert({ deps, doc, events: eventsOf(doc), resolve, reject }));
}
