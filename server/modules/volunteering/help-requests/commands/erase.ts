import type { Types } from 'mongoose';
import { HelpRequest } from '../model';

/**
 * Account deletion (volunteering/privacy.ts): the author's open requests close, and every request
 * of theirs loses its description, address and location. Idempotent.
 */
export async function eraseHelpRequestsOf(user: Types.ObjectId, now: Date): Promise<void> {
  await HelpRequest.updateMany(
    { author: user, status: { $in: ['pending_review', 'published', 'taken'] } },
    { $set: { status: 'closed', closedAt: now } },
  );
  await HelpRequest.updateMany(
    { author: user, $or: [{ description: { $ne: '' } }, { address: { $ne: '' } }, { location: { $exists: true } }] },
    { $set: { description: '', address: '' }, $unset: { location: 1 } },
  );
}
