import { Types } from 'mongoose';
import { NoticeRead } from './notices';
import { eraseResident, ResidentCommunity } from './residents';

/** A resident's community data: their chosen community and alert subscription, and which notices they read. */
export async function exportCommunityData(userId: Types.ObjectId) {
  const [resident, reads] = await Promise.all([
    ResidentCommunity.findOne({ user: userId }, { _id: 0, community: 1, inferred: 1, alerts: 1 }).lean(),
    NoticeRead.find({ user: userId }, { _id: 0, notice: 1, at: 1 }).lean(),
  ]);
  return { community: resident, noticesRead: reads };
}

/**
 * Deletion: the choice and subscription go; each read row is cut loose from the person (a fresh
 * id per row, so the rows cannot be joined back to one reader). The notices' read counts keep
 * the number, which names nobody, and still agree with the rows (the read-count invariant).
 */
export async function eraseCommunityData(userId: Types.ObjectId): Promise<void> {
  await eraseResident(String(userId));
  const reads = await NoticeRead.find({ user: userId }, { _id: 1 }).lean();
  if (reads.length) {
    await NoticeRead.bulkWrite(reads.map((r) => ({ updateOne: { filter: { _id: r._id }, update: { $set: { user: new Types.ObjectId() } } } })));
  }
}
