/**
 * Notices' invariants (see server/platform/invariants.ts for how they are checked and repaired).
 * A read is counted in the unit of work that inserts its row, so the count and the rows agree
 * unless a write went around it (older data, a manual fix); the fan-out of an urgent alert
 * finishes unless its process died and the outbox has not redelivered yet.
 */
import type { Types } from 'mongoose';
import { registerInvariants, type Invariant, type Violation } from '../../../platform/invariants';
import { AlertFanout } from './fanout';
import { Notice, NoticeRead } from './model';

/** A fan-out untouched this long is reported (each page saves its position, so a live one moves). */
export const FANOUT_STALL_MS = 10 * 60_000;

/** A notice's read count ⇔ its read rows (one per reader). */
const noticeReadCounts: Invariant = {
  name: 'notice-read-counts',
  check: async () => {
    const counts = await NoticeRead.aggregate<{ _id: Types.ObjectId; n: number }>([{ $group: { _id: '$notice', n: { $sum: 1 } } }]);
    const byNotice = new Map(counts.map((c) => [String(c._id), c.n]));
    const out: Violation[] = [];
    for await (const n of Notice.find({}, { readCount: 1 }).lean().cursor()) {
      const expected = byNotice.get(String(n._id)) ?? 0;
      const found = n.readCount ?? 0;
      if (expected === found) continue;
      out.push({
        invariant: 'notice-read-counts',
        subject: `notice:${String(n._id)}`,
        message: `notice ${String(n._id)} shows ${found} readers, its read records are ${expected}`,
        expected,
        found,
        fix: async () => {
          await Notice.updateOne({ _id: n._id, readCount: n.readCount }, { $set: { readCount: expected } });
        },
      });
    }
    return out;
  },
};

/** An urgent alert's fan-out ⇔ finished, or moving. Redelivery of its event resumes it: no fix here. */
const alertFanoutsFinish: Invariant = {
  name: 'alert-fanouts-finish',
  check: async ({ now }) => {
    const stalled = await AlertFanout.find({ done: false, updatedAt: { $lt: new Date(now.getTime() - FANOUT_STALL_MS) } }).lean();
    return stalled.map((f) => ({
      invariant: 'alert-fanouts-finish',
      subject: `notice:${String(f.notice)}`,
      message: `the urgent alert ${String(f.notice)} reached ${f.sent} subscribers and has not moved since ${f.updatedAt.toISOString()} (the outbox redelivers notice.published to resume it)`,
      expected: 'done',
      found: `stalled after ${f.sent}`,
    }));
  },
};

export const noticeInvariants: Invariant[] = [noticeReadCounts, alertFanoutsFinish];

registerInvariants(noticeInvariants);
