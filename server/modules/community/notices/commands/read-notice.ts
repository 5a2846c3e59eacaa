import { Types } from 'mongoose';
import type { AppDeps } from '../../../../deps';
import { inUnitOfWork } from '../../../../platform/unit-of-work';
import { Notice, NoticeRead } from '../model';

/**
 * Counts a reader once: an upsert of (notice, user) on its unique index, and the notice's counter
 * raised only when that upsert inserted — both in one unit of work, so the count and the rows
 * cannot drift apart. Returns whether this was the first read.
 */
export async function recordRead(deps: AppDeps, noticeId: Types.ObjectId, userId: string): Promise<boolean> {
  if (!Types.ObjectId.isValid(userId)) return false;
  return inUnitOfWork(deps, async () => {
    const r = await NoticeRead.updateOne(
      { notice: noticeId, user: new Types.ObjectId(userId) },
      { $setOnInsert: { at: deps.now() } },
      { upsert: true },
    );
    if (r.upsertedCount !== 1) return false;
    await Notice.updateOne({ _id: noticeId }, { $inc: { readCount: 1 } });
    return true;
  }).catch((e: { code?: number }) => {
    // The same reader's two first reads raced: the other one counted it.
    if (e.code === 11000) return false;
    throw e;
  });
}
