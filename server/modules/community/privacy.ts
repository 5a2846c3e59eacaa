import type { Types } from 'mongoose';
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
 * Deletion: the choice and subscription go; read rows go too (the notices' read counts keep the
 * number, which names nobody).
 */
export async function eraseCommunityData(userId: Types.ObjectId): Promise<void> {
  await eraseResident(String(userId));
  await NoticeRead.deleteMany({ user: userId });
}
